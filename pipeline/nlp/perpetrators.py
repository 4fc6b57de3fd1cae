"""Acts against perpetrators are not METHODs: a document-level memory of who they are.

Codebook: "METHODs are acts against targets. Acts against perpetrators (kidnappers
arrested, agents convicted) are not METHODs". A report of a killing abroad goes on to the
arrest, charges and extradition of the killers; those legal steps must not be counted as
DETENTION, PROSECUTION or EXTRADITION of a target. The rule reads the dependency parse:

1. **Charge content.** A legal act whose prepositional complement holds another, non-legal
   METHOD that is an act on someone is an act against that act's perpetrators:
   "arrested for their involvement in the killing of X", "charges against Y in connection
   with a plot to kill X", "indicts Y in plot to kill X", "arrests in the activist killing".
   The act's patients (Y) are remembered as perpetrators for the whole document.
2. **Who.** A named person who admits or pleads to an act on someone ("A and B each
   admitted one count of conspiring to act as an agent of X", "pleaded not guilty to
   stalking Y") is remembered. A legal act whose patient is a remembered perpetrator, or
   a perpetrator noun (``PERPETRATOR_NOUNS``: "the suspected gunman was detained") or an
   agent noun (``AGENT_NOUNS``: "agents have been accused of targeting critics") is an act
   against a perpetrator too; so are the agent of a passive act on someone ("was attacked
   by Z") and a named person who does such an act ("Karel Dvorak surveilled X").
3. **Named beside a perpetrator noun.** "The suspects, A and B, were arrested", "the
   accused, a national identified as A": A and B are remembered (apposition,
   coordination, a naming participle's 'as'; never an 'of' phrase).
   Counted people accused ("convicted two men of spying on exiles") are the ones the
   next sentence names as many of, as its subject list or around its legal verb ("A was
   sentenced to six years and B to four"); a host deporting a remembered doer ("ordered
   that B be deported") acts against him too.
4. **The same act again.** Once an indictment or charge has been recognised as one against
   perpetrators, a bare definite mention of it ("the indictment", "the charges") with no
   patient of its own refers back to it.
5. and 6. (penalties that wait on a conviction, a charging document as the source) need no
   memory and live in :mod:`tnr_claims.nlp.legal_words`.

7. **A pronoun for a perpetrator noun.** 'The suspected gunman fled across the border.
   "Police there have arrested him," an officer said': the legal act's pronoun stands for
   the nearest person mention before it, and that is a definite perpetrator noun of its
   number, so the act is dropped and the pronoun is no one's target (its token is kept
   under ``PERPETRATOR_PRONOUNS_KEY`` for the claim stage).

A METHOD named as the target's alleged crime with no object ("arrested for spying") is
not charge content: the alleged-crime rule has already removed it, so the legal act stays.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.attrs import LEMMA
from spacy.tokens import Doc, Span, Token

from tnr_claims.nlp.perpetrator_pronouns import a_name, mention_words, stands_for_a_perpetrator
from tnr_claims.nlp.provenance import provenance_of
from tnr_claims.nlp.spans import person_name_forms, tokens_with
from tnr_claims.normalise.numbers import quantity_value
from tnr_claims.rules.loader import Lexicons

LEGAL_CODES = frozenset({"DETENTION", "PROSECUTION", "EXTRADITION"})
"""Codes of the legal steps that, aimed at perpetrators, are not METHODs."""
EXPULSION_CODES = frozenset({"DEPORTATION"})
"""Codes of a host sending someone away: no METHOD when that one is a named doer."""

WARRANT_CODES = frozenset({"INTERPOL_ABUSE"})
"""Codes of the instrument an arrest is made on ('detained X on a red notice'): the
grounds of the arrest, no act X is charged with."""

MESSENGER_CODES = frozenset({"PERSUASION_TO_RETURN", "FAMILY_PRESSURE"})
"""Codes whose doer is often a messenger made to act (a relative, a returned exile urging
others to come home), not a perpetrator."""

CONTENT_DEPS = frozenset({"prep", "pobj", "pcomp", "xcomp", "acl", "compound", "amod", "dobj"})
"""Dependencies followed from a legal act to what it is for ('for ... in the killing')."""

OBJECT_DEPS = frozenset({"dobj", "poss", "nsubjpass", "compound"})
"""Dependencies that show an act has someone it is done to."""

MAX_CONTENT_DEPTH = 6

PERPETRATOR_PRONOUNS_KEY = "tnr_perpetrator_pronouns"
"""``doc.user_data`` key of the token indices of pronouns that stand for a perpetrator noun
('The suspect fled ... police arrested him'): the claim stage makes no target of them."""

PERPETRATORS_KEY = "tnr_perpetrators"
"""``doc.user_data`` key of the lower-cased names and nouns remembered as perpetrators, for
the claim stage (perpetrators are never targets)."""

ACCUSING_VERBS = frozenset({"accuse", "charge", "indict", "convict", "sentence", "suspect"})
"""Verbs whose object is remembered as a perpetrator when the charge is an act on someone
('accused Y of giving the order to kill X'), whether or not they are METHOD spans."""


ADMITTING_VERBS = frozenset({"admit", "plead", "confess"})
"""Verbs whose named subject is remembered as a perpetrator when what is admitted is an act
on someone ('A and B each admitted one count of conspiring to act as agents of X', 'pleaded
guilty to stalking Y'); a plea of not guilty to such a charge makes the same person the
accused."""


def _code(span: Span) -> str:
    return provenance_of(span).origin_id.split(".", 1)[0]


def _acts_on_someone(token: Token) -> bool:
    """Whether the act word ``token`` has an object, possessor or 'of/on/against' phrase
    (or the noun it modifies has: 'an assassination plot against X')."""
    if token.dep_ == "compound" and token.head.i != token.i and _acts_on_someone(token.head):
        return True
    for child in token.children:
        if child.dep_ in OBJECT_DEPS:
            return True
        if child.dep_ in ("amod", "nmod") and child.pos_ in ("NOUN", "PROPN"):
            return True  # 'the activist killing': the parser makes the victim a modifier
        if child.dep_ == "prep" and child.lower_ in ("of", "on", "against"):
            if not any(g.ent_type_ in ("DATE", "TIME") for g in child.children):
                return True  # not 'returned on February 15': a date is no one acted on
    return False


def _content_tokens(root: Token) -> Iterable[Token]:
    """Tokens reached from ``root`` through complement dependencies (breadth first).

    When the legal act is the object of a verb ("welcomed arrests in the killing of X"),
    the parser often hangs the phrase that follows on the verb: prepositional phrases of
    that verb after the object count as the act's complements too.
    """
    starts = [child for child in root.children if _content(child)]
    # 'charged with conspiracy to commit murder in X's death', the infinitive hung on the verb
    starts += [
        child
        for child in root.children
        if child.dep_ == "advcl"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
    ]
    if root.pos_ == "VERB":
        # 'were detained and indicted over the stabbing of X': joined legal verbs share what
        # they are for
        starts += [
            child
            for verb in root.conjuncts
            if verb.pos_ == "VERB" and verb.lemma_.lower() in JOINED_LEGAL_VERBS
            for child in verb.children
            if child.dep_ == "prep"
        ]
    if root.dep_ in ("dobj", "nsubjpass", "attr"):
        starts += [
            sibling
            for sibling in root.head.children
            if sibling.dep_ == "prep" and sibling.i > root.i
        ]
    frontier = [(child, 1) for child in starts]
    while frontier:
        token, depth = frontier.pop(0)
        yield token
        if depth < MAX_CONTENT_DEPTH:
            frontier.extend(
                (child, depth + _step(token, child))
                for child in token.children
                if _content(child) or (child.dep_ == "conj" and child.pos_ in NOMINAL)
            )


TIME_PREPOSITIONS = frozenset({"before", "until", "till"})
"""Prepositions that order a later act ('held him for days before handing him over'): what
follows them is the next step, not what the legal act is for ('arrested after the
killing' is still read as the arrest of its doers)."""


def _content(child: Token) -> bool:
    return child.dep_ in CONTENT_DEPS and not (
        child.dep_ == "prep" and child.lower_ in TIME_PREPOSITIONS
    )


NOMINAL = frozenset({"NOUN", "PROPN"})

JOINED_LEGAL_VERBS = frozenset(
    {"arrest", "detain", "hold", "charge", "indict", "convict", "sentence", "prosecute", "jail"}
)
"""Legal verbs joined to a legal act by 'and' whose phrases say what both are for."""

LINKING_NOUNS = frozenset({"connection", "relation", "link"})
"""Nouns of 'in connection with', 'in relation to': a way through to what the act is for,
not a step away from it."""


def _step(token: Token, child: Token) -> int:
    """How far ``child`` lies from the legal act beyond ``token``: a coordinated noun is the
    same slot ('charges against A and B in connection with ...': B's phrase is the
    charges'), and so is the preposition after a linking noun ('in connection with')."""
    if child.dep_ == "conj" or token.lemma_.lower() in LINKING_NOUNS:
        return 0
    return 1


def _patients(root: Token) -> list[Token]:
    """Who a legal act is done to: objects, passive subjects, 'of/against' phrases,
    possessors, the noun a participle describes, and the subject of 'face(s) charges'."""
    found = [c for c in root.children if c.dep_ in ("nsubjpass", "dobj", "poss")]
    if root.dep_ == "acl" and root.tag_ == "VBN" and root.head.pos_ in ("NOUN", "PRON"):
        found.append(root.head)  # 'the people arrested today', 'the men charged'
    if root.dep_ == "advcl" and root.tag_ == "VBN" and root.lemma_.lower() in ACCUSING_VERBS:
        # 'Two men went on trial on Monday accused of spying on exiles': the men
        found.extend(c for c in root.head.children if c.dep_ == "nsubj")
    # 'requesting extradition of the suspect': the act noun is the verb's object
    holders = [root, *(c for c in root.children if c.dep_ == "dobj" and c.pos_ == "NOUN")]
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "against"):
                found.extend(c for c in prep.children if c.dep_ == "pobj")
    if root.dep_ == "dobj" and root.head.lemma_.lower() == "face":
        holder = root.head
        while holder.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in holder.children):
            holder = holder.head  # 'were arrested in Oslo and face extradition': who was arrested
        found.extend(c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass"))
    if root.lemma_.lower() in BORNE_LEGAL_VERBS:
        # 'X faces up to five years', 'X ... is due to stand trial': who bears it
        holder = root
        for _ in range(4):
            subjects = [c for c in holder.children if c.dep_ == "nsubj"]
            if subjects or holder.dep_ not in ("xcomp", "acomp", "conj"):
                break
            holder = holder.head
        for subject in (c for c in holder.children if c.dep_ == "nsubj"):
            found.extend([subject, *subject.conjuncts])
    return found


BORNE_LEGAL_VERBS = frozenset({"face", "stand", "await", "go"})
"""Verbs of a legal step borne by their subject ('faces trial', 'is due to stand trial', 'went
on trial')."""


def _passive_agents(methods: Iterable[Span]) -> list[Token]:
    """Agents ('by Z') of passive, non-legal acts on someone."""
    agents = []
    for span in methods:
        if _code(span) in LEGAL_CODES:
            continue
        for agent in span.root.children:
            if agent.dep_ == "agent":
                agents.extend(c for c in agent.children if c.dep_ == "pobj")
    return agents


def _clause_of_the_doer(verb: Token) -> Token:
    """Up joined verbs with no subject ('followed X and photographed ...'); a passive has its
    own, the one acted on ('A spoke, and his sister was fired'), unless the verb before
    directs the act ('A ordered the operation, and B was seized')."""
    while verb.dep_ == "conj":
        own = {c.dep_ for c in verb.children}
        if "nsubj" in own or ("nsubjpass" in own and verb.head.lemma_ not in DIRECTING_VERBS):
            break
        verb = verb.head
    return verb


def _named_doers(methods: Iterable[Span], names: dict[int, set[str]]) -> list[Token]:
    """Named people who do a non-legal act to someone ('Karel Dvorak and Milan Hasek
    surveilled the dissident'): the subjects of an active act verb with an object."""
    doers = []
    for span in methods:
        verb = span.root
        if _code(span) in LEGAL_CODES | MESSENGER_CODES or verb.pos_ != "VERB":
            continue
        if not _acts_on_someone(verb):
            continue
        for subject in _clause_of_the_doer(verb).children:
            if subject.dep_ == "nsubj" and subject.i in names:
                doers.append(subject)
                doers.extend(c for c in subject.children if c.dep_ == "conj" and c.i in names)
    for span in methods:
        # 'A oversaw X's killing', 'B ordered the abduction': who directs the act does it
        noun = span.root
        if _code(span) in LEGAL_CODES | MESSENGER_CODES or noun.pos_ != "NOUN":
            continue
        verb = noun.head
        if noun.dep_ != "dobj" or verb.lemma_.lower() not in DIRECTING_VERBS:
            continue
        for subject in (c for c in verb.children if c.dep_ == "nsubj"):
            # 'the intelligence chief, A, oversaw ...': the name beside the office
            named = [subject, *(c for c in subject.children if c.dep_ == "appos")]
            doers.extend(t for t in named if t.i in names)
    return doers


DIRECTING_VERBS = frozenset(
    "order oversee plan lead organise organize mastermind direct coordinate commit commission "
    "supervise".split()
)
"""Verbs whose subject directs or does the act noun they take ('oversaw the killing')."""


def _charged_for_an_act(span: Span, method_at: dict[int, Span]) -> bool:
    """Whether the legal act ``span`` is for another, non-legal act done to someone."""
    return _charged_for_an_act_at(span.root, method_at, span)


def _charged_for_an_act_at(root: Token, method_at: dict[int, Span], own: Span | None) -> bool:
    for token in _content_tokens(root):
        if someones_death(token):
            return True  # 'charged with murder in X's death', 'over the death of X'
        inner = method_at.get(token.i)
        if inner is None or inner is own or _code(inner) in LEGAL_CODES | WARRANT_CODES:
            continue
        if any(_acts_on_someone(token) for token in inner) or _the_act_told(inner):
            return True
    return False


def _listed_beside(noun: Token) -> list[Token]:
    """The tokens of a list set beside a noun ('four men — A, 22, B, 22, and C —'), which
    the parser chains by apposition and coordination."""
    found: list[Token] = []
    frontier = [c for c in noun.children if c.dep_ == "appos"]
    while frontier and len(found) < 20:
        token = frontier.pop()
        found.append(token)
        frontier.extend(c for c in token.children if c.dep_ in ("appos", "conj"))
    return found


def someones_death(token: Token) -> bool:
    """'X's death', 'the death of X': a named person's death, which a charge is about."""
    if token.lemma_.lower() != "death" or token.pos_ != "NOUN":
        return False
    return any(
        (c.dep_ == "poss" and c.pos_ == "PROPN")
        or (
            c.dep_ == "prep"
            and c.lower_ == "of"
            and any(g.dep_ == "pobj" and g.pos_ == "PROPN" for g in c.children)
        )
        for c in token.children
    )


TOLD_ACT_CODES = frozenset({"PHYSICAL_ATTACK", "ABDUCTION"})
"""Codes of an act that 'the stabbing', 'the kidnapping' may refer back to."""


def _the_act_told(span: Span) -> bool:
    """'arrested over the stabbing', 'in connection with the killing': a definite noun for
    an attack or abduction is the one the document told, done to its victim (unlike
    'arrested for spying', the target's alleged offence, which has no determiner)."""
    root = span.root
    return (
        _code(span) in TOLD_ACT_CODES
        and root.pos_ == "NOUN"
        and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in root.children)
    )


