"""Text before the model: ingest (files -> Documents), zones (segment), long-text chunking."""
