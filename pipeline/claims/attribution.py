"""Claim sources: who a claim is attributed to (``SOURCE_RULES``).

Reporting verbs, 'according to', passive agents and colons: the cue and the token that
speaks. Who that token stands for is :mod:`~tnr_claims.claims.speakers`; quotations
continued across sentences are :mod:`~tnr_claims.claims.quotations`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span

from tnr_claims.claims.according import according_to
from tnr_claims.claims.acts_not_told import (
    finds_a_thing,
    makes_the_thing_it_qualifies,
    refuses_a_thing,
    reports_to_the_police,
    state_tells_someone,
)
from tnr_claims.claims.closing_speakers import (
    closing_document,
    closing_speaker,
    phrase_start,
)
from tnr_claims.claims.index import CLOSING_QUOTES, inside_quotation
from tnr_claims.claims.speakers import (
    case_of_a_report,
    report_author,
    resolve_speaker,
)
from tnr_claims.nlp.days import name_before_a_day
from tnr_claims.nlp.recodes import said_to_someone
from tnr_claims.rules.schemas import CueRule

if TYPE_CHECKING:
    from tnr_claims.claims.index import DocIndex, Memory, Sentence


def speaker_tokens(index: DocIndex, sentence: Sentence, by_kind: dict[str, list[Span]]) -> set[int]:
    """Tokens that are speakers of reporting or recommendation verbs (never targets)."""
    speakers: set[int] = set()
    for kind in ("attribution", "recommendation"):
        for cue in by_kind.get(kind, ()):
            verb = cue.start
            if index.pos[verb] not in ("VERB", "AUX") and not index.has_child(verb, ("nsubj",)):
                continue
            if index.is_passive(verb) or _aside_without_act(index, sentence, verb):
                continue  # 'X, who had criticised the president, was poisoned': X is no speaker
            speaker = _speaker_token(index, sentence, verb)
            if speaker is None:
                continue
            speakers.add(speaker)
            beside = [c for c in index.children(speaker) if c.dep_ in ("compound", "appos")]
            # 'Three rapporteurs, A, B and C, wrote': all three speak together
            beside += [g for c in beside if c.dep_ == "appos" for g in index.doc[c.i].conjuncts]
            speakers.update(c.i for c in beside)
            # 'An adviser to X's President A, B, said': B hangs on A
            speakers.update(g.i for c in beside for g in c.children if g.dep_ == "appos")
            if index.lemma[speaker] in index.words.OFFICE_NOUNS:
                # 'a spokesman for the ministry, Li Wen, said': the name hung on the ministry
                # (not 'Two bloggers, A and B, said they were threatened': their own case)
                speakers.update(
                    t.i
                    for t in index.doc[speaker].subtree
                    if t.dep_ == "appos" and t.head.dep_ == "pobj"
                )
    return speakers


FIRST_PERSON_SPEAKERS = frozenset({"i", "we"})
"""Subjects that, inside a quotation, are its speaker."""

INFERRED_SOURCE_RULES = frozenset({"report_author", "pronoun_speaker"})
"""Source rules that infer the speaker from the document rather than read a name."""


def find_source(
    index: DocIndex,
    sentence: Sentence,
    number: int,
    memory: Memory,
    by_kind: dict[str, list[Span]],
    rules_by_id: dict[str, CueRule],
) -> tuple[str | None, str | None, Span | None]:
    """``(source, SOURCE_RULES id, cue)`` from the sentence's own attribution cues."""
    candidates: list[tuple[int, int, str | None, str, Span]] = []
    cues = list(by_kind.get("attribution", ()))
    cues += [
        c
        for c in by_kind.get("recommendation", ())
        if not is_weak(c) and not urges_the_act(index, c)
    ]
    for cue in cues:
        if _quoted_words(index, sentence, cue.start):
            continue  # '"No one told us where they were," she said': the quoted words
        if index.has_child(cue.start, ("neg",)):
            continue  # 'Interpol did not say whether ...': no statement
        if cue.id_ == "ATTRIBUTION.deny" and refuses_a_thing(index, cue.start):
            continue  # 'Interpol rejected 19 notices', 'denied him a passport': an act
        if (
            makes_the_thing_it_qualifies(index, cue.start)
            or state_tells_someone(index, cue.start)
            or finds_a_thing(index, cue.start)
            or reports_to_the_police(index, cue.start)
        ):
            continue  # 'videos he recorded', 'officers told her that ...': no statement
        rule = rules_by_id.get(cue.id_)
        result = _attribution(
            index, sentence, number, memory, cue, rule.direction if rule else "both"
        )
        if result is None:
            continue
        name, rule = result
        if name is None and inside_quotation(index, sentence, cue.start):
            continue  # '"Relatives were told by police that ...': the quotation's speaker says it
        candidates.append((index.depth(cue.start), cue.start, name, rule, cue))
    unnamed = [c[1] for c in candidates if c[2] is None]
    if unnamed:
        # 'A former clerk, who asked not to be named, said ...: names are, he said, passed
        # on': 'he' is the unnamed speaker before it, not someone named earlier
        candidates = [c for c in candidates if c[3] != "pronoun_speaker" or c[1] < min(unnamed)]
    timed = [c for c in candidates if _told_at_another_time(index, c[4].start)]
    if timed and len(timed) < len(candidates):
        # 'Officials denied that ..., a day after the lawyer said ...': the telling that
        # only dates the statement gives way to the sentence's own
        candidates = [c for c in candidates if c not in timed]
    described = [c for c in candidates if _describes_its_antecedent(index, c[4].start)]
    if described and len(described) < len(candidates):
        # '..., according to A, a researcher at B, which has documented dozens of cases':
        # the relative clause tells what B does, the sentence's own cue names its speaker
        candidates = [c for c in candidates if c not in described]
    named = [c for c in candidates if c[2] is not None]
    if named:
        # the deepest cue speaks ('the lawyer said the report found ...'), but a speaker
        # named on the page outranks one inferred for 'it' or 'the report' ('Amnesty says
        # it has documented ...': Amnesty, not the last report's author)
        _, _, name, rule, cue = max(
            named, key=lambda c: (c[3] not in INFERRED_SOURCE_RULES, c[0], c[1])
        )
        return name, rule, cue
    if candidates:
        cue = candidates[0][4]
        return None, "unnamed_speaker", cue
    if case_of_a_report(index, sentence):
        author = report_author(memory, sentence)
        if author is not None:
            return author, "report_case", None
    return None, None, None


