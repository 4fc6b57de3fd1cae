"""LEGAL_REF rules (``patterns/legal_refs.jsonl``) and entity fixes (``patterns/entities.jsonl``).

The two files are loaded through :func:`tnr_claims.rules.load_patterns` (so every rule is
validated exactly as at start-up) from a copy holding only them, which keeps these tests
independent of the other pattern files. Everything runs on ``spacy.blank("en")`` unless a
rule needs the parser or tagger (POS, TAG, DEP, LEMMA, MORPH), which none does today.

Tables:

* every rule's own ``examples`` match and its ``counterexamples`` do not;
* hand-written sentences -> the LEGAL_REF spans all LEGAL_REF rules find together once
  the longest span wins (tier 1 of :func:`pipeline.components.merge_spans`);
* the same for the ORG gazetteer and shape rules, and for the NOT_ENTITY blockers;
* the merge policy with these rules and hand-made model entities (demonyms block the
  model's wrong GPE/ORG tags but never a longer name that starts with a demonym).
"""

from __future__ import annotations

import shutil
import tempfile
from functools import cache
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from tnr_claims.nlp.matcher import RuleMatcher
from tnr_claims.nlp.spans import merge_spans
from tnr_claims.nlp.tagger import RuleTagger
from tnr_claims.rules.examples import example_failures
from tnr_claims.rules.examples import needs_model as _needs_model
from tnr_claims.rules.loader import DEFAULT_PATTERNS_DIR, PatternSet, load_patterns
from tnr_claims.rules.schemas import SpanRule

OWN_FILES = {"legal_refs.jsonl": {"LEGAL_REF"}, "entities.jsonl": {"ORG", "PERSON", "NOT_ENTITY"}}


@cache
def own_patterns() -> PatternSet:
    """The real ``legal_refs.jsonl`` and ``entities.jsonl``, loaded and validated."""
    with tempfile.TemporaryDirectory() as folder:
        for name in [*OWN_FILES, "lexicons.jsonl"]:  # the ORG shapes use a word list
            shutil.copy(DEFAULT_PATTERNS_DIR / name, Path(folder) / name)
        return load_patterns(folder)


@cache
def rules_by_file() -> dict[str, tuple[SpanRule, ...]]:
    """The rules of each owned file, in file order."""
    out: dict[str, tuple[SpanRule, ...]] = {}
    for name in OWN_FILES:
        with tempfile.TemporaryDirectory() as folder:
            for copied in (name, "lexicons.jsonl"):
                shutil.copy(DEFAULT_PATTERNS_DIR / copied, Path(folder) / copied)
            out[name] = load_patterns(folder).span_rules
    return out


def all_rules() -> list[SpanRule]:
    return list(own_patterns().span_rules)


def needs_model(rule: SpanRule) -> bool:
    return _needs_model(rule)


@pytest.fixture(scope="module")
def blank() -> Language:
    return spacy.blank("en")


def _nlp_for(rule: SpanRule, request: pytest.FixtureRequest, blank: Language) -> Language:
    return request.getfixturevalue("nlp_model") if needs_model(rule) else blank


def _spans(nlp: Language, text: str, rules: list[SpanRule]) -> list[tuple[str, str]]:
    """(label, text) of the rule matches after longest-wins, in document order."""
    doc = nlp(text)
    matcher = RuleMatcher(nlp, rules)
    spans = filter_spans(
        [Span(doc, start, end, label=rule.label) for start, end, rule in matcher(doc)]
    )
    return [(s.label_, s.text) for s in sorted(spans, key=lambda s: s.start)]


# --- the files themselves ---------------------------------------------------------


def test_each_file_holds_only_its_labels() -> None:
    for name, labels in OWN_FILES.items():
        rules = rules_by_file()[name]
        assert rules, f"{name} is empty"
        assert {rule.label for rule in rules} <= labels, name


def test_every_rule_has_examples() -> None:
    assert [r.id for r in all_rules() if not r.examples] == []


def test_acronym_phrases_are_case_sensitive() -> None:
    """A phrase written in capitals only (UN, EU, FBI, FARA) must not match 'un', 'eu', 'fara'."""
    for rule in all_rules():
        caps = [
            p for p in rule.phrases if p.replace(".", "").isupper() and len(p.replace(".", "")) <= 6
        ]
        if caps:
            assert rule.case_sensitive, rule.id


