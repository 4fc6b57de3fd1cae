"""Whether a sentence is a claim (``CLAIM_RULES``) and which type (``TYPE_RULES``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span

from tnr_claims.claims.attribution import subject_of
from tnr_claims.claims.legal_types import an_instrument_is_or_is_not, has_legal_verb, is_legal
from tnr_claims.claims.occasions import (
    counts_cases,
    dated_event,
    governing_verb,
    is_period,
    of_a_report,
    tallied,
)
from tnr_claims.claims.one_person import single_person_event
from tnr_claims.claims.roles import is_patient
from tnr_claims.nlp.domestic import DOMESTIC_ACTS_KEY
from tnr_claims.nlp.legal_words import CONDITION_VERBS
from tnr_claims.nlp.perpetrators import PERPETRATORS_KEY

if TYPE_CHECKING:
    from tnr_claims.claims.index import DocIndex, Sentence, SpanRef


def _is_question(index: DocIndex, sentence: Sentence) -> bool:
    """Whether the sentence ends with a question mark (closing quotes aside)."""
    k = sentence.span.end - 1
    while k > sentence.span.start and (index.pos[k] == "SPACE" or index.lower[k] in CLOSING_MARKS):
        k -= 1
    return index.lower[k] == "?"


CLOSING_MARKS = frozenset({'"', "”", "’", "'", ")"})


def qualifies(
    index: DocIndex,
    sentence: Sentence,
    targets: list[str],
    recommendation: Span | None,
    source: str | None,
) -> str | None:
    """The first CLAIM_RULES id that fires, ``None`` when the sentence is no claim."""
    labels = {ref.record.label for ref in sentence.spans}
    s0, s1 = sentence.span.start, sentence.span.end
    if _is_question(index, sentence):
        return None  # 'When did the threats begin?' asks; a claim asserts
    if _waits_on_a_conviction(index, sentence):
        return None  # 'If convicted, the two men could face life sentences': nothing yet
    domestic = set(index.doc.user_data.get(DOMESTIC_ACTS_KEY, ()))
    events = [
        i
        for i in range(s0, s1)
        if index.is_event(i)
        and i not in domestic  # 'killed during the unrest': repression at home, no event here
        and index.pos[i] in ("VERB", "AUX")
        and not (index.lemma[i] == "release" and of_a_report(index, i))
    ]  # not 'according to a report released on Tuesday'
    if "METHOD" in labels:
        return "CLAIM.method"
    counts = any(
        ref.record.label == "QUANTITY" and ref.record.value is not None for ref in sentence.spans
    )
    if counts and (events or _counts_operations(index, sentence)):
        return "CLAIM.count"
    if _share_of_occasions(index, sentence):
        return "CLAIM.share"
    if "LEGAL_REF" in labels and (
        has_legal_verb(index, sentence) or an_instrument_is_or_is_not(index, sentence)
    ):
        return "CLAIM.legal_provision"
    if targets:
        return "CLAIM.named_target"
    if recommendation is not None:
        return "CLAIM.recommendation"
    if events:
        return "CLAIM.event_verb"
    if source is not None and any(
        index.lemma[i] in index.words.PRACTICE_NOUNS for i in range(s0, s1)
    ):
        return "CLAIM.attributed_practice"
    if any(_a_states_practice(index, i) for i in range(s0, s1)):
        return "CLAIM.state_practice"
    if _a_state_denies(index, sentence):
        return "CLAIM.state_denial"
    return None


def _waits_on_a_conviction(index: DocIndex, sentence: Sentence) -> bool:
    """The main clause waits on an 'if convicted' clause (a penalty no one has received;
    the tagger drops its METHOD spans, ``PROSECUTION.if_convicted``)."""
    for i in range(sentence.span.start, sentence.span.end):
        if (
            index.dep[i] == "advcl"
            and index.lemma[i] in CONDITION_VERBS
            and index.dep[index.head[i]] == "ROOT"
            and any(c.dep_ == "mark" and c.lower_ == "if" for c in index.children(i))
        ):
            return True
    return False


def _a_state_denies(index: DocIndex, sentence: Sentence) -> bool:
    """A state or an organisation denying the act ('Iran has denied any involvement in the
    plot'): its statement on the incident is a claim (negated)."""
    for cue in sentence.cues:
        if cue.label_ != "negation" or not cue.id_.startswith(("NEGATION.deny", "NEGATION.reject")):
            continue
        subject = subject_of(index, cue.start)
        ref = index.ref(subject) if subject is not None else None
        if ref is not None and ref.record.label in ("LOCATION", "ORG"):
            return True
    return False


def _a_states_practice(index: DocIndex, i: int) -> bool:
    """A practice noun qualified by its state, as the subject of the main clause: 'Rwandan
    transnational repression is exceptionally broad', 'China's campaign reaches ...'."""
    if index.lemma[i] not in index.words.PRACTICE_NOUNS:
        return False
    if index.dep[i] not in ("nsubj", "nsubjpass") or index.dep[index.head[i]] != "ROOT":
        return False
    for child in index.children(i):
        place = index.ref(child.i)
        if place is not None and place.record.label == "LOCATION":
            return True  # 'China's campaign'
        if child.dep_ == "amod" and child.ent_type_ == "NORP":
            return True  # 'Rwandan transnational repression' (a nationality, not 'Global')
    return False


KIN_COUNTS = frozenset({"family", "relative"})
"""Family nouns that count the ones reached through a relative ('23 families')."""


def _counts_operations(index: DocIndex, sentence: Sentence) -> bool:
    """True when a QUANTITY counts an operation or target noun ('40 students', 'dozens of'),
    not people hit in unrest at home ('nine villagers died when troops fired on the protests')."""
    domestic = set(index.doc.user_data.get(DOMESTIC_ACTS_KEY, ()))
    for ref in sentence.spans:
        if ref.record.label != "QUANTITY":
            continue
        head = index.head[ref.root]
        if head in domestic or index.head[head] in domestic:
            continue
        candidates = [head, ref.root]
        for child in index.children(ref.root):
            if child.dep_ == "prep" and child.lower_ == "of":
                candidates += [c.i for c in child.children if c.dep_ == "pobj"]
        for k in candidates:
            if k == ref.root and len(candidates) > 1:
                continue
            if index.lemma[k] in index.words.FAMILY_NOUNS and index.lemma[k] not in KIN_COUNTS:
                continue  # 'survived by three children': a family, no tally of acts
            if k in index.method_tokens or index.lemma[k] in index.words.EVENT_NOUNS:
                return True
            if (
                index.lemma[k] in index.words.COUNT_NOUNS
                or index.lower[k] in index.words.COUNT_NOUNS
                or index.tag[k] == "NNPS"
            ):
                return True
            if index.dep[k] == "compound" or index.pos[k] == "NOUN":
                if any(c.lemma_.lower() in index.words.COUNT_NOUNS for c in index.children(k)):
                    return True
    return False


def decide_type(
    index: DocIndex, sentence: Sentence, targets: list[str], recommendation: Span | None
) -> tuple[str, str]:
    """``(TYPE_RULES id, claim type)``: the first rule that fires."""
    labels = {ref.record.label for ref in sentence.spans}
    if recommendation is not None:
        return "TYPE.recommendation_cue", "recommendation"
    if counts_cases(index, sentence):
        return "TYPE.cases_counted", "statistic"
    if _nth_one_hit(index, sentence):
        return "TYPE.ordinal_count", "statistic"
    tally_kind = tallied(index, sentence)
    if tally_kind == "counted" or (tally_kind and _counts_operations(index, sentence)):
        return "TYPE.tally", "statistic"
    if targets:
        return "TYPE.named_target_event", "incident"
    if is_legal(index, sentence, labels):
        return "TYPE.legal_provision", "legal"
    quantities = [
        ref
        for ref in sentence.spans
        if ref.record.label == "QUANTITY"
        and (ref.record.value is not None or _many_by_itself(index, ref))
    ]
    tally = [
        q
        for q in quantities
        if not (isinstance(q.record.value, int) and q.record.value <= SMALL_GROUP)
    ]
    if dated_event(index, sentence, bool(tally)):
        return "TYPE.dated_event", "incident"
    if not tally and single_person_event(index, sentence):
        return "TYPE.single_person_event", "incident"
    if not quantities and _share_of_occasions(index, sentence):
        return "TYPE.share", "statistic"
    counted = _counted_type(index, sentence, quantities, bool(tally)) if quantities else None
    if counted is not None:
        return counted
    if _definite_act(index, sentence):
        return "TYPE.definite_act", "incident"
    if _one_case(index, sentence):
        return "TYPE.one_case", "incident"
    return "TYPE.general_practice", "pattern"


def _many_by_itself(index: DocIndex, ref: SpanRef) -> bool:
    """'detained dozens of them', 'refused the passports of hundreds of students': a vague
    count that is many by itself (``LARGE_VAGUE_COUNTS``) of people an act is done to
    counts an aggregate as a number does; not 'hundreds of thousands fled', no act's."""
    if not any(index.lower[k] in index.words.LARGE_VAGUE_COUNTS for k in range(ref.start, ref.end)):
        return False
    k = ref.root
    for _ in range(5):  # 'hundreds' < 'of' < 'passports' < 'renew' < 'declined'
        if index.head[k] == k:
            return False
        k = index.head[k]
        if k in index.method_tokens:
            return True
        if index.pos[k] in ("VERB", "AUX"):
            return False  # 'the poet, who has thousands of followers, was detained'
    return False


def _counted_type(
    index: DocIndex, sentence: Sentence, quantities: list[SpanRef], tally: bool
) -> tuple[str, str] | None:
    """The type a count decides: a small or definite group, the perpetrators, a count
    inside one case told are details of an incident; other counts of acts or targets make
    a statistic."""
    if not tally and _definite_group(index, quantities):
        return "TYPE.definite_group", "incident"
    if not tally and _small_group_acted_on(index, sentence, quantities):
        return "TYPE.small_group", "incident"
    if _counts_perpetrators(index, quantities):
        return "TYPE.perpetrator_group", "incident"
    if any(told_case_noun(index, i) for i in range(sentence.span.start, sentence.span.end)):
        return "TYPE.count_in_the_case", "incident"
    # a count with no value is one of many people acted on (``_many_by_itself``)
    if _counts_operations(index, sentence) or any(q.record.value is None for q in quantities):
        return "TYPE.count", "statistic"
    return None


def told_case_noun(index: DocIndex, i: int) -> bool:
    """A noun of one case's legal process told before ('the case', 'their next court
    appearance', 'the hearings', ``CASE_PROCESS_NOUNS``): definite or possessed, and not
    'the case of X', which brings in another example."""
    if index.lemma[i] not in index.words.CASE_PROCESS_NOUNS or index.pos[i] != "NOUN":
        return False
    children = list(index.children(i))
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in children):
        return False
    return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE) for c in children)