def _attribution(  # noqa: C901
    index: DocIndex, sentence: Sentence, number: int, memory: Memory, cue: Span, rule_direction: str
) -> tuple[str | None, str] | None:
    """The source one attribution cue gives, ``None`` when the cue is no attribution here.

    The rule's direction says where the source is: ``forward`` (the named ORG/PERSON
    after 'according to'), ``backward`` (the name opening the sentence before a colon),
    otherwise through the parse (subject, passive agent) of the cue's verb.
    """
    s0 = sentence.span.start
    verb = cue.start
    if index.embedding(verb) in ("concessive", "conditional") or _aside_without_act(
        index, sentence, verb
    ):
        return None
    if _denies_the_charge(index, verb):
        return None  # '..., a charge he denies': the accused on his supposed offence
    if rule_direction == "forward":
        return according_to(index, sentence, number, memory, cue)
    if rule_direction == "backward":
        k = cue.start - 1
        if k < s0:
            return None
        ref = index.named(k)
        if (
            ref is not None
            and ref.end == cue.start
            and all(
                index.pos[j] == "PUNCT" or index.span_at[j] == index.span_at[k]
                for j in range(s0, ref.end)
            )
        ):
            return ref.record.name, "colon"
        return None
    is_verb = index.pos[verb] in ("VERB", "AUX") or (
        index.pos[verb] == "NOUN"
        and (
            index.has_child(verb, ("nsubj",))
            or (index.dep[verb] == "ROOT" and index.tag[verb] == "NNS")
        )
    )
    if not is_verb and closing_document(index, sentence, verb) is not None:
        is_verb = True  # '..., the judgment states.' read as a noun 'judgment states'
    if not is_verb or index.dep[verb] in ("amod", "compound"):
        return None
    if _gives_an_order(index, verb):
        return None  # 'officials told her mother to persuade him': an order, no report
    rule = "recommendation_verb" if cue.label_ == "recommendation" else "reporting_verb"
    if cue.label_ == "attribution" and any(
        c.dep_ == "aux" and c.lower_ in index.words.FUTURE_MODALS for c in index.children(verb)
    ):
        return None  # 'the Commission would discuss ...' reports nothing yet
    if (index.is_passive(verb) or _as_reported_by(index, verb)) and not _by_a_means(index, verb):
        for child in index.children(verb):
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        name, how = resolve_speaker(index, sentence, number, memory, pobj.i)
                        return name, "passive_agent" if how == "named" else how
            if child.dep_ == "prep" and child.lower_ == "in" and cue.label_ == "attribution":
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.lemma_.lower() in index.words.REPORT_NOUNS:
                        name, how = resolve_speaker(index, sentence, number, memory, pobj.i)
                        return name, "passive_agent" if how == "named" else how
        return None
    subject = _speaker_token(index, sentence, verb)
    if subject is None:
        return None
    if (
        cue.id_ in QUOTED_FINDING_CUES
        and inside_quotation(index, sentence, verb)
        and index.named(subject, ("PERSON",)) is not None
    ):
        return None  # '"X and his regime showed contempt ...," she wrote': not X's finding
    if index.lower[subject] in FIRST_PERSON_SPEAKERS and inside_quotation(index, sentence, verb):
        return None  # '"We have documented 14 cases ...': the quotation's speaker says it
    name, how = resolve_speaker(index, sentence, number, memory, subject)
    return name, rule if how == "named" else how


