"""Tests of :mod:`tnr_claims.text.segment` and the zone rules in ``patterns/zones.jsonl``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tnr_claims.records import Segment
from tnr_claims.rules.loader import DEFAULT_PATTERNS_DIR, load_patterns
from tnr_claims.rules.schemas import ZoneRule
from tnr_claims.text.segment import (
    is_heading,
    reads_as_sentence,
    segment_text,
    segment_with_rules,
)

DOCS = Path(__file__).resolve().parents[2] / "corpus" / "docs"
SEED = DOCS / "involuntary-returns-vietnam.txt"
DEV = sorted(p for p in DOCS.glob("*.txt") if p != SEED)


@pytest.fixture(scope="module")
def rules() -> tuple[ZoneRule, ...]:
    """The project's zone rules, loaded and validated once."""
    return load_patterns(DEFAULT_PATTERNS_DIR).zone_rules


def kinds(text: str, rules: tuple[ZoneRule, ...]) -> list[tuple[str, str]]:
    """``(kind, segment text)`` for every segment of ``text``."""
    return [(s.kind, text[s.start : s.end]) for s in segment_text(text, rules)]


def check_invariants(text: str, segments: list[Segment]) -> None:
    """Offsets in order, not overlapping, trimmed, and covering all non-whitespace."""
    covered = [False] * len(text)
    previous_end = 0
    for segment in segments:
        piece = text[segment.start : segment.end]
        assert piece and piece == piece.strip()
        assert segment.start >= previous_end
        previous_end = segment.end
        for i in range(segment.start, segment.end):
            covered[i] = True
    assert all(covered[i] or ch.isspace() for i, ch in enumerate(text))


# --------------------------------------------------------------------------- is_heading


@pytest.mark.parametrize(
    ("line", "strict", "expected"),
    [
        ("Global surveillance", False, True),
        ("Global surveillance", True, False),
        ("Conclusions and Recommendations", True, True),
        ("a.) Leveraging Family in China", False, True),
        ("IV. The Legal Framework", True, True),
        # a numbered label opens a report's section, in sentence case too
        ("Case 3: A woman we call Leila", True, True),
        ("Box 2. How the levy is collected", True, True),
        # counterexample: a short wrapped line of a sentence
        ("Case workers said that the", True, False),
        ("## Background", True, True),
        ("**Key Findings**", False, True),
        ("'Persuasion' tactics", False, True),
        ("What It Means For The Region?", False, True),
        ("Why did they leave?", False, False),
        ("- Surveillance of relatives", False, False),
        ("He said he was afraid.", False, False),
        ("“They are terrified.”", False, False),
        ("Notes:", False, False),
        ("in the United States", False, False),
        ("1969", False, False),
        ("", False, False),
        (
            "The Government Has Detained Dozens Of Activists Across The Region Over Many Years",
            False,
            False,
        ),
    ],
)
def test_is_heading(line: str, strict: bool, expected: bool) -> None:
    assert is_heading(line, strict=strict) is expected


# --------------------------------------------------------------------------- zone kinds


@pytest.mark.parametrize(
    ("paragraph", "kind"),
    [
        ("Photo: Example Agency.", "caption"),
        ("Figure 2: Number of returns by year", "caption"),
        ("Protesters gather outside the embassy. Getty Images", "caption"),
        ("Sign up for our weekly newsletter", "boilerplate"),
        ("We use cookies to give you the best experience on our site.", "boilerplate"),
        ("Share this article", "boilerplate"),
        ("Facebook Twitter Email", "boilerplate"),
        ("Read more: Exiles under pressure", "boilerplate"),
        ("© 2023 Example Media. All rights reserved.", "boilerplate"),
        ("You've successfully subscribed to Example Weekly.", "boilerplate"),
        ("Success! Your billing info has been updated.", "boilerplate"),
        ("Please check your inbox to confirm your subscription.", "boilerplate"),
        ("Already a subscriber? Sign in", "boilerplate"),
        ("Smith, J. (2020, March 3). A report on returns. Example Press.", "references"),
        ("Retrieved May 2, 2021, from https://example.org/report", "references"),
        ("1. Jane Doe, “How Exiles Are Watched,” Example Times, May 12, 2021.", "references"),
        ("[4] https://example.org/annual-report.pdf", "references"),
        ("Key Findings", "heading"),
        ("Documents were retrieved from his phone, the court heard.", "body"),
        ("The newsletter he edited was shut down in 2019.", "body"),
        ("He successfully fled to Thailand in 2015.", "body"),
        ("Photographs of the men were shown to the court.", "body"),
        ("Related to this, the court ruled in May.", "body"),
    ],
)
def test_paragraph_kind(paragraph: str, kind: str, rules: tuple[ZoneRule, ...]) -> None:
    text = (
        f"A Title\n\nA first body paragraph, as a sentence.\n\n{paragraph}\n\nThe last paragraph."
    )
    found = kinds(text, rules)
    assert found[0] == ("title", "A Title")
    assert (kind, paragraph) in found
    assert found[-1] == ("body", "The last paragraph.")


