"""The rule tagger's mechanics on a blank pipeline: matching, merging, trimming, filters."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

from tnr_claims.nlp.context import is_alleged_crime
from tnr_claims.nlp.matcher import RuleMatcher
from tnr_claims.nlp.spans import is_count, merge_spans, trim_entity
from tnr_claims.rules.loader import default_patterns
from tnr_claims.rules.schemas import SpanRule

WORDS = default_patterns().lexicons

RULES = [
    SpanRule(
        id="ABDUCTION.kidnap",
        label="METHOD",
        pattern=[{"LOWER": {"IN": ["kidnap", "kidnapped", "kidnapping"]}}],
    ),
    SpanRule(
        id="FAMILY_PRESSURE.pressure_family",
        label="METHOD",
        pattern=[
            {"LOWER": {"IN": ["pressure", "pressuring"]}},
            {"LOWER": "on", "OP": "?"},
            {"LOWER": {"IN": ["family", "relatives"]}},
            {"LOWER": "members", "OP": "?"},
        ],
    ),
    SpanRule(
        id="LEGAL_REF.article_of",
        label="LEGAL_REF",
        pattern=[
            {"LOWER": "article"},
            {"LIKE_NUM": True},
            {"LOWER": "of"},
            {"IS_TITLE": True, "OP": "+"},
            {"LOWER": "law"},
        ],
    ),
    SpanRule(id="LOCATION.uae", label="LOCATION", code="AE", pattern=["UAE"], case_sensitive=True),
    SpanRule(id="NOT_ENTITY.uighurs", label="NOT_ENTITY", pattern=["Uighurs"]),
]


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


@pytest.fixture(scope="module")
def matcher(blank):
    return RuleMatcher(blank, RULES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They kidnapped him.", [("kidnapped", "ABDUCTION.kidnap")]),
        (
            "Pressuring family members is common.",
            [("Pressuring family members", "FAMILY_PRESSURE.pressure_family")],
        ),
        (
            "Under Article 52 of Supervision Law it is allowed.",
            [("Article 52 of Supervision Law", "LEGAL_REF.article_of")],
        ),
        ("He flew to the UAE.", [("UAE", "LOCATION.uae")]),
        ("Tell us about uae.", []),
        ("Uighurs were detained.", [("Uighurs", "NOT_ENTITY.uighurs")]),
    ],
)
def test_rule_matcher_returns_rule_ids(blank, matcher, text, expected) -> None:
    doc = blank(text)
    found = [(doc[s:e].text, rule.id) for s, e, rule in matcher(doc)]
    assert found == expected


def _span(doc, text: str, label: str, span_id: str = "") -> Span:
    start = doc.text.index(text)
    span = doc.char_span(start, start + len(text), label=label, span_id=span_id)
    assert span is not None, text
    return span


def test_merge_policy_rules_beat_model_and_longest_wins(blank) -> None:
    doc = blank("Article 52 of China Supervision Law lets agents kidnap Uighurs in Cairo.")
    rule = [
        _span(doc, "Article 52 of China Supervision Law", "LEGAL_REF", "LEGAL_REF.article_of"),
        _span(doc, "kidnap", "METHOD", "ABDUCTION.kidnap"),
    ]
    model = [
        _span(doc, "China", "LOCATION", "model:GPE"),
        _span(doc, "Uighurs", "ORG", "model:ORG"),
        _span(doc, "Cairo", "LOCATION", "model:GPE"),
        _span(doc, "Article 52", "LEGAL_REF", "model:LAW"),
    ]
    blocked = [(doc.text.split().index("Uighurs"), doc.text.split().index("Uighurs") + 1)]
    merged = merge_spans(doc, rule, model, blocked)
    assert [(s.text, s.label_) for s in merged] == [
        ("Article 52 of China Supervision Law", "LEGAL_REF"),
        ("kidnap", "METHOD"),
        ("Cairo", "LOCATION"),
    ]


def test_merge_prefers_longer_model_entity_over_shorter_gazetteer_rule(blank) -> None:
    doc = blank("The UAE Ministry of Interior said so.")
    rule = [_span(doc, "UAE", "LOCATION", "LOCATION.uae")]
    model = [_span(doc, "UAE Ministry of Interior", "ORG", "model:ORG")]
    merged = merge_spans(doc, rule, model)
    assert [(s.text, s.label_) for s in merged] == [("UAE Ministry of Interior", "ORG")]


@pytest.mark.parametrize(
    ("model_text", "expected"),
    [
        # the model cut across the listed name: it gives way
        ("Nord/Ost’s Baltic Desk", [("Nord/Ost", "ORG")]),
        # the model ran the listed name on into what it owns: it gives way
        ("Ost’s Baltic Desk", [("Nord/Ost", "ORG")]),
    ],
)
def test_merge_prefers_a_listed_name_to_a_model_span_cut_across_it(
    blank, model_text: str, expected: list[tuple[str, str]]
) -> None:
    doc = blank("Nord/Ost’s Baltic Desk reported it.")
    rule = [_span(doc, "Nord/Ost", "ORG", "ORG.nord_ost")]
    model = [_span(doc, model_text, "ORG", "model:ORG")]
    merged = merge_spans(doc, rule, model)
    assert [(s.text, s.label_) for s in merged] == expected


@pytest.mark.parametrize(
    ("text", "entity", "expected"),
    [
        ("He met the Netherlands team.", "the Netherlands", "Netherlands"),
        ("It is China's law.", "China's", "China"),
        ("Visit Cairo.", "Cairo.", "Cairo"),
    ],
)
def test_trim_entity(blank, text, entity, expected) -> None:
    doc = blank(text)
    start, end = trim_entity(_span(doc, entity, "X"))
    assert doc[start:end].text == expected


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        ("Police detained 229 people.", "229", True),
        ("It rose by 40 % last year.", "40", False),
        ("In 2015 he left.", "2015", False),
        ("She was 45 years old.", "45", False),
        ("It cost $ 300 in fees.", "300", False),
        ("They fell ill at about 14.15 GMT on Sunday.", "14.15", False),
        ("The call came at 9 pm.", "9", False),
    ],
)
def test_is_count(blank, text, number, expected) -> None:
    doc = blank(text)
    assert is_count(_span(doc, number, "QUANTITY"), WORDS) is expected


@pytest.mark.parametrize(
    ("text", "method", "expected"),
    [
        ("He was accused of kidnapping and jailed.", "kidnapping", True),
        ("Two men are accused of kidnapping Tran in Berlin.", "kidnapping", False),
        ("Agents were seen kidnapping people.", "kidnapping", False),
    ],
)
def test_alleged_crime_is_not_a_method(blank, text, method, expected) -> None:
    doc = blank(text)
    assert is_alleged_crime(_span(doc, method, "METHOD"), WORDS) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # relatives as the people acted on: RELATIVE_REPRISAL, not DETENTION
        (
            "Relatives of exiled activists have been detained by the police.",
            {("detained", "RELATIVE_REPRISAL")},
        ),
        (
            "The sisters of the exiled journalist were arrested in Urumqi.",
            {("arrested", "RELATIVE_REPRISAL")},
        ),
        ("Police detained the activist in Bangkok.", {("detained", "DETENTION")}),
        # the perpetrator is accused: the act is a METHOD, the accusation is not
        ("Two men are accused of kidnapping the blogger in Berlin.", {("kidnapping", "ABDUCTION")}),
        # the target's alleged crime: no METHOD, the accusation is PROSECUTION
        (
            "He was accused of kidnapping and sentenced in absentia.",
            {("accused", "PROSECUTION"), ("sentenced in absentia", "PROSECUTION")},
        ),
    ],
)
def test_context_rules_on_the_model(
    tnr_pipeline, text: str, expected: set[tuple[str, str]]
) -> None:
    record = tnr_pipeline.process_text(text)
    assert {(s.text, s.code) for s in record.spans if s.label == "METHOD"} == expected


def test_name_parts_become_person_but_demonyms_do_not(tnr_pipeline) -> None:
    text = (
        "Police in Bangkok arrested the blogger Duong Van Thai in 2019. "
        "Thai authorities said Thai had entered illegally."
    )
    record = tnr_pipeline.process_text(text)
    persons = [(s.start, s.name) for s in record.spans if s.label == "PERSON"]
    assert (text.index("Thai had"), "Duong Van Thai") in persons
    assert all(start != text.index("Thai authorities") for start, _ in persons)


@pytest.mark.parametrize(
    ("text", "method", "name", "expected"),
    [
        (
            "Agents coerce a friend to surrender Peng's contact details.",
            "coerce a friend to surrender Peng's contact details",
            "Peng",
            "coerce a friend to surrender",
        ),
        (
            "They were detaining relatives in China without charge.",
            "detaining relatives in China",
            "China",
            "detaining relatives",
        ),
        ("Agents kidnapped Li Wei.", "kidnapped", "Li Wei", "kidnapped"),
        (
            "Officers asked Mr Sorel's mother to persuade him.",
            "asked Mr Sorel's mother",
            "Sorel",
            "asked",
        ),
    ],
)
def test_method_spans_end_before_names_inside_them(blank, text, method, name, expected) -> None:
    from tnr_claims.nlp.spans import cut_before_names

    doc = blank(text)
    cut = cut_before_names(_span(doc, method, "METHOD", "X.y"), [_span(doc, name, "PERSON")])
    assert cut.text == expected


def test_a_known_name_part_the_tagger_read_as_a_noun_is_a_person(tnr_pipeline) -> None:
    # the small model tags a sentence-initial unfamiliar surname as a plural noun; as the
    # subject of a clause it is still the person named in full before
    text = (
        "Imran Beka, 29, told reporters on Monday that he was beaten in Lyon. Beka, who "
        "runs a channel critical of the leadership, said he had received death threats. "
        "Beka petals were left at the door."
    )
    record = tnr_pipeline.process_text(text)
    persons = {(s.start, s.name) for s in record.spans if s.label == "PERSON"}
    assert (text.index("Beka, who"), "Imran Beka") in persons
    # a name part that modifies a common noun stays untagged
    assert all(start != text.index("Beka petals") for start, _ in persons)
    [threats] = [c for c in record.claims if "death threats" in c.text]
    assert threats.source == "Imran Beka"


def test_adjacent_name_parts_join_into_one_person(blank) -> None:
    from tnr_claims.nlp.context import _join_adjacent_names
    from tnr_claims.nlp.provenance import Decision, Provenance, make, provenance_of

    doc = blank("Xi Jinping spoke.")
    made = make(doc, 0, 1, "PERSON", "PERSON.name_part")
    parts = [made, _span(doc, "Jinping", "PERSON", "model:PERSON")]
    [joined] = _join_adjacent_names(parts)
    assert joined.text == "Xi Jinping"
    assert provenance_of(joined) == Provenance(
        Decision("model:PERSON", "model"),
        (Decision("PERSON.name_part", "context", "extent"),),
    )


def test_context_decisions_are_typed_and_keep_their_origin(blank) -> None:
    """A context rule's change is a Decision on the span, its origin id stays span.id_."""
    from tnr_claims.nlp.provenance import Decision, derive, provenance_of

    doc = blank("Relatives were detained in Urumqi.")
    found = _span(doc, "detained", "METHOD", "DETENTION.detain")
    recoded = derive(found, "RELATIVE_REPRISAL.relative_patient", "code")
    assert recoded.id_ == "DETENTION.detain"
    provenance = provenance_of(recoded)
    assert provenance.origin == Decision("DETENTION.detain", "pattern")
    assert provenance.context_rules == ["RELATIVE_REPRISAL.relative_patient"]
    assert provenance.code_rule() == "RELATIVE_REPRISAL.relative_patient"
    dateline = _span(doc, "Urumqi", "LOCATION", "model:GPE")
    assert provenance_of(dateline).context == (), "another span's decisions leaked"


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
        ("Published 12 March 2024", "March", "12 March 2024"),
        ("In March 2024", "March", "March 2024"),
        ("Room 40 March 2024", "March", "March 2024"),
    ],
)
def test_day_number_joins_a_date_that_starts_with_its_month(blank, text, start, expected) -> None:
    from tnr_claims.nlp.spans import with_day_before

    doc = blank(text)
    first = [t.text for t in doc].index(start)
    assert doc[with_day_before(doc, first) : len(doc)].text == expected