CHARGE_NOUNS = frozenset({"charge", "accusation", "allegation", "claim", "offence", "offense"})


QUOTED_FINDING_CUES = frozenset({"ATTRIBUTION.find", "ATTRIBUTION.research"})
"""Cues of finding ('showed', 'revealed') whose named person subject, inside a quotation,
is no source: the quotation's speaker speaks ('"investigations revealed" in a quoted
statement still report the investigators' finding)."""


def _denies_the_charge(index: DocIndex, verb: int) -> bool:
    """'accused him of embezzlement, a charge he denies', '..., which he denies': a denial
    in a relative clause on the charge is the accused's, about his supposed offence; it
    neither speaks for the sentence nor denies the act reported."""
    if index.lemma[verb] != "deny" or index.dep[verb] != "relcl":
        return False
    head = index.head[verb]
    return index.lemma[head] in CHARGE_NOUNS or any(
        c.dep_ == "dobj" and c.lower_ in ("which", "that") for c in index.children(verb)
    )


def _a_place(index: DocIndex, i: int) -> bool:
    ref = index.ref(i)
    return ref is not None and ref.record.label == "LOCATION"


def _main_clause_read_as_a_participle(index: DocIndex, verb: int) -> bool:
    """'The sister, Ana Ruiz, confirmed by phone that ...' parsed as a noun (the root) with
    a participle that takes a clause: the participle is the main verb."""
    return (
        index.dep[verb] == "acl"
        and index.dep[index.head[verb]] == "ROOT"
        and index.has_child(verb, ("ccomp",))
    )


MEANS_NOUNS = frozenset(
    {"phone", "telephone", "email", "e-mail", "video", "letter", "text", "message"}
)
"""Nouns after 'by' that say how someone spoke, not who ('confirmed by phone that')."""


def _by_a_means(index: DocIndex, verb: int) -> bool:
    """'The sister confirmed by phone that ...', read by the parser as a passive with the
    agent 'by phone': the means of speaking, so the verb is no passive."""
    return any(
        child.dep_ == "agent"
        and any(g.dep_ == "pobj" and g.lemma_.lower() in MEANS_NOUNS for g in child.children)
        for child in index.children(verb)
    )


TIME_PREPOSITIONS = frozenset({"after", "before", "since", "until"})


