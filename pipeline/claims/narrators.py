"""Who "I" is in a document: the narrator of a first-person piece, or the one an interview
answers for.

- **The narrator.** A first-person piece (an op-ed, a testimony, a thread) names its
  author in a byline ("By X"), a bio line ("X is an engineer ...") or a post's author line
  ("X (@handle)") among its first sentences, or (a
  letter) signs it with the name alone on a line among its last; "I", "me", "my" outside
  quotations stand for that person when the document uses them at least
  ``MIN_FIRST_PERSON`` times.
- **Interviews.** In an interview (two or more "Q:" questions) the narrator is the one its
  introduction opens on, not the byline's interviewer, and its unattributed answers are
  that person's (``interview_answer``, in :mod:`tnr_claims.claims.build`).
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.attrs import LOWER

from tnr_claims.claims.index import DocIndex
from tnr_claims.claims.mentions import FIRST_PERSON
from tnr_claims.nlp.signatures import signature_line
from tnr_claims.nlp.spans import tokens_with

MIN_FIRST_PERSON = 3
"""First-person pronouns outside quotations that make a document first-person."""

NARRATOR_SENTENCES = 4
"""How far into the document the byline or bio line may stand."""


def narrator(index: DocIndex, sentences: list, *, interview: bool = False) -> str | None:
    """The named author of a first-person document (see module), else ``None``; in an
    ``interview`` (:func:`questions`), the one its introduction opens on."""
    found = [i for i in tokens_with(index.doc, LOWER, FIRST_PERSON) if index.pos[i] == "PRON"]
    if len(found) < MIN_FIRST_PERSON:
        return None
    starts = [sentence.span.start for sentence in sentences]
    first_person = 0
    for i in found:
        k = bisect_right(starts, i) - 1
        if k >= 0 and i < sentences[k].span.end:
            unquoted = not sentences[k].has_quote and not sentences[k].starts_in_quote
            first_person += unquoted
    if first_person < MIN_FIRST_PERSON:
        return None
    for sentence in sentences[:NARRATOR_SENTENCES] if interview else ():
        guest = _guest_of(index, sentence)
        if guest is not None:
            return guest  # 'Host A speaks with B, a journalist who fled': B answers
    for sentence in sentences[:NARRATOR_SENTENCES]:
        for ref in sentence.spans:
            if ref.record.label != "PERSON" or not ref.record.name:
                continue
            root = ref.root
            # an interview's byline is its interviewer's, not the one who answers
            byline = (
                not interview
                and ref.start > sentence.span.start
                and index.lower[ref.start - 1] == "by"
            )
            bio = index.dep[root] == "nsubj" and index.lemma[index.head[root]] == "be"
            # an interview's introduction opens on the one who answers
            introduced = interview and index.dep[root] in ("nsubj", "nsubjpass")
            handle = ref.start == sentence.span.start and _with_a_handle(index, ref.end)
            if byline or bio or introduced or handle:
                return ref.record.name
    return None if interview else _signed_by(index, sentences[-NARRATOR_SENTENCES:])


INTERVIEW_VERBS = frozenset({"speak", "talk", "interview", "chat", "sit", "meet", "join"})
"""Verbs an interview's introduction has its host do with the guest ('A speaks with B',
'A interviews B', 'A sat down with B')."""


def _guest_of(index: DocIndex, sentence) -> str | None:
    """The person an interview's introduction has its host speak with, talk to or
    interview ('Host A speaks with B', 'A sat down with B'): the guest, whose are the
    answers. The host's own name is not needed (the model may misread it)."""
    objects = []
    for verb in range(sentence.span.start, sentence.span.end):
        if index.lemma[verb] not in INTERVIEW_VERBS or index.pos[verb] != "VERB":
            continue
        if not index.has_child(verb, ("nsubj",)):
            continue
        objects += [c.i for c in index.children(verb) if c.dep_ == "dobj"]
        for prep in index.children(verb):
            if prep.dep_ in ("prep", "prt") and prep.lower_ in ("with", "to", "down"):
                objects += [c.i for c in prep.children if c.dep_ == "pobj"]
                objects += [g.i for c in prep.children if c.dep_ == "prep" for g in c.children]
    for ref in sentence.spans:
        if ref.record.label == "PERSON" and ref.record.name and ref.root in objects:
            return ref.record.name
    return None


def _with_a_handle(index: DocIndex, end: int) -> bool:
    """A name followed by a social-media handle and then a separator or the line's end,
    '(@ana_ruiz) ·' or '@ana_ruiz |': a post's or a thread's author line ("Ana Ruiz
    (@ana_ruiz) · Lisbon · 3 May 2024"); not a handle in a sentence ('Tom Vell (@tvell),
    called me a traitor')."""
    n = len(index.lower)
    k = end + 1 if end < n and index.lower[end] == "(" else end
    if k >= n or not index.lower[k].startswith("@"):
        return False
    k += 1
    if k < n and index.lower[k] == ")":
        k += 1
    return k >= n or index.lower[k] in AUTHOR_LINE_MARKS or not index.lower[k].strip()


AUTHOR_LINE_MARKS = frozenset({"·", "•", "|", "-", "–", "—"})
"""What follows the handle on an author line: a separator before the place or date."""


def _signed_by(index: DocIndex, sentences: list) -> str | None:
    """The person whose name is the document's sign-off line
    (:func:`tnr_claims.nlp.signatures.signature_line`): a letter's or an op-ed's
    signature ("Ana Ruiz" above "Leeds, 3 May 2024")."""
    line = signature_line(index.text)
    if line is None:
        return None
    for sentence in reversed(sentences):
        for ref in sentence.spans:
            record = ref.record
            if record.label == "PERSON" and record.name and (record.start, record.end) == line:
                return record.name
    return None


MIN_QUESTIONS = 2
"""How many 'Q:' questions make a document an interview."""


def questions(index: DocIndex, sentences: list) -> list[int]:
    """The numbers of the sentences opening with a 'Q:' (or 'Q.') label."""
    found = []
    for number, sentence in enumerate(sentences):
        k = sentence.span.start
        if k + 1 < len(index.lower) and index.lower[k] == "q" and index.lower[k + 1] in (":", "."):
            found.append(number)
    return found