# --------------------------------------------------------------------------- structure


def test_title_line_and_caption_in_one_block_are_split(rules: tuple[ZoneRule, ...]) -> None:
    text = "The Long Reach Abroad\n\nThe Long Reach Abroad\nPhoto: Example Agency.\n\nBody text."
    assert kinds(text, rules) == [
        ("title", "The Long Reach Abroad"),
        ("heading", "The Long Reach Abroad"),
        ("caption", "Photo: Example Agency."),
        ("body", "Body text."),
    ]


def test_title_may_run_into_the_first_paragraph(rules: tuple[ZoneRule, ...]) -> None:
    text = "Exiles report pressure on relatives\nRelatives were questioned, a group said."
    assert kinds(text, rules) == [
        ("title", "Exiles report pressure on relatives"),
        ("body", "Relatives were questioned, a group said."),
    ]


def test_hard_wrapped_paragraph_is_one_body_segment(rules: tuple[ZoneRule, ...]) -> None:
    para = (
        "The activists said they were followed\n"
        "by agents in the city and that\n"
        "their families were questioned."
    )
    text = f"A Title\n\n{para}\n"
    assert kinds(text, rules) == [("title", "A Title"), ("body", para)]


def test_a_title_case_line_after_a_finished_sentence_is_a_heading(
    rules: tuple[ZoneRule, ...],
) -> None:
    # one line per paragraph, no blank lines: a subheading between two paragraphs
    text = (
        "A Title\n\nAgents followed the exiles for weeks.\nThe Money Trail\n"
        "According to the files, the payments came from the embassy."
    )
    assert kinds(text, rules) == [
        ("title", "A Title"),
        ("body", "Agents followed the exiles for weeks."),
        ("heading", "The Money Trail"),
        ("body", "According to the files, the payments came from the embassy."),
    ]


def test_list_items_are_their_own_segments(rules: tuple[ZoneRule, ...]) -> None:
    text = (
        "A Title\n\nThe methods include:\n- surveillance of relatives\n- threats against family\n"
    )
    assert kinds(text, rules) == [
        ("title", "A Title"),
        ("body", "The methods include:"),
        ("list", "- surveillance of relatives"),
        ("list", "- threats against family"),
    ]


def test_references_heading_opens_a_section_and_wrapped_entries_stay_whole(
    rules: tuple[ZoneRule, ...],
) -> None:
    entry = "1. Doe, J. (2020). A long report title that\ncontinues on this line. Example Press."
    text = (
        "A Title\n\nBody paragraph.\n\nReferences\n\n"
        f"{entry}\n2. Example Org annual review 2019\n\nShare this\n"
    )
    assert kinds(text, rules) == [
        ("title", "A Title"),
        ("body", "Body paragraph."),
        ("references", "References"),
        ("references", entry),
        ("references", "2. Example Org annual review 2019"),
        ("boilerplate", "Share this"),
    ]


def test_page_chrome_before_the_title(rules: tuple[ZoneRule, ...]) -> None:
    text = "Skip to content\n\nReal Title\n\nBody text here."
    assert kinds(text, rules) == [
        ("boilerplate", "Skip to content"),
        ("title", "Real Title"),
        ("body", "Body text here."),
    ]


def test_long_first_paragraph_is_not_a_title(rules: tuple[ZoneRule, ...]) -> None:
    first = " ".join(["Relatives of exiles were questioned by police in their home towns."] * 4)
    text = f"{first}\n\nShort Heading\n\nMore text."
    assert [k for k, _ in kinds(text, rules)] == ["body", "heading", "body"]


@pytest.mark.parametrize("text", ["", "   \n\n\t\r\n"])
def test_empty_text_has_no_segments(text: str, rules: tuple[ZoneRule, ...]) -> None:
    assert segment_text(text, rules) == []


def test_offsets_with_crlf_and_indentation(rules: tuple[ZoneRule, ...]) -> None:
    text = "  A Title  \r\n\r\n\tBody line one\r\nline two.  \r\n\r\n  1. Roe, R. (2019). T.\r\n"
    segments = segment_text(text, rules)
    check_invariants(text, segments)
    assert [(s.kind, text[s.start : s.end]) for s in segments] == [
        ("title", "A Title"),
        ("body", "Body line one\r\nline two."),
        ("references", "1. Roe, R. (2019). T."),
    ]