def _told_at_another_time(index: DocIndex, verb: int) -> bool:
    """'..., a day after the lawyer said they had been forced back': a telling in a clause of
    time, which only dates the sentence's own statement when it has one."""
    head = index.head[verb]
    return index.dep[verb] in ("pcomp", "advcl") and (
        index.lower[head] in TIME_PREPOSITIONS
        or any(c.dep_ == "mark" and c.lower_ in TIME_PREPOSITIONS for c in index.children(verb))
    )


def _gives_an_order(index: DocIndex, verb: int) -> bool:
    """'told her to return', 'warned him to stop posting': a telling verb with a person
    object and an infinitive, and no clause of what was said, orders rather than reports."""
    if index.lemma[verb] not in ("tell", "warn"):
        return False
    children = list(index.children(verb))
    return (
        any(c.dep_ == "xcomp" and c.tag_ == "VB" for c in children)
        and any(c.dep_ in ("dobj", "dative") for c in children)
        and not any(c.dep_ == "ccomp" for c in children)
    )


def told_to_someone(index: DocIndex, i: int) -> bool:
    """Whether token ``i`` lies in the words said to a person or a relative
    (:func:`tnr_claims.nlp.recodes.said_to_someone`), which neither call for action nor
    deny an act."""
    return said_to_someone(index.doc[i], index.words)


def _quoted_words(index: DocIndex, sentence: Sentence, i: int) -> bool:
    """Whether token ``i`` lies in a quotation that closes later in the sentence (a
    quotation left open, '"China had proof ..., it added, saying ...', may carry its own
    attribution)."""
    if not inside_quotation(index, sentence, i):
        return False
    closing = CLOSING_QUOTES | {'"'}
    return any(index.lower[j] in closing for j in range(i + 1, sentence.span.end))


def _aside_without_act(index: DocIndex, sentence: Sentence, verb: int) -> bool:
    """Whether the cue verb speaks in a marked adverbial clause that holds none of the
    sentence's acts: in 'his brother was detained after he criticised the government'
    the critic reports nothing; 'as Exile Watch reported' still attributes. So with a
    relative clause: in 'Ivo Sand, who had criticised the president, was poisoned' the
    critic reports nothing; 'X, who told Reuters that agents beat him,' still does."""
    embedding = index.embedding(verb)
    if embedding not in ("adverbial", "relative"):
        return False
    if index.lower[verb] == "according" and verb > 0 and index.lower[verb - 1] == ",":
        return False  # '... after she testified, according to X': set off, for the sentence
    if _main_clause_read_as_a_participle(index, verb):
        return False
    if embedding == "relative":
        owner = index.head[index.clause_head(verb)]
        if index.named(owner, ("PERSON",)) is None and index.lemma[owner] not in (
            index.words.PERSON_NOUNS
        ):
            return False  # 'the website, which states ...' quotes a text
    if embedding == "adverbial":
        head = index.clause_head(verb)
        marks = {c.lower_ for c in index.children(head) if c.dep_ == "mark"}
        if not marks or "as" in marks:
            return False
    token = index.doc[verb]
    lo, hi = token.left_edge.i, token.right_edge.i
    return not any(ref.record.label == "METHOD" and lo <= ref.start <= hi for ref in sentence.spans)


def _as_reported_by(index: DocIndex, verb: int) -> bool:
    """Whether ``verb`` is '..., as reported by X': a reduced passive opened by 'as'.

    Its agent is the speaker; 'cases documented by X', a participle describing a noun,
    attributes nothing.
    """
    return (
        index.tag[verb] == "VBN"
        and index.has_child(verb, ("agent",))
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in index.children(verb))
    )


def _quoted_speaker(index: DocIndex, verb: int) -> int | None:
    """'Y quoted X as saying ...': the speaker of 'saying' is the one quoted, X."""
    if index.lemma[verb] != "say" or index.dep[verb] != "pcomp":
        return None
    prep = index.head[verb]
    quote = index.head[prep]
    if index.lower[prep] != "as" or index.lemma[quote] != "quote":
        return None
    for child in index.children(quote):
        if child.dep_ == "dobj":
            return child.i
    return None


