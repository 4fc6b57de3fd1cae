"""An act told again: by its head noun ('a 2% "rehabilitation tax" ... refused to pay the
tax') or by a plain word for sending people away ('those removed').

Once the document has named an act with a noun phrase of two or more words whose head is a
noun ('the diaspora tax', 'a red notice'), a later definite mention of that head noun alone
('the tax', 'this notice') with no other span over it is the same kind of act: a METHOD of
the same code, context rule ``<CODE>.same_act_again``. Generic heads that name a
procedure rather than the act ('the request', 'the case') are left out (``GENERIC_HEADS``).

An act told again by another, plainer word: where the document tells a deportation, forced
return, extradition or abduction, 'those removed', 'were expelled', 'every return', 'sent
home' with people as their patient are that kind of act (:func:`removals_told_again`).
"""

from __future__ import annotations

from spacy.attrs import LEMMA
from spacy.tokens import Doc, Span, Token

from tnr_claims.nlp.provenance import derive, make, provenance_of
from tnr_claims.nlp.spans import tokens_with
from tnr_claims.rules.loader import Lexicons

DEFINITE = frozenset({"the", "this", "that", "these", "those", "such"})
"""Determiners that point back to something told."""

GENERIC_HEADS = frozenset(
    {
        "request",
        "case",
        "decision",
        "order",
        "law",
        "rule",
        "process",
        "procedure",
        "system",
        "programme",
        "program",
        "campaign",
        "policy",
        "practice",
        "list",
        "service",
        "centre",
        "center",
        "station",
        "office",
        "operation",
        "conspiracy",
        "plot",
        "scheme",
        "network",
        "activity",
        "effort",
        "matter",
    }
)
"""Head nouns too general to stand for one kind of act on their own."""


def acts_told_again(doc: Doc, spans: list[Span], words: Lexicons) -> list[Span]:
    """METHOD spans for later definite mentions of an act's head noun (see module); a head
    that names people ('the families', 'the exiles') is the people acted on, not the act."""
    people = words.FAMILY_NOUNS | words.PEOPLE_LEMMAS
    named: dict[str, Span] = {}  # head lemma -> the act's first telling
    for span in spans:
        root = span.root
        lemma = root.lemma_.lower()
        if (
            span.label_ == "METHOD"
            and len(span) >= 2
            and root.i == span.end - 1  # head-final: 'a red notice', not 'families of ...'
            and root.pos_ == "NOUN"
            and lemma not in GENERIC_HEADS
            and lemma not in people
            and root.lower_ not in people
            and lemma not in named
        ):
            named[lemma] = span
    if not named:
        return spans
    covered = {i for span in spans for i in range(span.start, span.end)}
    found = []
    for i in tokens_with(doc, LEMMA, named):
        token = doc[i]
        first = named[token.lemma_.lower()]
        if (
            i < first.end
            or i in covered
            or token.pos_ != "NOUN"
            or any(c.dep_ == "compound" for c in token.children)
            or not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in token.children)
        ):
            continue
        code = (provenance_of(first).code_rule() or first.id_).split(".", 1)[0]
        # the first telling's rule and code, on the one word that tells it again
        found.append(derive(first, f"{code}.same_act_again", "code", start=i, end=i + 1))
    return sorted([*spans, *found], key=lambda s: (s.start, s.end)) if found else spans


REMOVAL_CODES = frozenset({"DEPORTATION", "FORCED_RETURN", "EXTRADITION", "ABDUCTION"})
"""Codes of taking a person from one state to another: the memory the words below need."""

AWAY_PARTICLES = frozenset({"home", "back"})
"""'sent home', 'flown back': without one, send, fly and bring say nothing of a return."""

PARTICLE_VERBS = frozenset({"send", "fly", "bring"})
"""Return words that need one of ``AWAY_PARTICLES`` and are never the act as nouns."""

VERB_ONLY = PARTICLE_VERBS | {"hand"}
"""Lemmas never the act as nouns ('changed hands', 'tigers and flies')."""

HANDING_TO = frozenset({"over", "back", "to"})
"""'handed over', 'handed back', 'handed to officers': not 'handed prison terms'."""

EVERY_WORDS = frozenset({"every", "each", "any", "all", "no"})
"""Determiners that make a singular act noun a kind of act ('every return is voluntary')."""

GROUP_PRONOUNS = frozenset(
    {"those", "everyone", "anyone", "all", "some", "many", "others", "several", "most"}
)
"""Pronouns and quantifiers that stand for the people taken ('those removed')."""

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
PLACE_WORDS = frozenset({"country", "camp", "territory", "state", "home", "abroad", "border"})
"""What people are sent away from ('from Kenya', 'from the camp'), not 'from power'."""

RECEIVERS = frozenset({"officer", "official", "authority", "police", "agent", "service"})
"""Those a person is handed to ('a handover to officers of the security service')."""

PEOPLE_COUNT_NOUNS = frozenset({"dozen", "hundred", "thousand"})
"""Noun lemmas that count people ('hundreds of refugees sent home')."""


