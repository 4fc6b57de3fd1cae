"""Claim records: one :class:`~tnr_claims.records.ClaimRecord` per qualifying body sentence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from tnr_claims.claims.attribution import find_source, speaker_tokens
from tnr_claims.claims.calls import find_recommendation_cue
from tnr_claims.claims.cues import cue_record, match_cues
from tnr_claims.claims.groups import named_together
from tnr_claims.claims.hedges import find_hedges
from tnr_claims.claims.index import (
    Analysis,
    DocIndex,
    Memory,
    claim_start,
    field_values,
    index_sentences,
    inside_quotation,
    label_of,
)
from tnr_claims.claims.kin import CUSTODY_CODES
from tnr_claims.claims.lead_ins import recommendation_lists
from tnr_claims.claims.mentions import describing_nouns, document_mentions, lede_subject
from tnr_claims.claims.modifiers import (
    denials_without_an_act,
    find_negation_scopes,
    find_negations,
)
from tnr_claims.claims.named_next import group_named, groups_named_next
from tnr_claims.claims.narrative import (
    blames_a_state,
    joined_targets,
    narrated_targets,
    reacts_to_the_incident,
    tells_of_agents_acted_on,
    tells_of_the_case,
    told_in_the_past,
    told_on,
)
from tnr_claims.claims.narrators import MIN_QUESTIONS, narrator, questions
from tnr_claims.claims.qualify import decide_type, qualifies, same_group_acted_on
from tnr_claims.claims.quotations import quotation_sources, quoted_first_person
from tnr_claims.claims.roles import is_patient
from tnr_claims.claims.rules import CLAIM_ZONES, DIRECT_PATIENT_RULES, SAME_OCCASION_SENTENCES
from tnr_claims.claims.speakers import report_authors
from tnr_claims.claims.targets import (
    find_targets,
    introduces_another_person,
    pick_last_target,
)
from tnr_claims.claims.transcripts import first_person, is_label, transcript_of, transcript_sources
from tnr_claims.nlp.recodes import REMOVAL_CODES
from tnr_claims.records import (
    ClaimProvenance,
    ClaimRecord,
    Segment,
    SpanRecord,
    TargetDecision,
)
from tnr_claims.rules.loader import PatternSet, default_patterns
from tnr_claims.rules.schemas import CueRule

if TYPE_CHECKING:
    from tnr_claims.claims.index import Sentence


def build_claims(
    doc: Doc,
    spans: list[SpanRecord],
    segments: list[Segment],
    *,
    doc_id: str,
    pipeline_version: str,
    patterns: PatternSet | None = None,
    text: str | None = None,
) -> list[ClaimRecord]:
    """Return one :class:`ClaimRecord` per qualifying body sentence of ``doc``.

    Args:
        doc: The processed Doc (parse and sentences; cue matches in ``doc.spans``).
        spans: The document's final, normalised spans with provenance. The one decision
            that needs the claims' people changes them in place: a custody or charge of a
            relative named before becomes RELATIVE_REPRISAL (:func:`_custody_of_relatives`),
            so the document's spans and its claims' methods agree.
        segments: The document's zones; only sentences starting in ``body`` zones count
            (every sentence when the list is empty).
        doc_id: Copied into every record.
        pipeline_version: Copied into every record's provenance.
        patterns: The rules: cue rules (direction and scope) and the word lists the claim
            rules read (default: the project's ``patterns/``).
        text: ``doc.text`` when the caller has it already (spaCy rebuilds it from the
            tokens on every read).
    """
    patterns = patterns if patterns is not None else default_patterns()
    rules = patterns.cue_rules
    rules_by_id = {rule.id: rule for rule in rules}
    index = DocIndex(doc, spans, patterns.lexicons, text=text)
    sentences = index_sentences(doc, index, segments, match_cues(doc, rules), rules_by_id)
    memory = Memory(
        authors=report_authors(index, sentences),
        mentions=document_mentions(doc, index, lambda i: is_patient(index, i)),
    )
    memory.transcript = transcript_of(index)
    asked = questions(index, sentences)
    interview = len(asked) >= MIN_QUESTIONS
    memory.mentions.narrator = narrator(index, sentences, interview=interview)
    if memory.mentions.narrator is not None and interview:
        memory.mentions.answers_from = asked[0]
    if memory.mentions.dominant is None:
        memory.mentions.dominant = lede_subject(index, sentences, memory.mentions)
    analyses: list[Analysis] = []
    body = 0
    for number, sentence in enumerate(sentences):
        analysis = _analyse(index, sentence, number, memory, rules_by_id)
        if analysis is not None:
            analyses.append(analysis)
            body += sentence.zone == "body"
            if body <= ISSUER_SENTENCES and memory.issuer is None:
                memory.issuer = _issuer(sentence, analysis)
    quotation_sources(analyses)
    _interview_answers(analyses, memory)
    transcript_sources(memory.transcript, analyses)
    quoted_first_person(index, analyses)
    groups_named_next(index, analyses, memory)
    _custody_of_relatives(index, analyses, memory)
    recommendation_lists(index, analyses, segments)
    claims = []
    for analysis in analyses:
        if analysis.claim_rule is not None:
            claims.append(
                _record(index, analysis, doc_id=doc_id, pipeline_version=pipeline_version)
            )
    return claims


ISSUER_SENTENCES = 2
"""How far into the body the organisation that issues a statement speaks ('Berlin, 2 May -
Exile Watch today condemned ...')."""


def _issuer(sentence: Sentence, analysis: Analysis) -> str | None:
    """The organisation named as the sentence's speaker, if one is."""
    if analysis.source is None or analysis.source_rule not in (
        "reporting_verb",
        "recommendation_verb",
    ):
        return None
    return analysis.source if label_of(sentence, analysis.source) == "ORG" else None


def _interview_answers(analyses: list[Analysis], memory: Memory) -> None:
    """In an interview, an unattributed sentence after the first 'Q:' question is the
    answer of the one the introduction presents (the narrator), so it is that person's
    claim, also where a cue in it names no one ('I believe ...', 'nobody told my mother');
    the questions themselves assert nothing."""
    first = memory.mentions.answers_from if memory.mentions is not None else None
    if first is None:
        return
    for analysis in analyses:
        if analysis.index > first and analysis.source is None:
            analysis.source, analysis.source_rule = memory.mentions.narrator, "interview_answer"


REMOVED_BY = DIRECT_PATIENT_RULES | {"TARGET.coordinated"}
"""Target rules that say who underwent the act (each of 'deported two brothers, A and B')."""


def _removed_from_abroad(analyses: list[Analysis]) -> set[str]:
    """'Host police deported her son, Tomas, to Vell ... Tomas is still held': the
    people a deportation, extradition or forced return was done to, whosever relatives
    they are; their custody afterwards is DETENTION of a target abroad, not a reprisal
    (:data:`~tnr_claims.nlp.recodes.REMOVAL_CODES`)."""
    removed: set[str] = set()
    for analysis in analyses:
        if analysis.claim_rule is None or not any(
            ref.record.label == "METHOD" and ref.record.code in REMOVAL_CODES
            for ref in analysis.sentence.spans
        ):
            continue
        removed |= {d.name for d in analysis.target_rules if d.rule in REMOVED_BY}
    return removed


OWNER_RULES = frozenset({"TARGET.relative_owner"})
"""The target rule that names the one whose relative the sentence acts on ('He was
released', he being her brother: she is a target through him)."""


def _custody_of_relatives(index: DocIndex, analyses: list[Analysis], memory: Memory) -> None:
    """'His brother, Saleh, was arrested in May. ... Saleh is still held': custody of a
    person the document introduced as someone's relative is RELATIVE_REPRISAL wherever it
    is told, also where the sentence names him or says 'he' (the tagger's rule sees only
    the family noun itself). The span's code changes, with the context decision
    ``RELATIVE_REPRISAL.relative_named_before``; the person the report is about, its
    narrator and perpetrators are never such a relative."""
    mentions = memory.mentions
    if mentions is None:
        return
    # in a first-person piece the relatives are the author's, however often they are acted
    # on; elsewhere the one most acted on is the one the report is about
    kin_of = mentions.narrator
    # ... unless a sentence acting on that one names whose relative he is ('detained her
    # brother, X': X is hers, however often he is acted on)
    owned = {
        d.name
        for a in analyses
        if any(o.rule in OWNER_RULES for o in a.target_rules)
        for d in a.target_rules
        if d.rule not in OWNER_RULES
    }
    most = None if mentions.narrator or mentions.most_acted_on in owned else mentions.most_acted_on
    relatives = mentions.relatives(index.words.FAMILY_NOUNS) - {most, mentions.narrator}
    relatives -= _removed_from_abroad(analyses)
    if not relatives:
        return
    for analysis in analyses:
        if analysis.claim_rule is None:
            continue
        if not any(
            d.rule in DIRECT_PATIENT_RULES and d.name in relatives for d in analysis.target_rules
        ):
            continue
        recoded = False
        for ref in analysis.sentence.spans:
            record = ref.record
            if record.label == "METHOD" and record.code in CUSTODY_CODES:
                recoded = True
                rules = [
                    *record.provenance.context_rules,
                    "RELATIVE_REPRISAL.relative_named_before",
                ]
                record.provenance = record.provenance.model_copy(update={"context_rules": rules})
                record.code = "RELATIVE_REPRISAL"
        if recoded and kin_of and kin_of not in relatives and kin_of not in analysis.targets:
            # 'He is still held', he being the author's father: the author is a target too
            # (GUIDELINES: a relative held who is named is a target, with X); elsewhere whose
            # relative he is stays as the sentence tells it
            analysis.targets.insert(0, kin_of)
            analysis.target_rules.insert(0, TargetDecision(name=kin_of, rule="TARGET.relative_of"))


def _analyse(
    index: DocIndex,
    sentence: Sentence,
    number: int,
    memory: Memory,
    rules_by_id: dict[str, CueRule],
) -> Analysis | None:
    """Targets, source, qualification, type, hedge and negation of one sentence."""
    s0, s1 = sentence.span.start, sentence.span.end
    if not any(index.pos[i] in ("VERB", "AUX") for i in range(s0, s1)):
        memory.verbless.add(number)  # 'March 2020:' (pronouns look past it)
    if sentence.zone not in CLAIM_ZONES:
        return None
    by_kind: dict[str, list[Span]] = {}
    for cue in sentence.cues:
        by_kind.setdefault(cue.label_, []).append(cue)
    speakers = speaker_tokens(index, sentence, by_kind)
    negation_scopes = find_negation_scopes(index, sentence, by_kind, rules_by_id)
    denied: set[int] = set()
    for cue, scope in negation_scopes:
        if index.embedding(cue.start) is None:
            denied |= scope
    target_decisions = find_targets(index, sentence, memory, speakers, denied, number)
    _remember_joint_speakers(index, sentence, number, memory, speakers)
    targets = [decision.name for decision in target_decisions]
    source, source_rule, source_cue = find_source(
        index, sentence, number, memory, by_kind, rules_by_id
    )
    for name in list(targets):
        # 'X and his daughter were found dead': the daughter the document named before
        for other in joined_targets(index, sentence, memory, name):
            if other not in targets:
                targets.append(other)
                target_decisions.append(TargetDecision(name=other, rule="TARGET.joined_relative"))
    if not targets:
        # 'He never came out.': the case's story goes on
        targets = narrated_targets(index, sentence, memory, source, speakers, number)
        target_decisions = [
            TargetDecision(name=name, rule="TARGET.narrated_subject") for name in targets
        ]
    analysis = Analysis(sentence, number, targets, source, source_rule, source_cue)
    analysis.target_rules = target_decisions
    _remember_people(index, sentence, number, memory, analysis)
    recommendation = find_recommendation_cue(index, sentence, by_kind, rules_by_id)
    analysis.recommendation_cue = recommendation
    analysis.claim_rule = qualifies(index, sentence, targets, recommendation, source)
    if (
        analysis.claim_rule is None
        and memory.last_incident is not None
        and (
            reacts_to_the_incident(index, sentence, source)
            or tells_of_agents_acted_on(index, sentence)
            or tells_of_the_case(index, sentence, memory)
            or blames_a_state(index, sentence)
        )
    ):
        analysis.claim_rule = "CLAIM.incident_referred"
        analysis.type_id, analysis.claim_type = "TYPE.incident_referred", "incident"
    elif analysis.claim_rule is not None:
        analysis.type_id, analysis.claim_type = _claim_type(
            index, sentence, number, memory, targets, recommendation
        )
    else:
        return analysis
    if analysis.claim_type == "incident":
        memory.last_incident = number
    if analysis.claim_rule == "CLAIM.method":
        memory.last_method = number
    analysis.hedge_cues = find_hedges(index, sentence, by_kind, memory)
    analysis.negation_cues = find_negations(index, sentence, negation_scopes)
    if (told_on(analysis) or analysis.claim_rule == "CLAIM.incident_referred") and (
        "METHOD" not in {ref.record.label for ref in sentence.spans}
    ):
        # 'He never came out.', 'It will not go without an answer': no act to deny; but
        # 'said the allegations are absurd', 'pleaded not guilty' deny the act told
        analysis.negation_cues = denials_without_an_act(index, analysis.negation_cues)
    return analysis


def _remember_joint_speakers(
    index: DocIndex, sentence: Sentence, number: int, memory: Memory, speakers: set[int]
) -> None:
    """Remember several people named as the speakers of one sentence, with their noun."""
    people = [
        ref.record.name
        for ref in sentence.spans
        if ref.record.label == "PERSON" and ref.record.name and ref.root in speakers
    ]
    if len(people) > 1:
        nouns = frozenset(index.lemma[t] for t in speakers if index.pos[t] == "NOUN")
        memory.speaking_group = (people, number, nouns)


def _remember_people(
    index: DocIndex, sentence: Sentence, number: int, memory: Memory, analysis: Analysis
) -> None:
    """Carry the sentence's targets, speaker and last named person to the next sentences."""
    targets, source, source_rule = analysis.targets, analysis.source, analysis.source_rule
    if not targets and introduces_another_person(index, sentence):
        # 'Another activist said ...': later pronouns are that unnamed person
        memory.last_target = memory.last_person = memory.last_speaker = None
    if targets:
        # a relative named beside the act is not who later pronouns are about ('took her
        # brother, Erik, ... Officers told her mother': her is still the one he is kin to)
        relatives = {d.name for d in analysis.target_rules if d.rule == "TARGET.named_relative"}
        if memory.mentions is not None and any(
            d.rule == "TARGET.named_relative" for d in analysis.target_rules
        ):
            # 'his brothers, A and B': B, joined to A, is a relative beside the act too
            relatives |= memory.mentions.relatives(index.words.FAMILY_NOUNS) & set(targets)
        # nor is the one abroad the rule adds for his relative held ('the brother was held')
        owners = {d.name for d in analysis.target_rules if d.rule in OWNER_RULES}
        focus = [name for name in targets if name not in relatives | owners] or targets
        narrator = first_person(memory, sentence)
        focus = [name for name in focus if name != narrator]  # 'I', never 'he' or 'she'
        if focus:
            memory.last_target = (
                focus[-1] if len(focus) == 1 else pick_last_target(index, sentence, focus)
            )
        memory.known_targets.update(targets)
        # the group a later 'the two men' means: the people the sentence names, not those
        # it reaches through a pronoun ('Her father, A, and her brother, B, were held')
        order = [ref.record.name for ref in sentence.spans if ref.record.label == "PERSON"]
        group = sorted(
            (name for name in targets if name in order), key=order.index
        )  # in the order the sentence names them: a joint statement is its first
        if len(group) > 1:
            memory.set_group(group, number)
        elif len([name for name in targets if name not in owners]) > 1:
            memory.set_group([name for name in targets if name not in owners], number)
    else:
        topic = _named_subject(index, sentence, memory, source)
        if topic is not None:
            # 'My colleague Vo Minh Khoi was less lucky. ..., he was seized': the person a
            # sentence is about is who the next pronouns mean, before an older target
            memory.last_target = topic
        # the parse may lose part of a list: the longer reading of the group wins
        together = max(named_together(index, sentence), group_named(index, sentence), key=len)
        if len(together) > 1:
            # 'The bloggers, A and his brother B, lived in Tbilisi': the later 'the
            # brothers' are these two, although nothing was done to them yet
            memory.set_group(together, number)
    if source is not None and source_rule in (
        "reporting_verb",
        "according_to",
        "passive_agent",
        "colon",
        "described_speaker",
        "recommendation_verb",  # 'CEJ urges ...': a later 'The organisation also calls'
    ):
        kind = label_of(sentence, source)
        if kind is None and source_rule == "described_speaker":
            # 'The blogger ... said': a person named elsewhere, for a later 'he added';
            # 'The group urges ...': an organisation, for a later 'It also recommends'
            labels = {r.record.label for r in index.spans if r.record.name == source}
            kind = "PERSON" if "PERSON" in labels else "ORG" if "ORG" in labels else None
        if kind == "PERSON":
            memory.last_speaker = (source, number)
        elif kind == "ORG":
            memory.org_sources[source] += 1
            memory.last_org_speaker = (source, number)
    _remember_last_person(index, sentence, number, memory)
    _remember_subject(index, sentence, number, memory)
    unquoted = [
        ref.record.name
        for ref in sentence.spans
        if ref.record.label == "PERSON" and not inside_quotation(index, sentence, ref.start)
    ]
    if unquoted and unquoted[-1]:
        memory.last_person_unquoted = (unquoted[-1], number)


def _remember_subject(index: DocIndex, sentence: Sentence, number: int, memory: Memory) -> None:
    """Remember the person who is the main clause's subject of a sentence with no quotation
    ('A, 46, fled in 2014'), for 'She told the paper ...' right after it."""
    root = sentence.span.root
    subject = next((c.i for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    named = index.named(subject, ("PERSON",)) if subject is not None else None
    if named is not None and named.record.name and not sentence.has_quote:
        memory.last_subject = (named.record.name, number)
        if index.dep[subject] == "nsubjpass":
            memory.last_held = (named.record.name, number)


def _remember_last_person(index: DocIndex, sentence: Sentence, number: int, memory: Memory) -> None:
    """The person the sentence names last, else the one its 'she' or 'he' carries on."""
    people = [
        ref.record.name
        for ref in sentence.spans
        if ref.record.label == "PERSON" and not is_label(memory, ref)
    ]
    if people and people[-1]:
        memory.last_person = (people[-1], number)
    elif carried := _pronoun_subject_of_the_last_person(index, sentence, number, memory):
        memory.last_person = (carried, number)  # 'A sweeps ... . She crossed ... . ... her'


def _pronoun_subject_of_the_last_person(
    index: DocIndex, sentence: Sentence, number: int, memory: Memory
) -> str | None:
    """The person named just before, when this sentence names no one and its main verb's
    subject is 'he' or 'she' of that person's gender: the pronoun carries the person on."""
    recent = memory.recent_person(number)
    if recent is None:
        return None
    subject = next((c for c in sentence.span.root.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ not in ("he", "she"):
        return None
    fits = memory.mentions is None or memory.mentions.agrees(recent, subject.lower_)
    return recent if fits else None


def _named_subject(
    index: DocIndex, sentence: Sentence, memory: Memory, source: str | None
) -> str | None:
    """The person named as the subject of a sentence's main verb, when that verb is no
    speech verb and the person is no official, perpetrator or the sentence's source."""
    mentions = memory.mentions
    for ref in sentence.spans:
        if ref.record.label != "PERSON" or not ref.record.name or is_label(memory, ref):
            continue
        root = ref.root
        if index.dep[root] == "appos":
            root = index.head[root]  # 'My husband, X, had lived in Nairobi ...'
        verb = index.head[root]
        if index.dep[root] not in ("nsubj", "nsubjpass") or index.dep[verb] != "ROOT":
            continue
        name = ref.record.name
        if (
            name == source
            or name in memory.officials
            or index.lemma[verb] in index.words.SPEECH_VERBS
            or (mentions is not None and mentions.is_perpetrator(name))
        ):
            return None
        return name
    return _introduced(index, sentence, memory, source)


def _introduced(
    index: DocIndex, sentence: Sentence, memory: Memory, source: str | None
) -> str | None:
    """The one person a sentence with no named subject introduces with a description beside
    the name ('Take Omar Said, a poet who lived in Oslo.'): the next 'he' is that person."""
    nouns = describing_nouns(index)
    introduced = {
        ref.record.name
        for ref in sentence.spans
        if ref.record.label == "PERSON"
        and ref.record.name
        and not is_label(memory, ref)
        and any(c.dep_ == "appos" and c.lemma_.lower() in nouns for c in index.children(ref.root))
    }
    people = {
        ref.record.name
        for ref in sentence.spans
        if ref.record.label == "PERSON" and not is_label(memory, ref)
    }
    if len(introduced) != 1 or people != introduced:
        return None
    name = next(iter(introduced))
    mentions = memory.mentions
    if name == source or name in memory.officials:
        return None
    return None if mentions is not None and mentions.is_perpetrator(name) else name


def _claim_type(
    index: DocIndex,
    sentence: Sentence,
    number: int,
    memory: Memory,
    targets: list[str],
    recommendation: Span | None,
) -> tuple[str, str]:
    """``(TYPE_RULES id, type)``: the sentence's own rules, then 'They were handed over'
    right after an incident is that occasion."""
    type_id, claim_type = decide_type(index, sentence, targets, recommendation)
    if (
        claim_type == "pattern"
        and memory.last_incident is not None
        and 0 < number - memory.last_incident <= SAME_OCCASION_SENTENCES
        and same_group_acted_on(index, sentence)
    ):
        return "TYPE.same_occasion", "incident"
    if (
        claim_type == "pattern"
        and memory.last_incident is not None
        and told_in_the_past(index, sentence)
    ):
        return "TYPE.told_in_the_past", "incident"
    return type_id, claim_type


def _record(
    index: DocIndex, analysis: Analysis, *, doc_id: str, pipeline_version: str
) -> ClaimRecord:
    """The :class:`ClaimRecord` of an analysed, qualifying sentence."""
    sentence = analysis.sentence
    text = index.text
    cues: list[Span] = []
    if analysis.source_cue is not None:
        cues.append(analysis.source_cue)
    elif (
        analysis.source_rule
        and analysis.source_rule.startswith("quote")
        and sentence.quote_cue is not None
    ):
        cues.append(sentence.quote_cue)
    if analysis.recommendation_cue is not None:
        cues.append(analysis.recommendation_cue)
    cues += analysis.hedge_cues + analysis.negation_cues
    seen: set[tuple[int, int, str]] = set()
    cue_records = []
    for cue in sorted(cues, key=lambda c: (c.start, c.end)):
        key = (cue.start, cue.end, cue.id_)
        if key not in seen and cue.label_ != "terminator":
            seen.add(key)
            cue_records.append(cue_record(cue))
    pattern_ids = sorted(
        {
            ref.record.provenance.pattern_id
            for ref in sentence.spans
            if ref.record.provenance.pattern_id
        }
    )
    model_labels = sorted(
        {
            ref.record.provenance.model_label
            for ref in sentence.spans
            if ref.record.provenance.model_label
        }
    )
    start = claim_start(text, sentence.start_char, sentence.end_char)
    return ClaimRecord(
        doc_id=doc_id,
        start=start,
        end=sentence.end_char,
        text=text[start : sentence.end_char],
        type=analysis.claim_type,  # type: ignore[arg-type]
        targets=sorted(analysis.targets),
        source=analysis.source,
        hedged=bool(analysis.hedge_cues),
        negated=bool(analysis.negation_cues),
        cues=cue_records,
        provenance=ClaimProvenance(
            pattern_ids=pattern_ids,
            model_labels=model_labels,
            type_rule=analysis.type_id,
            claim_rule=analysis.claim_rule,
            source_rule=analysis.source_rule,
            target_rules=analysis.target_rules,
            pipeline_version=pipeline_version,
        ),
        **field_values(sentence),
    )
