"""File-format adapters: each turns a decoded file into segments. Chosen by suffix or by name.

Every adapter module declares its formats as :class:`~tifa.formats.adapter.FileFormat` values;
:data:`ALL_FORMATS` lists them, and everything that depends on the formats (the suffixes a
directory search picks up, the pre-commit hooks' file pattern, escaping, suppression
comments) is derived from that one list.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from tifa.errors import InputError, UsageError
from tifa.formats import markdown, plain, po, tabular, xliff
from tifa.formats.adapter import FileFormat, ReaderOptions, TableOptions
from tifa.formats.decode import decode
from tifa.model import Span
from tifa.segments import Document, InputFormat, Segment
from tifa.suppress import Suppressions

__all__ = [
    "ALL_FORMATS",
    "FORMATS",
    "READERS",
    "SUFFIXES",
    "FileFormat",
    "InputFormat",
    "ReaderOptions",
    "TableOptions",
    "escape",
    "escape_for_span",
    "find_suppressions",
    "format_for",
    "hook_files_pattern",
    "read_document",
    "read_segments",
]

ALL_FORMATS: tuple[FileFormat, ...] = (
    plain.FORMAT,
    markdown.FORMAT,
    po.FORMAT,
    xliff.FORMAT,
    tabular.TSV_FORMAT,
    tabular.CSV_FORMAT,
)
FORMATS: dict[InputFormat, FileFormat] = {file_format.name: file_format for file_format in ALL_FORMATS}
# The format of each suffix (lower case, with the dot); a file with another suffix is plain text.
SUFFIXES: dict[str, InputFormat] = {
    suffix: file_format.name for file_format in ALL_FORMATS for suffix in file_format.suffixes
}


def _with_default_options(file_format: FileFormat) -> Callable[[str], list[Segment]]:
    return lambda text: file_format.read(text, ReaderOptions())


# Each format's reader with default options, by format name.
READERS: dict[InputFormat, Callable[[str], list[Segment]]] = {
    file_format.name: _with_default_options(file_format) for file_format in ALL_FORMATS
}


def hook_files_pattern() -> str:
    """Return the ``files:`` pattern of the pre-commit hooks: every suffix a directory search picks up.

    A directory search compares suffixes ignoring case (``REPORT.TXT``), so the pattern does too.
    """
    return r"(?i)\.(" + "|".join(re.escape(suffix.removeprefix(".")) for suffix in SUFFIXES) + r")$"


def format_for(path: str, forced: InputFormat | str | None = None) -> InputFormat:
    """Return the format of ``path``: ``forced`` if given, else by suffix, else plain text."""
    if forced is not None:
        try:
            return InputFormat(forced)
        except ValueError:
            names = ", ".join(sorted(item.value for item in InputFormat))
            raise UsageError(f"unknown input format {forced!r} (choose from {names})") from None
    return SUFFIXES.get(Path(path).suffix.lower(), InputFormat.TEXT)


def read_document(
    path: str, data: bytes, forced_format: InputFormat | None = None, options: ReaderOptions | None = None
) -> Document:
    """Decode ``data`` (the bytes of ``path``) and split it into segments.

    ``options`` reach the readers that take any (PO, TSV, CSV). Raises :class:`InputError`
    naming the file (and line) when it cannot be read.
    """
    text, encoding = decode(data, path, options.encoding if options is not None else None)
    format_name = format_for(path, forced_format)
    try:
        segments = read_segments(format_name, text, options)
    except InputError as error:
        error.path = path
        raise
    return Document(path=path, text=text, encoding=encoding, segments=tuple(segments), format=format_name)


def read_segments(format_name: InputFormat, text: str, options: ReaderOptions | None = None) -> list[Segment]:
    """Split already decoded ``text`` into segments as the reader of ``format_name`` does."""
    return FORMATS[format_name].read(text, options or ReaderOptions())


def find_suppressions(document: Document) -> Suppressions:
    """Return the suppressions, invalid suppression comments and comment spans of ``document``."""
    return FORMATS[document.format].find_suppressions(document)


def escape(format_name: InputFormat | str, text: str) -> str:
    """Escape replacement ``text`` for writing into a file of ``format_name``.

    PO escapes backslash, quote, newline, tab and CR; XLIFF escapes ``&``, ``<`` and ``>``; CSV
    doubles quotes (for a quoted cell; see :func:`escape_for_span` for the cell-aware
    version); TSV and plain formats return the text unchanged. Text that the format cannot
    hold at that place (a tab or line break in a TSV cell) raises :class:`InputError`.
    """
    try:
        file_format = FORMATS[InputFormat(format_name)]
    except ValueError:
        raise UsageError(f"unknown format {format_name!r}") from None
    return text if file_format.escape is None else file_format.escape(text)


def escape_for_span(document: Document, span: Span, text: str) -> str:
    """Escape replacement ``text`` for writing over ``span`` of ``document``.

    Like :func:`escape`, but where the place matters the format looks at it: in CSV, whether
    the span lies in a quoted cell (there quotes are doubled; in an unquoted cell, text that
    would need quoting raises :class:`InputError`); in XLIFF, whether the span runs across
    markup (an inline tag, a placeholder, a CDATA boundary), which raises :class:`InputError`
    because writing over it would delete the markup.
    """
    file_format = FORMATS[document.format]
    if file_format.escape_at is not None:
        return file_format.escape_at(document, span, text)
    return escape(document.format, text)
