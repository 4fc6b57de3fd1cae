"""Segment: split a document's text into zones (title, headings, body, boilerplate ...).

The extraction stages only read article text, so this stage marks what is not: page
notices, captions and reference lists. It works on the text exactly as ingested and
returns :class:`~tnr_claims.records.Segment` values whose ``start``/``end`` index that
text (surrounding whitespace excluded), in order and without overlaps. Every
non-whitespace character of the text lies in exactly one segment.

How a text is cut
    *Blocks* are runs of non-blank lines (paragraphs are separated by blank lines).
    Inside a block a line starts a segment of its own when it is a list item
    (``"- ..."``, ``"1. ..."``, ``"a.) ..."``), matches a zone rule, or follows a
    segment that cannot run on (a heading; a list item or zone line that ends a
    sentence), or is a title-case heading line right after a line that ends a sentence
    (texts with one line per paragraph and no blank lines). Other lines continue the
    segment before them, so hard-wrapped paragraphs and wrapped reference entries stay
    whole.

How a segment is classified (first that applies)
    1. A zone rule of ``patterns/zones.jsonl`` matches its first line: the rule's kind
       (``boilerplate``, ``references``, ``caption``). A rule with ``starts_section``
       also opens a section: every later segment gets that kind unless another zone
       rule claims it (page notices after a reference list stay ``boilerplate``).
       Rules with ``"shape": "reference"`` (access dates, "retrieved from") apply only
       to reference-shaped lines (:func:`rule_applies`), so an inline citation in a
       body paragraph never zones the paragraph away.
    2. Inside an open section: the section's kind.
    3. The first segment of article text, when it is one short line: ``title``.
    4. A single line that :func:`is_heading` accepts: ``heading``.
    5. A list item that does not read as a sentence (a fragment, a to-do item with a
       ``[ ]`` box; :func:`reads_as_sentence`): ``list`` (article text, never a claim),
       unless it is one of the items of a call: after a body paragraph ending on a colon
       that recommends, urges or calls (``"SGI recommends that:"``), each item finishes
       that call's sentence (``"- donors fund legal aid;"``) and is ``body``.
    6. Otherwise ``body``.

Datelines
    A ``dateline`` zone rule matching the start of a paragraph ("VIENNA, Oct. 3, 2023 —",
    "VIENNA (Agency) —") cuts the matched words off as a ``dateline`` segment of their
    own; the rest of the paragraph is classified as above. So the dateline stays one
    unit (its place and date are still tagged) and the first claim starts after it.

:func:`segment_with_rules` returns the same segments together with the id of the rule
that decided each kind (a zone rule id, or one of the ``RULE_*`` names of this module),
which is the segmenter's provenance.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tnr_claims.records import Segment
from tnr_claims.rules.schemas import ZoneRule

RULE_TITLE = "SEGMENT.title_first_line"
RULE_HEADING = "SEGMENT.is_heading"
RULE_BODY = "SEGMENT.body_default"
RULE_LIST_FRAGMENT = "SEGMENT.list_item_not_a_sentence"
RULE_ITEM_OF_A_CALL = "SEGMENT.item_of_a_call"
CALL_LEAD = re.compile(
    r"\b(?:recommend\w*|urges?|urging|calls?\s+(?:on|for|upon)|demands?|asks?|requests?)\b"
    r"[^\n]*:\s*$",
    re.IGNORECASE,
)
"""A paragraph that ends on a colon after a calling word: the list after it is its items."""
RULE_SECTION = "SEGMENT.section_of:"
"""Prefix: the segment lies in a section opened by the zone rule whose id follows."""

TITLE_MAX_WORDS = 30
"""A first line longer than this is article text, not a title."""
TITLE_MAX_CHARS = 300
TITLE_SENTENCE_WORDS = 6
"""A first line ending in a full stop with more words than this is a sentence."""
HEADING_MAX_WORDS = 12
"""A line with more words (after any section marker) is never a heading."""
HEADING_MAX_CHARS = 120

MINOR_WORDS = frozenset(
    "a an the and or nor but of in on at to for by with from as vs via per into over "
    "up out off than that is are was be its".split()
)
"""Words a title-case line may leave in lower case."""

_MD_HEADING = re.compile(r"^#{1,6}\s+\S")
_BULLET = re.compile(r"^[-*+•‣◦▪–·]\s+")
_MARKER = re.compile(r"^\(?(?:\d{1,3}(?:\.\d{1,3})*|[A-Za-z]|[ivxlcIVXLC]{1,6})(?:\.\)|[.)])\s+")
"""A section or list marker: ``1.``, ``1.2``, ``2)``, ``(a)``, ``a.)``, ``IV.``."""
_EMPHASIS = re.compile(r"^[*_]{1,3}(.+?)[*_]{1,3}$")
_TODO_BOX = re.compile(r"^\[[ xX]?\]\s*")
"""A to-do check box opening a list item: ``[ ]``, ``[x]``."""
_NOTE_MARKER = re.compile(r"^\s*(?:\[\d{1,3}\]|\d{1,3}[.)])\s*")
_LINK = re.compile(
    r"https?://|www\.|doi:\s*10\.|doi\.org/|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,6}/\S",
    re.IGNORECASE,
)
"""A link or DOI, with or without a scheme (``example.org/report``)."""
_FOOTNOTE_REF = re.compile(r"(?:\[\d{1,3}\])+$")
_CLOSERS = "\"'”’»)]*_ "
_SENTENCE_END = tuple(".!?;:,…")


_LABELLED = re.compile(r"^[A-Z][a-z]+\s+\d{1,3}[a-z]?\s*[:.]\s+[A-Z]")
"""A numbered label opening a line ("Case 3: A woman we call Leila", "Box 2. Methods"): a
section heading of a report, in sentence case too."""


def is_heading(line: str, *, strict: bool = False) -> bool:
    """Whether ``line`` reads as a heading rather than as a sentence.

    Rules, in order:

    * a Markdown heading (``# ...`` to ``###### ...``) is a heading;
    * a bulleted item (``- ...``, ``* ...``, ``• ...``) is not;
    * after removing a section marker (``1.``, ``a.)``, ``IV.``) and ``**emphasis**``,
      the line has at most :data:`HEADING_MAX_WORDS` words and
      :data:`HEADING_MAX_CHARS` characters, its first letter is upper case, and it does
      not end with sentence punctuation (``. ! ; : , …``, closing quotes ignored);
    * a final ``?`` is accepted only for title-case lines ("What It Means For Vietnam?");
    * with ``strict`` (a line inside a paragraph, where a short wrapped line could
      otherwise pass), the line must also be in title case: every word not in
      :data:`MINOR_WORDS` starts with a capital letter or a non-letter; or open with a
      numbered label (:data:`_LABELLED`: "Case 3: A woman we call Leila").

    Sentence-case short lines ("Global surveillance") are headings only when not
    ``strict``, i.e. when they stand alone between blank lines.
    """
    text = line.strip()
    if _MD_HEADING.match(text):
        return True
    if not text or _BULLET.match(text):
        return False
    text = _MARKER.sub("", text, count=1)
    emphasis = _EMPHASIS.match(text)
    if emphasis:
        text = emphasis.group(1).strip()
    words = text.split()
    if not words or len(words) > HEADING_MAX_WORDS or len(text) > HEADING_MAX_CHARS:
        return False
    first_letter = next((ch for ch in text if ch.isalpha()), None)
    if first_letter is None or not first_letter.isupper():
        return False
    tail = text.rstrip(_CLOSERS)
    if not tail or (_ends_sentence(tail) and not tail.endswith("?")):
        return False
    titled = _is_title_case(words)
    if tail.endswith("?") and not titled:
        return False
    return titled or not strict or bool(_LABELLED.match(line.strip()))


def _is_title_case(words: Sequence[str]) -> bool:
    for word in words[1:]:
        letters = word.lstrip("\"'“‘(«[")
        if not letters or not letters[0].isalpha():
            continue
        if letters[0].islower() and letters.lower().strip(".,;:!?\"'”’)") not in MINOR_WORDS:
            return False
    return True


def reads_as_sentence(item: str) -> bool:
    """Whether a list item's text (marker included) reads as a sentence, not a fragment.

    A sentence starts with an upper-case letter, a digit or a quotation mark and ends with
    ``.``, ``!`` or ``?`` (closing quotes and footnote marks such as ``[3]`` ignored). A
    to-do item (``- [ ] call the embassy``) is never a sentence.
    """
    text = _MARKER.sub("", _BULLET.sub("", item.strip(), count=1), count=1)
    if _TODO_BOX.match(text):
        return False
    first = next((ch for ch in text if ch.isalnum() or ch in "\"“‘'"), "")
    if not first or (first.isalpha() and not first.isupper()):
        return False
    tail = _FOOTNOTE_REF.sub("", text.rstrip()).rstrip(_CLOSERS)
    return tail.endswith((".", "!", "?", "…"))


def rule_applies(rule: ZoneRule, compiled: re.Pattern[str], line: str) -> bool:
    """Whether zone ``rule`` (its expression ``compiled``) applies to ``line``.

    A rule of shape ``any`` applies wherever its expression matches. A rule of shape
    ``reference`` applies only to a reference-shaped line: one that opens with a list or
    note marker (``-``, ``3.``, ``[3]``), holds a link or DOI, or whose matched words
    open the line or follow a full stop (``Example Org. Accessed 12 May 2021.``). An
    access date inside a sentence ("... (report accessed 12 May 2022).") is not one.
    """
    match = compiled.search(line)
    if match is None:
        return False
    if rule.shape != "reference":
        return True
    if _BULLET.match(line) or _NOTE_MARKER.match(line) or _LINK.search(line):
        return True
    before = line[: match.start()].rstrip(" (")
    return not before or before.endswith(".")


def zone_rule_fires(rule: ZoneRule, line: str) -> bool:
    """Whether zone ``rule`` acts on ``line`` as the segmenter applies it: a ``dateline``
    rule must match at the line's start, the others as :func:`rule_applies` says."""
    if rule.kind == "dateline":
        return rule.compiled.match(line) is not None
    return rule_applies(rule, rule.compiled, line)


