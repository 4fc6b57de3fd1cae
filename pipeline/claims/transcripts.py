"""Transcripts: a paragraph opened by a speaker's label ("QUIRÓS: Over the past two years
...") is that speaker's, down to its last sentence (``SOURCE_RULES`` id
``transcript_label``).

A document is read as a transcript when at least ``MIN_LABELS`` paragraphs open with a
label and at least two labels differ (an interviewer and a guest). A label names the
person the document names in full whose name holds all its words ("QUIRÓS" is "Daniela
Quirós", introduced by the host); a label that fits several people ("RAHIMI" for a guest
and her brother) is the one an earlier label named, else the one the document does not
name as someone's relative ("my sister, Leila Rahimi"); one that names no one, or more
than one person still, gives no source. Only sentences with no speaker of their own take the
label's: those with no attribution, and those whose speaker is the label's own first
person ("we have seen", "our clients believe"). A named speaker inside the answer ("the
court said") keeps the sentence, as does an unnamed one ("police said": no one named says
it).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from tnr_claims.claims.genders import agrees
from tnr_claims.nlp.speaker_labels import LABEL, PERSONAL_TITLES, RECORD_LABEL

if TYPE_CHECKING:
    from tnr_claims.claims.index import Analysis, DocIndex, Memory, Sentence, SpanRef

MIN_LABELS = 4
"""How many labelled paragraphs make a document a transcript."""

FIRST_PERSON_SUBJECTS = frozenset({"i", "we", "our", "my"})


class Transcript:
    """The labelled paragraphs of a transcript: where each label stands and whom it names."""

    def __init__(self, text: str, labels: list[tuple[int, int, str | None]]) -> None:
        self.text = text
        self.labels = labels
        """``(start, end, person)`` of each label, in document order (``person`` None when
        the label names no one or more than one person)."""
        self._starts = [start for start, _, _ in labels]

    def speaker_at(self, char: int) -> str | None:
        """The person whose labelled paragraph holds the character offset ``char``."""
        k = self._label_at(char)
        return None if k is None else self.labels[k][2]

    def addressee_at(self, char: int) -> str | None:
        """Whom the labelled paragraph holding ``char`` speaks to: the one person named by
        the other labels (the host's 'you' is the guest, even where 'HOST:' names no one)."""
        k = self._label_at(char)
        if k is None:
            return None
        speaker = self.labels[k][2]
        others = {person for _, _, person in self.labels if person and person != speaker}
        return next(iter(others)) if len(others) == 1 else None

    def _label_at(self, char: int) -> int | None:
        k = bisect_right(self._starts, char) - 1
        if k < 0 or "\n" in self.text[self.labels[k][1] : char]:
            return None  # not in a labelled paragraph
        return k

    def is_label(self, start: int, end: int) -> bool:
        """Whether the characters ``start:end`` (a name) lie inside a label ('PARK:')."""
        k = bisect_right(self._starts, start) - 1
        return k >= 0 and end <= self.labels[k][1]


def transcript_of(index: DocIndex) -> Transcript | None:
    """The document's transcript labels, when it is one (see module docstring)."""
    text = index.text
    labels = _labels(text, index.words.HONORIFICS)
    if len(labels) < MIN_LABELS or len({words for _, _, words in labels}) < 2:
        return None
    people = {
        ref.record.name for ref in index.spans if ref.record.label == "PERSON" and ref.record.name
    }
    relatives = {  # 'my sister, Leila Rahimi': a relative named, no speaker of a label
        ref.record.name
        for ref in index.spans
        if ref.record.label == "PERSON"
        and ref.start >= 2
        and index.lemma[ref.start - (2 if index.lower[ref.start - 1] == "," else 1)]
        in index.words.FAMILY_NOUNS
    }
    resolved: list[tuple[int, int, str | None]] = []
    speakers: set[str] = set()  # 'PARISA RAHIMI:' makes a later 'RAHIMI:' her, not her brother
    for start, end, names in labels:
        person = next(
            (
                found
                for words in names
                for found in (
                    _labelled_person(words, people),
                    _labelled_person(words, speakers),
                    _labelled_person(words, people - relatives),
                )
                if found is not None
            ),
            None,
        )
        if person is not None:
            speakers.add(person)
        resolved.append((start, end, person))
    return Transcript(text, resolved)


def _labels(text: str, titles: frozenset[str]) -> list[tuple[int, int, tuple[str, ...]]]:
    """Each paragraph label's ``(start, end, words)``: ``words`` are the label's candidate
    names, titles dropped ('Mr Vell' is 'vell'); a record label's opening words, then its
    notes ('The Minister (Mr Tom Vell)' names Tom Vell; '(Lab)' names no one)."""

    def untitled(words: str) -> str:
        kept = words.split()
        while len(kept) > 1 and kept[0].casefold().rstrip(".") in titles:
            kept = kept[1:]
        return " ".join(kept).casefold()

    found: dict[int, tuple[int, int, tuple[str, ...]]] = {}
    for m in LABEL.finditer(text):
        if m.group(1).casefold() not in ("q", "a"):
            found[m.start(1)] = (m.start(1), m.end(), (untitled(m.group(1)),))
    for m in RECORD_LABEL.finditer(text):
        if not _a_speakers_label(m):
            continue  # 'Omar Haddad (blogger, 34): detained in May' is a list's entry
        notes = re.findall(r"\(([^()]*)\)", m.group(2))
        names = tuple(untitled(w) for w in (m.group(1), *notes) if w.strip())
        found[m.start(1)] = (m.start(1), m.end(), names)
    return [found[k] for k in sorted(found)]


def transcript_sources(transcript: Transcript | None, analyses: list[Analysis]) -> None:
    """Give each unattributed sentence of a labelled paragraph its speaker's name."""
    if transcript is None:
        return
    for analysis in analyses:
        if analysis.source is not None or not _speaks_for_itself(analysis):
            continue
        name = transcript.speaker_at(analysis.sentence.start_char)
        if name is not None:
            analysis.source, analysis.source_rule = name, "transcript_label"


def _speaks_for_itself(analysis: Analysis) -> bool:
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


def first_person(memory: Memory, sentence: Sentence) -> str | None:
    """Whom 'I' and 'my' outside quotations stand for: the speaker whose labelled paragraph
    holds the sentence, else the document's narrator (an op-ed's author)."""
    transcript = memory.transcript
    if transcript is not None and (speaker := transcript.speaker_at(sentence.start_char)):
        return speaker
    return memory.mentions.narrator if memory.mentions is not None else None


def not_the_narrator(
    memory: Memory, sentence: Sentence, name: str | None, pronoun: str, number: int
) -> str | None:
    """Whom a third-person ``pronoun`` resolved to ``name`` stands for in the passage of one
    who says 'I' there: never that one ('... my mother, Ana Ruiz. They did not arrest her'
    is the mother), but another person named last before, if the pronoun fits; still that
    one where no one else was named since ('Ana Ruiz is a journalist. Police detained her':
    an op-ed's bio line)."""
    if name is None or name != first_person(memory, sentence):
        return name
    recent = memory.last_person
    if recent is not None and recent[0] != name and agrees(memory, recent[0], pronoun):
        return recent[0]
    return name


def second_person(memory: Memory, sentence: Sentence) -> str | None:
    """Whom 'you' stands for in a labelled paragraph ('HOST: police put a bounty on your
    head' is the guest's head)."""
    transcript = memory.transcript
    return transcript.addressee_at(sentence.start_char) if transcript is not None else None


def is_label(memory: Memory, ref: SpanRef) -> bool:
    """Whether a PERSON mention is a paragraph's speaker label ('PARK: ...'), no mention of
    that person in the text (the next 'he' is not her)."""
    transcript = memory.transcript
    return transcript is not None and transcript.is_label(ref.record.start, ref.record.end)


def _a_speakers_label(m: re.Match[str]) -> bool:
    """A record label names its speaker by a title ('Ms Ana Ruiz (Leeds North) (Lab):',
    'The Minister (Mr Tom Vell):') or a role in capitals ('REPORTER (Radio Kestrel):');
    a name and a note without either ('Omar Haddad (blogger, 34):') is a list's entry."""
    if m.group(1).isupper():
        return True
    parts = [m.group(1), *re.findall(r"\(([^()]*)\)", m.group(2))]
    return any(
        len(words := part.split()) > 1
        and words[0].casefold().rstrip(".") in PERSONAL_TITLES - {"the"}
        for part in parts
    )
