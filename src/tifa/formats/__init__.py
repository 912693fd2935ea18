"""File-format adapters: each turns a decoded file into segments. Chosen by suffix or by name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tifa.errors import InputError, UsageError
from tifa.formats import markdown, plain, po, tabular, xliff
from tifa.formats.decode import decode
from tifa.formats.tabular import TableOptions
from tifa.model import Span
from tifa.segments import Document, Segment

__all__ = [
    "READERS",
    "SUFFIXES",
    "ReaderOptions",
    "TableOptions",
    "escape",
    "escape_for_span",
    "format_for",
    "read_document",
    "read_segments",
]


@dataclass(frozen=True, slots=True)
class ReaderOptions:
    """Options for the readers that take any: PO fuzzy entries and table columns."""

    include_fuzzy: bool = False
    table: TableOptions = field(default_factory=TableOptions)


Reader = Callable[[str], list[Segment]]
ReaderWithOptions = Callable[[str, ReaderOptions], list[Segment]]

_READERS_WITH_OPTIONS: dict[str, ReaderWithOptions] = {
    "text": lambda text, options: plain.read_segments(text),
    "markdown": lambda text, options: markdown.read_segments(text),
    "po": lambda text, options: po.read_segments(text, include_fuzzy=options.include_fuzzy),
    "xliff": lambda text, options: xliff.read_segments(text),
    "tsv": lambda text, options: tabular.read_tsv(text, options.table),
    "csv": lambda text, options: tabular.read_segments(text, options.table),
}


def _with_default_options(reader: ReaderWithOptions) -> Reader:
    return lambda text: reader(text, ReaderOptions())


# Each format's reader with default options, by format name.
READERS: dict[str, Reader] = {name: _with_default_options(reader) for name, reader in _READERS_WITH_OPTIONS.items()}
SUFFIXES: dict[str, str] = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".po": "po",
    ".pot": "po",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".sdlxliff": "xliff",
    ".mqxliff": "xliff",
    ".tsv": "tsv",
    ".csv": "csv",
}
_ESCAPES: dict[str, Callable[[str], str]] = {
    "text": str,
    "markdown": str,
    "po": po.escape_text,
    "xliff": xliff.escape_text,
    "tsv": tabular.escape_tsv_text,
    "csv": tabular.escape_csv_text,
}


def format_for(path: str, forced: str | None = None) -> str:
    """Return the format name for ``path``: ``forced`` if given, else by suffix, else plain text."""
    if forced is not None:
        if forced not in READERS:
            raise UsageError(f"unknown input format {forced!r} (choose from {', '.join(sorted(READERS))})")
        return forced
    return SUFFIXES.get(Path(path).suffix.lower(), "text")


def read_document(
    path: str, data: bytes, forced_format: str | None = None, options: ReaderOptions | None = None
) -> Document:
    """Decode ``data`` (the bytes of ``path``) and split it into segments.

    ``options`` reach the readers that take any (PO, TSV, CSV). Raises :class:`InputError`
    naming the file (and line) when it cannot be read.
    """
    text, encoding = decode(data, path)
    format_name = format_for(path, forced_format)
    reader = _READERS_WITH_OPTIONS[format_name]
    try:
        segments = reader(text, options or ReaderOptions())
    except InputError as error:
        error.path = path
        raise
    return Document(path=path, text=text, encoding=encoding, segments=tuple(segments), format=format_name)


def read_segments(format_name: str, text: str, options: ReaderOptions | None = None) -> list[Segment]:
    """Split already decoded ``text`` into segments as the reader of ``format_name`` does."""
    return _READERS_WITH_OPTIONS[format_name](text, options or ReaderOptions())


def escape(format_name: str, text: str) -> str:
    """Escape replacement ``text`` for writing into a file of ``format_name``.

    PO escapes backslash, quote, newline, tab and CR; XLIFF escapes ``&``, ``<`` and ``>``; CSV
    doubles quotes (for a quoted cell; see :func:`escape_for_span` for the cell-aware
    version); TSV and plain formats return the text unchanged. Text that the format cannot
    hold at that place (a tab or line break in a TSV cell) raises :class:`InputError`.
    """
    if format_name not in _ESCAPES:
        raise UsageError(f"unknown format {format_name!r}")
    return _ESCAPES[format_name](text)


def escape_for_span(document: Document, span: Span, text: str) -> str:
    """Escape replacement ``text`` for writing over ``span`` of ``document``.

    Like :func:`escape`, but for CSV it looks whether the span lies in a quoted cell: there it
    doubles quotes; in an unquoted cell, text that would need quoting raises
    :class:`InputError`. In XLIFF a span that runs across markup (an inline tag, a placeholder,
    a CDATA boundary) raises :class:`InputError`: writing over it would delete the markup.
    """
    if document.format == "xliff" and "<" in document.text[span.start : span.end]:
        raise InputError("the text to replace runs across XML markup")
    if document.format != "csv":
        return escape(document.format, text)
    segment = next(
        (
            segment
            for segment in document.segments
            if segment.offset <= span.start <= segment.file_span(0, len(segment.text)).end
        ),
        None,
    )
    quoted = segment is not None and segment.offset > 0 and document.text[segment.offset - 1] == '"'
    return tabular.escape_csv_text(text, quoted=quoted)
