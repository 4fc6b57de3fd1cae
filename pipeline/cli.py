"""The ``claims`` command line: a thin layer over functions that tests and notebooks call.

Exit codes: 0 when everything succeeded, 1 when some documents failed (each named on
stderr and in ``failures.jsonl``), 2 for usage errors (bad options, missing paths,
malformed pattern or gold files, an output path that cannot be written, checked before
any work), 130 or 143 when Ctrl-C or SIGTERM stopped ``claims run`` (a rerun resumes).
Expected problems print one line, never a traceback, unless ``--debug`` is given; anything
that comes from a file name or a document is printed with control characters escaped, and
nothing is wrapped when the output is not a terminal (:mod:`tnr_claims.console`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from tnr_claims.commands.common import (
    DEBUG,
    ModelOpt,
    PatternsOpt,
    checked_pipeline,
    console,
    fail,
    guard,
    say,
    stoppable,
    writable,
)
from tnr_claims.commands.gold import gold_app, patterns_app
from tnr_claims.console import printable

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn reports about transnational repression into source-anchored claim records.",
)
app.add_typer(gold_app, name="gold")
app.add_typer(patterns_app, name="patterns")


def _print_version(value: bool) -> None:
    if value:
        from tnr_claims import __version__

        console.print(f"claims (tnr-claims) {__version__}", highlight=False, markup=False)
        raise typer.Exit(0)


@app.callback()
def main(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks for expected errors.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Global options."""
    DEBUG["on"] = debug


# --------------------------------------------------------------------------- run / show / schema


@app.command()
@guard
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
    fresh: Annotated[
        bool,
        typer.Option(
            "--fresh",
            help="Start the folder's collection anew with INPUTS (default: add INPUTS to it).",
        ),
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Stop at the first failed document.")
    ] = False,
    max_bytes: Annotated[
        int,
        typer.Option(
            "--max-bytes", min=1, help="Refuse input files (and extracted text) larger than this."
        ),
    ] = 20_000_000,
    max_pages: Annotated[
        int, typer.Option("--max-pages", min=1, help="Read at most this many pages of a PDF.")
    ] = 500,
    follow_links: Annotated[
        bool,
        typer.Option(
            "--follow-links", help="Follow symbolic links that lead out of the input folders."
        ),
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar (the summary line stays).")
    ] = False,
) -> None:
    """Add INPUTS to the run folder's collection and write its files, tables and database.

    Ctrl-C or SIGTERM stops the run (exit 130 or 143); a rerun resumes where it stopped.
    """
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
        fresh=fresh,
        strict=strict,
        max_bytes=max_bytes,
        max_pages=max_pages,
        follow_links=follow_links,
        progress=not quiet and sys.stderr.isatty(),
    )
    with stoppable():
        pipeline = checked_pipeline(model, patterns) if patterns is not None else None
        summary = run_batch(
            options,
            pipeline=pipeline,
            on_failure=lambda doc_id, message: say(f"{doc_id}: {message}"),
            on_warning=lambda doc_id, message: say(f"{doc_id}: warning: {message}"),
        )
    say(summary.describe(), stderr=False)
    raise typer.Exit(1 if summary.failed else 0)


def _records_path(out: Path) -> Path:
    path = out / "records.jsonl"
    if not path.exists():
        fail(f"{path}: no records here; run `claims run -o {out}` first")
    return path


def _claims_table(record):  # type: ignore[no-untyped-def]
    from rich.table import Table
    from rich.text import Text

    title = Text(printable(f"{record.doc_id}: {len(record.claims)} claims"))
    table = Table(title=title, show_lines=True)
    for column in ("type", "methods", "locations", "source", "flags", "sentence"):
        table.add_column(column, overflow="fold")
    for claim in record.claims:
        flags = ",".join(
            f for f, on in (("hedged", claim.hedged), ("negated", claim.negated)) if on
        )
        cells = (
            claim.type,
            " ".join(claim.methods),
            " ".join(claim.locations),
            claim.source or "",
            flags,
            claim.text,
        )
        table.add_row(*(Text(printable(cell, one_line=False)) for cell in cells))
    return table


