"""Incidents: the claims of one case split into occurrences by kind, method and date.

Decisions (``../shared/spec/incidents.md`` leaves these open):

* A dated claim joins an incident of its case within :data:`DATE_WINDOW_DAYS` whose METHOD
  categories it shares (or that has none); an undated one joins the incident of the claim
  before it in the same document, else an incident of the same categories; a claim with
  neither a date nor a method nor a previous incident stays at case level. A later trial
  or sentence has another date, so it is another incident.
* How reports tell events refines this: a standing situation ("faces trial", "remains in
  jail", kind ``status``) joins no incident and carries no memory; a claim naming the
  target goes back to the last incident its report told about the target, past an aside
  on suspects or officials; a claim dated only by a year other than the incident before
  it is background, not that news; a report's opening sentences about the target without
  a date or kind of their own join the first act the report then tells about the target
  (past proceedings, often old background), else the case's act.
* A date next to a verb of telling, "the same day", a date inside an ``until`` clause or
  an aside between commas does not date the claim's event (:func:`_not_the_event`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from tnr_claims.cases.model import _Claim
from tnr_claims.records import ClaimRecord, DocumentRecord
from tnr_claims.rules.loader import PatternSet, default_patterns

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


# --------------------------------------------------------------------------- kinds and dates


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
