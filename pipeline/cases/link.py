"""Linking: claims -> cases (by target identity) -> incidents (by method, place and date).

Decisions (``../shared/spec/incidents.md`` leaves these open):

* A claim joins a case when it names a target; the names of one person across documents
  are one identity (:mod:`tnr_claims.normalise.identity`). A one-word name ("Vell") joins a full
  name of the same document only; across documents it never merges on its own.
* Targets named together in one claim of at most :data:`MAX_TIED_TARGETS` names are tied
  by one act: their identities are one case.
* A claim whose only targets are one-word names its document never gives in full (an
  unresolved "Vell") joins the case of the claim before it in its document, if any.
* A claim that names no target but reports a specific act (claim type ``incident``, or a
  claim with a METHOD or a dyad state that is not a recommendation) joins the case of the
  claim before it in the same document (document memory), or the first case named after
  it; claims with neither a target nor an act join no case.
* The case's perpetrator is the state its claims name most often; host states are the
  hosts its claims name, most named first; ``host_role`` the most named role.
* Incidents split each case by kind, method and date (:mod:`tnr_claims.cases.incidents`).
* Ids hash content (sorted canonical targets, perpetrator, first date; an incident's case,
  categories, date and host), never input order.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator

from tnr_claims.cases.incidents import (
    _date_words,
    _event_date,
    _event_dates,
    _incidents,
    _kind_rules,
)
from tnr_claims.cases.model import Case, ClaimRef, Incident, Linking, _Claim
from tnr_claims.normalise.identity import PersonName, block_key, parse_name, same_person
from tnr_claims.records import DocumentRecord
from tnr_claims.rules.loader import PatternSet, default_patterns

MAX_TIED_TARGETS = 3
"""A claim naming more targets than this (a list of victims) ties none of them together."""

EVENT_TYPES = frozenset({"incident"})
"""Claim types that report a specific act: such a claim joins a case without naming a target."""

NO_EVENT_TYPES = frozenset({"recommendation"})
"""Claim types that never report an act, whatever they mention."""


def _reports_an_act(claim: _Claim) -> bool:
    """Whether a claim without a target still reports a specific act (so it may join a case).

    An ``incident`` claim does; so does any other claim (but a recommendation) that names
    a METHOD, a perpetrator or host state, or an occurrence of ``incident_kinds.jsonl``
    (a trial, a sentence, an official response).
    """
    if claim.type in EVENT_TYPES:
        return True
    if claim.type in NO_EVENT_TYPES:
        return False
    return bool(claim.methods or claim.perpetrators or claim.hosts or claim.kind)


# --------------------------------------------------------------------------- reading


def _claims(
    records: Iterable[DocumentRecord],
    people: dict[str, list[str]],
    patterns: PatternSet | None = None,
) -> Iterator[_Claim]:
    """What linking needs of every claim; ``people`` gets each document's full person names."""
    patterns = patterns or default_patterns()
    kinds = _kind_rules(patterns)
    words = _date_words(patterns)
    for record in records:
        names = {s.name or s.text for s in record.spans if s.label == "PERSON"}
        people[record.doc_id] = sorted(n for n in names if " " in n.strip())
        for claim in record.claims:
            yield _Claim(
                ref=ClaimRef(record.doc_id, claim.start, claim.end),
                targets=tuple(claim.targets),
                methods=tuple(claim.methods),
                dates=_event_dates(record, claim, words),
                perpetrators=tuple(claim.perpetrator_states),
                hosts=tuple(claim.host_states),
                role=claim.host_role,
                type=claim.type,
                kind=next((kind for kind, regex in kinds if regex.search(claim.text)), None),
            )


class _Union:
    """Union-find over hashable keys."""

    def __init__(self) -> None:
        self.parent: dict[object, object] = {}

    def find(self, key: object) -> object:
        self.parent.setdefault(key, key)
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:
            self.parent[key], key = root, self.parent[key]
        return root

    def union(self, a: object, b: object) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb, key=repr)] = min(ra, rb, key=repr)  # type: ignore[index]


