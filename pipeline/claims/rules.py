"""Claim rule tables and the word sets the claim rules read.

Every decision of the claim stage is an ordered rule with an id (``CLAIM_RULES``,
``TYPE_RULES``, ``SOURCE_RULES``, ``TARGET_RULES``); the ids end up in each record's
:class:`~tnr_claims.records.ClaimProvenance`.
"""

from __future__ import annotations

CLAIM_ZONES = frozenset({"body"})
"""Zones whose sentences may be claims (title, headings, boilerplate, references never)."""


SAME_OCCASION_SENTENCES = 2
"""How far after an incident a group pronoun acted on is still that occasion."""


CLAIM_RULES: tuple[tuple[str, str], ...] = (
    ("CLAIM.method", "a METHOD span in the sentence: 'Agents abducted the activist.'"),
    (
        "CLAIM.count",
        "a QUANTITY with an operation/target noun, a METHOD or an event verb: "
        "'Police returned 40 students.'",
    ),
    (
        "CLAIM.share",
        "a share of acts or people: 'China accounted for 22 percent of the incidents.'",
    ),
    (
        "CLAIM.legal_provision",
        "a LEGAL_REF with a provision verb: 'Article 9 of the Security "
        "Law allows police to hold suspects.'",
    ),
    ("CLAIM.named_target", "a named target of an act: 'Ana Lopes was taken to the airport.'"),
    ("CLAIM.recommendation", "a call for action: 'The group urges governments to act.'"),
    (
        "CLAIM.listed_recommendation",
        "an item of a list after a lead-in that calls for action: 'SGI recommends that:' ..."
        " '- donors fund legal aid.'",
    ),
    ("CLAIM.event_verb", "an event verb on people: 'Students are being targeted, he said.'"),
    (
        "CLAIM.attributed_practice",
        "a named source on the practice: 'Rights Watch says these operations are growing.'",
    ),
    (
        "CLAIM.state_practice",
        "a state's practice as the subject: 'Rwandan transnational repression is broad.'",
    ),
    ("CLAIM.state_denial", "a state or organisation denies the act: 'Iran denied any role.'"),
    (
        "CLAIM.incident_referred",
        "after an incident, a reaction to it by a definite word: 'Oslo condemned the move.',"
        " or it called a state's act: 'This amounts to an attack by the state on Norway.'",
    ),
)
"""Why a sentence is a claim: the first rule that fires (recorded after the type rule)."""


TYPE_RULES: tuple[tuple[str, str, str], ...] = (
    (
        "TYPE.recommendation_cue",
        "recommendation",
        "a recommendation cue in the main clause: 'Amnesty urges Laos to halt the deportation.'",
    ),
    (
        "TYPE.listed_recommendation",
        "recommendation",
        "an item of a list after a lead-in that calls for action: 'Its recommendations"
        " include the following:' ... '- Train police to recognise the signs.'",
    ),
    (
        "TYPE.cases_counted",
        "statistic",
        "what happened in a number of the cases counted: 'In 33 of the cases, relatives "
        "were questioned.'",
    ),
    (
        "TYPE.ordinal_count",
        "statistic",
        "a person counted as the nth one an act hit: 'She is the fifth journalist to be "
        "abducted in Laos since 2016.'",
    ),
    (
        "TYPE.tally",
        "statistic",
        "a count kept by a counting verb, or told in the perfect over a span of time, however"
        " few and with a named one among them: 'The monitor counted nine teachers returned.',"
        " 'At least three critics, A among them, have been abducted since 2021.'",
    ),
    (
        "TYPE.named_target_event",
        "incident",
        "the sentence has named targets: 'Ana Lopes was detained in Bangkok in 2019.'",
    ),
    (
        "TYPE.legal_provision",
        "legal",
        "a LEGAL_REF (or a legal noun as subject) with a provision verb: 'Article 9 of the "
        "Security Law allows agents to detain suspects abroad.'",
    ),
    (
        "TYPE.dated_event",
        "incident",
        "a past act anchored to a day or month (or to a year with no count): 'Police "
        "detained at least 30 students on Tuesday.'",
    ),
    (
        "TYPE.single_person_event",
        "incident",
        "a past act by or on one unnamed individual or a named person who is no target: 'A "
        "blogger was abducted outside his flat.', 'Lin Bao was convicted of acting as an agent.'",
    ),
    (
        "TYPE.share",
        "statistic",
        "a share of acts or people: 'China accounted for 22 percent of these incidents.'",
    ),
    (
        "TYPE.definite_group",
        "incident",
        "a small definite group acted on in the past: 'The two men were abducted in Nairobi.'",
    ),
    (
        "TYPE.small_group",
        "incident",
        "a few people (a count up to the small-group size) acted on in the past: 'Two men "
        "were jailed in Riga last year.'",
    ),
    (
        "TYPE.perpetrator_group",
        "incident",
        "a count of the document's perpetrators (its perpetrator memory or a perpetrator "
        "noun): 'Police hold 14 suspects in the killing of the blogger.'",
    ),
    (
        "TYPE.same_occasion",
        "incident",
        "a group pronoun acted on in the past, within two sentences of an incident: 'Police "
        "deported three activists on Friday. They were handed over at the border.'",
    ),
    (
        "TYPE.told_in_the_past",
        "incident",
        "after an incident, a past event by a definite actor, to no generic group: 'Ruritania"
        " has denied any involvement.'",
    ),
    (
        "TYPE.count_in_the_case",
        "incident",
        "a count inside one case told (a definite case, trial or hearing): 'Police seek four "
        "more men wanted in the case.'",
    ),
    (
        "TYPE.count",
        "statistic",
        "a non-null QUANTITY about operations or targets: 'The report lists 18 abductions.'",
    ),
    (
        "TYPE.definite_act",
        "incident",
        "one act named with a demonstrative or a possessor: 'This brazen shooting has all the "
        "hallmarks of a political killing.'",
    ),
    (
        "TYPE.incident_referred",
        "incident",
        "a reaction to the incident told before, by a definite word ('the move', 'this"
        " incident'): 'The ministers will discuss this incident on Monday.'",
    ),
    (
        "TYPE.one_case",
        "incident",
        "'In one case' or 'in another instance' opening the sentence: 'In one case, an "
        "activist's phone was hacked hours after he spoke on television.'",
    ),
    (
        "TYPE.general_practice",
        "pattern",
        "anything else: 'Agents often pressure relatives to persuade targets to return.'",
    ),
)
"""Claim type: the first rule that fires, ``(id, type, example)``."""