def _refers_back(span: Span, codes: set[str]) -> bool:
    """A definite legal noun of a code already dropped, with no patient of its own ('the
    indictment', 'the arrests')."""
    root = span.root
    definite = any(c.lower_ in ("the", "these") and c.dep_ == "det" for c in root.children)
    # 'With charges now laid, ...': a bare plural with no determiner at all is those too
    bare = root.tag_ == "NNS" and not any(
        c.dep_ in ("det", "nummod", "amod", "prep") for c in root.children
    )  # not 'on charges of inciting ...', which names the offence of a charge told now
    return (
        _code(span) in codes and root.pos_ == "NOUN" and (definite or bare) and not _patients(root)
    )


NAMING_VERBS = frozenset({"identify", "name", "know", "give"})
"""Verbs of a participle that gives a described person's name ('a man identified as X')."""


def _named_as_remembered(doc: Doc, names: dict[int, set[str]], remembered: set[str]) -> set[str]:
    """'The two men have been named as A and B', A and B remembered as perpetrators: the
    noun they are named for is theirs too ('the two men', 'either man' later)."""
    found: set[str] = set()
    for i in tokens_with(doc, LEMMA, NAMING_VERBS):
        verb = doc[i]
        named = [
            person
            for prep in verb.children
            if prep.dep_ == "prep" and prep.lower_ == "as"
            for pobj in prep.children
            if pobj.dep_ == "pobj"
            for person in (pobj, *pobj.conjuncts)
        ]
        if not any(names.get(p.i, set()) & remembered for p in named):
            continue
        for subject in (c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")):
            if subject.i not in names and subject.pos_ == "NOUN":
                modifiers = {c.lower_ for c in subject.children}
                found.update(mention_words(subject) - modifiers)
    return found


def _named_as_perpetrators(doc: Doc, spans: list[Span], words: Lexicons) -> set[str]:
    """Names set off beside a perpetrator noun: 'The suspects, A and B, were arrested',
    'the accused, a national identified only as A, ...'. Followed upward: apposition,
    coordination, and 'as' after a naming participle; never an 'of' phrase ('the suspects
    in the killing of X' does not make X one)."""
    found: set[str] = set()
    for span in spans:
        if span.label_ != "PERSON":
            continue
        node = span.root
        for _ in range(6):
            head = node.head
            if head.i == node.i:
                break
            if node.dep_ in ("appos", "conj"):
                node = head
            elif (
                node.dep_ == "pobj"
                and head.lower_ == "as"
                and head.head.lemma_.lower() in NAMING_VERBS
                and head.head.dep_ == "acl"
            ):
                node = head.head.head  # 'a national identified only as X': the national
            else:
                break
            if node.lemma_.lower() in words.PERPETRATOR_NOUNS:
                found.update({span.text.lower(), span[-1].lower_})
                break
    return found


def _noun_words(token: Token) -> set[str]:
    """The words a doer is remembered by: the noun and its phrase, never a bare modifier
    ('Tajik' of 'a Tajik national convicted of spying' would make any later 'Tajik
    blogger' a perpetrator)."""
    return mention_words(token) - {c.lower_ for c in token.children}


def _doers_and_accused(
    doc: Doc,
    methods: list[Span],
    method_at: dict[int, Span],
    names: dict[int, set[str]],
    words: Lexicons,
) -> set[str]:
    """Who the document shows doing an act (passive agents, named doers) or accused of one
    done to someone (the patients of an accusing verb whose charge is such an act)."""
    people = words.PERSON_NOUNS | words.PERPETRATOR_NOUNS | words.AGENT_NOUNS
    remembered: set[str] = set()
    for agent in _passive_agents(methods):
        remembered.update(names.get(agent.i, _noun_words(agent)))
    for doer in _named_doers(methods, names):
        remembered.update(names[doer.i])
    for i in tokens_with(doc, LEMMA, ACCUSING_VERBS):
        token = doc[i]
        if token.pos_ == "VERB" and _charged_for_an_act_at(token, method_at, None):
            for patient in _patients(token):
                # people only: 'the state was accused of abducting X' accuses a state
                if patient.i in names or patient.lemma_.lower() in people or a_name(patient):
                    remembered.update(names.get(patient.i, _noun_words(patient)))
                    remembered.update(_named_next(doc, patient, names, words))
    for i in tokens_with(doc, LEMMA, ADMITTING_VERBS):
        token = doc[i]
        pleas = [token, *(c for c in token.children if c.dep_ == "acomp")]  # 'pleaded guilty to'
        if token.pos_ == "VERB" and any(_charged_for_an_act_at(p, method_at, None) for p in pleas):
            for subject in token.children:
                if subject.dep_ != "nsubj":
                    continue
                # 'A third man, X, has pleaded not guilty': the name beside the noun
                named = [subject, *subject.conjuncts]
                named += [c for n in named for c in n.children if c.dep_ == "appos"]
                for person in named:
                    remembered.update(names.get(person.i, ()))
    return remembered


def _named_next(doc: Doc, group: Token, names: dict[int, set[str]], words: Lexicons) -> set[str]:
    """'charging two men with acting as agents of X. A, 52, and B, 38, were arrested': the
    counted people accused are the ones the next sentence lists as its subject, when it
    lists as many names as the count, or names that many in all around a legal verb."""
    counts = [c for c in group.children if c.dep_ == "nummod" and c.like_num]
    if group.tag_ != "NNS" or not counts or group.sent.end >= len(doc):
        return set()
    wanted = quantity_value(counts[0].lower_, words.VAGUE_QUANTITIES)
    following = doc[group.sent.end].sent
    for token in following:
        if token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ROOT":
            listed = [token, *token.conjuncts]
            if wanted is not None and len(listed) == wanted and all(t.i in names for t in listed):
                return {word for t in listed for word in names[t.i]}
            break
    # 'A, 43, was sentenced to six years and B, 37, to four': a legal verb's sentence that
    # names as many people as were counted (the parser loses the second of a gapped pair)
    people = {frozenset(names[t.i]) for t in following if t.i in names}
    if wanted is None or len(people) != wanted or following.root.lemma_ not in JOINED_LEGAL_VERBS:
        return set()
    return {word for forms in people for word in forms}


def drop_acts_against_perpetrators(doc: Doc, spans: list[Span], words: Lexicons) -> list[Span]:
    """Drop DETENTION, PROSECUTION and EXTRADITION spans aimed at perpetrators (see module)."""
    methods = [s for s in spans if s.label_ == "METHOD"]
    legal = [s for s in methods if _code(s) in LEGAL_CODES]
    if not methods:
        return spans
    # no legal span left does not mean no one was accused: 'convicted of acting as an agent
    # of X' lost its 'convicted' to the accusation rule, and the convicted is still remembered
    method_at = {i: s for s in methods for i in range(s.start, s.end)}
    names = person_name_forms(spans)
    remembered = _doers_and_accused(doc, methods, method_at, names, words)
    remembered |= _named_as_perpetrators(doc, spans, words)
    dropped = {
        s.start
        for s in legal
        if _charged_for_an_act(s, method_at) and not _relatives_only(s, words)
    }
    for span in legal:
        if span.start in dropped:
            for patient in _patients(span.root):
                remembered.update(names.get(patient.i, _noun_words(patient)))
                # 'Four nationals — A, 22, B, 22, and C — are charged': the people listed
                for person in _listed_beside(patient):
                    remembered.update(names.get(person.i, ()))
    held_as = [
        doc[i]
        for i in tokens_with(doc, LEMMA, JOINED_LEGAL_VERBS)
        if doc[i].pos_ == "VERB" and _held_as_perpetrators(doc[i], words)
    ]
    dropped.update(s.start for s in legal if s.root in held_as)
    for verb in held_as:
        for patient in _patients(verb):
            # the noun and its phrase, not a bare modifier ('Saudi' of 'Saudi nationals')
            remembered.update(names.get(patient.i, _noun_words(patient)))
    remembered |= _named_as_remembered(doc, names, remembered)
    # relatives are never the doers: a charge against 'his brothers' is a reprisal on them
    remembered = {w for w in remembered if w not in words.FAMILY_NOUNS}
    for span in legal:
        for patient in _patients(span.root):
            mention = names.get(patient.i, mention_words(patient)) | _part_of(patient)
            if mention & remembered or mention_words(patient) & (
                words.PERPETRATOR_NOUNS | words.AGENT_NOUNS
            ):
                dropped.add(span.start)
    dropped |= _doers_expelled(methods, names, remembered)
    dropped_codes = {_code(s) for s in legal if s.start in dropped}
    if not remembered:
        dropped_codes &= {"PROSECUTION"}  # 'the arrests' of whom? only when perpetrators are known
    dropped.update(s.start for s in legal if _refers_back(s, dropped_codes))
    pronouns = set()
    for span in legal:
        for patient in _patients(span.root):
            if stands_for_a_perpetrator(patient, names, words, remembered):
                dropped.add(span.start)
                pronouns.add(patient.i)
    doc.user_data[PERPETRATORS_KEY] = sorted(remembered)
    doc.user_data[PERPETRATOR_PRONOUNS_KEY] = sorted(pronouns)
    return [s for s in spans if not (s.label_ == "METHOD" and s.start in dropped)]


def _doers_expelled(
    methods: list[Span], names: dict[int, set[str]], remembered: set[str]
) -> set[int]:
    """Starts of the DEPORTATION spans whose patient is a remembered doer ('the court
    ordered that A be deported after serving his sentence'): the host acts against him."""
    return {
        span.start
        for span in methods
        if _code(span) in EXPULSION_CODES
        and any(names.get(p.i, set()) & remembered for p in _patients(span.root))
    }


def _part_of(patient: Token) -> set[str]:
    """'the other two of the nine men': a count or quantifier taken from a group
    names that group's words."""
    if patient.pos_ not in ("NUM", "PRON", "DET", "ADJ") and patient.lower_ not in ("all", "each"):
        return set()
    return {
        word
        for prep in patient.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for group in prep.children
        if group.dep_ == "pobj"
        for word in mention_words(group)
    }


def _held_as_perpetrators(root: Token, words: Lexicons) -> bool:
    """'are being held as suspects', 'arrested as the alleged killers': the legal act names
    the people it holds as perpetrators."""
    return any(
        prep.dep_ == "prep"
        and prep.lower_ == "as"
        and any(
            c.dep_ == "pobj" and mention_words(c) & words.PERPETRATOR_NOUNS for c in prep.children
        )
        for prep in root.children
    )


def _relatives_only(span: Span, words: Lexicons) -> bool:
    """Whether the legal act is done to relatives ('sentenced the brothers for ...')."""
    patients = _patients(span.root)
    return bool(patients) and all(p.lemma_.lower() in words.FAMILY_NOUNS for p in patients)