@pytest.mark.parametrize(
    ("rule_id", "name"),
    [
        ("ORG.united_nations_cs", "United Nations"),
        ("ORG.european_union_cs", "European Union"),
        ("ORG.fbi_cs", "Federal Bureau of Investigation"),
        ("ORG.icc_cs", "International Criminal Court"),
        ("ORG.ccp_cs", "Chinese Communist Party"),
        ("ORG.ccp", "Chinese Communist Party"),
    ],
)
def test_gazetteer_acronyms_carry_the_full_name(rule_id: str, name: str) -> None:
    assert own_patterns().rule(rule_id).name == name  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("rule_id", "instrument", "jurisdiction"),
    [
        ("LEGAL_REF.fara_acronym_cs", "Foreign Agents Registration Act", "US"),
        ("LEGAL_REF.iccpr_cs", "International Covenant on Civil and Political Rights", None),
        ("LEGAL_REF.refugee_convention", "Refugee Convention", None),
    ],
)
def test_named_instruments_carry_canonical_fields(
    rule_id: str, instrument: str, jurisdiction: str | None
) -> None:
    rule = own_patterns().rule(rule_id)
    assert rule.instrument == instrument  # type: ignore[attr-defined]
    assert rule.jurisdiction == jurisdiction  # type: ignore[attr-defined]


# --- every rule's own examples and counterexamples ----------------------------------


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.id)
def test_rule_examples_match(
    rule: SpanRule, request: pytest.FixtureRequest, blank: Language
) -> None:
    nlp = _nlp_for(rule, request, blank)
    missed = [f.text for f in example_failures(rule, nlp) if not f.counterexample]
    assert missed == []


@pytest.mark.parametrize("rule", [r for r in all_rules() if r.counterexamples], ids=lambda r: r.id)
def test_rule_counterexamples_do_not_match(
    rule: SpanRule, request: pytest.FixtureRequest, blank: Language
) -> None:
    nlp = _nlp_for(rule, request, blank)
    wrong = [f.text for f in example_failures(rule, nlp) if f.counterexample]
    assert wrong == []


# --- LEGAL_REF: all rules together, longest wins -------------------------------------

LEGAL_CASES: list[tuple[str, list[str]]] = [
    (
        "under Article 52 of China’s Supervision Law, the commission may",
        ["Article 52 of China’s Supervision Law"],
    ),
    (
        "Articles 37 and 38 of the Criminal Procedure Law allow residential surveillance.",
        ["Articles 37 and 38 of the Criminal Procedure Law"],
    ),
    ("Articles 37-38 of the Criminal Law were cited.", ["Articles 37-38 of the Criminal Law"]),
    ("Article 5(1) guarantees the right to liberty.", ["Article 5(1)"]),
    ("The right is protected (see Article 23).", ["Article 23"]),
    ("He was charged under 18 U.S.C. § 951 for acting as an agent.", ["18 U.S.C. § 951"]),
    (
        "Prosecutors cited 18 USC 951 and Section 951 of the code.",
        ["18 USC 951", "Section 951 of the code"],
    ),
    ("Section 951 makes it a crime to act as an unregistered agent.", ["Section 951"]),
    ("Section 3 of this report describes the method.", []),
    ("The Supervision Law took effect in 2018.", ["Supervision Law"]),
    (
        "Hong Kong’s National Security Law was imposed in 2020.",
        ["Hong Kong’s National Security Law"],
    ),
    ("National Security Law", ["National Security Law"]),
    ("The request was refused under the Extradition Act 2003.", ["Extradition Act 2003"]),
    (
        "Both the Anti-Espionage Law and the Counter-Espionage Law apply.",
        ["Anti-Espionage Law", "Counter-Espionage Law"],
    ),
    ("China has no extradition treaty with Canada.", ["extradition treaty"]),
    ("the extradition agreement between Thailand and Vietnam", ["extradition agreement"]),
    (
        "States must respect the Convention against Torture and the Refugee Convention.",
        ["Convention against Torture", "Refugee Convention"],
    ),
    (
        "Article 14 of the International Covenant on Civil and Political Rights guarantees it.",
        ["Article 14 of the International Covenant on Civil and Political Rights"],
    ),
    ("The 1951 Refugee Convention prohibits refoulement.", ["1951 Refugee Convention"]),
    (
        "She filed a complaint under the European Convention on Human Rights.",
        ["European Convention on Human Rights"],
    ),
    (
        "He never registered under the Foreign Agents Registration Act.",
        ["Foreign Agents Registration Act"],
    ),
    ("Germany is a party to the Rome Statute.", ["Rome Statute"]),
    (
        "Article 3 of Interpol's Constitution forbids political cases.",
        ["Article 3 of Interpol's Constitution"],
    ),
    ("Interpol’s constitution bars it from political matters.", ["Interpol’s constitution"]),
    ("The law does not allow this, and other laws and legislation are vague.", []),
    ("They breached international law and Chinese law.", []),
    ("Critics of the new national security law were arrested.", ["national security law"]),
    ("He was prosecuted under the criminal law.", ["criminal law"]),
    ("Nathan Law spoke to reporters about the rule of law.", []),
    ("She studied at the Faculty of Law.", []),
    (
        "The Counter-Espionage Law of the People’s Republic of China was revised.",
        ["Counter-Espionage Law of the People’s Republic of China"],
    ),
    (
        "under Article 52 of the Supervision Law of the People’s Republic of China",
        ["Article 52 of the Supervision Law of the People’s Republic of China"],
    ),
    (
        "Vietnam’s penal code and China’s Constitution differ.",
        ["Vietnam’s penal code", "China’s Constitution"],
    ),
    ("Both the ICCPR and FARA were mentioned.", ["ICCPR", "FARA"]),
    ("The Criminal Law was amended on Monday.", ["Criminal Law"]),
    ("An article in the newspaper mentioned section 5 and part of the law.", []),
    ("Extradition laws and terrorism laws vary.", []),
]