@app.command()
@guard
def show(
    doc_id: Annotated[
        str | None, typer.Argument(help="Document id (file stem); see --list.")
    ] = None,
    out: Annotated[Path, typer.Option("-o", "--out", help="Run folder.")] = Path("outputs"),
    list_ids: Annotated[
        bool, typer.Option("--list", help="List the document ids of the run folder.")
    ] = False,
) -> None:
    """Print one document's claims as a table, or (--list) the run's document ids."""
    from tnr_claims.records import DocumentRecord

    path = _records_path(out)
    if list_ids:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    say(json.loads(line).get("doc_id"), stderr=False)
        return
    if doc_id is None:
        fail("name a document id, or pass --list to see them")
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip() or json.loads(line).get("doc_id") != doc_id:
                continue
            console.print(_claims_table(DocumentRecord.model_validate_json(line)))
            return
    fail(
        f"{doc_id}: not in {path}; `claims show --list -o {out}` lists the document ids "
        f"(so does {out / 'manifest.json'})"
    )


@app.command()
@guard
def remove(
    doc_ids: Annotated[list[str], typer.Argument(help="Document ids to take out.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="Run folder.")] = Path("outputs"),
) -> None:
    """Take documents out of a run folder's collection and rewrite its outputs."""
    from tnr_claims.run.collection import remove_documents

    summary = remove_documents(out, doc_ids)
    console.print(summary.describe(), highlight=False, markup=False, soft_wrap=True)


@app.command()
@guard
def query(
    sql: Annotated[str, typer.Argument(help="An SQL query (DuckDB dialect); '-' reads stdin.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="Run folder.")] = Path("outputs"),
    fmt: Annotated[
        str, typer.Option("--format", help="table, csv or json (an array of objects).")
    ] = "table",
) -> None:
    """Run a read-only SQL query on the run folder's database (claims.duckdb) and print it."""
    from tnr_claims.database.query import FORMATS, run_query, write_result

    if fmt not in FORMATS:
        fail(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    result = run_query(out, sys.stdin.read() if sql == "-" else sql)
    write_result(result, sys.stdout, fmt=fmt, terminal=sys.stdout.isatty())  # type: ignore[arg-type]


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
@guard
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
    for target in (report, errors):
        if target is not None:
            writable(target)
    if links:
        _evaluate_links(gold, report, markdown, model, patterns)
        return
    from tnr_claims.evaluation.error_rows import write_errors_csv
    from tnr_claims.evaluation.gold import read_gold
    from tnr_claims.evaluation.render import print_report, report_markdown
    from tnr_claims.evaluation.scoring import evaluate_files

    for path in gold:
        read_gold(path)  # every gold file is readable and holds documents, before the model loads
    result = evaluate_files(
        gold,
        model=model,
        patterns_dir=patterns,
        on_failure=lambda d, m: say(f"{d}: {m}"),
        split=split,  # type: ignore[arg-type]
        pipeline=checked_pipeline(model, patterns) if patterns is not None else None,
    )
    if report:
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
            on_failure=lambda d, m: say(f"{d}: {m}"),
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


# --------------------------------------------------------------------------- report / bench


@app.command()
@guard
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

    _records_path(run_dir)
    writable(out)
    write_report(run_dir, out, evaluation=evaluation)
    say(f"wrote {out}", stderr=False)


@app.command()
@guard
def bench(
    docs: Annotated[int, typer.Option("--docs", min=1, help="Generated documents.")] = 1000,
    n_process: Annotated[int, typer.Option("--n-process", min=1)] = 1,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1)] = 32,
    repeat: Annotated[
        int, typer.Option("--repeat", min=1, help="Alternating rounds; medians reported.")
    ] = 3,
    model: ModelOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress lines.")] = False,
) -> None:
    """Whole claims run processes vs bare nlp.pipe processes: ratio, start-up, memory.

    Progress (each step as it starts) goes to stderr; the result to stdout.
    """
    from tnr_claims.run.bench import run_bench

    def progress(step: str) -> None:
        if not quiet:
            say(f"bench: {step}")

    result = run_bench(
        n_docs=docs,
        n_process=n_process,
        batch_size=batch_size,
        model=model,
        repeat=repeat,
        on_progress=progress,
    )
    if as_json:
        console.print_json(json.dumps(result))
    else:
        for key, value in result.items():
            console.print(f"{key:>28}: {value}", markup=False, highlight=False)


if __name__ == "__main__":  # pragma: no cover
    app()
