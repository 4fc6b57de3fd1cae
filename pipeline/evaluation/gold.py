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

:func:`check_gold` lists every problem of a gold file at once (stricter than reading:
see its docstring); :func:`tnr_claims.evaluation.agreement.agree` scores two annotations of
the same documents against
each other with the evaluator's report.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from tnr_claims.codebook import CLAIM_SET_FIELDS, LABEL_FIELDS, SPAN_FIELDS
from tnr_claims.records import (
    GOLD_CLAIM_KEYS,
    GoldClaim,
    GoldDocument,
    GoldSpan,
    gold_dict,
    overlapping_pairs,
)


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


def _json_objects(
    lines: Iterable[str], path: str, problems: list[GoldProblem]
) -> Iterator[tuple[int, dict[str, Any], str | None]]:
    """Yield ``(line number, object, doc_id)`` for each JSON object line of a gold file.

    Blank lines are skipped; a line that is not JSON, or not an object, is added to
    ``problems`` instead. ``doc_id`` is ``None`` unless the object states a string one.
    """
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
        yield number, raw, raw.get("doc_id") if isinstance(raw.get("doc_id"), str) else None


def parse_gold_lines(
    lines: Iterable[str], path: str
) -> tuple[list[GoldDocument], list[GoldProblem]]:
    """Parse gold JSONL lines; return the valid documents and every problem found."""
    documents: list[GoldDocument] = []
    problems: list[GoldProblem] = []
    seen: dict[str, int] = {}
    for number, raw, doc_id in _json_objects(lines, path, problems):
        try:
            document = GoldDocument.model_validate(raw)
        except ValidationError as exc:
            problems.extend(GoldProblem(path, number, doc_id, m) for m in _validation_messages(exc))
            continue
        if document.doc_id in seen:
            problems.append(
                GoldProblem(
                    path,
                    number,
                    doc_id,
                    f"duplicate doc_id (first on line {seen[document.doc_id]})",
                )
            )
            continue
        seen[document.doc_id] = number
        documents.append(document)
    return documents, problems


def split_jsonl(text: str) -> list[str]:
    r"""Split JSON Lines text on ``\n`` only.

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
        raise GoldFileError(
            [GoldProblem(str(path), 0, None, f"cannot read ({exc.strerror})")]
        ) from exc
    except UnicodeDecodeError as exc:
        raise GoldFileError([GoldProblem(str(path), 0, None, "not UTF-8 text")]) from exc
    documents, problems = parse_gold_lines(split_jsonl(text), str(path))
    if problems:
        raise GoldFileError(problems)
    if not documents:
        raise GoldFileError([GoldProblem(str(path), 0, None, EMPTY_GOLD)])
    return documents


EMPTY_GOLD = "holds no documents; a gold file has one JSON document a line"
"""The problem of a gold file that is empty or holds only blank lines."""


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


_SPAN_KEYS = {"label", "text", "after", *SPAN_FIELDS}
_CLAIM_KEYS = {"from", "to", "after", "note", *GOLD_CLAIM_KEYS}


def _find(text: str, needle: str, cursor: int, what: str) -> int:
    position = text.find(needle, cursor)
    if position < 0:
        raise AnchorError(f"{what}: {needle!r} not found after offset {cursor}")
    return position


def _skip_after(text: str, item: dict[str, Any], cursor: int, what: str, *, keys: set[str]) -> int:
    """Check an anchor's keys against ``keys``; return the cursor moved past its ``after``."""
    unknown = set(item) - keys
    if unknown:
        raise AnchorError(f"{what}: unknown keys {sorted(unknown)}")
    if item.get("after"):
        cursor = _find(text, item["after"], cursor, what) + len(item["after"])
    return cursor


