"""Linking: claims -> cases (by target identity) -> incidents (by method, place and date).

Decisions (``../shared/spec/incidents.md`` leaves these open):

* A claim joins a case when it names a target; the names of one person across documents
  are one identity (:mod:`tnr_claims.cases.names`). A one-word name ("Vell") joins a full
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
* Incidents: a dated claim joins an incident of its case within :data:`DATE_WINDOW_DAYS`
  whose METHOD categories it shares (or that has none); an undated one joins the incident
  of the claim before it in the same document, else an incident of the same categories;
  a claim with neither a date nor a method nor a previous incident stays at case level.
  A later trial or sentence has another date, so it is another incident. How reports
  tell events refines this: a standing situation ("faces trial", "remains in jail", kind
  ``status``) joins no incident and carries no memory; a claim naming the target goes
  back to the last incident its report told about the target, past an aside on suspects
  or officials; a claim dated only by a year other than the incident before it is
  background, not that news; a report's opening sentences about the target without a
  date or kind of their own join the first act the report then tells about the target
  (past proceedings, often old background), else the case's act. A date next to a verb
  of telling, "the same day", a date inside an ``until`` clause or an aside between
  commas does not date the claim's event (:func:`_not_the_event`).
* Ids hash content (sorted canonical targets, perpetrator, first date; an incident's case,
  categories, date and host), never input order.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from tnr_claims.cases.names import PersonName, block_key, parse_name, same_person
from tnr_claims.records import ClaimRecord, DocumentRecord
from tnr_claims.rules.loader import PatternSet, default_patterns

MAX_TIED_TARGETS = 3
"""A claim naming more targets than this (a list of victims) ties none of them together."""

DATE_WINDOW_DAYS = 3
"""Dated claims of one case at most this far apart (and of one kind) are one incident."""

PROCEEDINGS_METHODS = frozenset({"PROSECUTION"})
"""METHOD codes of proceedings (charge, trial, sentence): an incident apart from the act."""

ONCE_KINDS = frozenset({"act", "execution"})
"""Kinds of occurrence that happen once to a target: undated claims of these kinds join
across reports."""

CASE_LEVEL_KINDS = frozenset({"status"})
"""Kinds that tell a standing situation ("faces trial", "remains in jail"), no occurrence:
such a claim joins no incident and carries no memory to the claims after it."""

NEUTRAL_METHODS = frozenset({"DETENTION"})
"""METHOD codes that belong to the act and to the proceedings alike (custody)."""

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


# --------------------------------------------------------------------------- reading


def _kind_rules(patterns: PatternSet | None) -> list[tuple[str, re.Pattern[str]]]:
    rules = (patterns or default_patterns()).incident_kind_rules
    return [(rule.kind, _compile(rule.regex)) for rule in rules]


@lru_cache(maxsize=64)
def _compile(regex: str) -> re.Pattern[str]:
    return re.compile(regex, re.IGNORECASE)


WORD_LISTS: tuple[str, ...] = (
    "TELLING_VERBS",
    "SAME_DAY_WORDS",
    "LATER_CLAUSE_WORDS",
    "ASIDE_OPENERS",
)
"""The word lists of ``lexicons.jsonl`` that linking reads (which DATE dates the event)."""

_WORD = re.compile(r"[\w'’]+")


@dataclass(frozen=True)
class _DateWords:
    """The word lists that tell a DATE of the event from a date of something else."""

    telling: frozenset[str]
    same_day: frozenset[str]
    later_clause: frozenset[str]
    aside: frozenset[str]


def _date_words(patterns: PatternSet) -> _DateWords:
    words = patterns.lexicons
    return _DateWords(
        telling=frozenset(w.lower() for w in words.TELLING_VERBS),
        same_day=frozenset(w.lower() for w in words.SAME_DAY_WORDS),
        later_clause=frozenset(w.lower() for w in words.LATER_CLAUSE_WORDS),
        aside=frozenset(w.lower() for w in words.ASIDE_OPENERS),
    )


def _in_aside(before: str, after: str, words: _DateWords) -> bool:
    """Whether a DATE stands in an aside between commas that a relative word or a participle
    opens ("Vell, seized in May 2021, was jailed"), with the main act outside it."""
    if "," not in before or "," not in after:
        return False
    opening = _WORD.findall(before.rsplit(",", 1)[1].lower())
    if not opening:
        return False
    first = opening[0]
    return first in words.aside or (first.endswith("ed") and len(first) > 4)


def _not_the_event(before: str, surface: str, after: str, words: _DateWords) -> bool:
    """Whether a DATE (``surface``, between ``before`` and ``after`` in its sentence) dates
    something other than the event the sentence tells.

    * next to a verb of telling ("said on Monday that", "on Tuesday rejected"; one adverb
      or auxiliary may stand between): the day of the telling (codebook: a date on the
      reporting verb does not make an incident);
    * a pointer back to a day told before ("on the same day", "that evening"): the claim
      belongs to the incident before it and starts none;
    * inside a clause opened by ``until`` ("held until the ruling took effect on 18 May"),
      with no comma or semicolon between: the time of that clause, not of the main act;
    * inside an aside between commas ("Vell, seized in May 2021, was jailed"): the time of
      the aside (:func:`_in_aside`).
    """
    bare = re.sub(r"^(?:on|in|at)\s+", "", surface.strip().lower())
    if bare in words.same_day:
        return True
    clause = re.split(r"[,;:]", before)[-1].lower()
    if any(w.lower() in words.later_clause for w in _WORD.findall(clause)):
        return True
    if _in_aside(before, after, words):
        return True
    prior = [w.lower() for w in _WORD.findall(before)][-2:]
    if prior and prior[-1] == "on":
        prior = prior[:-1]
    following = [w.lower() for w in _WORD.findall(after)][:2]
    if prior and prior[-1] in words.telling:
        return True
    if following and following[0] in words.telling:
        return True
    return (
        len(following) == 2
        and following[1] in words.telling
        and (following[0].endswith("ly") or following[0] in {"had", "has", "have"})
    )


def _event_dates(record: DocumentRecord, claim: ClaimRecord, words: _DateWords) -> tuple[str, ...]:
    """The claim's dates less those that every DATE span of the sentence giving them shows
    to date something else (see :func:`_not_the_event`); a date with no span stays."""
    start, end = claim.start, claim.end
    text = record.text
    other: set[str] = set()
    kept: set[str] = set()
    for span in record.spans:
        if span.label != "DATE" or span.value is None or not start <= span.start < end:
            continue
        value = str(span.value)
        if _not_the_event(text[start : span.start], span.text, text[span.end : end], words):
            other.add(value)
        else:
            kept.add(value)
    return tuple(v for v in claim.dates if v not in other or v in kept)


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


# --------------------------------------------------------------------------- incidents


def _parse_date(value: str) -> date | None:
    """A claim date as a calendar day (month precision -> the 1st); ``None`` without a year."""
    parts = value.split("-")
    if len(parts) < 2 or not parts[0].isdigit() or len(parts[0]) != 4:
        return None
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2]) if len(parts) > 2 else 1)
    except ValueError:
        return None


def _event_date(claim: _Claim, year: int | None = None) -> tuple[date, str] | None:
    """The claim's earliest date; a date without a year (``--03-31``) takes ``year``."""
    values = list(claim.dates)
    if year is not None:
        values = [f"{year}{v[1:]}" if v.startswith("--") else v for v in values]
    dated = [(d, v) for v in values if (d := _parse_date(v)) is not None]
    return min(dated) if dated else None


