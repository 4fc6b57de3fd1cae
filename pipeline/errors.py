"""Errors: every user-facing error class and message of the project, in one place.

A user should be able to act on an error without reading a traceback, so each error
carries one line shaped ``"doc_id: what is wrong; what to do"`` in :attr:`ClaimsError.message`
(also its ``str()``). The command line prints that line and goes on with the next
document where it can.

Message texts live in :data:`INPUT_MESSAGES` keyed by a short reason code, so tests can
check *which* problem was found (``exc.reason``) without matching prose, and the prose
can be improved in one place. A stage that needs a new error adds a subclass here.
"""

from __future__ import annotations

from typing import Any


class ClaimsError(Exception):
    """Base of all expected, user-facing errors of the pipeline.

    Args:
        problem: What is wrong, naming the file or value concerned.
        doc_id: The document concerned, when there is one (prefixes the message).
        hint: What the user can do about it (appended after ``"; "``).
        reason: A short machine-readable code of the problem (``"empty"``, ``"pdf_no_text"``).
        path: The file concerned, when there is one.
    """

    def __init__(
        self,
        problem: str,
        *,
        doc_id: str | None = None,
        hint: str | None = None,
        reason: str = "error",
        path: str | None = None,
    ) -> None:
        self.doc_id = doc_id
        self.reason = reason
        self.path = path
        text = f"{problem}; {hint}" if hint else problem
        if doc_id:
            text = f"{doc_id}: {text}"
        self.message: str = " ".join(text.split())
        """The one-line message: ``"doc_id: what is wrong; what to do"``."""
        super().__init__(self.message)


INPUT_MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("{path} does not exist", "check the path (a file or a folder)"),
    "not_a_file": (
        "{path} is not a regular file or folder",
        "pass a file, a folder or '-' for stdin",
    ),
    "unsupported": (
        "{path} has an unsupported extension '{ext}'",
        "pass a .txt, .md, .markdown, .html, .htm or .pdf file (convert other formats first)",
    ),
    "unreadable": (
        "cannot read {path} ({detail})",
        "fix the file's permissions (e.g. chmod +r) or run as a user who may read it",
    ),
    "empty": (
        "{path} is empty or holds only whitespace",
        "remove it from the input or add the document text",
    ),
    "binary": (
        "{path} holds binary data, not text ({detail})",
        "pass the text as UTF-8 .txt, HTML or PDF (is it an image or archive renamed?)",
    ),
    "too_large": (
        "{path} is {size} bytes, over the limit of {limit:,} bytes",
        "raise the limit with --max-bytes or split the document",
    ),
    "text_too_large": (
        "{path} gives more than {limit:,} characters of text (the --max-bytes limit)",
        "raise the limit with --max-bytes or split the document",
    ),
    "link_outside": (
        "{path} is a link to {target}, outside the input folder {root}; skipped",
        "links are not followed out of the input folder: pass the target itself, or use "
        "--follow-links",
    ),
    "link_loop": (
        "{path} is a symbolic link that loops; skipped",
        "remove the link or point it at a file",
    ),
    "link_broken": (
        "{path} is a link to {target}, which does not exist; skipped",
        "remove the link or point it at a file",
    ),
    "special_file": (
        "{path} is a {kind}, not a regular file; skipped",
        "move it out of the input folder (only regular files are read)",
    ),
    "unlistable": (
        "cannot list the folder {path} ({detail}); skipped",
        "fix the folder's permissions (e.g. chmod +rx) or leave it out of the input",
    ),
    "own_output": (
        "{path} is a report written by claims report, not a document",
        "write reports outside the input folder, or leave them out of the input",
    ),
    "html_no_body": (
        "{path}: no article text found in the HTML page (only navigation, scripts or page chrome)",
        "save the article's text as .txt, or check the page is not a login, consent or error page",
    ),
    "pdf_encrypted": (
        "{path} is an encrypted PDF that needs a password",
        "decrypt it first (e.g. qpdf --decrypt --password=... in.pdf out.pdf) and pass the copy",
    ),
    "pdf_needs_crypto": (
        "{path} is an AES-encrypted PDF and reading it needs the 'cryptography' package",
        "install it (pip install cryptography) or decrypt the file first (qpdf --decrypt)",
    ),
    "pdf_corrupt": (
        "{path} is not a readable PDF ({detail})",
        "re-download or re-export the file, or pass its text as .txt",
    ),
    "pdf_no_text": (
        "{path} has no text layer (scanned pages?)",
        "run OCR first (e.g. ocrmypdf in.pdf out.pdf) and pass the OCR'd PDF",
    ),
    "pdf_over_limits": (
        "{path}: no text within the PDF limits ({detail})",
        "pass the report's text as .txt, or raise --max-pages / --max-bytes for a real report",
    ),
    "duplicate_id": (
        "{path} has the same doc_id as {other}",
        "doc_id is the file name without extension: rename one of the two files",
    ),
}
"""Problem and hint templates of :class:`InputError`, keyed by reason code."""


class InputError(ClaimsError):
    """An input file or stream cannot be turned into a document."""

    @classmethod
    def of(cls, reason: str, *, doc_id: str | None, path: str, **values: Any) -> InputError:
        """Build the error for ``reason`` from :data:`INPUT_MESSAGES`, filling in ``values``."""
        problem, hint = INPUT_MESSAGES[reason]
        fields = {"path": path, **values}
        return cls(
            problem.format(**fields),
            doc_id=doc_id,
            hint=hint.format(**fields),
            reason=reason,
            path=path,
        )


class ModelNotFoundError(ClaimsError):
    """The spaCy model to run is not installed (raised by :mod:`tnr_claims.nlp`)."""


class OutputError(ClaimsError):
    """An output file or folder cannot be written."""


__all__ = [
    "INPUT_MESSAGES",
    "ClaimsError",
    "InputError",
    "ModelNotFoundError",
    "OutputError",
]
