"""Transcripts: a paragraph opened by a speaker's label ("QUIRÓS: Over the past two years
...") is that speaker's, down to its last sentence (``SOURCE_RULES`` id
``transcript_label``).

A document is read as a transcript when at least ``MIN_LABELS`` paragraphs open with a
label and at least two labels differ (an interviewer and a guest). A label names the
person the document names in full whose name holds all its words ("QUIRÓS" is "Daniela
Quirós", introduced by the host); a label that names no one, or more than one person,
gives no source. Only sentences with no speaker of their own take the label's: those with
no attribution, and those whose speaker is the label's own first person ("we have seen",
"our clients believe"). A named speaker inside the answer ("the court said") keeps the
sentence, as does an unnamed one ("police said": no one named says it).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tnr_claims.claims.index import Analysis, DocIndex

LABEL = re.compile(r"(?m)^[ \t]*([A-ZÀ-Þ][\w’'.\-]*(?:[ \t]+[A-ZÀ-Þ][\w’'.\-]*){0,2})[ \t]*:[ \t]")
"""A paragraph's opening label: one to three capitalised words and a colon."""

MIN_LABELS = 4
"""How many labelled paragraphs make a document a transcript."""

FIRST_PERSON_SUBJECTS = frozenset({"i", "we", "our", "my"})


def transcript_sources(index: DocIndex, analyses: list[Analysis]) -> None:
    """Give each unattributed sentence of a labelled paragraph its speaker's name."""
    text = index.doc.text
    labels = [m for m in LABEL.finditer(text) if m.group(1).casefold() not in ("q", "a")]
    if len(labels) < MIN_LABELS or len({m.group(1).casefold() for m in labels}) < 2:
        return
    people = {
        ref.record.name for ref in index.spans if ref.record.label == "PERSON" and ref.record.name
    }
    starts = [m.start() for m in labels]
    for analysis in analyses:
        if analysis.source is not None or not _speaks_for_itself(index, analysis):
            continue
        char = analysis.sentence.start_char
        k = bisect_right(starts, char) - 1
        if k < 0 or "\n" in text[labels[k].end() : char]:
            continue  # not in a labelled paragraph
        name = _labelled_person(labels[k].group(1), people)
        if name is not None:
            analysis.source, analysis.source_rule = name, "transcript_label"


def _speaks_for_itself(index: DocIndex, analysis: Analysis) -> bool:
    """No attribution at all, or one to the paragraph's own first person."""
    if analysis.source_rule is None:
        return True
    cue = analysis.source_cue
    if analysis.source_rule != "unnamed_speaker" or cue is None:
        return False
    subjects = [
        c for t in cue for c in t.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < t.i
    ]
    return any(
        s.lower_ in FIRST_PERSON_SUBJECTS
        or any(c.dep_ == "poss" and c.lower_ in FIRST_PERSON_SUBJECTS for c in s.children)
        for s in subjects
    )


def _labelled_person(label: str, people: set[str]) -> str | None:
    """The one person whose name holds every word of ``label`` (case aside)."""
    words = label.casefold().split()
    found = {name for name in people if all(w in name.casefold().split() for w in words)}
    return next(iter(found)) if len(found) == 1 else None
