"""The records of linking: claim references, cases and incidents, and what linking reads of a
claim (:class:`_Claim`), shared by case grouping (:mod:`tnr_claims.cases.link`) and
incident splitting (:mod:`tnr_claims.cases.incidents`)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class ClaimRef:
    """A claim by its document and sentence offsets (as in ``records.jsonl``)."""

    doc_id: str
    start: int
    end: int


@dataclass
class _Claim:
    """What linking reads of one claim (no text: memory stays small)."""

    ref: ClaimRef
    targets: tuple[str, ...]
    methods: tuple[str, ...]
    dates: tuple[str, ...]
    perpetrators: tuple[str, ...]
    hosts: tuple[str, ...]
    role: str | None
    type: str
    kind: str | None = None
    """The kind of occurrence by ``incident_kinds.jsonl`` (``None``: no rule matched)."""


@dataclass
class Incident:
    """One occurrence of a case: its methods, date, host state and claims."""

    incident_id: str
    methods: list[str]
    date: str | None
    host_state: str | None
    claims: list[ClaimRef]


@dataclass
class Case:
    """One case: targets, dyad, incidents and every claim that supports it."""

    case_id: str
    targets: list[str]
    perpetrator_states: list[str]
    host_states: list[str]
    host_role: str | None
    methods: list[str]
    first_date: str | None
    last_date: str | None
    documents: list[str]
    claims: list[ClaimRef]
    incidents: list[Incident] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        """The ``incidents.jsonl`` line of this case (the shape of ``incidents.md``)."""

        def refs(claims: list[ClaimRef]) -> list[dict[str, object]]:
            return [{"doc_id": c.doc_id, "start": c.start, "end": c.end} for c in claims]

        return {
            "case_id": self.case_id,
            "targets": self.targets,
            "perpetrator_states": self.perpetrator_states,
            "host_states": self.host_states,
            "host_role": self.host_role,
            "methods": self.methods,
            "first_date": self.first_date,
            "last_date": self.last_date,
            "documents": self.documents,
            "claims": refs(self.claims),
            "incidents": [
                {
                    "incident_id": i.incident_id,
                    "methods": i.methods,
                    "date": i.date,
                    "host_state": i.host_state,
                    "claims": refs(i.claims),
                }
                for i in self.incidents
            ],
        }


@dataclass
class Linking:
    """The cases of a collection, in the order of their ids."""

    cases: list[Case]

    def case_of(self) -> dict[ClaimRef, str]:
        """Claim -> case id, for every linked claim."""
        return {ref: case.case_id for case in self.cases for ref in case.claims}

    def incident_of(self) -> dict[ClaimRef, str]:
        """Claim -> incident id, for every claim in an incident."""
        return {
            ref: incident.incident_id
            for case in self.cases
            for incident in case.incidents
            for ref in incident.claims
        }
