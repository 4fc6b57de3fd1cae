"""Context rules applied to tagged spans, each general and each tested.

Accusations against perpetrators, name parts of people named in full, touching name parts,
conditions that are no acts ('stateless'). Proper names next to role nouns are
:mod:`tnr_claims.nlp.people`; rules that change a METHOD's code are
:mod:`tnr_claims.nlp.recodes`.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span, Token

from tnr_claims.nlp.names import may_be_person
from tnr_claims.nlp.provenance import Provenance, derive, is_bare_model, make, provenance_of
from tnr_claims.nlp.spans import cut_before_names
from tnr_claims.rules.loader import Lexicons

ALLEGED_CRIME_CUES: tuple[tuple[str, ...], ...] = (
    ("accused", "of"),
    ("charged", "with"),
    ("convicted", "of"),
    ("suspected", "of"),
    ("charges", "of"),
    ("guilty", "of"),
    ("suspicion", "of"),
    ("on", "charges", "of"),
)
"""Codebook hard case: a METHOD named as the target's alleged crime is not a METHOD."""


CHARGE_TAGS = frozenset({"NN", "NNS", "VBG"})
"""Tags of a charge joined to another ('treason and kidnapping', 'spying and plotting')."""


def is_alleged_crime(span: Span, words: Lexicons) -> bool:
    """True when ``span`` directly follows an accusation cue and names no object.

    "accused of kidnapping" (the target's alleged crime) is dropped, also as a later
    charge joined to the first ("accused of treason and kidnapping"); "accused of
    abducting Ivo ..." or "accused of poisoning defectors" keeps its METHOD, since the
    act has an object: it is the perpetrator who is accused.
    """
    doc = span.doc
    first = span.start
    if doc.has_annotation("DEP"):
        # 'accused of treason and a plot to kill': the cue is before the first
        # charge the act is joined to
        for token in span:
            if token.tag_ not in CHARGE_TAGS:
                continue  # 'accused of spying and arrested': the arrest is no charge
            joined = token
            while joined.dep_ == "conj" and joined.head.i < span.start:
                joined = joined.head
            if joined.i != token.i:
                first = min(first, joined.left_edge.i)
    before = tuple(t.lower_ for t in doc[max(0, first - 3) : first])
    if not any(before[-len(cue) :] == cue for cue in ALLEGED_CRIME_CUES):
        return False
    return not _has_object_after(span, words)


ROLE_CODES = frozenset({"OVERSEAS_AGENTS", "INFORMANT_COERCION"})
"""Codes whose METHOD spans are often role nouns ('agents', 'informants')."""


def is_aim_of_a_bounty(span: Span) -> bool:
    """'information leading to the arrest of each of them': the arrest a reward is for has
    not happened; the bounty is the act (INFORMANT_COERCION)."""
    root = span.root
    return (
        root.dep_ == "pobj"
        and root.head.lower_ == "to"
        and root.head.head.lemma_.lower() == "lead"
        and root.head.head.head.lemma_.lower() in ("information", "tip", "detail")
    )


CAUSE_VERBS = frozenset({"make", "render", "leave"})
"""Verbs that tell a state made someone stateless ('made 31 activists stateless')."""


def is_statelessness_not_caused(span: Span) -> bool:
    """'those who are effectively stateless', 'recognise them as stateless', a report titled
    'Stateless by Decree': the bare adjective tells a condition, not the stripping of
    citizenship (TRAVEL_RESTRICTION) unless a verb in its sentence made, rendered or left
    someone so. The noun 'statelessness' is left to its rule."""
    if len(span) != 1 or span[0].lower_ != "stateless" or not span.doc.has_annotation("DEP"):
        return False
    head = span[0]
    while head.head.i != head.i:
        head = head.head
        if head.lemma_.lower() in CAUSE_VERBS:
            return False
    return True


BODY_HEADS = frozenset(
    {
        "service",
        "office",
        "authority",
        "department",
        "agency",
        "unit",
        "division",
        "directorate",
        "bureau",
        "spokesman",
        "spokeswoman",
        "spokesperson",
    }
)
"""Heads that make an act noun before them part of a body's name ('the prosecution
service', 'a prosecution spokesman')."""