def test_model_date_ends_at_a_dash(tnr_pipeline) -> None:
    text = "He has been living outside Rwanda since 1996 - first in Belgium."
    record = tnr_pipeline.process_text(text)
    assert [(s.text, s.value) for s in record.spans if s.label == "DATE"] == [("1996", "1996")]


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        # both ends written out: two DATE spans (codebook, second set)
        (
            "Exiles suffered 96 physical attacks in Europe between 2014 and 2023.",
            [("2014", "2014"), ("2023", "2023")],
        ),
        ("He was jailed in Minsk in 2014-2016.", [("2014", "2014"), ("2016", "2016")]),
        # the first end takes the year the second end writes
        (
            "Police detained 40 people between May 3 and May 9, 2021.",
            [("May 3", "2021-05-03"), ("May 9, 2021", "2021-05-09")],
        ),
    ],
)
def test_a_date_range_with_both_ends_written_out_is_two_dates(tnr_pipeline, text, dates) -> None:
    record = tnr_pipeline.process_text(text)
    assert [(s.text, s.value) for s in record.spans if s.label == "DATE"] == dates


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        ("Rights groups moved some 60 students.", "60", "some 60"),
        ("They detained an estimated 900 people.", "900", "an estimated 900"),
        ("Police held 40 people.", "40", "40"),
    ],
)
def test_approximating_word_joins_the_count(blank, text, number, expected) -> None:
    from tnr_claims.nlp.spans import with_approximator_before

    doc = blank(text)
    start = [t.text for t in doc].index(number)
    assert doc[with_approximator_before(doc, start, WORDS) : start + 1].text == expected


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("He met Rotterdam officials.", "Rotterdam", True),
        ("He met Paul there.", "Paul", False),
        ("Talks in Berlin ended.", "Berlin", True),
        # a regional capital of some 300,000 standing for its rulers
        ("He acted on orders from Grozny.", "Grozny", True),
        ("He met Elena there.", "Elena", False),
    ],
)
def test_one_word_person_that_is_a_big_place(blank, text, word, expected) -> None:
    from tnr_claims.nlp.tagger import RuleTagger
    from tnr_claims.rules.loader import load_patterns

    tagger = RuleTagger(blank, load_patterns())
    doc = blank(text)
    assert tagger._is_big_place(_span(doc, word, "PERSON")) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("They coerced one of his friends.", False), ("Four in Thailand and one in Australia.", True)],
)
def test_one_is_a_count_only_when_it_counts(blank, text, expected) -> None:
    doc = blank(text)
    start = [t.lower_ for t in doc].index("one")
    assert is_count(doc[start : start + 1], WORDS) is expected