def _according_to_whom(index: DocIndex, verb: int) -> int | None:
    """The object of 'according to' ('according to their lawyer, Ana Ruiz': the lawyer)."""
    for prep in index.children(verb):
        if prep.dep_ == "prep" and prep.lower_ == "to":
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    return pobj.i
    return None


def _speaker_token(index: DocIndex, sentence: Sentence, verb: int) -> int | None:
    """The speaker of a reporting verb: its subject, the one quoted ('quoted X as saying'),
    the subject of the clause a participle hangs on ('X issued a statement, stating ...'),
    or, when the parser found none, a name set off by commas right before it ('..., X, a
    rights activist, told reporters'; '..., his brother X said')."""
    quoted = _quoted_speaker(index, verb)
    if quoted is not None:
        return quoted
    if index.lower[verb] == "according":
        return _according_to_whom(index, verb)
    closing = closing_speaker(index, sentence, verb)
    if closing is not None:
        return closing
    subject = _grammatical_speaker(index, verb)
    if subject is not None:
        return subject
    publisher = _publisher_of_report(index, verb)
    if publisher is not None:
        return publisher
    if index.dep[verb] == "ROOT" and index.tag[verb] == "NNS":
        for child in index.children(verb):
            if child.dep_ == "compound" and index.named(child.i) is not None:
                return child.i
    if index.has_child(verb, ("nsubjpass", "auxpass")) or index.tag[verb] in ("VBG", "VBN"):
        return None
    lo = max(sentence.span.start, verb - 14)
    for ref in reversed(sentence.spans):
        if ref.end > verb or ref.record.label not in ("ORG", "PERSON"):
            continue
        if ref.start < lo:
            break
        opener = phrase_start(index, ref.start, sentence.span.start)
        if opener > sentence.span.start and index.lower[opener - 1] in (",", "—", "–"):
            # verbs in between may only belong to a clause on the name ('X, who asked not
            # to be named, says')
            if all(
                index.pos[j] != "VERB" or _in_relative_clause(index, j, ref.end, verb)
                for j in range(ref.end, verb)
            ):
                return ref.root
        break
    return _opening_name_set_off(index, sentence, verb)


def _opening_name_set_off(index: DocIndex, sentence: Sentence, verb: int) -> int | None:
    """'X, the regional police chief, standing outside the court, said ...': a name
    opening the sentence, set off by a comma, with everything up to the verb between
    commas, speaks (the parser made it the subject of the participle)."""
    s0 = sentence.span.start
    first = next(iter(sentence.spans), None)
    if first is None or first.start != s0 or first.record.label not in ("ORG", "PERSON"):
        return None
    if first.end >= verb or index.lower[first.end] != "," or index.lower[verb - 1] != ",":
        return None
    return first.root


def _publisher_of_report(index: DocIndex, verb: int) -> int | None:
    """'X published a report documenting 412 cases': the one who published or released the
    report a participle describes speaks through it."""
    if index.dep[verb] != "acl" or index.tag[verb] != "VBG":
        return None
    report = index.head[verb]
    publish = index.head[report]
    if index.lemma[report] not in index.words.REPORT_NOUNS or index.dep[report] != "dobj":
        return None
    if index.lower[publish] not in index.words.PUBLISH_WORDS:
        return None
    return next((c.i for c in index.children(publish) if c.dep_ == "nsubj"), None)


def _grammatical_speaker(index: DocIndex, verb: int) -> int | None:
    """The subject of a reporting verb, of the clause a participle hangs on ('X issued a
    statement, stating ...'), or of a main verb the parser read as a modifier."""
    subject = subject_of(index, verb)
    if subject is None and index.dep[verb] == "advcl" and index.tag[verb] == "VBG":
        subject = subject_of(index, index.head[verb])  # '..., stating that ...'
    if subject is None and index.dep[verb] == "acl" and index.embedding(verb) is None:
        subject = _first_of_the_noun_phrase(index, verb)
    day_named = name_before_a_day(index.doc[verb])  # 'Ana Ruiz Sunday night said'
    if day_named and index.named(day_named[0].i) and (subject is None or subject > day_named[0].i):
        subject = day_named[0].i
    if subject is not None and index.dep[subject] == "csubj" and index.tag[subject] == "VBG":
        # 'X, the attorney, reading out the ruling, said': the participle read as the
        # subject; its own subject speaks
        subject = subject_of(index, subject)
    return subject