def is_part_of_a_body(span: Span) -> bool:
    """'Rwanda's prosecution service said': an act noun that only names the body or its
    spokesman is no act."""
    return (
        len(span) == 1
        and span[0].pos_ == "NOUN"
        and span[0].dep_ == "compound"
        and span[0].head.lemma_.lower() in BODY_HEADS
    )


def is_former_role(span: Span, words: Lexicons) -> bool:
    """'a former intelligence officer', 'an ex-spy': a role noun the person no longer holds
    names who they were (often the victim), not an agent at work (codebook, role nouns).
    Up to three words before the span are read ('a retired Ruritanian military intelligence
    officer')."""
    if span.id_.split(".", 1)[0] not in ROLE_CODES:
        return False
    doc = span.doc
    for j in range(span.start - 1, max(-1, span.start - 4), -1):
        token = doc[j]
        if token.lower_ in words.FORMER_WORDS:
            return True
        if token.is_punct and token.text != "-":
            return False
    return False


def _has_object_after(span: Span, words: Lexicons) -> bool:
    """Whether the words after ``span`` begin its object (a name, pronoun or noun phrase)."""
    doc = span.doc
    if span.end >= len(doc):
        return False
    following = doc[span.end]
    if following.is_title or following.lower_ in words.OBJECT_PRONOUNS:
        return True
    if following.lower_ == "of" and span[-1].lower_ in words.AGENT_NOUNS:
        return True  # 'convicted of acting as an agent of the government': whose agent
    if (
        following.lower_ in ("on", "against")
        and span.end + 1 < len(doc)
        and doc[span.end + 1].lower_ != "behalf"
    ):
        return True  # 'accused of spying on exiles' ('spying on behalf of X' is the offence)
    return following.pos_ in _OBJECT_POS


_OBJECT_POS = frozenset({"NOUN", "PROPN", "PRON", "DET", "NUM", "ADJ"})


ACCUSATION_RULES = frozenset(
    {"PROSECUTION.accused_of", "PROSECUTION.charged_with", "PROSECUTION.convicted"}
)
"""PROSECUTION rules that name a charge; what follows them says who is charged."""


def drop_perpetrator_charges(spans: list[Span]) -> list[Span]:
    """Drop an accusation whose charge is itself a coercive act against someone.

    "a man accused of helping to kidnap Thanh": the accused is the perpetrator, and
    acts against perpetrators are not METHODs (codebook), while the kidnapping is.
    An accusation followed within three tokens by another METHOD span, with no "and" or
    comma between (which would start a new act), is dropped.
    """
    methods = sorted(
        (s for s in spans if s.label_ == "METHOD" and s.id_ not in ACCUSATION_RULES),
        key=lambda s: s.start,
    )
    starts = [s.start for s in methods]
    kept = []
    for span in spans:
        if span.id_ in ACCUSATION_RULES:
            i = bisect_left(starts, span.end)
            if i < len(starts) and starts[i] - span.end <= 3:
                between = span.doc[span.end : starts[i]]
                if not any(t.lower_ in _LIST_BREAKS for t in between):
                    continue
        kept.append(span)
    return kept


_LIST_BREAKS = frozenset({"and", "or", ",", ";", ".", "but"})


DATELINE_DASHES = frozenset({"-", "--", "–", "—"})
DATELINE_NEXT = DATELINE_DASHES | {"(", ","}


def _name_part(text: str) -> bool:
    """A capitalised word in any alphabet with no capital after its first letter ('Ruiz',
    'Đỗ', 'Ánh'; not 'USA'), the shape of a word of a person's name."""
    rest = text[1:].replace("'", "").replace("’", "").replace("-", "")
    return len(text) > 1 and text[0].isupper() and (not rest or (rest.isalpha() and rest.islower()))