def test_relative_week_is_an_iso_week() -> None:
    import datetime as dt

    from tnr_claims.normalise import Normaliser

    assert Normaliser().date("last week", anchor=dt.date(2020, 9, 1)) == "2020-W35"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "In 2021 agents abducted Aydin Korkmaz, a Dutch-Somali educator, in Bishkek.",
            "Aydin Korkmaz",
        ),
        ("Police detained the blogger Minh Tran Quoc on Monday.", "Minh Tran Quoc"),
    ],
)
def test_proper_names_next_to_a_role_are_people(tnr_pipeline, text, name) -> None:
    record = tnr_pipeline.process_text(text)
    assert name in {s.text for s in record.spans if s.label == "PERSON"}


def test_organisations_next_to_a_description_stay_organisations(tnr_pipeline) -> None:
    record = tnr_pipeline.process_text("Human Rights Watch, a rights group, urged Thailand to act.")
    assert {(s.text, s.label) for s in record.spans if s.label in ("PERSON", "ORG")} == {
        ("Human Rights Watch", "ORG")
    }


# --------------------------------------------------------------------------- rules as data


def small_pattern_set(tmp_path) -> object:
    """A patterns folder with one METHOD rule and one zone rule, nothing else."""
    import json
    import shutil

    from tnr_claims.rules.loader import DEFAULT_PATTERNS_DIR, load_patterns

    folder = tmp_path / "patterns"
    folder.mkdir()
    rule = {
        "id": "ABDUCTION.spirit_away",
        "label": "METHOD",
        "pattern": [{"LOWER": {"IN": ["spirit", "spirited"]}}, {"LOWER": "away"}],
        "examples": ["They spirited him away."],
    }
    (folder / "methods.jsonl").write_text(json.dumps(rule) + "\n", encoding="utf-8")
    shutil.copy(DEFAULT_PATTERNS_DIR / "lexicons.jsonl", folder / "lexicons.jsonl")
    return load_patterns(folder)