def _ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS).endswith(_SENTENCE_END)


def _starts_lowercase(text: str) -> bool:
    first = next((ch for ch in text if ch.isalnum()), "")
    return first.isalpha() and first.islower()


@dataclass
class _Line:
    start: int
    end: int
    text: str


@dataclass
class _Piece:
    """A segment under construction: its lines and what opened it."""

    lines: list[_Line]
    rule: ZoneRule | None
    opener: str
    """``"list"``, ``"zone"``, ``"heading"`` or ``"text"``."""
    single_block_line: bool = False


def _blocks(text: str) -> list[list[_Line]]:
    blocks: list[list[_Line]] = []
    current: list[_Line] = []
    offset = 0
    for raw in text.splitlines(keepends=True):
        content = raw.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        stripped = content.strip()
        if stripped:
            lead = len(content) - len(content.lstrip())
            start = offset + lead
            current.append(_Line(start, start + len(stripped), stripped))
        elif current:
            blocks.append(current)
            current = []
        offset += len(raw)
    if current:
        blocks.append(current)
    return blocks


def _first_rule(line: str, rules: Sequence[tuple[ZoneRule, re.Pattern[str]]]) -> ZoneRule | None:
    for rule, compiled in rules:
        if rule_applies(rule, compiled, line):
            return rule
    return None