def build_from_anchors(anchor: dict[str, Any], root: Path) -> GoldDocument:
    """Build a :class:`GoldDocument` from a parsed anchor file (see module docstring)."""
    doc_id = anchor["doc_id"]
    source = root / anchor["source"]
    text = source.read_bytes().decode("utf-8")
    spans: list[GoldSpan] = []
    cursor = 0
    for index, item in enumerate(anchor.get("spans") or [], start=1):
        what = f"{doc_id} span #{index} {item.get('label')}"
        cursor = _skip_after(text, item, cursor, what, keys=_SPAN_KEYS)
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
        cursor = _skip_after(text, item, cursor, what, keys=_CLAIM_KEYS)
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
        return GoldDocument(
            doc_id=doc_id, text=text, meta=anchor.get("meta") or {}, spans=spans, claims=claims
        )
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


# --------------------------------------------------------------------------- checking

_Item = TypeVar("_Item", GoldSpan, GoldClaim)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _strict_types(raw: dict[str, Any], *, claim: bool) -> list[str]:
    """JSON type problems pydantic's lax mode would coerce silently ("5" -> 5, "yes" -> True)."""
    problems = []
    for key in ("start", "end"):
        if key in raw and not _is_int(raw[key]):
            problems.append(f"{key}: must be a JSON integer, got {raw[key]!r}")
    if claim:
        for key in ("hedged", "negated"):
            if key in raw and not isinstance(raw[key], bool):
                problems.append(f"{key}: must be true or false, got {raw[key]!r}")
        for key in CLAIM_SET_FIELDS:
            items = raw.get(key)
            if items is None and key in raw:
                problems.append(f"{key}: must be a list, got null")
            elif isinstance(items, list):
                want_int = key == "quantities"
                bad = [v for v in items if not (_is_int(v) if want_int else isinstance(v, str))]
                if bad:
                    kind = "integers" if want_int else "strings"
                    problems.append(f"{key}: items must be {kind}, got {bad!r}")
    elif raw.get("label") == "QUANTITY" and isinstance(raw.get("value"), bool):
        problems.append(f"value: must be an integer or null, got {raw['value']!r}")
    return problems


def _label_field_problems(span: GoldSpan, raw: dict[str, Any]) -> list[str]:
    """Fields set that the span's label does not carry (``codebook.LABEL_FIELDS``)."""
    own = set(LABEL_FIELDS[span.label])
    problems = [
        f"field {key!r} does not belong to a {span.label} span"
        for key in SPAN_FIELDS
        if raw.get(key) is not None and key not in own
    ]
    if span.label == "METHOD" and span.variant is not None and span.code != "ABDUCTION":
        problems.append(f"variant is only for ABDUCTION, not {span.code}")
    return problems