@pytest.mark.parametrize("component", ["tnr_segmenter", "tnr_tagger"])
def test_a_component_without_rules_says_how_to_give_them(component) -> None:
    from tnr_claims.errors import ClaimsError

    nlp = spacy.blank("en")
    nlp.add_pipe(component)
    with pytest.raises(ClaimsError, match="initialize"):
        nlp("Agents abducted him in Bangkok.")


def test_components_take_their_rules_from_initialize_only(tmp_path) -> None:
    """A custom PatternSet is the whole rule set: no default rule mixes in."""
    from tnr_claims.nlp.spans import SPAN_KEY

    patterns = small_pattern_set(tmp_path)
    nlp = spacy.blank("en")
    nlp.add_pipe("tnr_segmenter").initialize(nlp=nlp, patterns=patterns)
    nlp.add_pipe("tnr_tagger", config={"check_places": False}).initialize(
        nlp=nlp, patterns=patterns
    )
    doc = nlp("Agents spirited away critics and kidnapped another in Bangkok.")
    found = {(s.text, s.id_) for s in doc.spans[SPAN_KEY]}
    assert ("spirited away", "ABDUCTION.spirit_away") in found
    assert not any(text == "kidnapped" for text, _ in found), "a default rule leaked in"


def test_dask_spec_carries_the_rules_as_data(tmp_path) -> None:
    """Workers get the validated PatternSet itself, picklable, not a folder to write."""
    import pickle

    from tnr_claims.run.engines import PipelineSpec

    patterns = small_pattern_set(tmp_path)
    spec = PipelineSpec(None, patterns, "fingerprint", 8, 1000)
    restored = pickle.loads(pickle.dumps(spec))
    assert restored.patterns.span_rules == patterns.span_rules
    assert restored.patterns.sha256 == patterns.sha256


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # a bracketed date inside a sentence starts no sentence
        (
            "The ministry announced on Tuesday [4 March] that three exiles were listed. "
            "The minister spoke later.",
            2,
        ),
        ("The government today (June 12) specified measures. Police said so.", 2),
        # counterexample: a bracket after a full stop may start one
        ("Police said so. (Reuters) The minister spoke later.", 3),
    ],
)
def test_an_opening_bracket_inside_a_sentence_starts_no_sentence(
    tnr_pipeline, text: str, sentences: int
) -> None:
    doc = tnr_pipeline.nlp(text)
    starts = [s.text for s in doc.sents]
    assert len(starts) == sentences, starts
    assert not any(s.startswith(("[4", "(June")) for s in starts)


