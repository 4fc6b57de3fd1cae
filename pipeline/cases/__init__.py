"""Cases and incidents: claims of a whole collection linked by target, perpetrator and event.

``link(records)`` reads every :class:`~tnr_claims.records.DocumentRecord` of a collection
and returns a :class:`Linking` (cases, each with its incidents and claims);
``write_links(linking, out_dir)`` writes ``incidents.jsonl`` and the ``cases``,
``incidents`` and ``case_claims`` Parquet tables. The contract is
``../shared/spec/incidents.md``.
"""

from tnr_claims.cases.link import Case, ClaimRef, Incident, Linking, link
from tnr_claims.cases.output import write_links

__all__ = ["Case", "ClaimRef", "Incident", "Linking", "link", "write_links"]
