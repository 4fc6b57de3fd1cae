"""Claim rule tables and the word sets the claim rules read.

Every decision of the claim stage is an ordered rule with an id (``CLAIM_RULES``,
``TYPE_RULES``, ``SOURCE_RULES``, ``TARGET_RULES``); the ids end up in each record's
:class:`~pipeline.records.ClaimProvenance`.
"""

from __future__ import annotations

CLAIM_ZONES = frozenset({"body"})
"""Zones whose sentences may be claims (title, headings, boilerplate, references never)."""


CLAIM_RULES: tuple[tuple[str, str], ...] = (
    ("CLAIM.method", "a METHOD span in the sentence: 'Agents abducted the activist.'"),
    (
        "CLAIM.count",
        "a QUANTITY with an operation/target noun, a METHOD or an event verb: "
        "'Police returned 40 students.'",
    ),
    (
        "CLAIM.legal_provision",
        "a LEGAL_REF with a provision verb: 'Article 9 of the Security "
        "Law allows police to hold suspects.'",
    ),
    ("CLAIM.named_target", "a named target of an act: 'Ana Lopes was taken to the airport.'"),
    ("CLAIM.recommendation", "a call for action: 'The group urges governments to act.'"),
    ("CLAIM.event_verb", "an event verb on people: 'Students are being targeted, he said.'"),
    (
        "CLAIM.attributed_practice",
        "a named source on the practice: 'Rights Watch says these operations are growing.'",
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
        "a past act by or on one unnamed individual: 'A blogger was abducted outside his flat.'",
    ),
    (
        "TYPE.count",
        "statistic",
        "a non-null QUANTITY about operations or targets: 'The report lists 18 abductions.'",
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
    ("passive_agent", "named agent of a passive reporting verb: 'it was reported by X'"),
    ("according_to", "'according to X'"),
    ("colon", "'X: ...' at the start of the sentence"),
    ("report_author", "'the report/study/organisation/it says': the document's report author"),
    ("pronoun_speaker", "'he/she said': the last named speaker within three sentences"),
    ("quote_continued", "inside a quotation whose speaker was named in an earlier sentence"),
    ("quote_attributed_after", "inside a quotation attributed when it closes: '“A. B,” X said.'"),
    ("quote_same_speaker", "an unattributed quotation right after an attributed one"),
    ("unnamed_speaker", "an attribution cue whose speaker is unnamed: 'police said' -> None"),
)
"""How ``source`` was found (``ClaimProvenance.source_rule``); the first three compete by depth."""


TARGET_RULES: tuple[tuple[str, str], ...] = (
    ("TARGET.passive_subject", "'X was abducted', 'X was taken back'"),
    ("TARGET.object", "'agents kidnapped X', 'helped in abducting X'"),
    ("TARGET.prep_object", "'the arrest of X', 'a red notice against X', 'the case of X'"),
    ("TARGET.return_subject", "'X returned to China', 'X disappeared'"),
    ("TARGET.subject_of_passive_clause", "'X appeared in court after being detained'"),
    ("TARGET.relative_clause", "'X, who was abducted in 2019, ...'"),
    ("TARGET.possessed_event", "'his arrest', 'X's extradition'"),
    ("TARGET.possessed_lever", "'his family' with a METHOD in the sentence"),
    ("TARGET.coordinated", "'X, his wife, Y, and their friend, Z, were abducted'"),
    ("TARGET.incident_person", "the only other named person of an incident sentence"),
)
"""Why a person is a target (checked after the exclusions: speaker, agent, official, possessor)."""


EVENT_VERBS: frozenset[str] = frozenset(
    "abduct kidnap seize snatch capture arrest detain jail imprison sentence convict charge "
    "prosecute indict extradite deport expel repatriate render return smuggle lure release "
    "free disappear vanish target harass threaten intimidate monitor surveil track spy hack "
    "attack assault beat kill murder assassinate poison torture interrogate question summon "
    "raid freeze confiscate coerce persuade blackmail extort force pressure".split()
)
"""Verb lemmas of acts against people (key tokens for negation, signals for incidents)."""


PASSIVE_MOVE_VERBS: frozenset[str] = frozenset(
    "take bring send fly hand transfer hold move ship drive escort".split()
)
"""Neutral verbs that describe an act on the person only in the passive ('was taken')."""


RETURN_VERBS: frozenset[str] = frozenset(
    "return disappear vanish reappear surrender flee resurface die".split()
)
"""Intransitive verbs whose subject is the person the act is about ('X returned')."""


EVENT_NOUNS: frozenset[str] = frozenset(
    "arrest detention abduction kidnapping disappearance extradition deportation return "
    "repatriation rendition trial sentence sentencing conviction release case example "
    "capture seizure surveillance harassment prosecution imprisonment jailing killing "
    "assassination murder death treatment persecution targeting transfer handover removal "
    "expulsion notice request warrant charge charges story plight fate whereabouts".split()
)
"""Nouns whose 'of X' / possessor names the person the act is aimed at."""


LEVER_NOUNS: frozenset[str] = frozenset(
    "family relative parent mother father wife husband son daughter child brother sister "
    "sibling friend girlfriend boyfriend partner fiancée fiance cousin uncle aunt grandmother "
    "grandfather niece nephew landlord employer asset account property home house passport "
    "phone contact detail information address business colleague lawyer".split()
)
"""Possessed nouns that make the possessor the target when the sentence has a METHOD."""


ROLE_NOUNS: frozenset[str] = frozenset(
    "president premier chancellor king queen prince ruler dictator leader minister secretary "
    "official officer policeman policewoman police agent spy judge prosecutor attorney "
    "spokesperson spokesman spokeswoman ambassador diplomat envoy consul director chief head "
    "commander governor mayor chairman chairwoman chair general colonel inspector investigator "
    "researcher analyst expert author reporter correspondent editor founder senator lawmaker "
    "mp deputy commissioner superintendent representative advocate".split()
)
"""Role nouns of officials, perpetrators and commentators: a name next to one is no target."""


FORMER_WORDS: frozenset[str] = frozenset({"former", "ex", "ex-", "retired", "onetime", "one-time"})
"""A former official ('a former company official, X') is no longer excluded as one."""


REPORT_NOUNS: frozenset[str] = frozenset(
    "report research study investigation analysis survey paper document briefing review "
    "finding findings author authors researcher researchers organisation organization group "
    "ngo publication dossier database".split()
)
"""Subjects that stand for the document's report author ('the report says')."""


PUBLISH_WORDS: frozenset[str] = frozenset(
    "published publishes publish released releases issued issues produced compiled authored "
    "wrote written".split()
)
"""Verbs that name an ORG as a report's author ('X, which published ...')."""


LEGAL_VERBS: frozenset[str] = frozenset(
    "allow permit require stipulate provide authorise authorize list prohibit ban forbid "
    "criminalise criminalize empower grant define enable oblige mandate give codify say state "
    "specify establish entitle bar".split()
)
"""Verbs of what an instrument says or allows."""


LEGAL_NOUNS: frozenset[str] = frozenset(
    "law codification legislation statute provision article treaty convention regulation "
    "clause code decree act".split()
)
"""Subjects that make a provision verb legal even without a LEGAL_REF span."""


COUNT_NOUNS: frozenset[str] = frozenset(
    "people person individual dissident activist critic journalist student fugitive suspect "
    "target victim family relative member national citizen refugee seeker exile official "
    "case operation incident attempt instance request notice country nation state station "
    "office centre center group team agent kidnapping abduction arrest return deportation "
    "extradition worker defender lawyer man woman child uyghur uighur tibetan".split()
)
"""Nouns a QUANTITY may count for the sentence to be a claim about operations or targets."""


PRACTICE_NOUNS: frozenset[str] = frozenset(
    "operation practice tactic method campaign scheme crackdown repression programme "
    "program".split()
)
"""Nouns for the practice itself: with a named source they make a claim without a METHOD span."""


PERSON_NOUNS: frozenset[str] = frozenset(
    "man woman person defendant suspect student activist journalist dissident blogger critic "
    "businessman businesswoman executive lawyer exile refugee national citizen official "
    "teenager son daughter wife husband father mother brother sister victim accused "
    "individual monk imam writer poet artist scholar academic researcher".split()
)
"""Singular nouns for one individual: with a past act, the sentence is about one incident."""


TIME_WORDS: frozenset[str] = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday yesterday today tonight".split()
)
"""Day-level time anchors of a specific event (besides DATE spans precise to the month)."""


