"""``claims gold ...`` and ``claims patterns check``: gold files and rule folders."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from tnr_claims.commands.common import (
    ModelOpt,
    console,
    fail,
    guard,
    say,
    writable,
)

gold_app = typer.Typer(no_args_is_help=True, help="Gold sets: build, check, export, import, agree.")
patterns_app = typer.Typer(no_args_is_help=True, help="Rule folders: check every rule's examples.")


# --------------------------------------------------------------------------- gold


@gold_app.command("build")
@guard
def gold_build(
    anchors: Annotated[list[Path], typer.Argument(help="YAML anchor files.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="Gold JSONL to write.")],
    root: Annotated[
        Path, typer.Option(help="Folder the anchors' source paths are relative to.")
    ] = Path("."),
) -> None:
    """Build a gold JSONL from reader-made anchor files."""
    from tnr_claims.evaluation.gold import AnchorError, build_gold_file

    writable(out)
    try:
        count = build_gold_file(anchors, out, root)
    except AnchorError as exc:
        fail(str(exc))
    say(f"wrote {count} documents to {out}", stderr=False)


@gold_app.command("check")
def gold_check(gold: Annotated[list[Path], typer.Argument(help="Gold JSONL files.")]) -> None:
    """Validate gold files; every problem is printed with file, line and doc_id."""
    from tnr_claims.evaluation.gold import check_gold

    total = 0
    for path in gold:
        problems = check_gold(path)
        for problem in problems:
            say(problem)
        total += len(problems)
        if not problems:
            say(f"{path}: ok", stderr=False)
    raise typer.Exit(1 if total else 0)


@gold_app.command("agree")
@guard
def gold_agree(
    a: Annotated[Path, typer.Argument(help="Annotator A (reference).")],
    b: Annotated[Path, typer.Argument(help="Annotator B.")],
    report: Annotated[Path | None, typer.Option("--report", help="Write the JSON here.")] = None,
) -> None:
    """Agreement between two annotators' files of the same documents.

    Prints P/R/F1 of B against A, Cohen's kappa of the claim decisions (per sentence) and
    Krippendorff's alpha of the span labels (per token).
    """
    from tnr_claims.evaluation.agreement import agree
    from tnr_claims.evaluation.gold import read_gold
    from tnr_claims.evaluation.render import render_table

    if report is not None:
        writable(report)
    result = agree(read_gold(a), read_gold(b))
    if report:
        report.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    console.print(render_table(result))
    coeff = result["agreement"]

    def fmt(value: float | None) -> str:
        return "undefined (no variation)" if value is None else f"{value:.3f}"

    say(
        f"claims: Cohen's kappa {fmt(coeff['claim_kappa'])} over {coeff['claim_units']} "
        "sentences (claim or not)",
        stderr=False,
    )
    say(
        f"spans: Krippendorff's alpha {fmt(coeff['span_alpha'])} over {coeff['span_units']} "
        "tokens (label or none, nominal)",
        stderr=False,
    )
    for side, ids in (("A", result["only_in_a"]), ("B", result["only_in_b"])):
        if ids:
            say(f"only in {side} (left out): {', '.join(ids)}")


@gold_app.command("export")
@guard
def gold_export(
    docs: Annotated[
        list[str], typer.Argument(help="Documents (files/folders) or gold JSONL files.")
    ],
    out: Annotated[Path, typer.Option("-o", "--out", help="Label Studio tasks JSON to write.")],
    pre_annotate: Annotated[
        bool, typer.Option("--pre-annotate", help="Pre-fill with the pipeline's predictions.")
    ] = False,
    model: ModelOpt = None,
) -> None:
    """Write documents as Label Studio tasks (optionally pre-annotated) for labelling."""
    from tnr_claims.evaluation.labelling import export_tasks

    writable(out)
    writable(out.with_suffix(".label_config.xml"))
    count = export_tasks(docs, out, pre_annotate=pre_annotate, model=model)
    say(f"wrote {count} tasks to {out}", stderr=False)


@gold_app.command("import")
@guard
def gold_import(
    source: Annotated[Path, typer.Argument(help="Label Studio JSON export, or gold JSONL.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="Gold JSONL to write.")],
) -> None:
    """Read a Label Studio export (or gold JSONL) into validated gold JSONL."""
    from tnr_claims.evaluation.labelling import import_tasks

    writable(out)
    count = import_tasks(source, out)
    say(f"wrote {count} documents to {out}", stderr=False)


# --------------------------------------------------------------------------- patterns


@patterns_app.command("check")
@guard
def patterns_check(
    folder: Annotated[
        Path, typer.Argument(help="A pattern folder (like the project's patterns/).")
    ],
    model: ModelOpt = None,
) -> None:
    """Load a rule folder and run every rule's examples and counterexamples with the model.

    Each failure is one line; exit 1 if any rule misses an example or matches a
    counterexample, 2 if a file does not load.
    """
    from tnr_claims.nlp.model import load_model
    from tnr_claims.rules.examples import all_rules, check_examples
    from tnr_claims.rules.loader import load_patterns

    patterns = load_patterns(folder)
    failures = check_examples(patterns, load_model(model))
    for failure in failures:
        say(f"{folder}: {failure}")
    rules = list(all_rules(patterns))
    examples = sum(len(r.examples) + len(r.counterexamples) for r in rules)
    say(
        f"{folder}: {len(rules)} rules, {examples} examples and counterexamples, "
        f"{len(failures)} failing",
        stderr=False,
    )
    raise typer.Exit(1 if failures else 0)
