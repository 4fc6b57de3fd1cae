"""tnr-claims: structured, source-anchored claims from reports about transnational repression.

The package is laid out one module per stage the data passes through::

    ingest -> segment -> nlp (spaCy model + components) -> extract (Doc -> records)
           -> export / evaluate / review / report / batch, driven by cli

See README.md for the data flow and ``codebook`` for the label contract.
"""

__version__ = "0.1.0"