@pytest.mark.parametrize(("text", "expected"), LEGAL_CASES, ids=[t for t, _ in LEGAL_CASES])
def test_legal_refs_in_sentences(text: str, expected: list[str], blank: Language) -> None:
    rules = [r for r in all_rules() if r.label == "LEGAL_REF"]
    assert _spans(blank, text, rules) == [("LEGAL_REF", span) for span in expected]


# --- ORG: gazetteer and shape rules together, longest wins ---------------------------

ORG_CASES: list[tuple[str, list[str]]] = [
    (
        "Human Rights Watch and Amnesty International said so.",
        ["Human Rights Watch", "Amnesty International"],
    ),
    ("Safeguard Defenders, a Spain-based NGO, published it.", ["Safeguard Defenders"]),
    ("according to Front Line Defenders", ["Front Line Defenders"]),
    ("The Ministry of Public Security declined to comment.", ["Ministry of Public Security"]),
    (
        "the Chinese Communist Party (CCP) and its Central Commission for Discipline Inspection",
        ["Chinese Communist Party", "CCP", "Central Commission for Discipline Inspection"],
    ),
    ("Police said the suspects had left.", []),
    ("He appealed to the Supreme People’s Court.", ["Supreme People’s Court"]),
    ("The UN Human Rights Council met in Geneva.", ["UN Human Rights Council"]),
    ("After the Soviet Union collapsed, he moved.", []),
    ("He told Reuters and the BBC that he was afraid.", ["Reuters", "BBC"]),
    ("The FBI and the Department of Justice charged him.", ["FBI", "Department of Justice"]),
    ("Interpol and the EU were informed.", ["Interpol", "EU"]),
    ("an un-named official said eu citizens were fine", []),
    ("She studied at Cairo’s Al-Azhar University.", ["Al-Azhar University"]),
]


@pytest.mark.parametrize(("text", "expected"), ORG_CASES, ids=[t for t, _ in ORG_CASES])
def test_org_rules_in_sentences(text: str, expected: list[str], blank: Language) -> None:
    rules = [r for r in all_rules() if r.label == "ORG"]
    assert _spans(blank, text, rules) == [("ORG", span) for span in expected]


# --- NOT_ENTITY: what gets blocked -------------------------------------------------

BLOCK_CASES: list[tuple[str, list[str]]] = [
    ("Uighurs living in Egypt were detained.", ["Uighurs"]),
    ("Chinese students were detained.", ["Chinese students"]),
    ("The Tibetans and Kazakhs abroad", ["Tibetans", "Kazakhs"]),
    ("He is Vietnamese.", ["Vietnamese ."]),
    ("the Chinese Communist Party", []),
    ("the World Uyghur Congress and the Rwandan Patriotic Front", []),
    ("the Chinese embassy in Berlin", []),
    ("c. Harassment", ["c."]),
    ("a) Blackmail\nb) Threats", ["a )", "b )"]),
    ("A year ago, Mr. A. Smith left.", []),
]


