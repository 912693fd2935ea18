"""Plain text: one segment per paragraph (paragraphs are separated by blank lines)."""

from __future__ import annotations

import re

from tifa.formats.adapter import FileFormat
from tifa.segments import InputFormat, Segment
from tifa.suppress import find_in_plain_text

_BLANK_LINES = re.compile(r"(?:\r\n|\r|\n)(?:[ \t\f\v]*(?:\r\n|\r|\n))+")


def split_paragraphs(text: str, offset: int = 0) -> list[Segment]:
    """Return a segment for every paragraph of ``text`` that has any letters or digits."""
    segments: list[Segment] = []
    start = 0
    for separator in _BLANK_LINES.finditer(text):
        _append_paragraph(segments, text, start, separator.start(), offset)
        start = separator.end()
    _append_paragraph(segments, text, start, len(text), offset)
    return segments


def _append_paragraph(segments: list[Segment], text: str, start: int, end: int, offset: int) -> None:
    piece = text[start:end]
    if any(ch.isalnum() for ch in piece):
        segments.append(Segment(piece, start + offset))


def read_segments(text: str) -> list[Segment]:
    """Split a plain-text file into paragraph segments."""
    return split_paragraphs(text)


FORMAT = FileFormat(
    InputFormat.TEXT,
    suffixes=(".txt",),
    read=lambda text, options: read_segments(text),
    find_suppressions=find_in_plain_text,
)