SOURCE_RULES: tuple[tuple[str, str], ...] = (
    (
        "reporting_verb",
        "named nsubj (or appos/possessor/'by' phrase) of a reporting verb: 'Rights Watch said ...'",
    ),
    ("recommendation_verb", "named subject of a recommendation verb: 'The group urges ...'"),
    (
        "list_lead_in",
        "an item of a list after a lead-in that calls for action: the lead-in's source",
    ),
    ("passive_agent", "named agent of a passive reporting verb: 'it was reported by X'"),
    ("according_to", "'according to X'"),
    ("colon", "'X: ...' at the start of the sentence"),
    ("report_author", "'the report/study/organisation/it says': the document's report author"),
    (
        "statement_issuer",
        "an unquoted 'the experts' or 'the signatories' in a statement an organisation "
        "issues: that organisation",
    ),
    (
        "report_case",
        "'A second case in the report concerns X', 'The report's central case involves X': "
        "the report's author",
    ),
    ("pronoun_speaker", "'he/she said': the last named speaker within three sentences"),
    (
        "described_speaker",
        "'the leader of the group said', 'the group said': the one person the document "
        "describes so, or the organisation named last",
    ),
    ("quote_continued", "inside a quotation whose speaker was named in an earlier sentence"),
    ("quote_attributed_after", "inside a quotation attributed when it closes: '“A. B,” X said.'"),
    ("quote_same_speaker", "an unattributed quotation right after an attributed one"),
    (
        "interview_answer",
        "an unattributed sentence answering a 'Q:' question: the one the interview introduces",
    ),
    (
        "transcript_label",
        "a paragraph of a transcript opened by a speaker's label ('QUIROS: ...'): the person "
        "the label names",
    ),
    ("unnamed_speaker", "an attribution cue whose speaker is unnamed: 'police said' -> None"),
)
"""How ``source`` was found (``ClaimProvenance.source_rule``); the first three compete by depth."""


TARGET_RULES: tuple[tuple[str, str], ...] = (
    ("TARGET.passive_subject", "'X was abducted', 'X was taken back'"),
    ("TARGET.object", "'agents kidnapped X', 'helped in abducting X'"),
    ("TARGET.prep_object", "'the arrest of X', 'a red notice against X', 'the case of X'"),
    ("TARGET.return_subject", "'X returned to China', 'X disappeared'"),
    ("TARGET.found_harmed", "'X was found dead', 'X was found slumped on a bench'"),
    ("TARGET.subject_of_passive_clause", "'X appeared in court after being detained'"),
    ("TARGET.relative_clause", "'X, who was abducted in 2019, ...'"),
    ("TARGET.possessed_event", "'his arrest', 'X's extradition'"),
    ("TARGET.possessed_lever", "'his family' with a METHOD in the sentence"),
    ("TARGET.lever_of", "'police arrested a relative of X' with a METHOD in the sentence"),
    ("TARGET.bears_the_act", "'X received death threats', 'X left after receiving threats'"),
    ("TARGET.named_relative", "'His brother, Y, lost his job': the relative named in apposition"),
    ("TARGET.coordinated", "'X, his wife, Y, and their friend, Z, were abducted'"),
    (
        "TARGET.relative_owner",
        "'his mother, A, ...' before; 'A was detained': the one whose relative A is",
    ),
    ("TARGET.incident_person", "the only other named person of an incident sentence"),
    (
        "TARGET.named_next",
        "a group the next sentence names: 'Police held two sisters of X. The women, A and B, ...'",
    ),
    (
        "TARGET.own_case",
        "a speaker known as a target, on a definite act told again: 'X said the attack was"
        " planned in Minsk'",
    ),
    (
        "TARGET.joined_relative",
        "a family noun joined to a target, for the relative the document named: 'X and his"
        " daughter were found ill' after 'his daughter, Y,'",
    ),
    (
        "TARGET.narrated_subject",
        "a target of an earlier sentence as the subject of a past event: 'He never came back.'",
    ),
    (
        "TARGET.listed",
        "a list of who the act just told hit: 'Among those affected are A and B.'",
    ),
    (
        "TARGET.case_named",
        "a target told before whose name names the case: 'the court held nine sessions in the"
        " X case'",
    ),
    (
        "TARGET.relative_of",
        "the one a relative held is kin to, where the sentence names only the relative: 'my"
        " father, Y, was arrested. He is still held' (the op-ed's author, with Y)",
    ),
)
"""Why a person is a target (checked after the exclusions: speaker, agent, official, possessor)."""