DEFINITE = frozenset({"the", "this", "that"})
"""Determiners that point back to what the document told."""


def _nth_one_hit(index: DocIndex, sentence: Sentence) -> bool:
    """'X is the fifth dissident to be abducted in Laos since 2016': an ordinal on a person
    noun whose clause tells an act counts the people it hit, a statistic."""
    doc = index.doc
    for i in range(sentence.span.start, sentence.span.end):
        token = doc[i]
        if token.ent_type_ != "ORDINAL" or token.dep_ != "amod" or token.lower_ == "first":
            continue  # 'the first blogger jailed under the new act': one case, singled out
        noun, lemma = token.head, token.head.lemma_.lower()
        if noun.dep_ not in ("attr", "xcomp"):
            continue
        if lemma not in index.words.PERSON_NOUNS and lemma not in index.words.DESCRIPTION_NOUNS:
            continue
        if any(
            c.dep_ in ("relcl", "acl") and (c.i in index.method_tokens or index.is_event(c.i))
            for c in noun.children
        ):
            return True
    return False


CASE_NOUNS = frozenset({"case", "instance", "incident", "example"})


def _one_case(index: DocIndex, sentence: Sentence) -> bool:
    """'In one case, ...', 'In another instance, ...': the writer singles out one occasion
    of the practice just described."""
    for i in range(sentence.span.start, min(sentence.span.end, sentence.span.start + 4)):
        if index.lemma[i] not in CASE_NOUNS or index.dep[i] != "pobj":
            continue
        if index.lower[index.head[i]] in ("in", "for") and any(
            c.lower_ in ("one", "another") and c.dep_ in ("nummod", "det", "amod")
            for c in index.children(i)
        ):
            return True
    return False