def propagate_names(
    doc: Doc,
    spans: list[Span],
    words: Lexicons,
    *,
    tagged: bool | None = None,
    _again: bool = False,
) -> list[Span]:
    """Give every mention of a known person's name part the PERSON label.

    Parts of multi-word PERSON names found anywhere in the document ("Paul
    Vale", "Lin Bo") are names wherever they stand alone: a model span of
    another label with exactly that text is relabelled, and an untagged token with that
    text tagged as a proper noun becomes a PERSON span ("Thai" in "Thai authorities" is
    an adjective and stays untagged although a "Duong Van Thai" is named). Both carry
    the context rule id
    ``PERSON.name_part`` in their provenance.
    """
    parts = {
        token.text
        for span in spans
        if span.label_ == "PERSON" and (len(span) > 1 or _single_name(span))
        for token in span
        if _name_part(token.text) and token.text not in words.NOT_NAME_PARTS
    }
    if not parts:
        return spans
    # a whole name the model tagged otherwise elsewhere ('Ivo Sand' read as an ORG), and a
    # family name of several words ('Mr El-Sherbiny' after 'Youssef El-Sherbiny')
    full_names = {span.text for span in spans if span.label_ == "PERSON" and len(span) > 1}
    full_names |= {
        name
        for span in spans
        if span.label_ == "PERSON" and len(span) > 2
        for k in range(1, len(span) - 1)
        if span[k].text[:1].isupper() or _hyphen_joins(span.doc, span[k].i + 1)
        # 'al-Suwaidi' after 'Mariam al-Suwaidi', and 'Al-Suwaidi' opening a sentence
        for name in (span[k:].text, span[k:].text[:1].upper() + span[k:].text[1:])
    }
    # family names a title stands before elsewhere ('Mr Habineza'): a model 'organisation'
    # ending in one is that person's full name ('Jean-Bosco Habineza')
    titled = {
        span.text
        for span in spans
        if span.label_ == "PERSON"
        and len(span) == 1
        and span.start > 0
        and doc[span.start - 1].lower_.rstrip(".") in words.HONORIFICS
    }
    covered = [False] * len(doc)
    result: list[Span] = []
    for span in spans:
        if (
            span.label_ != "PERSON"
            and (is_bare_model(span) or _name_read_as_a_place(span))
            and (
                (len(span) == 1 and span.text in parts)
                or span.text in full_names
                or _surname_of_a_person(span, parts, words)
                or _named_with_a_titled_surname(span, titled)
            )
        ):
            span = derive(span, "PERSON.name_part", "label", label="PERSON")
        if span.label_ != "METHOD":  # a name inside an act's phrase cuts the phrase
            for i in range(span.start, span.end):
                covered[i] = True
        result.append(span)
    from spacy.attrs import ORTH, POS
    from spacy.symbols import PROPN

    part_ids = {doc.vocab.strings[p] for p in parts}
    if tagged is None:
        tagged = doc.has_annotation("POS")
    columns = doc.to_array([ORTH, POS]).tolist()
    made: list[Span] = []
    for i, (orth, pos) in enumerate(columns):
        if orth not in part_ids or covered[i]:
            continue
        if tagged and (
            not (pos == PROPN or _name_read_as_a_noun(doc[i]))
            or _modifies_common_noun(doc[i], words)
        ):
            continue
        start = i
        if (
            i >= 2
            and _hyphen_joins(doc, i - 1)
            and doc[i - 2].text[:1].isupper()
            and not covered[i - 2]
        ):
            start = i - 2  # 'El-Sherbiny': the prefix before the hyphen is part of the name
            if made and made[-1].start == start:
                made.pop()  # 'Baptiste' alone, already made: the hyphenated name takes it in
        made.append(make(doc, start, i + 1, "PERSON", "PERSON.name_part"))
    if made:
        # 'refused to renew [Farghaly]'s passport': the act's phrase ends before the name
        result = [cut_before_names(s, made) for s in result]
        acts = [s for s in result if s.label_ == "METHOD"]
        made = [m for m in made if not any(s.start < m.end and m.start < s.end for s in acts)]
    result += made
    result.sort(key=lambda s: (s.start, s.end))
    joined = _join_adjacent_names(result)
    extended = _name_heads_after_parts(doc, joined, words)
    if extended is not joined and not _again:
        # the whole name's last word is a name part too ('Vinh' after 'Le Quang Vinh')
        return propagate_names(doc, extended, words, tagged=tagged, _again=True)
    # a name extended over its heads may now touch a part before it ('Lê' + 'Thị Hồng Vân')
    return _join_adjacent_names(extended) if extended is not joined else extended


def _named_with_a_titled_surname(span: Span, titled: set[str]) -> bool:
    """A model span of two or more title-case words ending in a family name that a title
    stands before elsewhere in the document ('Jean-Bosco Habineza' beside 'Mr Habineza')."""
    return (
        span.label_ == "ORG"
        and len(span) > 1
        and span[-1].text in titled
        and all(t.is_title or t.text in ("-", "‐") for t in span)
    )