def _kind(claim: _Claim) -> str | None:
    """The claim's kind by rule, else ``proceedings`` for a prosecution, ``act`` for another
    METHOD, else ``None``."""
    if claim.kind:
        return claim.kind
    methods = set(claim.methods) - NEUTRAL_METHODS
    if methods & PROCEEDINGS_METHODS:
        return "proceedings"
    return "act" if methods else None


@dataclass
class _Draft:
    claims: list[_Claim] = field(default_factory=list)
    day: date | None = None
    label: str | None = None
    kind: str | None = None

    def add(self, claim: _Claim) -> None:
        self.claims.append(claim)
        self.kind = self.kind or _kind(claim)


def _compatible(draft: _Draft, kind: str | None) -> bool:
    return kind is None or draft.kind is None or draft.kind == kind


def _document_years(claims: list[_Claim]) -> dict[str, int]:
    """Per document, the latest year its claims' dates name (for dates without a year)."""
    years: dict[str, int] = {}
    for claim in claims:
        for value in claim.dates:
            if value[:4].isdigit():
                years[claim.ref.doc_id] = max(years.get(claim.ref.doc_id, 0), int(value[:4]))
    return years


def _same_time(draft: _Draft, day: date, label: str) -> bool:
    """Whether a date falls in an incident's time: within the window, or in the same month
    when either date says only the month."""
    if draft.day is None or draft.label is None:
        return False
    if (len(label) == 7 or len(draft.label) == 7) and label[:7] == draft.label[:7]:
        return True
    return abs((draft.day - day).days) <= DATE_WINDOW_DAYS