PERCENT_WORDS = frozenset(
    {
        "percent",
        "%",
        "cent",
        "percentage",
        "share",
        "proportion",
        "quarter",
        "third",
        "half",
        "fifth",
        "tenth",
        "majority",
    }
)
"""Heads of a share ('22 percent of the incidents', 'a quarter of all incidents')."""


def _share_of_occasions(index: DocIndex, sentence: Sentence) -> bool:
    """A share of acts or people counted ('China accounted for 22 percent of these
    incidents', '30% of the cases involved relatives'): an aggregate, like a count."""
    for i in range(sentence.span.start, sentence.span.end):
        if index.lower[i] not in PERCENT_WORDS:
            continue
        for prep in index.children(i):
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for noun in prep.children:
                if noun.dep_ == "pobj" and (
                    noun.i in index.method_tokens
                    or index.lemma[noun.i] in index.words.COUNT_NOUNS
                    or index.lemma[noun.i] in index.words.EVENT_NOUNS
                ):
                    return True
    return False


GROUP_PRONOUNS = frozenset({"they", "them"})


def same_group_acted_on(index: DocIndex, sentence: Sentence) -> bool:
    """'They were handed over to police at the border.': a plural pronoun that is the
    patient of an act in the past. Right after an incident about a group, the sentence is
    more of the same occasion (the caller checks that an incident came just before)."""
    return any(
        index.lower[i] in GROUP_PRONOUNS
        and index.pos[i] == "PRON"
        and is_patient(index, i)
        and past_clause(index, index.head[i])
        for i in range(sentence.span.start, sentence.span.end)
    )