def _name_heads_after_parts(doc: Doc, spans: list[Span], words: Lexicons) -> list[Span]:
    """Extend a PERSON made of another person's name parts over the proper noun those parts
    modify: with 'Le Quang Hieu' named, 'Le Quang Vinh keeps ...' is 'Le Quang Vinh', not a
    second mention of Hieu cut short (relatives share the leading parts of a name). A
    one-word span of another label on that noun gives way. Likewise back over a given name
    the parser hangs on a known family name ('Memet Abdurehim' beside 'Gulnar Abdurehim'),
    not over a title ('President')."""
    out = list(spans)
    changed = False
    for k, span in enumerate(out):
        if span is None or span.label_ != "PERSON":
            continue
        if "PERSON.name_part" not in provenance_of(span).context_rules:
            continue
        before = doc[span.start - 1] if span.start > 0 else None
        prev = out[k - 1] if k > 0 else None
        if (
            before is not None
            and before.pos_ == "PROPN"
            and before.is_title
            and before.dep_ == "compound"
            and span.start <= before.head.i < span.end
            and before.text not in words.NOT_NAME_PARTS
            and before.lower_ not in words.HONORIFICS
            and (prev is None or prev.end <= before.i)
        ):
            # 'The poet, Memet Abdurehim, ...' where only the family name is known: the
            # given name the parser hangs on it is part of the name
            span = derive(span, "PERSON.name_part", "extent", start=before.i)
            out[k] = span
            changed = True
        if span.end >= len(doc):
            continue
        last, after = doc[span.end - 1], doc[span.end]
        if not (
            after.pos_ == "PROPN"
            and after.is_title
            and last.dep_ == "compound"
            and last.head.i == after.i
        ):
            continue
        nxt = out[k + 1] if k + 1 < len(out) else None
        if nxt is not None and nxt.start == after.i:
            if len(nxt) != 1 or nxt.label_ == "PERSON":
                continue
            out[k + 1] = None  # type: ignore[call-overload]
        out[k] = derive(span, "PERSON.name_part", "extent", end=after.i + 1)
        changed = True
    if not changed:
        return spans
    return [span for span in out if span is not None]


_PLACE_READINGS = frozenset({"LOCATION.org_is_place", "LOCATION.person_is_place"})


def _name_read_as_a_place(span: Span) -> bool:
    """A one-word model name read as a city only because a city has that name, where it
    does not stand after a preposition of place: with 'Le Quang Vinh' named, 'Vinh said' is
    him; 'police in Vinh' stays the city."""
    provenance = provenance_of(span)
    return (
        len(span) == 1
        and provenance.origin is not None
        and provenance.origin.kind == "model"
        and bool(provenance.context_rules)
        and set(provenance.context_rules) <= _PLACE_READINGS
        and span.root.dep_ != "pobj"
    )


def _surname_of_a_person(span: Span, parts: set[str], words: Lexicons) -> bool:
    """A model ORG of two or three title-case words, none an organisation's, whose last word
    the document names a person by ('Dawit Habte plays ...' read as an ORG, then 'Habte
    said'): a person's name, last word first (the family name a report uses)."""
    return (
        span.label_ == "ORG"
        and 2 <= len(span) <= 3
        and span[-1].text in parts
        and may_be_person(span, words)
    )


def _single_name(span: Span) -> bool:
    """A one-word model PERSON that names someone ('Mahmut, a trader, said'), or one read as
    a person beside a family or role noun ('his mother, Latifa,'): a proper noun that heads
    its own phrase, not a modifier ('Sikh temples')."""
    token = span[0]
    return (
        (is_bare_model(span) or "PERSON.described" in provenance_of(span).context_rules)
        and token.pos_ == "PROPN"
        and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "poss")
    )


def _join_adjacent_names(spans: list[Span]) -> list[Span]:
    """Join a name part to a PERSON span it touches ("Xi" + "Jinping" is one name)."""
    joined: list[Span] = []
    for span in spans:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and span.label_ == previous.label_ == "PERSON"
            and (previous.end == span.start or _joined_by_hyphen(previous, span))
            and (
                "PERSON.name_part"
                in provenance_of(previous).context_rules + provenance_of(span).context_rules
                or _one_name_cut_in_two(previous, span)
            )
        ):
            first, second = provenance_of(previous), provenance_of(span)
            origin = first.origin if not first.context else second.origin
            joined[-1] = derive(
                previous,
                "PERSON.name_part",
                "extent",
                end=span.end,
                base=Provenance(origin),
            )
            continue
        joined.append(span)
    return joined


