"""What the command line prints: consoles that never wrap into a pipe, and safe text.

File names and document text are untrusted: a name can hold an escape sequence that
moves the cursor, recolours the terminal or rewrites what was printed before it.
:func:`printable` turns every control character into a visible escape before anything
from a file reaches the terminal.
"""

from __future__ import annotations

import re
import sys
from typing import IO

from rich.console import Console

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""C0 and C1 controls (but tab and newline), DEL, and the bidirectional overrides that
reorder what a reader sees (``\u202e`` makes ``txt.exe`` read ``exe.txt``)."""

_CONTROL_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""The same, newline and tab included (for one-line messages)."""

NO_WRAP_WIDTH = 100_000
"""Console width when the output is not a terminal: wide enough that no line is broken."""


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: object, *, one_line: bool = True) -> str:
    r"""``text`` with control characters shown as escapes (``\x1b``, ``\u202e``).

    Args:
        text: Anything; it is turned into a string first.
        one_line: Escape newlines and tabs too, so a message stays one line.

    Returns:
        The text, safe to print to a terminal.
    """
    pattern = _CONTROL_LINE if one_line else _CONTROL
    return pattern.sub(_escape, str(text))


def make_console(*, stderr: bool = False, file: IO[str] | None = None) -> Console:
    """A rich console on stdout (or stderr) that wraps only on a terminal.

    On a terminal lines fit its width. Into a pipe or file (scripts, ``grep``, CI logs)
    nothing is wrapped or cut, whatever its length: the console is made very wide and
    soft-wraps, so ``PATH: ok`` stays one line with a 200-character path.
    """
    stream = file or (sys.stderr if stderr else sys.stdout)
    is_tty = bool(getattr(stream, "isatty", lambda: False)())
    if is_tty:
        return Console(file=file, stderr=stderr)
    return Console(file=file, stderr=stderr, width=NO_WRAP_WIDTH, soft_wrap=True)


__all__ = ["NO_WRAP_WIDTH", "make_console", "printable"]