def past_clause(index: DocIndex, verb: int) -> bool:
    """A verb in the past or perfect ('were handed over', 'have been deported'), not a
    present passive ('are handed over')."""
    if index.tag[verb] == "VBD":
        return True
    if index.tag[verb] != "VBN":
        return False
    return any(
        c.dep_ in ("aux", "auxpass") and (c.tag_ == "VBD" or c.lemma_ == "have")
        for c in index.children(verb)
    )


def _definite_group(index: DocIndex, quantities: list[SpanRef]) -> bool:
    """A small group met before, acted on in the past: 'the two men were abducted', 'the
    three activists', 'charged all three' ('two men were abducted each year' counts
    occasions)."""
    for q in quantities:
        if not (isinstance(q.record.value, int) and q.record.value >= 2):
            continue  # 'the one above' is no group
        noun = index.head[q.root] if index.dep[q.root] == "nummod" else q.root
        determiners = {
            c.lower_
            for c in index.children(noun)
            if c.dep_ in ("det", "predet") and c.lower_ in ("the", "these", "those", "all")
        }  # 'the two men', 'all three'
        if determiners - {"all"} and index.lemma[noun] in index.words.PEOPLE_LEMMAS:
            return True  # 'the transfer of the two women': a group met before, in any tense
        if determiners and _in_past(index, noun):
            return True
    return False


def _counts_perpetrators(index: DocIndex, quantities: list[SpanRef]) -> bool:
    """'18 nationals have been held as suspects', 'the two suspects', 'the 26 men charged in
    the case': a count of the document's perpetrators (its perpetrator memory, or a
    perpetrator noun) is a detail of the one case they acted in, not a tally."""
    remembered = frozenset(index.doc.user_data.get(PERPETRATORS_KEY, ()))
    for q in quantities:
        noun = index.head[q.root] if index.dep[q.root] == "nummod" else q.root
        if index.pos[noun] not in ("NOUN", "PROPN") or _part_of_a_share(index, noun):
            continue
        if index.lemma[noun] in index.words.PERPETRATOR_NOUNS or index.lower[noun] in remembered:
            return True
    return False