CLAUSE_DEPS: frozenset[str] = frozenset(
    {
        "ROOT",
        "ccomp",
        "xcomp",
        "advcl",
        "relcl",
        "acl",
        "conj",
        "parataxis",
        "csubj",
        "csubjpass",
        "pcomp",
    }
)


SUBJECT_DEPS: frozenset[str] = frozenset({"nsubj", "nsubjpass", "csubj"})


DIRECT_PATIENT_RULES: frozenset[str] = frozenset(
    {
        "TARGET.passive_subject",
        "TARGET.object",
        "TARGET.return_subject",
        "TARGET.found_harmed",
        "TARGET.possessed_event",
        "TARGET.prep_object",
        "TARGET.possessed_lever",
    }
)
"""The only target rules that may override an official's exclusion ('the minister, X, was
detained'; 'the director of an exile group, X ... police arrested X's relatives'); a
president merely mentioned near an act stays out, and so does the office holder in 'the
half-brother of the leader, X' (GUIDELINES: the kin is the target)."""


SPEAKER_MEMORY_SENTENCES = 3
"""A 'he said' looks back this many sentences for the last named speaker."""


WORD_LISTS: tuple[str, ...] = (
    "BACKGROUND_VERBS",
    "BEARING_VERBS",
    "CAPABILITY_MODALS",
    "UNTOLD_VERBS",
    "CONCESSIVE_MARKS",
    "CONDITIONAL_MARKS",
    "COUNT_NOUNS",
    "EVENT_NOUNS",
    "EVENT_VERBS",
    "FAMILY_NOUNS",
    "FORMER_WORDS",
    "FUTURE_MODALS",
    "HARMED_STATES",
    "HEDGE_NOUNS",
    "INCIDENT_NOUNS",
    "CASE_PROCESS_NOUNS",
    "COURT_ACTORS",
    "LEGAL_FRAMES",
    "LEGAL_NOUNS",
    "LEGAL_VERBS",
    "LEVER_NOUNS",
    "LAWYER_NOUNS",
    "CLIENT_NOUNS",
    "OFFENCE_NOUNS",
    "OFFICE_NOUNS",
    "ORG_DESCRIPTION_NOUNS",
    "ORG_NAME_HEADS",
    "NATURAL_DEATH_CAUSES",
    "PARTY_NOUNS",
    "PASSIVE_MOVE_VERBS",
    "PEOPLE_LEMMAS",
    "PERSON_NOUNS",
    "PERSON_PRONOUNS",
    "PLATFORM_NAMES",
    "PRACTICE_NOUNS",
    "PRESUPPOSING_VERBS",
    "LARGE_VAGUE_COUNTS",
    "RELEASE_VERBS",
    "PUBLISH_WORDS",
    "REACTION_VERBS",
    "STIRRING_VERBS",
    "JOINT_SPEAKER_NOUNS",
    "PUBLIC_ADDRESSEES",
    "CLAIMS_TO_A_RIGHT",
    "STATE_VOICES",
    "STATE_MEDIA_NOUNS",
    "STATE_MARKS",
    "DISCLOSING_VERBS",
    "RELATIVE_PRONOUNS",
    "REPORT_NOUNS",
    "SPEECH_VERBS",
    "MALE_NOUNS",
    "FEMALE_NOUNS",
    "COURT_DOCUMENT_NOUNS",
    "CHARGE_DOCUMENT_NOUNS",
    "ISSUER_HEADS",
    "RETURN_VERBS",
    "STATE_ACTOR_NOUNS",
    "STATE_BODY_HEADS",
    "SUBJECT_PRONOUNS",
    "TIME_WORDS",
    "VAGUE_QUANTITIES",
)
"""The lists of ``patterns/lexicons.jsonl`` this stage reads (checked when a pipeline is
built, so a patterns folder that lacks one fails at start-up, not mid-run)."""
