"""Gold sets: reading, writing and building gold files in the ``gold-format.md`` format.

Reading is strict: every problem (bad JSON, unknown label or code, offsets outside the
text, overlapping spans, a stated span text that differs from ``text[start:end]``) is a
:class:`GoldProblem` naming the file, the line and the document id; nothing is skipped.

Gold sets of this project are written by people as *anchor files* (YAML, one per
document, under ``corpus/gold/src/``) and built into JSONL with :func:`build_from_anchors`.
An anchor file lists spans and claims in reading order by their surface text, not by
character offsets, so a reader can label and review them:

.. code-block:: yaml

    doc_id: involuntary-returns-vietnam
    source: corpus/docs/involuntary-returns-vietnam.txt   # relative to the repo root
    meta: {title: "...", publisher: "...", url: "...", annotator: "..."}
    spans:                        # in reading order; each is searched from the end of the last
      - {label: PERSON, text: Xi Jinping, name: Xi Jinping}
      - {label: LOCATION, text: China, code: CN, after: "Republic of"}  # skip ahead first
    claims:                       # in reading order; from the first words to the last
      - {from: "Since 2014,", to: "back to China.", type: statistic, methods: [ABDUCTION], ...}

``after`` moves the search cursor past the first occurrence of that string before the
surface is searched. The builder fails with the anchor's position when a surface is not
found, so a mislabelled anchor never turns into a silently wrong offset.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from pipeline.records import GoldClaim, GoldDocument, GoldSpan, gold_dict


@dataclass(frozen=True)
class GoldProblem:
    """One problem found in a gold file, located by file, line and document id."""

    path: str
    line: int
    doc_id: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        if self.doc_id:
            where += f" [{self.doc_id}]"
        return f"{where}: {self.message}"


class GoldFileError(ValueError):
    """Raised when a gold file has problems; carries every problem found."""

    def __init__(self, problems: list[GoldProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _validation_messages(error: ValidationError) -> list[str]:
    """Flatten a pydantic error into short ``where: what`` messages."""
    messages = []
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"])
        msg = item["msg"].removeprefix("Value error, ")
        messages.append(f"{where}: {msg}" if where else msg)
    return messages


def parse_gold_lines(lines: Iterable[str], path: str) -> tuple[list[GoldDocument], list[GoldProblem]]:
    """Parse gold JSONL lines; return the valid documents and every problem found."""
    documents: list[GoldDocument] = []
    problems: list[GoldProblem] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(GoldProblem(path, number, None, f"not valid JSON ({exc.msg})"))
            continue
        if not isinstance(raw, dict):
            problems.append(GoldProblem(path, number, None, "a line must be a JSON object"))
            continue
        doc_id = raw.get("doc_id") if isinstance(raw.get("doc_id"), str) else None
        try:
            document = GoldDocument.model_validate(raw)
        except ValidationError as exc:
            problems.extend(GoldProblem(path, number, doc_id, m) for m in _validation_messages(exc))
            continue
        if document.doc_id in seen:
            problems.append(
                GoldProblem(path, number, doc_id, f"duplicate doc_id (first on line {seen[document.doc_id]})")
            )
            continue
        seen[document.doc_id] = number
        documents.append(document)
    return documents, problems


def split_jsonl(text: str) -> list[str]:
    """Split JSON Lines text on ``\\n`` only.

    ``str.splitlines`` also splits on U+2028, U+2029, U+0085 and other separators,
    which ``json.dumps(..., ensure_ascii=False)`` leaves raw inside strings; a document
    text containing one would be cut in two and its line numbers shifted.
    """
    return text.split("\n")


def read_gold(path: str | Path) -> list[GoldDocument]:
    """Read a gold JSONL file; raise :class:`GoldFileError` listing every problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise GoldFileError([GoldProblem(str(path), 0, None, f"cannot read ({exc.strerror})")]) from exc
    except UnicodeDecodeError as exc:
        raise GoldFileError([GoldProblem(str(path), 0, None, "not UTF-8 text")]) from exc
    documents, problems = parse_gold_lines(split_jsonl(text), str(path))
    if problems:
        raise GoldFileError(problems)
    return documents


def iter_gold(paths: Iterable[str | Path]) -> Iterator[GoldDocument]:
    """Yield the documents of several gold files in order."""
    for path in paths:
        yield from read_gold(path)


