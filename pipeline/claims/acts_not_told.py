"""Cue verbs that act rather than tell: a reporting or denial verb whose sentence reports
no statement of its own. 'Interpol rejected 19 notices' refuses things (no denial of a
claim); 'charged over videos he recorded' names the thing the verb made (no finding);
'officers visited his mother and told her that ...' is the pressure itself (no statement
to the reader); 'the couple found a tracker under their car' is a discovery, no finding;
'she reported the men to the police' and 'he reported the hack to the police' are complaints.
Read by :func:`tnr_claims.claims.attribution.find_source`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tnr_claims.claims.index import DocIndex


REFUSED_THINGS = frozenset(
    {
        "appeal",
        "application",
        "bail",
        "bid",
        "entry",
        "notice",
        "passport",
        "permission",
        "petition",
        "request",
        "visa",
    }
)
"""What a body refuses when a denial verb is an act ('rejected the request', 'denied bail'),
as against a statement it denies ('rejected the allegations', 'rejected the move')."""


def refuses_a_thing(index: DocIndex, verb: int) -> bool:
    """Whether the denial verb at ``verb`` refuses a thing rather than denies a statement:
    it refuses something to someone ('denied him a visa'), or its object is counted or a
    thing asked for ('Interpol rejected 19 notices', 'the court rejected the request')."""
    objects = [c for c in index.children(verb) if c.dep_ in ("dobj", "dative")]
    if not objects:  # 'rejected or later cancelled 19 notices': the object they share
        objects = [
            g
            for c in index.children(verb)
            if c.dep_ == "conj"
            for g in c.children
            if g.dep_ == "dobj"
        ]
    return any(
        c.dep_ == "dative"
        or c.pos_ == "NUM"
        or (c.pos_ == "NOUN" and any(g.dep_ == "nummod" for g in c.children))
        or c.lemma_.lower() in REFUSED_THINGS
        for c in objects
    )


def makes_the_thing_it_qualifies(index: DocIndex, verb: int) -> bool:
    """A cue verb in a relative clause on a thing it made, with its own subject ('videos he
    recorded', 'the posts she listed'): the noun is its object, so it reports nothing (but
    'the cases the group documented' counts what the group found)."""
    if index.dep[verb] != "relcl" or index.has_child(verb, ("ccomp", "dobj")):
        return False
    owner = index.head[verb]
    words = index.words
    own_subject = any(
        c.dep_ == "nsubj" and c.tag_ not in ("WDT", "WP") and c.lower_ != "that"
        for c in index.children(verb)
    )  # not 'the website, which states ...': there the noun speaks
    return (
        own_subject
        and index.pos[owner] == "NOUN"
        and index.lemma[owner] not in words.COUNT_NOUNS | words.REPORT_NOUNS
        and index.named(owner) is None
    )


TOLD_PEOPLE = frozenset({"him", "her", "them"})
"""Third-person addressees of a telling that is part of the act, not a statement."""


def state_tells_someone(index: DocIndex, verb: int) -> bool:
    """Whether the cue verb is the state's people telling a person or a relative something
    ('officers told her that her son was a traitor'): what the act said, not a source (but
    'police told Reuters', 'she told me' are statements)."""
    if index.lemma[verb] not in ("tell", "warn", "inform"):
        return False
    words = index.words
    teller = index.head[verb] if index.dep[verb] == "conj" else verb  # 'visited ... and told'
    subject = next((c for c in index.children(teller) if c.dep_ == "nsubj"), None)
    if subject is None or subject.lemma_.lower() not in words.STATE_ACTOR_NOUNS:
        return False
    return any(
        c.dep_ in ("dobj", "dative")
        and (c.lower_ in TOLD_PEOPLE or c.lemma_.lower() in words.FAMILY_NOUNS)
        for c in index.children(verb)
    )


FINDERS_OF_THINGS = frozenset({"couple", "pair", "family", "he", "she", "they", "i", "we"})
"""Subjects of 'found' who come upon a thing rather than report a finding."""


def finds_a_thing(index: DocIndex, verb: int) -> bool:
    """Whether 'found' at ``verb`` is people coming upon a thing ('the couple had found a
    GPS tracker under their car', 'she found her flat searched'): a person, family or
    pair noun or a personal pronoun as subject, and no 'that' clause (not 'they found
    that 40 students were returned')."""
    if index.lemma[verb] != "find" or index.has_child(verb, ("ccomp",)):
        return False
    subjects = [c for c in index.children(verb) if c.dep_ == "nsubj"]
    return bool(subjects) and all(
        s.lower_ in FINDERS_OF_THINGS
        or s.lemma_.lower() in FINDERS_OF_THINGS
        or s.lemma_.lower() in index.words.FAMILY_NOUNS
        for s in subjects
    )


POSTS = frozenset({"station", "post", "checkpoint", "precinct", "headquarters"})
"""Places one reports to in person ('report to a police station every week')."""


def reports_to_the_police(index: DocIndex, verb: int) -> bool:
    """Whether 'reported' is a complaint ('she reported the men who followed her to the
    police', 'he reported the hacking to the police'): an object, a person or a thing
    done, and a 'to' phrase naming the police or other officials; no statement. With
    nothing reported, 'report to' someone is to appear ('reports to a police station')."""
    if index.lemma[verb] != "report":
        return False
    children = list(index.children(verb))
    if not index.has_child(verb, ("ccomp", "dobj")) and not any(
        c.dep_ == "prep" and c.lower_ in ("on", "about") for c in children
    ):
        # 'she had to report to a police station every week': she appears there (not
        # 'reported to the council on the abductions': a report)
        return any(
            c.dep_ == "prep"
            and c.lower_ == "to"
            and any(
                g.lemma_.lower() in index.words.STATE_ACTOR_NOUNS or g.lemma_.lower() in POSTS
                for g in c.children
            )
            for c in children
        )
    reported = [
        c
        for c in children
        if c.dep_ == "dobj" and (c.pos_ in ("PRON", "NOUN", "PROPN") or index.named(c.i))
    ]
    if not reported:
        return False
    around = (*children, *index.doc[reported[0].i].subtree)
    return any(
        c.dep_ == "prep"
        and c.lower_ == "to"
        and any(g.lemma_.lower() in index.words.STATE_ACTOR_NOUNS for g in c.children)
        for c in around
    )  # 'to Dortmund police', which the parser may hang on the clause about the men
