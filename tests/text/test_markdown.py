"""Tests of :mod:`tnr_claims.text.markdown`: Markdown rendered to zoned plain text with a map
back to the file's offsets, on invented Markdown documents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tnr_claims.rules.loader import DEFAULT_PATTERNS_DIR, load_patterns
from tnr_claims.rules.schemas import ZoneRule
from tnr_claims.text.ingest import read_document
from tnr_claims.text.markdown import render_markdown, source_offset
from tnr_claims.text.segment import segment_text

REPORT = """# Pressure on *Ruritanian* exiles

Anna Vell said she was *visited by police* in Vienna
after she criticised the [Ruritanian government](https://example.org/gov "gov").

## What the family said

Her brother was **questioned** about her `blog` &amp; her friends.

- [ ] call the embassy
- Police detained Karl Orsk in Freedonia in 2021.
- surveillance of relatives
  1. nested fragment

> Ruritanian agents followed her, a friend said.

```
Police detained nobody in this code block.
```

| Year | Cases |
|------|-------|
| 2021 | 12 |
"""


@pytest.fixture(scope="module")
def rules() -> tuple[ZoneRule, ...]:
    """The project's zone rules."""
    return load_patterns(DEFAULT_PATTERNS_DIR).zone_rules


@pytest.fixture(scope="module")
def rendered() -> tuple[str, dict]:
    """The report rendered once."""
    return render_markdown(REPORT)


def test_markup_is_gone_and_words_stay(rendered: tuple[str, dict]) -> None:
    text, meta = rendered
    assert "visited by police in Vienna after she criticised the Ruritanian government." in text
    assert "Her brother was questioned about her blog & her friends." in text
    for markup in ("*", "**", "`", "](", "https://", "#", "```", "> "):
        assert markup not in text, markup
    assert "code block" not in text
    assert meta["markdown"]["left_out"] == {"fence": 1}
    assert meta["title"] == "Pressure on Ruritanian exiles"


def test_every_word_maps_back_to_the_same_word_in_the_file(rendered: tuple[str, dict]) -> None:
    text, meta = rendered
    words = [m for m in re.finditer(r"[A-Za-z]{3,}", text)]
    assert len(words) > 40
    for match in words:
        start = source_offset(meta["source_map"], match.start())
        assert REPORT[start : start + len(match.group())] == match.group(), match.group()


def test_offsets_map_through_an_escape_close_to_the_source() -> None:
    source = "Anna \\*Vell\\* was *held* in Vienna."
    text, meta = render_markdown(source)
    assert text == "Anna *Vell* was held in Vienna."
    start = source_offset(meta["source_map"], text.index("Vienna"))
    assert source[start : start + 6] == "Vienna"


def test_blocks_become_zones(rendered: tuple[str, dict], rules: tuple[ZoneRule, ...]) -> None:
    text, _ = rendered
    zones = [(s.kind, text[s.start : s.end]) for s in segment_text(text, rules)]
    assert zones[0] == ("title", "Pressure on Ruritanian exiles")
    assert ("heading", "What the family said") in zones
    assert ("list", "- [ ] call the embassy") in zones
    assert ("body", "- Police detained Karl Orsk in Freedonia in 2021.") in zones
    assert ("list", "- surveillance of relatives") in zones
    assert ("list", "1. nested fragment") in zones
    assert ("body", "Ruritanian agents followed her, a friend said.") in zones
    assert zones[-2:] == [("heading", "Year | Cases"), ("body", "2021 | 12")]


def test_crlf_file_maps_to_its_own_offsets(tmp_path: Path) -> None:
    source = REPORT.replace("\n", "\r\n")
    path = tmp_path / "report.md"
    path.write_bytes(source.encode("utf-8"))
    doc = read_document(path)
    index = doc.text.index("visited by police")
    start = source_offset(doc.meta["source_map"], index)
    assert source[start : start + len("visited by police")] == "visited by police"
    assert "\r" not in doc.text


def test_markdown_of_only_code_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "code.md"
    path.write_text("```\nprint('x')\n```\n", encoding="utf-8")
    from tnr_claims.errors import InputError

    with pytest.raises(InputError) as caught:
        read_document(path)
    assert caught.value.reason == "empty"


def test_source_offset_without_a_map_is_the_offset() -> None:
    assert source_offset([], 17) == 17