def test_provenance_names_the_rule(rules: tuple[ZoneRule, ...]) -> None:
    text = "A Title\n\nPhoto: Example Agency.\n\nBody."
    assert [rule for _, rule in segment_with_rules(text, rules)] == [
        "SEGMENT.title_first_line",
        "ZONE.caption_label",
        "SEGMENT.body_default",
    ]


# --------------------------------------------------------------------------- zone rules data


def test_zone_file_loads_and_has_every_kind(rules: tuple[ZoneRule, ...]) -> None:
    assert {rule.kind for rule in rules} == {"boilerplate", "references", "caption", "dateline"}
    assert any(rule.starts_section for rule in rules)


def _zone_rules() -> list[ZoneRule]:
    return list(load_patterns(DEFAULT_PATTERNS_DIR).zone_rules)


@pytest.mark.parametrize("rule", _zone_rules(), ids=lambda rule: rule.id)
def test_zone_rule_examples(rule: ZoneRule) -> None:
    from tnr_claims.rules.examples import example_failures

    assert rule.examples and rule.counterexamples
    assert example_failures(rule) == []


# --------------------------------------------------------------------------- corpus


def test_seed_document_zones(rules: tuple[ZoneRule, ...]) -> None:
    text = SEED.read_text(encoding="utf-8")
    segments = segment_text(text, rules)
    check_invariants(text, segments)
    found = [(s.kind, text[s.start : s.end]) for s in segments]
    title = "China’s Questionable Extradition Policies And What They Mean For Vietnam"
    assert found[:3] == [
        ("title", title),
        ("heading", title),
        ("caption", "Photo: Safeguard Defenders."),
    ]
    refs = [t for k, t in found if k == "references"]
    assert len(refs) == 6 and all(t[0].isdigit() for t in refs)
    tail = [k for k, _ in found[-6:]]
    assert tail == ["boilerplate"] * 6
    assert found[-12:-6] == [("references", t) for t in refs]
    body = [t for k, t in found if k == "body"]
    assert body[0].startswith("When Xi Jinping became president")
    assert body[-1] == "Safeguard Defenders’ full report can be found here."
    assert all(len(t) > 40 for t in body)
    article = text[: text.index("  1. Safeguard Defenders.")]
    paragraphs = [p.strip() for p in article.split("\n\n") if p.strip()][2:]
    assert [t for k, t in found if k in ("body", "heading")][1:] == paragraphs


@pytest.mark.parametrize("path", DEV, ids=lambda p: p.stem)
def test_dev_articles_are_article_text(path: Path, rules: tuple[ZoneRule, ...]) -> None:
    text = path.read_text(encoding="utf-8")
    segments = segment_text(text, rules)
    check_invariants(text, segments)
    assert segments[0].kind == "title"
    assert text[segments[0].start : segments[0].end] == text.splitlines()[0]
    assert {s.kind for s in segments[1:]} <= {"heading", "body", "dateline"}
    assert sum(s.kind == "body" for s in segments) >= 4


def test_segmenting_a_megabyte_gives_every_copy_its_segments(rules: tuple[ZoneRule, ...]) -> None:
    # speed belongs to the bench command, not to tests; this checks the long input whole
    text = SEED.read_text(encoding="utf-8")
    big = "\n\n".join([text] * 80)
    segments = segment_text(big, rules)
    assert len(segments) == 80 * len(segment_text(text, rules))


def test_a_first_line_ending_in_an_abbreviation_may_be_a_title() -> None:
    text = (
        "Exiled blogger who criticised the junta is found dead in Surrey, B.C.\n\n"
        "Police in Surrey said the blogger was found in his car on Sunday."
    )
    kinds = [s.kind for s in segment_text(text, load_patterns().zone_rules)]
    assert kinds == ["title", "body"]


def test_a_first_line_that_is_a_sentence_is_body_not_title() -> None:
    text = (
        "Police in Cairo detained dozens of students from abroad on Tuesday, "
        "rights groups said.\n\n"
        "The students were held without charge."
    )
    kinds = [s.kind for s in segment_text(text, load_patterns().zone_rules)]
    assert kinds == ["body", "body"]


# --------------------------------------------------------------------------- list items


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("- Police detained Anna Vell in Vienna.", True),
        ("1. The embassy refused to renew his passport.[3]", True),
        ("* “We are watched,” she said.", True),
        ("- [ ] Call the embassy.", False),
        ("- [x] call the embassy", False),
        ("- surveillance of relatives", False),
        ("- Threats against family", False),
        ("2) detained in 2019.", False),
    ],
)
def test_list_item_reads_as_sentence(item: str, expected: bool) -> None:
    assert reads_as_sentence(item) is expected