CONCESSIVE_MARKS: frozenset[str] = frozenset(
    {"while", "although", "though", "whereas", "whilst", "even"}
)


CONDITIONAL_MARKS: frozenset[str] = frozenset({"if", "unless", "whether"})


CAPABILITY_MODALS: frozenset[str] = frozenset({"can", "could", "ca"})
"""'could not' / 'cannot' states a capability limit, not that an act did not happen."""


PRESUPPOSING_VERBS: frozenset[str] = frozenset(
    "prevent stop halt block avoid end thwart foil resist oppose protest condemn investigate "
    "punish acknowledge admit explain address".split()
)
"""Verbs whose negation presupposes the act ('failed to prevent the abduction'): no negation."""


HEDGE_NOUNS: frozenset[str] = frozenset(
    {"claim", "claims", "allegation", "allegations", "rumours", "rumors", "fears"}
)
"""Nouns that hedge ('a claim by activists'); other nouns a hedge phrase matches ('suspects'
as people) do not."""


SUBJECT_PRONOUNS: frozenset[str] = frozenset({"he", "she"})


PERSON_PRONOUNS: frozenset[str] = frozenset(
    {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
)


RELATIVE_PRONOUNS: frozenset[str] = frozenset({"who", "whom", "which", "that"})


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
    {"TARGET.passive_subject", "TARGET.object", "TARGET.return_subject", "TARGET.possessed_event"}
)
"""The only target rules that may override an official's exclusion ('the minister, X, was
detained'); a president merely mentioned near an act stays out."""


SPEAKER_MEMORY_SENTENCES = 3
"""A 'he said' looks back this many sentences for the last named speaker."""