def _dateline(
    piece: _Piece, datelines: Sequence[tuple[ZoneRule, re.Pattern[str]]]
) -> tuple[Segment, str] | None:
    """Cut a dateline off the start of ``piece``; return its segment and rule id."""
    first = piece.lines[0]
    for rule, compiled in datelines:
        match = compiled.match(first.text)
        if match is None or not match.group(0).strip():
            continue
        cut = len(match.group(0).rstrip())
        rest = first.text[cut:]
        segment = Segment(kind="dateline", start=first.start, end=first.start + cut)
        stripped = rest.lstrip()
        if stripped:
            start = first.start + cut + len(rest) - len(stripped)
            piece.lines[0] = _Line(start, first.end, stripped)
        else:
            del piece.lines[0]
        return segment, rule.id
    return None


def _pieces(
    block: list[_Line], rules: Sequence[tuple[ZoneRule, re.Pattern[str]]], *, first: bool
) -> list[_Piece]:
    """Cut one block into pieces; ``first``: this block may open with the title line."""
    if len(block) == 1:
        line = block[0]
        rule = _first_rule(line.text, rules)
        return [_Piece([line], rule, "zone" if rule else "text", single_block_line=True)]
    pieces: list[_Piece] = []
    for index, line in enumerate(block):
        rule = _first_rule(line.text, rules)
        is_item = bool(_BULLET.match(line.text) or _MARKER.match(line.text))
        nxt = block[index + 1].text if index + 1 < len(block) else ""
        previous = block[index - 1].text if index else ""
        heads = (
            not rule
            and not _starts_lowercase(nxt)
            and (
                (
                    index == 0
                    and (is_heading(line.text, strict=True) or (first and _short(line.text)))
                )
                # one line per paragraph: a title-case line after a finished sentence
                or (index > 0 and _ends_sentence(previous) and is_heading(line.text, strict=True))
            )
        )
        last = pieces[-1] if pieces else None
        can_continue = (
            last is not None
            and not heads
            and not rule
            and not is_item
            and last.opener != "heading"
            and not (last.opener in ("list", "zone") and _ends_sentence(last.lines[-1].text))
        )
        if can_continue:
            last.lines.append(line)  # type: ignore[union-attr]
            continue
        opener = "zone" if rule else "heading" if heads else "list" if is_item else "text"
        pieces.append(_Piece([line], rule, opener))
    return pieces


def opens_a_list_item(line: str) -> bool:
    """Whether a line opens with a list bullet or marker ('- ', '2. ', '(a) ')."""
    return bool(_BULLET.match(line) or _MARKER.match(line))


