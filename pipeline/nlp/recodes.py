"""Context rules that change a METHOD span's code from what the parse shows of its act.

- **Relatives acted on.** Custody or punishment of relatives is RELATIVE_REPRISAL, whatever
  the act word (codebook, second set): ``RELATIVE_REPRISAL.relative_patient``; also of some
  of them counted ('detained two of her nephews'), and of a 'they' opening its sentence
  when the sentence before is about relatives (``RELATIVE_REPRISAL.relatives_pronoun``).
  The agents who do it at home are no OVERSEAS_AGENTS (``OVERSEAS_AGENTS.home_reprisal``,
  a drop). A definite act noun with no one of its own ('heard about the arrests') in a
  sentence telling such an act is that act: ``RELATIVE_REPRISAL.same_act_in_sentence``.
- **A return told to someone.** A return in the words said to a person or a relative ('they
  told her a good mother would bring her daughter home'), or asked of them for a relative
  ('told her to bring her son home'), is pressure to return:
  ``PERSUASION_TO_RETURN.return_told``.
- **Rewards for information.** A reward offered for information on or the capture of a
  person is a bounty, INFORMANT_COERCION: ``INFORMANT_COERCION.reward_for_information``.
- **Sentenced terms.** The custody a court sentences someone to is a penalty, PROSECUTION:
  ``PROSECUTION.sentenced_term``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from tnr_claims.nlp.provenance import derive, provenance_of
from tnr_claims.rules.loader import Lexicons

RECODE_TO_RELATIVE = frozenset({"DETENTION", "PROSECUTION", "ABDUCTION", "PHYSICAL_ATTACK"})
"""Codes that become RELATIVE_REPRISAL when the people acted on are relatives (codebook,
second set: custody and punishment of relatives, whatever the act word)."""


def _is_relative(token: Token, words: Lexicons) -> bool:
    """A relative acted on in a target's stead: a family noun, not one that ties the person
    to an office ('the half-brother of the country's leader' is the target himself)."""
    if not (
        token.lower_ in words.FAMILY_NOUNS
        or any(c.dep_ == "compound" and c.lower_ in words.FAMILY_NOUNS for c in token.children)
    ):
        return False
    return not any(
        t.lower_ in words.OFFICE_NOUNS
        for prep in token.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for t in _phrase_without_clauses(prep)
    )


def _phrase_without_clauses(token: Token) -> list[Token]:
    """The tokens of ``token``'s phrase without the clauses inside it ('of Omar Hadi, a
    citizen who sued the crown prince': not the prince)."""
    found = [token]
    for child in token.children:
        if child.dep_ not in ("relcl", "acl"):
            found.extend(_phrase_without_clauses(child))
    return found


def _patients(token: Token, relative_pronouns: frozenset[str] = frozenset()) -> list[Token]:
    """Who undergoes the act of ``token``: passive subjects, objects, 'of' phrases; with
    ``relative_pronouns``, the noun a relative clause's pronoun stands for."""
    head = token
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    found = [c for t in (token, head) for c in t.children if c.dep_ in ("nsubjpass", "dobj")]
    if head.dep_ == "acl" and head.tag_ == "VBN":
        found.append(head.head)  # 'had relatives questioned or detained': the relatives
    if not found and head.dep_ == "xcomp" and head.tag_ == "VBN":
        # 'her brother is believed to have been held in prison': the raised subject
        found = [c for c in head.head.children if c.dep_ in ("nsubjpass", "nsubj")]
    if token.dep_ == "pobj" and token.head.head.pos_ == "VERB":
        # 'his family was placed under house arrest': the verb's patient undergoes it
        verb = token.head.head
        found.extend(c for c in verb.children if c.dep_ in ("nsubjpass", "dobj"))
    # 'arrests, disappearances and detention of relatives': the 'of' phrase of a list's
    # last member belongs to every member
    for t in (token, head, *head.conjuncts):
        for prep in t.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                found.extend(c for c in prep.children if c.dep_ == "pobj")
    # '14 relatives of critics who were detained': a relative pronoun stands for the noun
    # its clause modifies
    if head.dep_ == "relcl" and any(c.lower_ in relative_pronouns for c in found):
        found.append(head.head)
    # 'detained two of her nephews', 'held some of her relatives': the 'of' phrase
    # of a count is who is counted
    for count in list(found):
        if count.pos_ in ("NUM", "PRON", "DET") or count.lower_ in ("some", "several", "many"):
            for prep in count.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    found.extend(c for c in prep.children if c.dep_ == "pobj")
    return found


def same_act_told_in_the_sentence(spans: list[Span]) -> list[Span]:
    """'people who heard about the arrests said officers arrested two of her
    nephews': a definite act noun with no one of its own is the act the sentence tells, so
    it takes that act's RELATIVE_REPRISAL code. Context rule
    ``RELATIVE_REPRISAL.same_act_in_sentence``."""
    told = {
        (s.sent.start, s.root.lemma_.lower()): s.start
        for s in spans
        if s.label_ == "METHOD" and _current_code(s) == "RELATIVE_REPRISAL"
    }  # (sentence, act lemma) -> the reprisal telling it
    if not told:
        return spans
    result = []
    for span in spans:
        root = span.root
        if (
            span.label_ == "METHOD"
            and _current_code(span) in RECODE_TO_RELATIVE
            and root.pos_ == "NOUN"
            and any(
                c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in root.children
            )
            and not _patients(root)
            and told.get((span.sent.start, root.lemma_.lower()), span.start) != span.start
        ):
            span = derive(span, "RELATIVE_REPRISAL.same_act_in_sentence", "code")
        result.append(span)
    return result


REMOVAL_CODES = frozenset({"DEPORTATION", "EXTRADITION", "FORCED_RETURN"})
"""Acts that bring a person from abroad into the state's hands."""


def _removed_kin(spans: list[Span], words: Lexicons) -> set[str]:
    """The family nouns ('brother') of relatives a deportation, extradition or forced
    return was done to in the document: they were abroad and are targets themselves."""
    return {
        p.lemma_.lower()
        for s in spans
        if s.label_ == "METHOD" and _current_code(s) in REMOVAL_CODES
        for p in _patients(s.root)
        if _is_relative(p, words)
    }


def recode_relative_reprisals(spans: list[Span], words: Lexicons) -> list[Span]:
    """Custody or punishment of relatives is RELATIVE_REPRISAL (context rule; the codes of
    :data:`RECODE_TO_RELATIVE`).

    "Relatives of exiled activists have been detained": the patient of "detained" is
    a relative, so the span's code changes: its provenance gains the context decision
    ``RELATIVE_REPRISAL.relative_patient`` (changed: code) after its original rule.
    Relatives who were themselves deported, extradited or returned ('deported two
    brothers ... either brother was beaten') are targets, not relatives acted on.
    """
    removed = _removed_kin(spans, words)
    result = []
    for span in spans:
        code = span.id_.split(".", 1)[0]
        if (
            span.label_ == "METHOD"
            and code in RECODE_TO_RELATIVE
            and not provenance_of(span).context
        ):
            patients = _patients(span.root, words.RELATIVE_PRONOUNS)
            kin = [p for p in patients if _is_relative(p, words)]
            if kin and any(p.lemma_.lower() not in removed for p in kin):
                span = derive(span, "RELATIVE_REPRISAL.relative_patient", "code")
            elif any(_relatives_before(p, words) for p in (*patients, *_vanished(span.root))):
                span = derive(span, "RELATIVE_REPRISAL.relatives_pronoun", "code")
        result.append(span)
    return result


LIST_JOINS = frozenset({",", "and", "or", ";"})
"""Tokens between the members of a list of acts."""


def recode_listed_with_relatives(spans: list[Span], words: Lexicons) -> list[Span]:
    """'sudden arrests, enforced disappearances and long detention of their family
    members': in a list of acts joined only by commas, 'and' or 'or', the relatives named
    after the last member are acted on by every member, whatever the parser made of the
    list (it often reads 'enforced' as a verb). The custody and punishment acts before a
    relative reprisal ending in 'of <relatives>' become RELATIVE_REPRISAL (context rule
    ``RELATIVE_REPRISAL.listed_with_relatives``)."""
    methods = [s for s in spans if s.label_ == "METHOD"]
    recoded: dict[int, Span] = {}
    run: list[Span] = []
    for span in methods:
        if run and not all(_joins(t, span) for t in span.doc[run[-1].end : span.start]):
            run = []
        run.append(span)
        if len(run) > 1 and _ends_with_relatives(span, words):
            for member in run[:-1]:
                if _current_code(member) in RECODE_TO_RELATIVE:
                    recoded[member.start] = derive(
                        member, "RELATIVE_REPRISAL.listed_with_relatives", "code"
                    )
    if not recoded:
        return spans
    return [recoded.get(s.start, s) if s.label_ == "METHOD" else s for s in spans]


def _joins(token: Token, member: Span) -> bool:
    """A list's joining word, or a modifier of the next member ('and prolonged detention')."""
    return token.lower_ in LIST_JOINS or (
        member.start <= token.head.i < member.end
        and token.dep_ in ("amod", "compound", "det", "nummod", "advmod")
    )


def _ends_with_relatives(span: Span, words: Lexicons) -> bool:
    """A relative reprisal whose span or next words end in 'of <relatives>'."""
    if _current_code(span) != "RELATIVE_REPRISAL":
        return False
    tail = span.doc[span.start : min(len(span.doc), span.end + 3)]
    return any(
        t.lower_ == "of" and any(_is_relative(n, words) for n in tail[k + 1 :])
        for k, t in enumerate(tail)
    )


PLURAL_PRONOUNS = frozenset({"they", "them"})


def _vanished(root: Token) -> list[Token]:
    """Who 'was disappeared' when the parser reads the verb as active ('they were forcibly
    disappeared' with 'they' its subject)."""
    if root.lemma_.lower() != "disappear":
        return []
    return [c for c in root.children if c.dep_ == "nsubj"]


def _relatives_before(pronoun: Token, words: Lexicons) -> bool:
    """'Her nephew and two aunts were taken into custody. We learned that they were
    disappeared': a 'they' or 'them' whose sentence names no one before it stands for the
    subject of the sentence before, here relatives (a family noun, or several joined)."""
    if pronoun.lower_ not in PLURAL_PRONOUNS:
        return False
    sentence = pronoun.sent
    if any(t.pos_ == "PROPN" or t.tag_ == "NNS" for t in sentence[: pronoun.i - sentence.start]):
        return False  # people or names before the pronoun in its own sentence
    if sentence.start == 0:
        return False
    before = pronoun.doc[sentence.start - 1].sent
    subjects = [t for t in before if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"]
    if not subjects:
        return False
    subject = subjects[0]
    plural = subject.tag_ == "NNS" or any(
        c.dep_ in ("conj", "appos") and c.pos_ == "NOUN" for c in subject.children
    )
    return plural and _is_relative(subject, words)


def _current_code(span: Span) -> str:
    """The span's METHOD code now: the last context rule that changed it, else its origin."""
    provenance = provenance_of(span)
    return (provenance.code_rule() or provenance.origin_id).split(".", 1)[0]


def drop_agents_of_home_reprisals(spans: list[Span]) -> list[Span]:
    """Agents who hold or punish relatives at home ('security agents arrested two of his
    cousins') are the home state's own police at work, no OVERSEAS_AGENTS: the act on the
    relatives is the METHOD (RELATIVE_REPRISAL). The agent noun span is dropped when it is
    the subject of a verb inside a RELATIVE_REPRISAL span (context rule
    ``OVERSEAS_AGENTS.home_reprisal``, a drop)."""
    reprisal_tokens = {
        i
        for s in spans
        if s.label_ == "METHOD" and _current_code(s) == "RELATIVE_REPRISAL"
        for i in range(s.start, s.end)
    }
    if not reprisal_tokens:
        return spans
    return [
        s
        for s in spans
        if not (
            s.label_ == "METHOD"
            and _current_code(s) == "OVERSEAS_AGENTS"
            and s.root.dep_ == "nsubj"
            and s.root.head.i in reprisal_tokens
        )
    ]


ALONGSIDE_WORDS = frozenset({"along", "together"})
"""'sacked along with two generals': the generals are acted on as the subject is."""

MAX_AGENT_CLIMB = 8


AGENTS_ACTED_ON_KEY = "tnr_agents_acted_on"
"""``Doc.user_data`` key: the token indices of agent nouns :func:`drop_agents_acted_on`
dropped. The claims stage reads it: a sentence telling what was done to a state's agents
after an incident goes on with that incident's story, though it names no METHOD."""


def drop_agents_acted_on(doc: Doc, spans: list[Span], words: Lexicons) -> list[Span]:
    """An agent or service noun that a host state or a third party acts on ('will expel
    four diplomats identified as intelligence officers', 'sanctioned the agency blamed for
    it', 'sacked along with two generals of the intelligence services') is the perpetrator
    side, and one sheltering a target ('under the protection of two countries' secret
    services') no coercion: no OVERSEAS_AGENTS (GUIDELINES, expelled diplomats). The noun is
    the object of a ``MEASURES_ON_AGENTS`` verb, or after 'of' / 'on' / 'against' of such a
    noun, through the nouns it is part of ('the head of the service') and the clauses that
    describe them ('diplomats who were identified as officers'). As a verb's subject it
    does the act ('agents expelled the blogger from the camp') and stays."""
    kept, acted_on = [], []
    for span in spans:
        if (
            span.label_ == "METHOD"
            and _current_code(span) == "OVERSEAS_AGENTS"
            and _acted_on(span.root, words.MEASURES_ON_AGENTS)
        ):
            acted_on.append(span.root.i)
        else:
            kept.append(span)
    doc.user_data[AGENTS_ACTED_ON_KEY] = acted_on
    return kept


def _acted_on(noun: Token, measures: frozenset[str]) -> bool:
    """Whether ``noun`` is what a measure word is done to (see :func:`drop_agents_acted_on`)."""
    token = noun
    via = ""  # the preposition last climbed through
    for _ in range(MAX_AGENT_CLIMB):
        head = token.head
        if head.i == token.i:
            return False
        lemma = head.lemma_.lower()
        if head.pos_ == "ADP":
            via = via if head.lower_ == "with" and via else head.lower_
        elif head.pos_ in ("NOUN", "PROPN"):
            if lemma in measures and via in ("of", "on", "against"):
                return True
            if token.dep_ not in ("prep", "compound", "appos", "conj", "nmod", "relcl", "acl"):
                return False
            via = ""
        elif head.pos_ == "VERB":
            if (lemma in measures or _told_to_leave(head)) and (
                token.dep_ in ("dobj", "nsubjpass") or via in ALONGSIDE_WORDS
            ):
                return True
            if head.dep_ not in ("relcl", "acl"):
                return False
            via = ""
        else:
            return False
        token = head
    return False


def _told_to_leave(verb: Token) -> bool:
    """'ordered the head of the service to leave': an expulsion in other words."""
    return verb.lemma_.lower() in ("order", "tell", "ask") and any(
        c.dep_ == "xcomp" and c.lemma_.lower() == "leave" for c in verb.children
    )


SOUGHT_NOUNS = frozenset({"information", "arrest", "capture", "whereabouts", "location", "return"})
"""What a bounty pays for ('a reward for information leading to the arrest')."""


def recode_rewards_for_information(spans: list[Span]) -> list[Span]:
    """A reward offered for information on, or the capture of, a person is a bounty:
    INFORMANT_COERCION, not an INDUCEMENT to the target (codebook: bounties for information
    on or capture of targets). 'offering a reward of $1 million for information leading to
    their arrest': the reward noun has a 'for' phrase, also after an 'of' amount. Context
    rule ``INFORMANT_COERCION.reward_for_information``."""
    result = []
    for span in spans:
        if span.label_ == "METHOD" and _current_code(span) == "INDUCEMENT":
            noun = span[-1]
            if noun.lemma_.lower() in REWARD_NOUNS and _paid_for_finding(noun, span[0]):
                span = derive(span, "INFORMANT_COERCION.reward_for_information", "code")
        result.append(span)
    return result


REWARD_NOUNS = frozenset({"reward", "payment", "money", "cash"})


def _paid_for_finding(noun: Token, verb: Token) -> bool:
    """Whether the reward, its amount, or the verb offering it (where the parser hangs the
    phrase) is 'for' information, an arrest or a capture."""
    holders = [
        noun,
        verb,
        *(p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children),
    ]
    return any(
        prep.dep_ == "prep"
        and prep.lower_ == "for"
        and any(o.lemma_.lower() in SOUGHT_NOUNS for o in prep.children if o.dep_ == "pobj")
        for holder in holders
        for prep in holder.children
    )


TELLING_LEMMAS = frozenset({"tell", "warn", "remind", "inform"})
"""Verbs of telling someone something ('told her that she must come home')."""

ADDRESSEES = frozenset({"me", "him", "her", "us", "them", "you"})
"""Pronouns for the person told: a person or relative, not 'reporters' or 'the court'."""


def recode_returns_told(spans: list[Span], words: Lexicons) -> list[Span]:
    """A return in the words said to a person or a relative ('they told her that a good
    mother would bring her daughter home') is pressure to return, not a return that
    happened: PERSUASION_TO_RETURN (codebook: urging a person to return, by any messenger),
    context rule ``PERSUASION_TO_RETURN.return_told``."""
    result = []
    for span in spans:
        if span.label_ == "METHOD" and span.id_.split(".", 1)[0] == "FORCED_RETURN":
            if said_to_someone(span.root, words) or _told_to_bring_someone(span, words):
                span = derive(span, "PERSUASION_TO_RETURN.return_told", "code")
        result.append(span)
    return result


BROUGHT_PRONOUNS = frozenset({"him", "her", "them", "me", "us"})
"""Who a relative is told to bring back, when a pronoun names them ('bring him back')."""

BRINGING_LEMMAS = frozenset({"bring", "send", "get"})
"""Verbs of making someone else come back ('told her to bring her son home')."""


def _told_to_bring_someone(span: Span, words: Lexicons) -> bool:
    """'told her to bring her son home', 'told his father to bring him back': a return
    asked of a relative or a person told, of a relative or a person a pronoun names, is
    pressure to return, not a return that happened."""
    verb = next((t for t in span if t.lemma_.lower() in BRINGING_LEMMAS), None)
    if verb is None or verb.dep_ != "xcomp":
        return False
    teller = verb.head
    told = [c for c in teller.children if c.dep_ in ("dobj", "dative")]
    brought = [c for c in verb.children if c.dep_ == "dobj"]
    return (
        teller.lemma_.lower() in TELLING_LEMMAS | {"ask", "urge", "order"}
        and any(c.lower_ in ADDRESSEES or c.lemma_.lower() in words.FAMILY_NOUNS for c in told)
        and any(
            b.lemma_.lower() in words.FAMILY_NOUNS or b.lower_ in BROUGHT_PRONOUNS for b in brought
        )
    )


def said_to_someone(token: Token, words: Lexicons) -> bool:
    """Whether ``token`` lies in the clause of what a person or a relative was told ('told
    me I must come home', 'told the brother the family would have no peace'): the words
    said to them. Not what reporters were told ('told reporters that no one was held'):
    that is a statement. Shared by this recode and the claim rules (a call for action and
    a denial are never in such words)."""
    node, through_clause = token, False
    for _ in range(8):
        if node.head.i == node.i:
            return False
        through_clause = through_clause or node.dep_ == "ccomp"
        node = node.head
        if node.lemma_.lower() in TELLING_LEMMAS and node.pos_ == "VERB":
            return (
                through_clause
                and not any(c.dep_ == "nsubj" and c.lemma_.lower() in SPOKES for c in node.children)
                and any(
                    c.dep_ in ("dobj", "dative")
                    and (c.lower_ in ADDRESSEES or c.lemma_.lower() in words.FAMILY_NOUNS)
                    for c in node.children
                )
            )
    return False


SPOKES = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen"})
"""Tellers whose words are a statement whoever hears them ('a spokesperson told us')."""


def recode_assets_arrested(spans: list[Span], words: Lexicons) -> list[Span]:
    """Property 'arrested' or seized ('their property in Belarus has been arrested') is
    ASSET_FREEZE, not DETENTION: the patient of the custody word is an asset
    (``ASSET_NOUNS``). Context rule ``ASSET_FREEZE.asset_patient``."""
    result = []
    for span in spans:
        if (
            span.label_ == "METHOD"
            and _current_code(span) == "DETENTION"
            and span.root.pos_ == "VERB"
        ):
            patients = [p for p in _patients(span.root) if p.dep_ in ("nsubjpass", "dobj")]
            if patients and all(p.lemma_.lower() in words.ASSET_NOUNS for p in patients):
                span = derive(span, "ASSET_FREEZE.asset_patient", "code")
        result.append(span)
    return result


def recode_sentenced_terms(spans: list[Span]) -> list[Span]:
    """The custody a court sentences someone to is a penalty: PROSECUTION (codebook,
    penalties and sentences), context rule ``PROSECUTION.sentenced_term``.

    "sentenced him in absentia to life imprisonment": a DETENTION noun that is the object
    of 'to' with a form of 'sentence' at most four heads above it."""
    result = []
    for span in spans:
        root = span.root
        if (
            span.label_ == "METHOD"
            and span.id_.split(".", 1)[0] == "DETENTION"
            and root.dep_ == "pobj"
            and root.head.lower_ == "to"
            and _sentenced_above(root)
        ):
            span = derive(span, "PROSECUTION.sentenced_term", "code")
        result.append(span)
    return result


def _sentenced_above(token: Token) -> bool:
    node = token
    for _ in range(4):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.lemma_.lower() == "sentence" and node.pos_ == "VERB":
            return True
    return False


CAPTURE_VERBS = frozenset({"capture", "seize", "nab", "grab", "snatch"})
"""Verbs of laying hands on a person that a state's agents do abroad as a seizure."""

SPY_BODY_NOUNS = frozenset({"agency", "service", "intelligence", "operative", "commando"})
"""Nouns for a state's intelligence body or its people ('its spy agency captured ...')."""


def recode_captured_by_agents(spans: list[Span], words: Lexicons) -> list[Span]:
    """A capture done by a state's agents or its intelligence body is a seizure: ABDUCTION,
    variant direct (codebook: 'trapping and capturing'; direct when the state's own agents
    do it), not an arrest. "Intelligence agents captured the teacher in Bishkek": a
    DETENTION capture verb whose subject is an agent noun (``AGENT_NOUNS``) or a spy body
    (:data:`SPY_BODY_NOUNS`). Police capturing someone stays DETENTION. Context rule
    ``ABDUCTION.captured_by_agents``."""
    doers = words.AGENT_NOUNS | SPY_BODY_NOUNS
    result = []
    for span in spans:
        root = span.root
        if (
            span.label_ == "METHOD"
            and _current_code(span) == "DETENTION"
            and root.pos_ == "VERB"
            and root.lemma_.lower() in CAPTURE_VERBS
            and any(c.dep_ == "nsubj" and c.lemma_.lower() in doers for c in root.children)
        ):
            span = derive(span, "ABDUCTION.captured_by_agents", "code")
        result.append(span)
    return result


CONTEXT_VARIANTS: dict[str, str] = {"ABDUCTION.captured_by_agents": "direct"}
"""The ABDUCTION variant a context recode gives (a pattern's own variant is on the rule)."""