def write_gold(documents: Iterable[GoldDocument], path: str | Path) -> int:
    """Write gold documents as JSONL (UTF-8, one document a line); return the count."""
    count = 0
    with Path(path).open("w", encoding="utf-8") as handle:
        for document in documents:
            handle.write(json.dumps(gold_dict(document), ensure_ascii=False) + "\n")
            count += 1
    return count


# --------------------------------------------------------------------------- anchor files


class AnchorError(ValueError):
    """An anchor that cannot be placed in the text."""


_SPAN_KEYS = {"label", "text", "after", "code", "variant", "instrument", "article",
              "jurisdiction", "name", "value"}
_CLAIM_KEYS = {"from", "to", "after", "type", "methods", "locations", "legal_refs", "targets",
               "source", "hedged", "negated", "dates", "quantities", "note"}


def _find(text: str, needle: str, cursor: int, what: str) -> int:
    position = text.find(needle, cursor)
    if position < 0:
        raise AnchorError(f"{what}: {needle!r} not found after offset {cursor}")
    return position


def build_from_anchors(anchor: dict[str, Any], root: Path) -> GoldDocument:
    """Build a :class:`GoldDocument` from a parsed anchor file (see module docstring)."""
    doc_id = anchor["doc_id"]
    source = root / anchor["source"]
    text = source.read_bytes().decode("utf-8")
    spans: list[GoldSpan] = []
    cursor = 0
    for index, item in enumerate(anchor.get("spans") or [], start=1):
        what = f"{doc_id} span #{index} {item.get('label')}"
        unknown = set(item) - _SPAN_KEYS
        if unknown:
            raise AnchorError(f"{what}: unknown keys {sorted(unknown)}")
        if item.get("after"):
            cursor = _find(text, item["after"], cursor, what) + len(item["after"])
        surface = str(item["text"])
        start = _find(text, surface, cursor, what)
        end = start + len(surface)
        fields = {k: v for k, v in item.items() if k not in ("after", "text")}
        if "value" in fields and fields["label"] == "DATE" and fields["value"] is not None:
            fields["value"] = str(fields["value"])
        try:
            spans.append(GoldSpan(start=start, end=end, text=surface, **fields))
        except ValidationError as exc:
            raise AnchorError(f"{what}: " + "; ".join(_validation_messages(exc))) from exc
        cursor = end
    claims: list[GoldClaim] = []
    cursor = 0
    for index, item in enumerate(anchor.get("claims") or [], start=1):
        what = f"{doc_id} claim #{index} {item.get('from', '')[:30]!r}"
        unknown = set(item) - _CLAIM_KEYS
        if unknown:
            raise AnchorError(f"{what}: unknown keys {sorted(unknown)}")
        if item.get("after"):
            cursor = _find(text, item["after"], cursor, what) + len(item["after"])
        start = _find(text, item["from"], cursor, what)
        end = _find(text, item["to"], start, what) + len(item["to"])
        fields = {k: v for k, v in item.items() if k not in ("from", "to", "after", "note")}
        fields["dates"] = [str(d) for d in fields.get("dates") or []]
        try:
            claims.append(GoldClaim(start=start, end=end, **fields))
        except ValidationError as exc:
            raise AnchorError(f"{what}: " + "; ".join(_validation_messages(exc))) from exc
        cursor = start + 1
    try:
        return GoldDocument(doc_id=doc_id, text=text, meta=anchor.get("meta") or {},
                            spans=spans, claims=claims)
    except ValidationError as exc:
        raise AnchorError(f"{doc_id}: " + "; ".join(_validation_messages(exc))) from exc


def load_anchor_file(path: str | Path) -> dict[str, Any]:
    """Read one YAML anchor file."""
    import yaml

    with Path(path).open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict) or "doc_id" not in data:
        raise AnchorError(f"{path}: an anchor file is a mapping with doc_id, source, spans, claims")
    return data


def build_gold_file(anchor_paths: Iterable[str | Path], out: str | Path, root: str | Path) -> int:
    """Build one gold JSONL from several anchor files; return the number of documents."""
    documents = [build_from_anchors(load_anchor_file(p), Path(root)) for p in anchor_paths]
    return write_gold(documents, out)
