"""Speakers named where a sentence closes: '..., Human Rights Watch said.', '..., his
lawyer, Ana Ruiz, said.', and '..., the judgment states.' that the parser reads as one noun
phrase ('judgment states')."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tnr_claims.claims.index import DocIndex, Sentence


def closing_speaker(index: DocIndex, sentence: Sentence, verb: int) -> int | None:
    """'..., Human Rights Watch said.', '..., his lawyer, Ana Ruiz, said.': a name right
    before a reporting verb that closes the sentence after a comma speaks, whatever the
    parser hung the name on (it often joins it to a name earlier in the sentence); or the
    document noun of :func:`closing_document`."""
    if index.pos[verb] != "VERB" or index.dep[verb] == "appos":
        return closing_document(index, sentence, verb)
    if any(
        c.dep_ in ("ccomp", "xcomp", "dobj", "nsubj") and c.i > verb for c in index.children(verb)
    ):
        # '..., X said that ...' reports what follows, '..., said the reporter, B': the
        # parse decides
        return None
    end = verb
    if end - 1 > sentence.span.start and index.lower[end - 1] == ",":
        end -= 1  # '..., his lawyer, Ana Ruiz, said': the name set off before the verb
    if (
        end - 3 > sentence.span.start
        and index.lower[end - 1] == ")"
        and index.lower[end - 3] == "("
    ):
        end -= 3  # '..., the Prosecution Authority (NPA) said': past its abbreviation
    ref = index.named(end - 1) if end > sentence.span.start else None
    if ref is None or ref.end != end:
        return None
    opener = phrase_start(index, ref.start, sentence.span.start)
    if opener > sentence.span.start and index.lower[opener - 1] in (",", "—", "–"):
        return ref.root
    return None


def phrase_start(index: DocIndex, start: int, lo: int) -> int:
    """Where the noun phrase ending in the name at ``start`` begins: before a describing
    phrase set before the name ('..., his brother Youssef Omar said'), also a title-case
    office and the organisation it is of ('..., European Council President Ana Ruiz said')."""
    k = start
    while k > lo and start - k < 4:
        ref = index.span_at[k - 1]
        if ref < 0 and (index.pos[k - 1] in ("DET", "ADJ", "NOUN") or index.tag[k - 1] == "PRP$"):
            k -= 1
        elif ref < 0 and index.lower[k - 1] in index.words.OFFICE_NOUNS:
            k -= 1  # 'President', 'Minister' read as part of a proper name
        elif (
            ref >= 0
            and index.spans[ref].record.label in ("ORG", "LOCATION")
            and k < start
            and index.lower[k] in index.words.OFFICE_NOUNS
        ):
            k = index.spans[ref].start  # the organisation or state of that office
        else:
            break
    return k


def closing_document(index: DocIndex, sentence: Sentence, verb: int) -> int | None:
    """'..., the judgment states.', '..., the report says.': a reporting word closing the
    sentence that the parser hung under the document noun before it, as a plural noun or a
    verb in apposition ('judgment states'); that document noun speaks (a report is its
    author, a judgment its court). Not '..., in the member states.': the noun phrase must
    follow a comma."""
    after = range(verb + 1, sentence.span.end)
    if any(index.pos[k] not in ("PUNCT", "SPACE") for k in after):
        return None
    words = index.words
    documents = words.REPORT_NOUNS | words.COURT_DOCUMENT_NOUNS | words.CHARGE_DOCUMENT_NOUNS
    noun = verb - 1
    if noun <= sentence.span.start or index.lemma[noun] not in documents:
        return None
    if index.head[noun] != verb or index.dep[noun] != "compound":
        return None
    k = noun - 1
    while k > sentence.span.start and (index.pos[k] in ("DET", "ADJ") or index.tag[k] == "PRP$"):
        k -= 1
    return noun if index.lower[k] == "," else None