@pytest.mark.parametrize(
    ("text", "inside", "free"),
    [
        # a lower-case word right after a word or number is inside the sentence
        ("HOST: Lena, in June 2022 the city police put a bounty on you.", ["the", "city"], []),
        # counterexamples: after a full stop, a colon or a line break the parser decides
        ("It ended. the next day began.\nthe list", [], ["the"]),
    ],
)
def test_a_lower_case_word_after_a_word_starts_no_sentence(
    blank, text: str, inside: list[str], free: list[str]
) -> None:
    from tnr_claims.nlp.factories import Segmenter
    from tnr_claims.rules.loader import load_patterns

    doc = Segmenter(load_patterns())(blank(text))
    marked = {t.text for t in doc if t.is_sent_start is False}
    unmarked = {t.text for t in doc if t.is_sent_start is not False}
    assert set(inside) <= marked and set(free) <= unmarked


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        # a capitalised opener after a lower-case word or a number: the full stop was lost
        ("He was shot on May 3 In strong reaction, the ministry denied it.", ["In"]),
        ("Agents followed him for weeks However he stayed.", ["However"]),
        # counterexamples: a title or a name, a capitalised word before it, a full stop
        ("She praised the film The Exile and its cast.", []),
        ("The group Lawyers In Exile wrote to him.", []),
        ("He left in May. In strong terms, she objected.", []),
    ],
)
def test_a_capitalised_opener_after_a_lower_case_word_starts_a_sentence(
    blank, text: str, starts: list[str]
) -> None:
    from tnr_claims.nlp.factories import Segmenter
    from tnr_claims.rules.loader import load_patterns

    doc = Segmenter(load_patterns())(blank(text))
    forced = [t.text for t in doc if t.is_sent_start and t.i > 0 and doc[t.i - 1].text != "."]
    assert forced == starts


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # a verb's particle before the count is no approximator
        ("Vell has handed over at least six dissidents to Lorn since 2019.", "at least six"),
        # counterexample: 'over' that qualifies the number is
        ("Police deported over 500 exiles from Lorn in 2019.", "over 500"),
    ],
)
def test_a_verbs_particle_is_not_part_of_the_count_after_it(tnr_pipeline, text, count) -> None:
    record = tnr_pipeline.process_text(text)
    assert [s.text for s in record.spans if s.label == "QUANTITY"] == [count]