def test_fragment_and_todo_items_are_list_zones_sentences_stay_body(
    rules: tuple[ZoneRule, ...],
) -> None:
    text = (
        "A Title\n\nSteps:\n- [ ] call the embassy\n- Police detained Anna Vell in Vienna.\n"
        "- surveillance of relatives\n\n- [ ] Write to the Ruritanian consulate.\n"
    )
    assert kinds(text, rules) == [
        ("title", "A Title"),
        ("body", "Steps:"),
        ("list", "- [ ] call the embassy"),
        ("body", "- Police detained Anna Vell in Vienna."),
        ("list", "- surveillance of relatives"),
        ("list", "- [ ] Write to the Ruritanian consulate."),
    ]


# --------------------------------------------------------------------------- references


@pytest.mark.parametrize(
    "paragraph",
    [
        "Police detained two activists in Ruritania in 2021, according to Example Watch "
        "(report accessed 12 May 2022). Their families were questioned.",
        "Agents seized the files, which were later retrieved on May 3, 2021 from a court "
        "archive by the family's lawyers.",
    ],
)
def test_inline_citation_does_not_zone_a_body_paragraph(
    paragraph: str, rules: tuple[ZoneRule, ...]
) -> None:
    assert kinds(paragraph, rules) == [("body", paragraph)]
    text = f"A Title\n\n{paragraph}\n\nThe end of the story."
    assert ("body", paragraph) in kinds(text, rules)


@pytest.mark.parametrize(
    "line",
    [
        "Example Watch. “Exiles Abroad.” 2021. Accessed 12 May 2022.",
        "3. Example Watch report, Accessed 12 May 2022",
        "[2] Example Watch, 2021 (accessed May 12, 2022)",
        "Example Watch annual review, example.org/review, accessed 2022-05-12.",
        "Retrieved May 3, 2021 from the Example Watch archive",
    ],
)
def test_reference_shaped_lines_are_references(line: str, rules: tuple[ZoneRule, ...]) -> None:
    text = f"A Title\n\nBody paragraph.\n\n{line}"
    assert kinds(text, rules)[-1] == ("references", line)


# --------------------------------------------------------------------------- datelines


@pytest.mark.parametrize(
    ("dateline", "rest"),
    [
        ("VIENNA, Oct. 3, 2023 —", "Ruritanian police detained Anna Vell on Oct. 1."),
        ("VIENNA (Example Wire) —", "Ruritanian police detained Anna Vell."),
        ("Vienna, Oct. 3 (Example Wire) -", "Anna Vell was detained."),
        ("NEW RURITANIA, Freedonia, 3 March 2021 --", "The court ruled on Monday."),
        ("GENEVA and NEW RURITANIA, 3 March 2021 —", "The group urged an inquiry."),
    ],
)
def test_dateline_is_one_segment_before_the_body(
    dateline: str, rest: str, rules: tuple[ZoneRule, ...]
) -> None:
    text = f"A Title\n\n{dateline} {rest}\nA second line.\n\nLast paragraph."
    segments = segment_text(text, rules)
    check_invariants(text, segments)
    assert [(s.kind, text[s.start : s.end]) for s in segments] == [
        ("title", "A Title"),
        ("dateline", dateline),
        ("body", f"{rest}\nA second line."),
        ("body", "Last paragraph."),
    ]


def test_dateline_on_a_line_of_its_own(rules: tuple[ZoneRule, ...]) -> None:
    text = "VIENNA, Oct. 3, 2023 —\nRuritanian police detained Anna Vell."
    assert kinds(text, rules) == [
        ("dateline", "VIENNA, Oct. 3, 2023 —"),
        ("body", "Ruritanian police detained Anna Vell."),
    ]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Anna Vell, a blogger - who fled in 2019 - said she was followed.",
        "Amnesty International (AI) — a rights group — said so.",
        "Police detained him on Oct. 3, 2023 — a Monday.",
    ],
)
def test_no_dateline_in_ordinary_sentences(paragraph: str, rules: tuple[ZoneRule, ...]) -> None:
    assert kinds(f"A Title\n\n{paragraph}", rules)[-1] == ("body", paragraph)


@pytest.mark.parametrize(
    ("lead", "kind"),
    [
        ("The group recommends that:", "body"),
        ("Its recommendations include the following:", "body"),
        # counterexample: a colon after no call opens a plain list of fragments
        ("The report draws on:", "list"),
    ],
)
def test_items_after_a_call_on_a_colon_finish_its_sentence(
    lead: str, kind: str, rules: tuple[ZoneRule, ...]
) -> None:
    text = (
        f"A Title\n\nPolice held two exiles in May.\n\n{lead}\n\n"
        "- the host government halt the removals;\n- donors fund legal aid."
    )
    assert [k for k, _ in kinds(text, rules)[-2:]] == [kind, kind]
