"""The ``claims`` sub-commands and what every command shares.

:mod:`tnr_claims.cli` is the entry point that assembles them.
"""