def _names(
    claims: list[_Claim], people: dict[str, list[str]]
) -> tuple[dict[str, PersonName], set[tuple[str, str]], dict[str, list[PersonName]]]:
    """Full names (with their parse), one-word target names by document, full names by doc."""
    full: dict[str, PersonName] = {}
    partial: set[tuple[str, str]] = set()
    by_doc: dict[str, list[PersonName]] = {}
    named = [(doc_id, name) for doc_id, names in people.items() for name in names]
    named += [(c.ref.doc_id, name) for c in claims for name in c.targets]
    for doc_id, name in named:
        parsed = parse_name(name)
        if parsed is None:
            continue
        if parsed.full:
            full[name] = parsed
            by_doc.setdefault(doc_id, []).append(parsed)
        else:
            partial.add((doc_id, name))
    return full, partial, by_doc


def _identities(
    claims: list[_Claim], people: dict[str, list[str]]
) -> dict[tuple[str, str], object]:
    """``(doc_id, name) -> identity key`` for every target name of ``claims``.

    ``people`` (document -> full names of its PERSON spans) lets a one-word target take
    the full name its document gives elsewhere.
    """
    union = _Union()
    full, partial, by_doc = _names(claims, people)
    blocks: dict[str, list[PersonName]] = {}
    for parsed in full.values():
        blocks.setdefault(block_key(parsed), []).append(parsed)
    for block in blocks.values():
        for i, a in enumerate(block):
            union.find(a.original)
            for b in block[i + 1 :]:
                if same_person(a, b):
                    union.union(a.original, b.original)
    keys: dict[tuple[str, str], object] = {}
    for claim in claims:
        for name in claim.targets:
            if name in full:
                keys[(claim.ref.doc_id, name)] = union.find(name)
    for doc_id, name in partial:
        keys[(doc_id, name)] = _resolve_partial(doc_id, name, by_doc.get(doc_id, []), union)
    _relatives(claims, keys, full, union)
    return keys


def _relatives(
    claims: list[_Claim],
    keys: dict[tuple[str, str], object],
    full: dict[str, PersonName],
    union: _Union,
) -> None:
    """A lone given name beside a full name in one claim ("Sergei and Yulia Vell"): when the
    given name with that surname is a person named in full elsewhere, it is that person."""
    by_surname: dict[str, list[PersonName]] = {}
    for parsed in full.values():
        by_surname.setdefault(parsed.surname, []).append(parsed)
    for claim in claims:
        doc_id = claim.ref.doc_id
        lone = [n for n in claim.targets if isinstance(keys.get((doc_id, n)), tuple)]
        named = [full[n] for n in claim.targets if n in full]
        for name in lone:
            word = keys[(doc_id, name)][2]  # type: ignore[index]
            for other in named:
                guess = PersonName(given=word, surname=other.surname, original=name)
                found = {
                    union.find(p.original)
                    for p in by_surname.get(other.surname, [])
                    if same_person(p, guess)
                }
                if len(found) == 1:
                    keys[(doc_id, name)] = found.pop()
                    break


def _resolve_partial(doc_id: str, name: str, in_doc: list[PersonName], union: _Union) -> object:
    """A one-word name: the one full name of its document it is part of, else its own key."""
    parsed = parse_name(name)
    assert parsed is not None
    word = parsed.surname
    matches = {union.find(p.original) for p in in_doc if word in (p.surname, p.given)}
    if len(matches) > 1:
        matches = {union.find(p.original) for p in in_doc if word == p.surname}
    if len(matches) == 1:
        return matches.pop()
    return ("partial", doc_id, word)


def _weak(key: object) -> bool:
    """Whether an identity is a one-word name its document gives in full nowhere."""
    return isinstance(key, tuple) and key[:1] == ("partial",)