@pytest.mark.parametrize(("text", "expected"), BLOCK_CASES, ids=[t for t, _ in BLOCK_CASES])
def test_not_entity_blocks(text: str, expected: list[str], blank: Language) -> None:
    rules = [r for r in all_rules() if r.label == "NOT_ENTITY"]
    doc = blank(text)
    blocked = filter_spans([Span(doc, s, e) for s, e, _ in RuleMatcher(blank, rules)(doc)])
    assert [
        " ".join(t.text for t in span) for span in sorted(blocked, key=lambda s: s.start)
    ] == expected


# --- with the merge policy: NOT_ENTITY against model entities ------------------------


def _model_span(doc: Doc, text: str, label: str) -> Span:
    span = doc.char_span(
        doc.text.index(text),
        doc.text.index(text) + len(text),
        label=label,
        span_id=f"model:{label}",
    )
    assert span is not None
    return span


@pytest.mark.parametrize(
    ("text", "model", "expected"),
    [
        (
            "Uighur students fled to Turkey.",
            [("Uighur", "LOCATION"), ("Turkey", "LOCATION")],
            [("LOCATION", "Turkey")],
        ),
        ("The Uighurs were sent back.", [("Uighurs", "ORG")], []),
        (
            "the Chinese Communist Party said",
            [("Chinese Communist Party", "ORG")],
            [("ORG", "Chinese Communist Party")],
        ),
        (
            "the Vietnamese Ministry of Public Security",
            [("Vietnamese Ministry of Public Security", "ORG")],
            [("ORG", "Vietnamese Ministry of Public Security")],
        ),
        ("c. Harassment of relatives", [("c. Harassment", "LOCATION")], []),
    ],
)
def test_blockers_with_merge_policy(
    text: str, model: list[tuple[str, str]], expected: list[tuple[str, str]], blank: Language
) -> None:
    tagger = RuleTagger(blank, own_patterns(), check_places=False)
    doc = blank(text)
    rule_spans, blocked = tagger.rule_spans(doc)
    model_spans = [_model_span(doc, surface, label) for surface, label in model]
    merged = merge_spans(doc, rule_spans, model_spans, blocked)
    assert [(s.label_, s.text) for s in merged] == expected


def test_legal_ref_beats_place_and_org_inside_it(blank: Language) -> None:
    """Codebook: 'Article 52 of China's Supervision Law' is one LEGAL_REF (no LOCATION inside)."""
    tagger = RuleTagger(blank, own_patterns(), check_places=False)
    doc = blank("Under Article 52 of China’s Supervision Law, Interpol may act.")
    rule_spans, blocked = tagger.rule_spans(doc)
    merged = merge_spans(doc, rule_spans, [_model_span(doc, "China", "LOCATION")], blocked)
    assert [(s.label_, s.text) for s in merged] == [
        ("LEGAL_REF", "Article 52 of China’s Supervision Law"),
        ("ORG", "Interpol"),
    ]


@pytest.mark.parametrize(
    ("text", "rule_id"),
    [
        ("under the Refugee Convention", "LEGAL_REF.refugee_convention"),
        ("the Foreign Agents Registration Act", "LEGAL_REF.fara"),
        ("the Chinese Communist Party", "ORG.ccp"),
        ("Human Rights Watch said", "ORG.human_rights_watch"),
    ],
)
def test_named_rule_listed_first_wins_a_tie(text: str, rule_id: str, blank: Language) -> None:
    """A gazetteer rule with canonical fields beats a shape rule over the same tokens."""
    tagger = RuleTagger(blank, own_patterns(), check_places=False)
    doc = blank(text)
    rule_spans, blocked = tagger.rule_spans(doc)
    merged = merge_spans(doc, rule_spans, [], blocked)
    assert [s.id_ for s in merged] == [rule_id]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "refs"),
    [
        # the model reads a family of a court as a law: no instrument word, no number
        ("The UK boycotted the World Cup with members of the Royal Family.", []),
        ("Under Article 38 of the Criminal Law, offences abroad can be punished.", ["Article 38"]),
    ],
)
def test_a_model_law_without_an_instrument_word_or_number_is_no_reference(
    tnr_pipeline, text: str, refs: list[str]
) -> None:
    spans = tnr_pipeline.process_text(text).spans
    found = [s.text for s in spans if s.label == "LEGAL_REF"]
    assert [r for r in refs if not any(r in f for f in found)] == []
    assert bool(found) == bool(refs)
