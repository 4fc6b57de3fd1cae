"""People named beside a role the small model leaves untagged or misreads.

Proper names right after a role noun ("the activist Sok Dara") or a possessed family noun
("her husband Moses Okello", "his cousin Than Win", whatever the tagger made of a
title-case word), before an apposition that gives one (", a Dutch-Somali educator"), or
set off by commas after an office holder and the body he speaks for ("A spokesman for the
prosecution service, Jomo Kariuki, said") are people. Context rule
``PERSON.role_apposition``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from tnr_claims.nlp.provenance import derive, is_bare_model, make
from tnr_claims.nlp.spans import compound_start
from tnr_claims.rules.loader import Lexicons


def role_named_people(doc: Doc, spans: list[Span], words: Lexicons) -> list[Span]:
    """Untagged proper names next to a role noun become PERSON spans.

    "the activist Sok Dara" or "her husband Moses Okello" (role before) and "Ilhan Demir, a
    Dutch-Somali educator" (role in an apposition after) name people even where the small
    model tags nothing.
    The name is two to four proper-noun tokens, none covered by another span, or a
    model ORG or place span of proper nouns in that position (the small model often calls
    unfamiliar names organisations or places), extended left over the untagged
    proper-noun compounds of its head ("Ana" in a model ORG "Reyes"); the span carries
    the context rule ``PERSON.role_apposition``. A one-word place stays a place ("Lima, a
    city ..." has no role noun; "Lima, the activist" is one word and not relabelled).
    """
    covered = [False] * len(doc)
    for span in spans:
        for i in range(span.start, span.end):
            covered[i] = True
    relabelled: list[Span] = []
    for span in spans:
        start = compound_start(
            doc,
            span.start,
            range(span.start, span.end),
            lambda i: not covered[i],
            title=False,
        )
        if (
            span.label_ in ("ORG", "LOCATION")
            and is_bare_model(span)
            and span.end - start >= 2
            and all(t.pos_ == "PROPN" for t in span)
            and (
                _role_before(doc, start, words)
                or _role_after(doc, span.end, words)
                or _office_phrase_before(doc, start, span.end, words)
            )
        ):
            span = derive(span, "PERSON.role_apposition", "label", label="PERSON", start=start)
            for i in range(span.start, span.end):
                covered[i] = True
        elif (
            span.label_ == "PERSON"
            and span.start > 1
            and not covered[span.start - 1]
            and _titled(doc[span.start - 1])
            and doc[span.start - 1].lower_ not in words.HONORIFICS
            and _role_before(doc, span.start - 1, words)
        ):
            # 'his cousin [Than] Naing Htun': the tagger read the first word as 'than'
            span = derive(span, "PERSON.role_apposition", "extent", start=span.start - 1)
            covered[span.start] = True
        relabelled.append(span)
    spans = relabelled
    from spacy.attrs import IS_TITLE, POS
    from spacy.symbols import PROPN

    found: list[Span] = []
    n = len(doc)
    columns = doc.to_array([POS, IS_TITLE]).tolist() if n else []
    proper = [pos == PROPN and title == 1 for pos, title in columns]
    i = 0
    while i < n:
        if covered[i] or columns[i][1] != 1:
            i += 1  # a name opens on a title-case word: the role test only there
            continue
        j = i
        before = _role_before(doc, i, words)
        while j < n and j - i < 4 and not covered[j] and (proper[j] or before and _titled(doc[j])):
            j += 1  # after a role, a title-case word the tagger read otherwise ('his cousin Than')
        while j - i >= 2 and not proper[j - 1]:
            j -= 1
        if j - i >= 2 and (before or _role_after(doc, j, words)):
            found.append(make(doc, i, j, "PERSON", "PERSON.role_apposition"))
            i = j
            continue
        i = max(j, i + 1)
    return sorted([*spans, *found], key=lambda s: (s.start, s.end))


def _titled(token: Token) -> bool:
    """A title-case word inside its sentence: part of a name whatever its tag."""
    return token.is_title and not token.is_sent_start and token.is_alpha


def _role_before(doc: Doc, start: int, words: Lexicons) -> bool:
    """A role noun right before the name ('the activist Sok Dara'), or a possessed singular
    family noun ('her husband Moses Okello'; not 'punishing their families, Exile Watch
    said', where the name starts a new clause)."""
    if start > 0 and doc[start - 1].lower_ in words.DESCRIPTION_NOUNS:
        return True
    k = start - 1
    return (
        k > 0
        and doc[k].lower_ in words.FAMILY_NOUNS
        and doc[k].tag_ == "NN"
        and doc[k - 1].lower_ in ("his", "her", "their", "'s", "’s")
    )


def _role_after(doc: Doc, end: int, words: Lexicons) -> bool:
    """After a name, ", a (Dutch-Somali) educator": a comma, an article and a role noun
    within 5 tokens; or an office noun ("spokesman", "director") that the parse makes an
    apposition to the name (", the group's director said" after an organisation is not)."""
    if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ not in ("a", "an", "the"):
        return False
    window = doc[end + 2 : min(len(doc), end + 7)]
    if any(t.lower_ in words.DESCRIPTION_NOUNS for t in window):
        return True
    return any(
        t.lower_ in words.OFFICE_NOUNS and t.dep_ == "appos" and t.head.i == end - 1 for t in window
    )


def _office_phrase_before(doc: Doc, start: int, end: int, words: Lexicons) -> bool:
    """'A spokesman for the prosecution service, Jomo Kariuki, said': a name set
    off by commas after an office holder and the body he speaks for (the parser often
    hangs it on the body). Up to eight words back from the comma: an article, a singular
    office noun, 'for', 'of' or 'at', then no other punctuation."""
    if start < 4 or doc[start - 1].text != "," or end >= len(doc) or doc[end].text != ",":
        return False
    for k in range(start - 2, max(0, start - 10), -1):
        token = doc[k]
        if token.is_punct:
            return False
        if (
            token.lower_ in words.OFFICE_NOUNS
            and token.tag_ == "NN"
            and doc[k - 1].lower_ in ("a", "an", "the")
            and doc[k + 1].lower_ in ("for", "of", "at")
        ):
            return True
    return False
