"""The part a token plays in an act: patient (``TARGET_RULES``), agent or audience
(excluded), or a lever over someone (a relative, a home, an account of theirs).

Read from the dependency parse of one sentence; :mod:`tnr_claims.claims.targets` decides
which named people these make targets, and :mod:`tnr_claims.claims.qualify` reads the same
roles to tell one occasion from a practice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tnr_claims.claims.rules import SUBJECT_DEPS
from tnr_claims.nlp.context import ROLE_CODES
from tnr_claims.nlp.names import found_harmed

if TYPE_CHECKING:
    from tnr_claims.claims.index import DocIndex


def _lever_in_act(index: DocIndex, noun: int, *, act_object: bool = False) -> bool:
    """Whether a possessed lever noun takes part in the act: not a possessor of anything but
    another lever in the act ('his family's troubles'; 'his mother's flat was searched'
    stays) and not the subject of a verb that is no act ('his cousin arrived';
    'his family received threats' stays, threats being the act). With ``act_object`` the
    object must be the act's own words ('his brother, Y, lost his job'), not any name
    ('his wife, Y, told Reuters': a speaker)."""
    dep = index.dep[noun]
    if dep == "poss":
        # 'police visited his mother's flat': the lever owns another lever in the act
        owned = index.head[noun]
        return index.lemma[owned] in index.words.LEVER_NOUNS and _lever_in_act(
            index, owned, act_object=act_object
        )
    if dep == "compound":
        return False
    if dep == "nsubj":
        verb = index.head[noun]
        objects = [c.i for c in index.children(verb) if c.dep_ == "dobj"]
        return (
            index.is_passive(verb)
            or index.is_event(verb)
            or any(
                (k in index.method_tokens) if act_object else index.span_at[k] >= 0 for k in objects
            )
        )
    return True


def _named_associate(index: DocIndex, noun: int) -> bool:
    """A friend, colleague or lawyer of the one who says 'I' named beside the noun ('my
    friend Ana Ruiz was detained'): the act falls on that person, no lever over the
    narrator, as an unnamed one is ('police questioned his friends'); a relative named so,
    or a third person's friend ('detained Omar's friend Tomas to pressure him') still is."""
    return (
        index.lemma[noun] in index.words.DESCRIPTION_NOUNS
        and index.lemma[noun] not in index.words.FAMILY_NOUNS
        and any(c.dep_ == "poss" and c.lower_ in ("my", "our") for c in index.children(noun))
        and any(
            c.dep_ in ("appos", "compound") and index.named(c.i, ("PERSON",))
            for c in index.children(noun)
        )
    )


def _clauses_on_the_last_conjunct(index: DocIndex, i: int) -> list:
    """The relative clauses set off by a comma after the last of a list of names that
    ``i`` opens or continues: 'A, B and C, who were arrested' tells of all three, however
    the parser hangs the clause on C alone ('..., who was arrested' is C's alone)."""
    if not index.named(i, ("PERSON",)):
        return []
    last = i
    while (nxt := next((c.i for c in index.children(last) if c.dep_ == "conj"), None)) is not None:
        last = nxt
    if last == i or not index.named(last, ("PERSON",)):
        return []
    return [
        c
        for c in index.children(last)
        if c.dep_ == "relcl"
        and index.lower[min(k.i for k in c.subtree) - 1] == ","
        and not any(k.dep_ in ("aux", "auxpass") and k.lower_ in _SINGULAR for k in c.children)
    ]


_SINGULAR = frozenset({"is", "was", "has"})
"""'A, B and C, who was arrested': the clause is C's alone."""


def _natural_death(index: DocIndex, verb: int) -> bool:
    """'died after a long illness', 'died of cancer': a death no one inflicted."""
    if index.lemma[verb] != "die":
        return False
    causes = index.words.NATURAL_DEATH_CAUSES
    return any(
        c.dep_ == "prep"
        and c.lower_ in ("after", "of", "from", "following")
        and any(g.dep_ == "pobj" and g.lemma_.lower() in causes for g in c.children)
        for c in index.children(verb)
    )


WHOLE_WORDS = frozenset({"each", "both", "all"})
"""Words that take every member of the group in their 'of' phrase ('each of them'); 'some
of them', a subset, gives no target (codebook, second set)."""

REQUESTER_NOUNS = frozenset({"request", "behest", "order", "instruction", "initiative", "demand"})
"""'at the request of X': X is who asked for the act, not its target."""

EMPLOYMENT_VERBS = frozenset({"work", "act", "spy", "operate", "serve"})
"""'worked for X', 'spied for X': X is who the agent serves, not a target."""


def _owns_the_next_act(index: DocIndex, i: int) -> bool:
    """'called X's killing "brazen"': a possessor right before an act noun owns that act,
    whatever head the parser gave the possessive (here the quoted adjective)."""
    k = i + 1
    if k < len(index.doc) and index.tag[k] == "POS":
        k += 1
    return k < len(index.doc) and k in index.method_tokens and index.pos[k] == "NOUN"


def _challenge_to_an_act(index: DocIndex, noun: int) -> bool:
    """'their appeals against deportation', 'his challenge to the extradition': the owner of
    a noun whose 'against', 'to' or 'over' phrase names an act is the one it was done to."""
    preps = list(index.children(noun))
    if index.dep[noun] == "dobj":
        # the parser often hangs the phrase on the verb ('rejected their appeals against ...')
        preps += [c for c in index.children(index.head[noun]) if c.i == noun + 1]
    return any(
        prep.dep_ == "prep"
        and prep.lower_ in ("against", "to", "over")
        and any(c.dep_ == "pobj" and c.i in index.method_tokens for c in prep.children)
        for prep in preps
    )


BODY_NOUNS = frozenset({"face", "skin", "eye", "hand", "neck", "body", "mouth", "head", "arm"})
"""Parts of a person an act can be done on ('smeared on X's face')."""


def _life_attempted(index: DocIndex, noun: int) -> bool:
    """'an attempt on X's life', 'the toxin was smeared on X's face': the life or body an
    act is 'on' is its owner's."""
    prep = index.head[noun]
    act = index.head[prep]
    if index.dep[noun] != "pobj":
        return False
    if index.lemma[noun] == "life":
        return index.lower[prep] == "on" and index.is_event(act)
    return (
        index.lemma[noun] in BODY_NOUNS
        and index.lower[prep] in ("on", "onto", "into", "in")
        and (act in index.method_tokens or index.is_event(act))
    )


def target_role(index: DocIndex, i: int, has_method: bool, _depth: int = 0) -> str | None:  # noqa: C901
    """A TARGET_RULES id when token ``i`` is a patient of the act, ``"exclude"`` when it is
    an agent or the possessor of something unrelated, else ``None``."""
    if _depth > 6:
        return None
    dep = index.dep[i]
    head = index.head[i]
    if _addressee(index, i):
        return "exclude"
    if dep == "pobj" and index.dep[head] == "agent":
        return "exclude"
    if dep == "pobj" and index.lower[head] == "of" and index.lower[index.head[head]] in WHOLE_WORDS:
        # 'the arrest of each of them': each of them plays the part of 'each'
        return target_role(index, index.head[head], has_method, _depth + 1)
    if dep == "poss":
        if index.is_event(head) or index.lemma[head] in index.words.EVENT_NOUNS:
            return "TARGET.possessed_event"
        if (
            _owns_the_next_act(index, i)
            or _life_attempted(index, head)
            or _challenge_to_an_act(index, head)
        ):
            return "TARGET.possessed_event"
        if (
            has_method
            and index.lemma[head] in index.words.LEVER_NOUNS
            and _lever_in_act(index, head)
            and not _named_associate(index, head)
        ):
            # 'his family was questioned'; not 'his family's troubles began', where the
            # family only owns something else
            return "TARGET.possessed_lever"
        return "exclude"
    if dep == "nsubjpass" or (dep == "nsubj" and index.is_passive(head)):
        if index.is_event(head) or has_event_clause(index, head) or has_event_object(index, head):
            return "TARGET.passive_subject"
    if dep in ("dobj", "obj", "dative") and index.is_event(head):
        return "TARGET.object"
    if dep == "pobj" and index.lower[head] in ("of", "against", "for", "on"):
        noun = index.head[head]
        if index.lower[head] == "of" and index.lemma[noun] in REQUESTER_NOUNS:
            return "exclude"  # 'at the request of Ambassador X': X asked for it
        if index.lower[head] == "for" and index.lemma[noun] in EMPLOYMENT_VERBS:
            return "exclude"  # 'worked for X', 'spied for X': X is who the agent serves
        if (
            index.is_event(noun)
            or index.lemma[noun] in index.words.EVENT_NOUNS
            or _names_an_act(index, noun)
            or (index.lower[head] == "against" and _of_an_act(index, noun))
        ):
            return "TARGET.prep_object"
        if index.lower[head] == "of" and has_method and _lever_of(index, noun):
            return "TARGET.lever_of"
    if dep in ("nsubj", "nsubjpass") and vanished(index, head):
        return "TARGET.return_subject"
    if dep == "nsubjpass" and found_harmed(index.doc[head], index.words):
        return "TARGET.found_harmed"
    if _found_alongside(index, i):
        return "TARGET.found_harmed"  # 'was found slumped on a bench alongside Y'

    if dep == "nsubj" and _bears_the_act(index, head):
        return "TARGET.bears_the_act"  # 'X received death threats', 'X faces charges'
    if dep == "nsubj" and has_method and _bound_to(index, head):
        return "TARGET.bears_the_act"  # 'I had to sign in at a police station every week'
    if dep in ("nsubj", "nsubjpass") and any(
        _bears_the_act(index, clause) for clause in _subjectless_ing_clauses(index, head)
    ):
        return "TARGET.bears_the_act"  # 'X moved to Oslo after receiving death threats'

    if dep == "nsubj":
        if index.lemma[head] in index.words.RETURN_VERBS and not _natural_death(index, head):
            return "TARGET.return_subject"
        if has_event_clause(index, head):
            return "TARGET.subject_of_passive_clause"
    for child in (*index.children(i), *_clauses_on_the_last_conjunct(index, i)):
        if child.dep_ in ("relcl", "acl") and index.is_event(child.i):
            for grandchild in child.children:
                if (
                    grandchild.dep_ in ("nsubjpass", "dobj")
                    and grandchild.lower_ in index.words.RELATIVE_PRONOUNS
                ):
                    return "TARGET.relative_clause"
            if child.dep_ == "acl" and child.tag_ == "VBN":
                return "TARGET.relative_clause"
    if (
        dep == "appos"
        and has_method
        and index.lemma[head] in index.words.FAMILY_NOUNS
        and index.has_child(head, ("poss",))
        and _lever_in_act(index, head, act_object=True)
    ):
        # 'His brother, Omar, lost his job', 'they urged Ana's wife, Mara, to persuade her':
        # a named relative of the one the act is aimed at (GUIDELINES: a target with him)
        return "TARGET.named_relative"
    if dep == "appos" and _person_of_group(index, head):
        # 'a leader of the Ivo movement, Ana Ruiz,': the name is the leader, however the
        # parser hangs it on the group, and plays the leader's part
        return target_role(index, index.head[index.head[head]], has_method, _depth + 1)
    if dep in ("conj", "appos") and head != i:
        inherited = target_role(index, head, has_method, _depth + 1)
        if inherited == "exclude" and dep == "appos":
            return inherited  # 'carried out by a gang, X': the name is the agent it restates
        if inherited is not None and inherited != "exclude":
            return "TARGET.coordinated"
    partner = _name_joined_before(index, i)
    if partner is not None:
        # 'abducted the brothers A and B C', the parser hanging 'C' on the verb
        inherited = target_role(index, partner, has_method, _depth + 1)
        if inherited is not None and inherited != "exclude":
            return "TARGET.coordinated"
    return None


def _name_joined_before(index: DocIndex, i: int) -> int | None:
    """The head token of the person's name that 'and' joins right before the name holding
    token ``i`` ('A and B C'), when the parser hangs the two apart; else None."""
    ref = index.named(i, ("PERSON",))
    if ref is None or ref.start < 2 or index.lower[ref.start - 1] != "and":
        return None
    partner = index.named(ref.start - 2, ("PERSON",))
    if partner is None or index.head[ref.root] in (partner.root, ref.root):
        return None
    return partner.root


MEMBER_NOUNS = frozenset({"member", "supporter", "follower", "co-founder", "figure"})
"""Nouns of belonging to a group that the person and office lexicons do not hold."""


def _person_of_group(index: DocIndex, noun: int) -> bool:
    """Whether ``noun`` is the object of an 'of' phrase on a person noun ('a leader of
    FETO', 'a member of the group'): a name set after it names that person."""
    prep = index.head[noun]
    person = index.head[prep]
    return (
        index.dep[noun] == "pobj"
        and index.lower[prep] == "of"
        and (
            index.lemma[person] in MEMBER_NOUNS
            or index.lemma[person] in index.words.PERSON_NOUNS | index.words.OFFICE_NOUNS
        )
        and index.lemma[noun] not in index.words.PERSON_NOUNS
    )


ATTEMPT_NOUNS = frozenset({"plot", "attempt", "plan", "scheme", "bid", "conspiracy", "operation"})
"""Nouns of an act tried or planned, made an act by the act word before them."""


def _has_agents(index: DocIndex, verb: int) -> bool:
    """Whether what ``verb`` has holds agents or informants (ROLE_CODES), not an act."""
    return any(
        index.span_at[t.i] >= 0 and index.spans[index.span_at[t.i]].record.code in ROLE_CODES
        for c in index.children(verb)
        if c.dep_ == "dobj"
        for t in c.subtree
    )


def _of_an_act(index: DocIndex, noun: int) -> bool:
    """'acts of intimidation against X', 'a campaign of harassment against X': the noun
    holds an act in its 'of' phrase, so what is against X is the act."""
    return any(
        prep.dep_ == "prep"
        and prep.lower_ == "of"
        and g.dep_ == "pobj"
        and g.i in index.method_tokens
        for prep in index.children(noun)
        for g in prep.children
    )


def _names_an_act(index: DocIndex, noun: int) -> bool:
    """Whether an attempt noun is made an act by the act word compounded before it: 'an
    assassination plot against X', 'a kidnapping attempt on X' (not 'a murder case against
    X', where X is the accused: a case is no attempt)."""
    return index.lemma[noun] in ATTEMPT_NOUNS and any(
        child.dep_ == "compound" and child.i in index.method_tokens
        for child in index.children(noun)
    )


PHASE_VERBS = frozenset({"begin", "start", "continue", "keep"})
"""Verbs whose subject is the subject of their -ing or infinitive complement ('she began
receiving threats': she receives them)."""


def _subjectless_ing_clauses(index: DocIndex, verb: int) -> list[int]:
    """The -ing clauses on ``verb`` whose subject is ``verb``'s own: 'left after receiving
    threats' (after + pcomp), 'fled, fearing arrest' (advcl)."""
    found = []
    for child in index.children(verb):
        clause = child.i if child.dep_ == "advcl" else None
        if child.dep_ == "prep":
            clause = next((g.i for g in child.children if g.dep_ == "pcomp"), None)
        if clause is None or index.tag[clause] != "VBG":
            continue
        if not index.has_child(clause, ("nsubj", "nsubjpass")):
            found.append(clause)
    return found


TRIAL_VERBS = frozenset({"stand", "go"})
"""Verbs of 'stand trial' and 'go on trial', whose subject is tried (inside a METHOD)."""


BORNE_NOUNS = frozenset(
    {"stream", "flood", "wave", "barrage", "series", "string", "torrent", "spate", "volley"}
    | {"risk", "danger", "prospect"}
    | {"dozen", "dozens", "hundred", "hundreds", "score", "scores", "thousand", "thousands"}
)
"""Nouns through which one bears acts ('received a stream of threats', 'faces a risk of
torture'), not 'faces accusations of kidnapping'."""


def _bound_to(index: DocIndex, verb: int) -> bool:
    """Whether ``verb`` is 'have' bound to a duty ('had to sign in every week', 'has to
    report to the police'): its subject bears the measure the sentence tells."""
    return index.lemma[verb] == "have" and any(
        c.dep_ == "xcomp"
        and c.lemma_.lower() in DUTIES
        and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        for c in index.children(verb)
    )


DUTIES = frozenset({"report", "sign", "register", "check", "appear", "present", "surrender"})
"""What one under a measure has to do ('had to report to a police station every week'):
not 'had to adjourn the hearing', which a judge does."""


def _bears_the_act(index: DocIndex, verb: int) -> bool:
    """Whether the subject of ``verb`` bears the act its object names: a bearing verb
    ('received death threats', 'faces charges'), also after a phase verb ('began receiving
    threats', 'continues to face charges'); not 'began sending threats'."""
    if index.lemma[verb] in PHASE_VERBS or index.lemma[verb] in ("be", "have"):
        verb = next(  # 'has yet to go on trial', 'is due to stand trial'
            (c.i for c in index.children(verb) if c.dep_ == "xcomp"),
            verb,
        )
    if index.lemma[verb] in TRIAL_VERBS and verb in index.method_tokens:
        return True  # 'she will stand trial', 'she has yet to go on trial'
    if index.lemma[verb] == "spend" and any(
        prep.lower_ == "in" and g.dep_ == "pobj" and g.i in index.method_tokens
        for prep in index.children(verb)
        for g in prep.children
    ):
        return True  # 'he had spent six weeks in custody'
    if index.lemma[verb] not in index.words.BEARING_VERBS:
        return False
    if index.lemma[verb] == "have" and _has_agents(index, verb):
        return False  # 'Mamedov had dozens of informants abroad': his, not borne by him
    return any(
        c.dep_ == "dobj"
        and (
            c.i in index.method_tokens
            or any(g.dep_ == "compound" and g.i in index.method_tokens for g in c.children)
            or (  # 'received a stream of threatening messages'
                c.lemma_.lower() in BORNE_NOUNS
                and any(
                    p.dep_ == "prep" and p.lower_ == "of" and g.i in index.method_tokens
                    for p in c.children
                    for g in p.children
                )
            )
        )
        for c in index.children(verb)
    )


def _lever_of(index: DocIndex, noun: int) -> bool:
    """'arrested a relative of X', 'raided the homes of members of the family of X': a lever
    noun (``LEVER_NOUNS``) over X, through 'of' phrases, that takes part in the act."""
    for _ in range(3):
        if index.lemma[noun] in index.words.LEVER_NOUNS:
            return _lever_in_act(index, noun)
        if index.lemma[noun] != "member":
            return False
        prep = index.head[noun]
        if index.dep[noun] != "pobj" or index.lower[prep] != "of":
            return False
        noun = index.head[prep]
    return False


def _addressee(index: DocIndex, i: int) -> bool:
    """The one told ('X told Radio Y that ...', 'she told him: "..."'): an audience, not a
    patient. 'Police told him to return' (an order, with an infinitive) is not excluded."""
    head = index.head[i]
    return (
        index.dep[i] in ("dobj", "dative")
        and index.lemma[head] == "tell"
        and not index.has_child(head, ("xcomp",))
    )


def told_by_a_name(index: DocIndex, i: int) -> bool:
    """'Ana Vell told Radio Lis that two men seized her husband': the one a named person
    tells is her audience, so the pronouns of what she told are hers, not the audience's."""
    if not _addressee(index, i):
        return False
    for child in index.children(index.head[i]):
        if child.dep_ == "nsubj":
            ref = index.ref(child.i)
            return ref is not None and ref.record.label == "PERSON"
    return False


def has_event_clause(index: DocIndex, verb: int) -> bool:
    """True when ``verb`` governs a subjectless passive event clause ('after being detained')."""
    for child in index.children(verb):
        candidates = [child]
        if child.dep_ == "prep":
            candidates = [c for c in child.children if c.dep_ == "pcomp"]
        for c in candidates:
            if c.dep_ in ("advcl", "xcomp", "conj", "pcomp") and index.is_event(c.i):
                if not index.has_child(c.i, SUBJECT_DEPS) and (
                    index.is_passive(c.i)
                    # 'X fled and disappeared', 'X left and faced charges'; not 'X
                    # followed him and photographed his home', where X does the act
                    or (
                        c.dep_ == "conj"
                        and not (
                            c.i in index.method_tokens and index.has_child(c.i, ("dobj", "dative"))
                        )
                    )
                ):
                    return True
    return False


def has_event_object(index: DocIndex, verb: int) -> bool:
    """True when ``verb`` takes an act as object ('was given two life sentences')."""
    return any(
        child.dep_ in ("dobj", "attr")
        and (child.i in index.method_tokens or child.lemma_.lower() in index.words.EVENT_NOUNS)
        for child in index.children(verb)
    )


def fallback_role(index: DocIndex, i: int, known: bool) -> bool:
    """TARGET.incident_person: a named person in an incident sentence who is not an actor
    (the subject of a transitive verb is one, unless the person is already a known target
    of the document)."""
    dep = index.dep[i]
    head = index.head[i]
    if (
        dep == "nsubj"
        and index.dep[head] == "relcl"
        and not index.is_event(head)
        and not any(c.lower_ in ("where", "that") for c in index.children(head))
    ):
        # 'a group I belong to': a describing clause ('the flat where I live' tells whose
        # flat the act reached, 'the area where A collapsed' where A was harmed, and 'no
        # record that he entered' is the parser's clause of content)
        return False
    if dep == "nsubj":
        return known or not index.has_child(head, ("dobj", "obj", "ccomp", "xcomp"))
    return dep in ("nsubjpass", "dobj", "pobj", "appos", "attr", "conj", "npadvmod", "ROOT")


def is_patient(index: DocIndex, i: int) -> bool:
    """Whether token ``i`` is the patient of an act by one of the strong TARGET_RULES."""
    role = target_role(index, i, has_method=True)
    return role is not None and role != "exclude"


def _found_alongside(index: DocIndex, i: int) -> bool:
    """'was found slumped on a bench alongside Y', 'alongside his daughter, Y': the person
    found with the one found harmed."""
    k = index.head[i] if index.dep[i] == "appos" else i
    if index.dep[k] != "pobj" or index.lower[index.head[k]] != "alongside":
        return False
    sentence = index.doc[i].sent
    return any(found_harmed(t, index.words) for t in sentence if t.lemma_ == "find")


def vanished(index: DocIndex, verb: int) -> bool:
    """'went missing', 'was last seen', 'has not been seen since', 'vanished': the subject is
    the person the report is about, though no act is named (codebook: plain 'went missing'
    is no METHOD, but the sentence is about an identified target)."""
    lemma = index.lemma[verb]
    if lemma in ("vanish", "disappear"):
        return True
    if lemma == "go":
        return any(c.lower_ == "missing" for c in index.children(verb))
    if lemma in ("see", "hear") and index.is_passive(verb):
        # 'was last seen', 'have not been seen since', 'has not been heard from since'
        return any(c.lower_ == "last" or c.dep_ == "neg" for c in index.children(verb))
    return False


def unnamed_speaker_of_self(index: DocIndex, i: int) -> bool:
    """'the minister said he was not aware of any threats': a pronoun subject of what an
    unnamed official or person says is that speaker, no one named before."""
    if index.pos[i] != "PRON" or index.dep[i] != "nsubj" or index.dep[index.head[i]] != "ccomp":
        return False
    verb = index.head[index.head[i]]
    return any(
        c.dep_ == "nsubj"
        and c.tag_ == "NN"
        and (c.lemma_ in index.words.OFFICE_NOUNS or c.lemma_ in index.words.PERSON_NOUNS)
        and index.named(c.i) is None
        for c in index.children(verb)
    )


def inside_phrase_of(index: DocIndex, i: int, root: int) -> bool:
    """True when pronoun ``i`` sits inside the noun phrase headed by ``root`` ('Lena Ortiz,
    his lawyer': not hers), not in a conjunct of it ('Keo Dara and his wife': his)."""
    j = i
    for _ in range(12):
        if index.head[j] == j or index.pos[j] in ("VERB", "AUX"):
            return False
        below, j = j, index.head[j]
        if j == root:
            return index.dep[below] != "conj"
    return False


def generic_pronoun(index: DocIndex, i: int, s0: int, s1: int) -> bool:
    """'he or she', 'his or her', 'him/her': a generic person, not an antecedent."""
    for a, b in ((i - 2, i - 1), (i + 1, i + 2)):
        if (
            s0 <= a
            and b < s1
            and index.lower[a if a > i else b] in ("or", "/", "and")
            and (index.lower[b if a > i else a] in index.words.PERSON_PRONOUNS)
        ):
            return True
    return False