def _first_of_the_noun_phrase(index: DocIndex, verb: int) -> int:
    """'The group, Exile Watch and four others called on ...' read with a noun root and the
    verb as its modifier: the noun phrase it hangs on is its subject; the first one speaks."""
    k = index.head[verb]
    while index.dep[k] in ("conj", "appos") and index.head[k] != k:
        k = index.head[k]
    return k


def _describes_its_antecedent(index: DocIndex, verb: int) -> bool:
    """Whether cue ``verb`` heads a relative clause opened by a relative pronoun and
    taking a thing, not a clause ('which has documented dozens of cases'): it says what
    its antecedent does. 'the website which states, China has ...' tells the claim."""
    children = index.children(verb)
    return (
        index.dep[verb] == "relcl"
        and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in index.words.RELATIVE_PRONOUNS
            for c in children
        )
        and any(c.dep_ == "dobj" for c in children)
        and not any(c.dep_ in ("ccomp", "parataxis", "xcomp") for c in children)
    )


def _in_relative_clause(index: DocIndex, i: int, lo: int, hi: int) -> bool:
    """Whether token ``i`` belongs to a relative clause lying between ``lo`` and ``hi``
    (the parser may hang 'who asked ...' on the word before the name)."""
    for _ in range(8):
        if not lo <= i < hi:
            return False
        if index.dep[i] in ("relcl", "acl"):
            return True
        if index.head[i] == i:
            return False
        i = index.head[i]
    return False


def urges_the_act(index: DocIndex, cue: Span) -> bool:
    """Whether a recommendation verb urges the coercive act itself ('urged her to persuade
    him to return', 'pressed Thailand to deport him'): the urging is part of the act, not a
    call for action, and its subject is no source. 'urged Thailand to stop deporting' urges
    an end to the act: the verb it urges ('stop') is no act."""
    return any(
        c.dep_ == "xcomp"
        and c.i in index.method_tokens
        and not any(n.dep_ == "neg" for n in c.children)  # 'urged Thailand not to return'
        for c in index.children(cue.start)
    )


def is_weak(cue: Span) -> bool:
    """Weak recommendation cues ('should', 'must'): rule slugs starting with ``modal``."""
    return cue.id_.split(".", 1)[-1].startswith("modal")


def subject_of(index: DocIndex, verb: int) -> int | None:
    """The subject of ``verb``, inherited through conj/xcomp; relative pronouns resolved."""
    j = verb
    for _ in range(4):
        subjects = [c for c in index.children(j) if c.dep_ in ("nsubj", "csubj")]
        if len(subjects) > 1:
            # 'Grozny — The blogger X said': the parser may make the dateline a subject too
            subjects = [c for c in subjects if not _a_place(index, c.i)] or subjects
        if len(subjects) > 1:
            # '..., and that of his wife, said the reporter, X': the speaker is the one who
            # can speak, not a pronoun the parser also made a subject
            subjects = [c for c in subjects if c.pos_ != "PRON"] or subjects
        if len(subjects) > 1:
            # 'Advocate General X argued': the title the parser split off is no one
            subjects = [c for c in subjects if index.named(c.i) is not None] or subjects
        for child in subjects:
            if child.dep_ in ("nsubj", "csubj"):
                if child.lower_ in index.words.RELATIVE_PRONOUNS and index.dep[j] in (
                    "relcl",
                    "acl",
                ):
                    return index.head[j]
                return child.i
        if index.dep[j] in ("conj", "xcomp") and index.head[j] != j:
            j = index.head[j]
            continue
        if _main_clause_read_as_a_participle(index, j):
            return index.head[j]  # the noun the whole sentence hangs on speaks
        break
    return None