def removals_told_again(doc: Doc, spans: list[Span], words: Lexicons) -> list[Span]:
    """Plain words for sending people away, read as acts where the document tells one (a
    headline before the body too).

    'removed', 'expelled', 'handed to', 'returned', 'sent home', 'flown back', 'brought
    back' and the nouns 'removals', 'handovers', 'returns' are ambiguous alone (a post is
    removed, a tax return filed, a traveller flies home). Where the document tells a
    deportation, forced return, extradition or abduction, one of them whose patient is
    people (a person, a people noun, a count, 'those') is that kind of act again:
    DEPORTATION for the words of ``REMOVAL_WORDS_AGAIN``, FORCED_RETURN for those of
    ``RETURN_WORDS_AGAIN``; context rule ``<CODE>.removal_told_again``. A verb must be
    passive, a participle describing its people, or take them as its object ('she
    returned home' is her own journey); a noun must be plural, quantified ('every
    return') or go 'to' somewhere, and not be someone's ('his return') or a modifier ('a
    return flight').
    """
    told = [s for s in spans if s.label_ == "METHOD" and _code(s) in REMOVAL_CODES]
    if not told:
        return spans
    covered = {i for s in spans for i in range(s.start, s.end)}
    codes = {lemma: "DEPORTATION" for lemma in words.REMOVAL_WORDS_AGAIN}
    codes.update({lemma: "FORCED_RETURN" for lemma in words.RETURN_WORDS_AGAIN})
    people = words.PEOPLE_LEMMAS | words.FAMILY_NOUNS
    found = []
    for i in tokens_with(doc, LEMMA, codes):
        token = doc[i]
        if i in covered:
            continue
        if token.pos_ in ("VERB", "AUX"):
            is_act = _people_sent(token, people)
        else:
            is_act = (
                token.pos_ == "NOUN"
                and token.lemma_.lower() not in VERB_ONLY
                and _kind_of_act(token, words.PEOPLE_LEMMAS)
            )
        if is_act:
            rule = f"{codes[token.lemma_.lower()]}.removal_told_again"
            particle = i + 1 < len(doc) and doc[i + 1].lower_ in AWAY_PARTICLES
            end = i + 2 if particle and i + 1 not in covered else i + 1
            found.append(make(doc, i, end, "METHOD", rule, "code"))  # 'sent home'
    return sorted([*spans, *found], key=lambda s: (s.start, s.end)) if found else spans


def _code(span: Span) -> str:
    return (provenance_of(span).code_rule() or span.id_).split(".", 1)[0]


def _people_sent(verb: Token, people: frozenset[str]) -> bool:
    """'41 of them were expelled', 'those removed', 'returned 30 refugees', 'was seized
    and flown home': the verb's patient is people, and send, fly and bring go home or
    back."""
    lemma = verb.lemma_.lower()
    away_from = [c for p in verb.children if p.lower_ == "from" for c in p.children]
    if any(c.ent_type_ not in PLACE_TYPES and c.lemma_ not in PLACE_WORDS for c in away_from):
        return False  # 'remove him from power', not 'removed from the country'
    if lemma in PARTICLE_VERBS:
        if not any(c.lower_ in AWAY_PARTICLES for c in verb.children):
            return False
    if lemma == "hand" and not any(c.lower_ in HANDING_TO for c in verb.children):
        return False
    head = verb
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head  # 'was seized and flown home': the first verb's subject
    passive = any(c.dep_ == "auxpass" for c in (*verb.children, *head.children))
    patients = [c for c in verb.children if c.dep_ == "dobj"]
    if passive:
        patients += [c for c in head.children if c.dep_ == "nsubjpass"]
    if verb.tag_ == "VBN" and verb.dep_ == "acl":
        patients.append(verb.head)  # 'those returned', 'the man handed to officers'
    elif (
        verb.tag_ in ("VBN", "VBD")
        and not patients
        and verb.dep_ in ("ROOT", "ccomp")
        and not any(c.dep_ == "aux" for c in verb.children)  # 'have returned home'
    ):
        # 'everyone removed was ...', 'refugees sent home from the camps say ...': a
        # participle the parser read as a verb with its people as the subject
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if verb.tag_ == "VBD":  # 'they flew home' is their own journey; 'sent' is not
            subjects = [c for c in subjects if lemma == "send" and c.tag_ in ("NNS", "CD")]
        patients += subjects
    return any(_is_people(p, people) for p in patients)


def _is_people(token: Token, people: frozenset[str]) -> bool:
    if token.ent_type_ in ("PERSON", "NORP") or token.lemma_.lower() in people:
        return True
    if token.pos_ == "NUM" or token.lower_ in GROUP_PRONOUNS or token.lemma_ in PEOPLE_COUNT_NOUNS:
        # '41 of those detained', 'dozens of refugees': the count, or whom it counts
        counted = [c for p in token.children if p.lower_ == "of" for c in p.children]
        return not counted or any(_is_people(c, people) for c in counted)
    return False


def _kind_of_act(noun: Token, people: frozenset[str]) -> bool:
    """'all removals', 'informal handovers', 'every return', 'a handover to officers',
    'the removal of refugees' -- not 'his return', 'a return flight', 'tax returns', 'the
    removal of the statue' (nor 'of children': a child taken from parents is another
    code)."""
    if noun.dep_ == "compound" or any(c.dep_ in ("poss", "compound") for c in noun.children):
        return False
    of = [c for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children]
    if of:
        return any(_is_people(c, people) for c in of)
    to = [c for p in noun.children if p.dep_ == "prep" and p.lower_ == "to" for c in p.children]
    if to and not any(
        c.ent_type_ in PLACE_TYPES or c.lemma_ in PLACE_WORDS | RECEIVERS for c in to
    ):
        return False  # 'a return to normality', not 'a handover to Vell' or 'to officers'
    return (
        noun.tag_ == "NNS"
        or any(c.dep_ == "det" and c.lower_ in EVERY_WORDS for c in noun.children)
        or bool(to)
    )
