"""File-format adapters: each turns a decoded file into segments. Chosen by suffix or by name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tifa.errors import InputError, UsageError
from tifa.formats import markdown, plain
from tifa.formats.decode import decode
from tifa.segments import Document, Segment

Reader = Callable[[str], list[Segment]]

READERS: dict[str, Reader] = {
    "text": plain.read_segments,
    "markdown": markdown.read_segments,
}
SUFFIXES: dict[str, str] = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
}


def format_for(path: str, forced: str | None = None) -> str:
    """Return the format name for ``path``: ``forced`` if given, else by suffix, else plain text."""
    if forced is not None:
        if forced not in READERS:
            raise UsageError(f"unknown input format {forced!r} (choose from {', '.join(sorted(READERS))})")
        return forced
    return SUFFIXES.get(Path(path).suffix.lower(), "text")


def read_document(path: str, data: bytes, forced_format: str | None = None) -> Document:
    """Decode ``data`` (the bytes of ``path``) and split it into segments.

    Raises :class:`InputError` naming the file (and line) when it cannot be read.
    """
    text, encoding = decode(data, path)
    format_name = format_for(path, forced_format)
    reader = READERS[format_name]
    try:
        segments = reader(text)
    except InputError as error:
        error.path = path
        raise
    return Document(path=path, text=text, encoding=encoding, segments=tuple(segments), format=format_name)