def _one_name_cut_in_two(first: Span, second: Span) -> bool:
    """'[Mercedes Alcaraz] [Ruiz]': two names that touch, a single space apart, with no
    possessive between and one of them a single word, are one person's name (given names
    and two family names)."""
    return (
        first.end == second.start
        and min(len(first), len(second)) == 1
        and first.doc[first.end - 1].whitespace_ == " "
        and first[-1].text not in ("'s", "’s")
        and len(first) + len(second) <= 5
    )


def _joined_by_hyphen(first: Span, second: Span) -> bool:
    """'El' + '-' + 'Sherbiny' written as one word: the two names touch a hyphen."""
    return second.start == first.end + 1 and _hyphen_joins(first.doc, first.end)


def _hyphen_joins(doc: Doc, k: int) -> bool:
    """Whether token ``k`` is a hyphen written inside one word ('El-Sherbiny')."""
    return k > 0 and doc[k].text == "-" and not doc[k - 1].whitespace_ and not doc[k].whitespace_


# roles a person's name can fill in a clause; a known name part the tagger read as a common
# noun in one of them is the name ("Vale, who runs a channel, said ..." with "Vale" a NOUN)
_NAME_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "poss", "appos", "conj"})


def _name_read_as_a_noun(token: Token) -> bool:
    """A title-case word tagged as a common noun in an argument role, not a modifier."""
    return token.pos_ == "NOUN" and token.dep_ in _NAME_ROLES and token.text[:1].isupper()


def _modifies_common_noun(token: Token, words: Lexicons) -> bool:
    """A name-like word used as a modifier of a common noun ("Thai authorities"), except
    a case noun's: a known person's name names the case ('the court held nine sessions in
    the Sand case', ``CASE_PROCESS_NOUNS``)."""
    return (
        token.dep_ in ("amod", "compound", "nmod")
        and token.head.pos_ == "NOUN"
        and token.head.lemma_.lower() not in words.CASE_PROCESS_NOUNS
    )


WORD_LISTS: tuple[str, ...] = (
    "ASSET_NOUNS",
    "CASE_PROCESS_NOUNS",
    "HARMED_STATES",
    "PLACE_IN_NOUNS",
    "PLACE_IN_VERBS",
    "INSTRUMENT_WORDS",
    "MEASURES_ON_AGENTS",
    "PEOPLE_GROUP_NAMES",
    "ACT_KIND_MODIFIERS",
    "APPROXIMATORS",
    "AGENT_NOUNS",
    "BEARING_VERBS",
    "DESCRIPTION_NOUNS",
    "EXILE_VERBS",
    "FAMILY_NOUNS",
    "FORMER_WORDS",
    "HONORIFICS",
    "NAME_PARTICLES",
    "NOT_COUNT_NEXT",
    "NOT_COUNT_PREV",
    "NOT_NAME_PARTS",
    "NOT_PERSON_HEADS",
    "NUMBERED_NAME_HEADS",
    "PATRONYMIC_WORDS",
    "PERSON_OR_ORG_NOUNS",
    "PROTESTER_NOUNS",
    "OBJECT_PRONOUNS",
    "OFFICE_NOUNS",
    "ORG_DESCRIPTION_NOUNS",
    "ORG_HEAD_NOUNS",
    "ORG_NAME_HEADS",
    "PARTY_NOUNS",
    "PERPETRATOR_NOUNS",
    "PERSON_NOUNS",
    "REMOVAL_WORDS_AGAIN",
    "RETURN_WORDS_AGAIN",
    "PLACE_NOUNS",
    "PLATFORM_NAMES",
    "OUTLET_NAME_WORDS",
    "SPEECH_VERBS",
    "TREATY_NOUNS",
    "UNREST_NOUNS",
    "VAGUE_QUANTITIES",
)
"""The lists of ``patterns/lexicons.jsonl`` this stage reads (checked when a pipeline is
built, so a patterns folder that lacks one fails at start-up, not mid-run)."""