def calls_on_a_colon(paragraph: str) -> bool:
    """Whether a paragraph's last sentence ends on a colon after a calling word
    (:data:`CALL_LEAD`): 'It also recommends that:', not '... calls for an inquiry. The
    report draws on:'."""
    last = _SENTENCE_BREAK.split(paragraph.strip())[-1]
    return CALL_LEAD.search(last) is not None


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")


def _is_list_item(piece: _Piece) -> bool:
    first = piece.lines[0].text
    return piece.opener == "list" or (piece.single_block_line and opens_a_list_item(first))


def _piece_text(text: str, piece: _Piece) -> str:
    return text[piece.lines[0].start : piece.lines[-1].end]


def _short(text: str) -> bool:
    return len(text) <= TITLE_MAX_CHARS and len(text.split()) <= TITLE_MAX_WORDS


def _title_like(piece: _Piece) -> bool:
    """One short line that does not read as a sentence (a full stop after more than
    :data:`TITLE_SENTENCE_WORDS` words makes it the article's first sentence)."""
    if len(piece.lines) != 1 or piece.opener == "list":
        return False
    text = piece.lines[0].text
    ending = text.rstrip(_CLOSERS)
    if (
        ending.endswith(".")
        and not _ABBREVIATION_END.search(ending)
        and len(text.split()) > TITLE_SENTENCE_WORDS
    ):
        return False
    return _short(text)


_ABBREVIATION_END = re.compile(r"(?:^|\s)(?:[A-Z]\.){2,}$")
"""A line ending in an abbreviation ('... attacked in Washington, D.C.'): its last full stop
is the abbreviation's, not a sentence's."""


def _heading_like(piece: _Piece) -> bool:
    if len(piece.lines) != 1:
        return False
    text = piece.lines[0].text
    if piece.opener == "heading":
        return True
    if _BULLET.match(text):
        return False
    return (piece.single_block_line or piece.opener == "list") and is_heading(text)


def segment_with_rules(text: str, zone_rules: Sequence[ZoneRule]) -> list[tuple[Segment, str]]:
    """Split ``text`` into segments, each with the id of the rule that decided its kind.

    See the module docstring for the cutting and classification rules.
    """
    rules = [(rule, rule.compiled) for rule in zone_rules if rule.kind != "dateline"]
    datelines = [(rule, rule.compiled) for rule in zone_rules if rule.kind == "dateline"]
    result: list[tuple[Segment, str]] = []
    section: ZoneRule | None = None
    seen_article = False
    call = False  # the body paragraph before ends a call on a colon
    for block in _blocks(text):
        for piece in _pieces(block, rules, first=not seen_article):
            if piece.rule is None and section is None and datelines:
                cut = _dateline(piece, datelines)
                if cut is not None:
                    result.append(cut)
                    seen_article = True
                    if not piece.lines:
                        continue
            start, end = piece.lines[0].start, piece.lines[-1].end
            if piece.rule is not None:
                kind, rule_id = piece.rule.kind, piece.rule.id
                if piece.rule.starts_section:
                    section = piece.rule
            elif section is not None:
                kind, rule_id = section.kind, RULE_SECTION + section.id
            elif not seen_article and _title_like(piece):
                kind, rule_id = "title", RULE_TITLE
            elif _heading_like(piece):
                kind, rule_id = "heading", RULE_HEADING
            elif _is_list_item(piece) and not reads_as_sentence(_piece_text(text, piece)):
                if call:
                    kind, rule_id = "body", RULE_ITEM_OF_A_CALL
                else:
                    kind, rule_id = "list", RULE_LIST_FRAGMENT
            else:
                kind, rule_id = "body", RULE_BODY
            if rule_id != RULE_ITEM_OF_A_CALL:
                words = _piece_text(text, piece)
                call = kind == "body" and calls_on_a_colon(words)
            if piece.rule is None:
                seen_article = True
            result.append((Segment(kind=kind, start=start, end=end), rule_id))
    return result


def segment_text(text: str, zone_rules: Sequence[ZoneRule]) -> list[Segment]:
    """Split ``text`` into classified :class:`Segment` values (offsets into ``text``)."""
    return [segment for segment, _ in segment_with_rules(text, zone_rules)]


__all__ = [
    "RULE_BODY",
    "RULE_HEADING",
    "RULE_ITEM_OF_A_CALL",
    "calls_on_a_colon",
    "opens_a_list_item",
    "RULE_LIST_FRAGMENT",
    "RULE_SECTION",
    "RULE_TITLE",
    "is_heading",
    "reads_as_sentence",
    "rule_applies",
    "zone_rule_fires",
    "segment_text",
    "segment_with_rules",
]