def _objects(key: str, items: Any, problems: list[str]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield ``(where, item)`` for the objects of a span or claim list; note non-objects.

    ``items`` that is not a list yields nothing (the caller reports it once).
    """
    for index, item in enumerate(items if isinstance(items, list) else []):
        where = f"{key}[{index}]"
        if isinstance(item, dict):
            yield where, item
        else:
            problems.append(f"{where}: must be an object")


def _validate_item(model: type[_Item], item: dict[str, Any]) -> tuple[_Item | None, list[str]]:
    """Validate one span or claim: the model (``None`` when invalid) and its type problems."""
    problems = _strict_types(item, claim=model is GoldClaim)
    try:
        return model.model_validate(item), problems
    except ValidationError as exc:
        return None, problems + _validation_messages(exc)


def _check_document(raw: dict[str, Any]) -> list[str]:  # noqa: C901
    """Every problem of one parsed gold line, as messages (empty list when it is valid)."""
    problems: list[str] = []
    if not isinstance(raw.get("doc_id"), str) or not raw.get("doc_id"):
        problems.append("doc_id: must be a non-empty string")
    text = raw.get("text")
    if not isinstance(text, str):
        problems.append("text: must be a string")
        text = None
    if "meta" in raw and not isinstance(raw["meta"], dict):
        problems.append("meta: must be an object")
    spans_raw = raw.get("spans", [])
    claims_raw = raw.get("claims", [])
    for key, value in (("spans", spans_raw), ("claims", claims_raw)):
        if not isinstance(value, list):
            problems.append(f"{key}: must be a list")
    spans: list[GoldSpan] = []
    for where, item in _objects("spans", spans_raw, problems):
        where += f" {item.get('label')} {item.get('start')}-{item.get('end')}"
        span, item_problems = _validate_item(GoldSpan, item)
        if span is not None:
            item_problems += _label_field_problems(span, item)
            if text is not None and span.end > len(text):
                item_problems.append(f"ends past the text ({len(text)} characters)")
            else:
                spans.append(span)
                surface = None if text is None else text[span.start : span.end]
                if surface is not None and span.text is not None and surface != span.text:
                    item_problems.append(
                        f"text {span.text!r} != text[start:end] {text[span.start : span.end]!r}"
                    )
        problems += [f"{where}: {m}" for m in item_problems]
    for left, right in overlapping_pairs(spans):
        problems.append(
            f"spans overlap: {left.label} {left.start}-{left.end} and "
            f"{right.label} {right.start}-{right.end}"
        )
    for where, item in _objects("claims", claims_raw, problems):
        where += f" {item.get('start')}-{item.get('end')}"
        claim, item_problems = _validate_item(GoldClaim, item)
        if claim is not None:
            bad = [c for c in claim.locations if not (len(c) == 2 and c.isalpha() and c.isupper())]
            if bad:
                item_problems.append(f"locations: not ISO 3166-1 alpha-2 codes {bad}")
            if text is not None and claim.end > len(text):
                item_problems.append(f"ends past the text ({len(text)} characters)")
            elif text is not None and claim.text not in (None, text[claim.start : claim.end]):
                item_problems.append("stated text differs from text[start:end]")
        problems += [f"{where}: {m}" for m in item_problems]
    if not problems:
        try:
            GoldDocument.model_validate(raw)
        except ValidationError as exc:
            problems += _validation_messages(exc)
    return problems


def check_gold(path: str | Path) -> list[GoldProblem]:
    """Return every problem of a gold file (an empty list when it is valid).

    Unlike :func:`read_gold`, which stops at the first problem of each document, this
    reports all of them, each with the line number and doc_id: invalid JSON, unknown
    labels, METHOD codes or claim types, offsets outside the text, a stated ``text`` that
    differs from ``text[start:end]``, overlapping spans, malformed claim fields, duplicate
    doc_ids. It is deliberately **stricter** than the models' lax parsing:

    * unknown keys inside a span or a claim are errors (the models forbid extra keys;
      unknown *top-level* keys of a document are allowed, as :class:`GoldDocument` allows
      them);
    * offsets must be JSON integers, ``hedged``/``negated`` booleans, ``quantities``
      integers and the other claim lists strings (pydantic would coerce ``"5"`` to ``5``);
    * a span may only set the normalised fields of its label (``codebook.LABEL_FIELDS``),
      and ``variant`` only on ABDUCTION;
    * claim ``locations`` must look like ISO 3166-1 alpha-2 codes.

    A file that passes :func:`check_gold` is always read by :func:`read_gold`.
    """
    path = Path(path)
    try:
        content = path.read_text(encoding="utf-8")
    except OSError as exc:
        return [GoldProblem(str(path), 0, None, f"cannot read ({exc.strerror})")]
    except UnicodeDecodeError:
        return [GoldProblem(str(path), 0, None, "not UTF-8 text")]
    problems: list[GoldProblem] = []
    seen: dict[str, int] = {}
    for number, raw, doc_id in _json_objects(split_jsonl(content), str(path), problems):
        problems += [GoldProblem(str(path), number, doc_id, m) for m in _check_document(raw)]
        if doc_id:
            if doc_id in seen:
                message = f"duplicate doc_id (first on line {seen[doc_id]})"
                problems.append(GoldProblem(str(path), number, doc_id, message))
            else:
                seen[doc_id] = number
    if not problems and not content.strip():
        problems.append(GoldProblem(str(path), 0, None, EMPTY_GOLD))
    return problems