def _group_cases(claims: list[_Claim], people: dict[str, list[str]]) -> list[list[_Claim]]:
    """Claims grouped into cases (see the module docstring)."""
    keys = _identities(claims, people)
    union = _Union()
    for claim in claims:
        ids = [keys[(claim.ref.doc_id, n)] for n in claim.targets if (claim.ref.doc_id, n) in keys]
        for key in ids:
            union.find(key)
        if 1 < len(ids) <= MAX_TIED_TARGETS:
            for key in ids[1:]:
                union.union(ids[0], key)
    weight = Counter(
        union.find(keys[(c.ref.doc_id, n)])
        for c in claims
        for n in c.targets
        if (c.ref.doc_id, n) in keys
    )
    groups: dict[object, list[_Claim]] = {}
    waiting: dict[str, list[_Claim]] = {}
    previous: dict[str, object] = {}
    for claim in sorted(claims, key=lambda c: c.ref):
        doc_id = claim.ref.doc_id
        ids = [keys[(doc_id, n)] for n in claim.targets if (doc_id, n) in keys]
        if ids and doc_id in previous and all(_weak(union.find(k)) for k in ids):
            ids = []  # only one-word names nobody in the document has in full: memory wins
        if ids:
            roots = {union.find(k) for k in ids}
            root = max(roots, key=lambda r: (weight[r], repr(r)))
            for early in waiting.pop(doc_id, []):
                groups.setdefault(root, []).append(early)
        elif not _reports_an_act(claim):
            continue
        elif doc_id in previous:
            root = previous[doc_id]
        else:
            waiting.setdefault(doc_id, []).append(claim)
            continue
        previous[doc_id] = root
        groups.setdefault(root, []).append(claim)
    return list(groups.values())


# --------------------------------------------------------------------------- assembling


def _digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:8]


def _ranked(values: Iterable[str | None]) -> list[str]:
    counts = Counter(v for v in values if v)
    return [v for v, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _canonical_targets(claims: list[_Claim]) -> list[str]:
    """One spelling per person: the most used full spelling (then the longest)."""
    spellings: dict[object, Counter[str]] = {}
    names: list[PersonName] = []
    for claim in claims:
        for name in claim.targets:
            parsed = parse_name(name)
            if parsed is not None and parsed.full:
                names.append(parsed)
    groups: list[list[PersonName]] = []
    for parsed in names:
        for group in groups:
            if same_person(group[0], parsed):
                group.append(parsed)
                break
        else:
            groups.append([parsed])
    for k, group in enumerate(groups):
        spellings[k] = Counter(p.original for p in group)
    chosen = [
        sorted(c.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]
        for c in spellings.values()
    ]
    if not chosen:
        chosen = _ranked(n for c in claims for n in c.targets)[:1]
    return sorted(chosen)


def _case(claims: list[_Claim]) -> Case:
    perpetrators = _ranked(p for c in claims for p in c.perpetrators)[:1]
    hosts = [h for h in _ranked(h for c in claims for h in c.hosts) if h not in perpetrators]
    roles = _ranked(c.role for c in claims if c.role and c.role != "unknown")
    role = roles[0] if roles else ("unknown" if perpetrators or hosts else None)
    dates = sorted(d for c in claims if (d := _event_date(c)))
    targets = _canonical_targets(claims)
    first = dates[0][1] if dates else None
    case_id = "c-" + _digest("|".join(targets), ",".join(perpetrators), first)
    incidents = []
    for draft in _incidents(claims):
        methods = sorted({m for c in draft.claims for m in c.methods})
        host = _ranked(h for c in draft.claims for h in c.hosts if h not in perpetrators)
        refs = sorted(c.ref for c in draft.claims)
        incident_id = "i-" + _digest(case_id, ",".join(methods), draft.label, refs[0].doc_id)
        incidents.append(
            Incident(incident_id, methods, draft.label, host[0] if host else None, refs)
        )
    incidents.sort(key=lambda i: (i.date or "9999", i.incident_id))
    return Case(
        case_id=case_id,
        targets=targets,
        perpetrator_states=perpetrators,
        host_states=hosts,
        host_role=role,
        methods=sorted({m for c in claims for m in c.methods}),
        first_date=first,
        last_date=dates[-1][1] if dates else None,
        documents=sorted({c.ref.doc_id for c in claims}),
        claims=sorted(c.ref for c in claims),
        incidents=incidents,
    )


def link(records: Iterable[DocumentRecord], patterns: PatternSet | None = None) -> Linking:
    """Link the claims of a whole collection into cases and incidents.

    Reads each record once and keeps only what linking needs of each claim (no text),
    so memory grows with the number of claims, not with the documents' size.
    """
    people: dict[str, list[str]] = {}
    claims = list(_claims(records, people, patterns))
    cases = [_case(group) for group in _group_cases(claims, people)]
    seen: Counter[str] = Counter()
    for case in sorted(cases, key=lambda c: (c.case_id, c.claims[0])):
        seen[case.case_id] += 1
        if seen[case.case_id] > 1:
            case.case_id = f"{case.case_id}-{seen[case.case_id]}"
    return Linking(sorted(cases, key=lambda c: c.case_id))