def _part_of_a_share(index: DocIndex, noun: int) -> bool:
    """'41% of the 738 suspects': the counted people are what a share is taken of."""
    prep = index.head[noun]
    return (
        index.dep[noun] == "pobj"
        and index.lower[prep] == "of"
        and (index.lower[index.head[prep]] in PERCENT_WORDS or index.pos[index.head[prep]] == "NUM")
    )


AGGREGATE_MARKERS = frozenset(
    {"least", "more", "than", "over", "nearly", "almost", "about", "around", "roughly", "up"}
)
"""Words before a count that make it a tally ('at least nine', 'more than five')."""


def _small_group_acted_on(index: DocIndex, sentence: Sentence, quantities: list[SpanRef]) -> bool:
    """A few people acted on in the past, with or without 'the': 'Two men were jailed in
    Britain last year', 'police detained three students' (the count is a detail of one
    occasion; 'two men are abducted every year' is in the present and counts occasions;
    'at least nine have disappeared since 2016' is a tally over a period)."""
    if any(ref.record.label == "DATE" and is_period(index, ref) for ref in sentence.spans):
        return False
    for q in quantities:
        if not (isinstance(q.record.value, int) and q.record.value >= 2):
            continue
        if any(index.lower[k] in AGGREGATE_MARKERS for k in range(max(0, q.start - 2), q.end)):
            continue
        if index.dep[q.root] != "nummod":
            continue
        noun = index.head[q.root]
        if index.dep[noun] not in ("nsubj", "nsubjpass", "dobj"):
            continue
        verb = index.head[noun]
        if not (index.is_event(verb) or verb in index.method_tokens):
            continue
        # 'police have disrupted a plot to kill two journalists': the act or the clause
        # it hangs on is in the past
        main = index.head[verb] if index.dep[verb] in ("xcomp", "acl", "relcl") else verb
        if index.dep[main] in ("acl", "pobj") or index.pos[main] == "NOUN":
            main = governing_verb(index, main)
        if past_clause(index, verb) or (main is not None and past_clause(index, main)):
            return True
    return False


def _definite_act(index: DocIndex, sentence: Sentence) -> bool:
    """One act named as one occasion: a singular METHOD noun with a demonstrative ('this
    shooting', 'that abduction'), a possessor ('his abduction', 'Vell's kidnapping') or,
    in a clause in the past, an article ('police confirmed the abduction'),
    not about many people ('the abduction of dissidents' is a practice, 'the arrest of two
    reporters' one occasion)."""
    for ref in sentence.spans:
        if ref.record.label != "METHOD":
            continue
        root = ref.root
        if index.pos[root] != "NOUN" or index.tag[root] != "NN":
            continue
        if index.lemma[root] in index.words.STATE_ACTOR_NOUNS:
            continue  # 'the regime's security apparatus' names who acts, not one act
        children = list(index.children(root))
        before = [x for x in index.doc[root].subtree if x.i < root]
        marked = any(
            (x.dep_ == "det" and x.lower_ in ("this", "that"))
            or (
                x.dep_ == "det" and x.lower_ == "the" and x.head.i == root and _in_past(index, root)
            )
            or (x.dep_ == "poss" and x.tag_ != "WP$")
            for x in before
        )
        generic = any(
            g.dep_ == "pobj"
            and g.tag_ in ("NNS", "NNPS")
            and not any(n.dep_ == "nummod" for n in g.children)  # 'of two reporters'
            for c in children
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
        )
        if marked and not generic:
            return True
    return False


SMALL_GROUP = 10
"""A count up to this many ('three activists') is a detail of one occasion, not a tally."""


def _in_past(index: DocIndex, i: int) -> bool:
    """Whether the verb governing token ``i`` is in the past ('police welcomed the arrest'):
    'the abduction' in a past clause is one occasion; in 'X refers to the abduction' it is
    the practice."""
    for _ in range(8):
        if index.pos[i] in ("VERB", "AUX"):
            return index.tag[i] in ("VBD", "VBN")
        if index.head[i] == i:
            return False
        i = index.head[i]
    return False
