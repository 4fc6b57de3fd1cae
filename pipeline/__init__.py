"""tnr-claims: structured, source-anchored claims from reports about transnational repression.

The package is laid out one folder per stage the data passes through::

    text/ (ingest, segment, chunking) -> nlp/ (spaCy model + tnr_* components)
        -> normalise/ (span surfaces -> codebook fields) -> claims/ (sentences -> claims)
        -> extract.Pipeline (one Doc -> one DocumentRecord)
        -> export / evaluation/ / review/ / run/ (batch, engines, store), driven by cli

``codebook`` holds the label contract, ``records`` the pydantic records every consumer
reads, ``rules/`` the one loader of the rule data in ``patterns/``, ``errors`` the one-line
errors, ``provenance`` the code hash that goes into every fingerprint.
"""

__version__ = "0.1.0"