@pytest.mark.parametrize(
    ("text", "quantities"),
    [
        # an age in brackets after a name is no count
        ("Agents detained Ivo Sand (27) in Minsk, and he later appeared in a video.", []),
        # counterexample: a bracketed number after a common word still counts
        ("The count of abducted exiles rose to (27) in May.", ["27"]),
    ],
)
def test_an_age_in_brackets_after_a_name_is_no_count(tnr_pipeline, text, quantities) -> None:
    record = tnr_pipeline.process_text(text)
    assert [s.text for s in record.spans if s.label == "QUANTITY"] == quantities


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        # a day named and then its date: two DATE spans, the day taking the date's value
        (
            "Published 20 June 2024. On Sunday (June 16), exiles gathered in Oslo.",
            [("20 June 2024", "2024-06-20"), ("Sunday", "2024-06-16"), ("June 16", "2024-06-16")],
        ),
        (
            "Published 2 July 2014. The arrest was made public last Monday, June 30, in Oslo.",
            [
                ("2 July 2014", "2014-07-02"),
                ("last Monday", "2014-06-30"),
                ("June 30", "2014-06-30"),
            ],
        ),
        # counterexample: a range of months stays as the range rule cuts it
        (
            "Published 2 July 2014. Police held him between May 3 and May 9, 2014.",
            [("2 July 2014", "2014-07-02"), ("May 3", "2014-05-03"), ("May 9, 2014", "2014-05-09")],
        ),
    ],
)
def test_a_day_named_before_its_date_is_two_dates_of_one_day(tnr_pipeline, text, dates) -> None:
    record = tnr_pipeline.process_text(text)
    assert [(s.text, s.value) for s in record.spans if s.label == "DATE"] == dates


def test_this_before_a_season_is_part_of_the_date(tnr_pipeline) -> None:
    text = "Published 20 March 2018. Ministers will boycott this summer's games in Moscow."
    record = tnr_pipeline.process_text(text)
    assert ("this summer", "2018") in [(s.text, s.value) for s in record.spans if s.label == "DATE"]


def test_a_hyphenated_name_part_found_again_is_one_name_not_two_that_overlap(blank) -> None:
    """'Ingrid Baptiste-Okoro' named in full once: where the name stands again, its
    parts are one PERSON (the prefix 'Baptiste' alone and 'Baptiste-Okoro' had overlapped,
    and the document's record failed validation)."""
    from tnr_claims.nlp.context import propagate_names

    doc = blank("The chair called Ms Ingrid Baptiste-Okoro. Ingrid Baptiste-Okoro (Leeds) spoke.")
    start = doc.text.rindex("Ingrid")
    full = doc.char_span(start, start + len("Ingrid Baptiste-Okoro"), "PERSON", "model:PERSON")
    kept = propagate_names(doc, [full], WORDS, tagged=False)
    assert [s.text for s in kept] == ["Ingrid Baptiste-Okoro", "Ingrid Baptiste-Okoro"]


def test_spans_that_still_overlap_keep_the_longer(blank) -> None:
    from tnr_claims.nlp.spans import without_overlaps

    doc = blank("Officers seized Ana Ruiz Vell in Lisbon.")
    place = _span(doc, "Lisbon", "LOCATION", "model:GPE")
    short = _span(doc, "Ana Ruiz", "PERSON", "model:PERSON")
    whole = _span(doc, "Ana Ruiz Vell", "PERSON", "PERSON.name_part")
    assert [s.text for s in without_overlaps([place, short])] == ["Ana Ruiz", "Lisbon"]
    kept = without_overlaps([place, short, whole])
    assert [s.text for s in kept] == ["Ana Ruiz Vell", "Lisbon"]