def _same_kind(drafts: list[_Draft], kind: str | None, doc_id: str) -> _Draft | None:
    """An incident for an undated claim of ``kind`` that does not follow the claim before it.

    The act a case is about, or an execution, happens once: every report's undated claim
    of that kind joins the incident of that kind with most claims. Proceedings, responses
    and commemorations recur (a trial, later a sentence), so an undated one joins only an
    incident of its own report.
    """
    if kind is None:
        return None
    same = [d for d in drafts if d.kind == kind]
    if kind not in ONCE_KINDS:
        same = [d for d in same if any(c.ref.doc_id == doc_id for c in d.claims)]
    return max(same, key=lambda d: len(d.claims)) if same else None


def _incidents(claims: list[_Claim]) -> list[_Draft]:
    """The incidents of one case's claims (see the module docstring)."""
    years = _document_years(claims)
    claims = [c for c in claims if _kind(c) not in CASE_LEVEL_KINDS]
    when = {c.ref: _event_date(c, years.get(c.ref.doc_id)) for c in claims}
    drafts: list[_Draft] = []
    # claims of a known kind first: a date with no kind of its own ("the arrest of Vell in
    # May 2021") then joins the act of that time before a trial that recalls the same month
    dated = sorted(
        (c for c in claims if when[c.ref]),
        key=lambda c: (_kind(c) is None, when[c.ref], c.ref),
    )
    for claim in dated:
        day, label = when[claim.ref]  # type: ignore[misc]
        kind = _kind(claim)
        fitting = [d for d in drafts if _same_time(d, day, label) and _compatible(d, kind)]
        draft = next((d for d in fitting if d.kind == "act"), fitting[0] if fitting else None)
        if draft is None:
            draft = _Draft(day=day, label=label)
            drafts.append(draft)
        draft.add(claim)
    placed = {c.ref: d for d in drafts for c in d.claims}
    previous: dict[str, _Draft] = {}
    named: dict[str, _Draft] = {}
    opening: dict[str, list[_Claim]] = {}
    for claim in sorted(claims, key=lambda c: c.ref):
        doc_id = claim.ref.doc_id
        if claim.ref in placed:
            draft = placed[claim.ref]
        else:
            before = named.get(doc_id) if claim.targets else None
            draft = _place_undated(claim, drafts, before or previous.get(doc_id))
            if draft is None:
                if claim.targets and doc_id not in previous:
                    opening.setdefault(doc_id, []).append(claim)
                continue
        previous[doc_id] = draft
        if claim.targets:
            named[doc_id] = draft
            if draft.kind is None or draft.kind in ONCE_KINDS:
                for early in opening.pop(doc_id, []):
                    draft.add(early)
    for doc_id, early_claims in opening.items():
        # the report told no act about the target after them: the case's act, if any
        act = _same_kind(drafts, "act", doc_id)
        for early in early_claims if act is not None else ():
            act.add(early)
    return drafts


def _earlier_background(claim: _Claim, before: _Draft | None) -> bool:
    """Whether a claim dated by years only tells another time than the incident before it
    ("was jailed in 2006" after an attack of 2018): background, not the news it follows."""
    years = {int(v) for v in claim.dates if len(v) == 4 and v.isdigit()}
    if not years or len(years) != len(claim.dates) or before is None or before.day is None:
        return False
    return before.day.year not in years


def _place_undated(claim: _Claim, drafts: list[_Draft], before: _Draft | None) -> _Draft | None:
    """The incident of an undated claim: the one of the claim before it in its report when
    the kinds agree, else one of the same kind, else a new one (``None``: no incident)."""
    kind = _kind(claim)
    draft = None if _earlier_background(claim, before) else before
    if draft is None or not _compatible(draft, kind):
        draft = _same_kind(drafts, kind, claim.ref.doc_id)
    if draft is None and kind is None:
        return None
    if draft is None:
        draft = _Draft()
        drafts.append(draft)
    draft.add(claim)
    return draft


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
