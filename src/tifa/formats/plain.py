"""Plain text: one segment per paragraph (paragraphs are separated by blank lines)."""

from __future__ import annotations

import re

from tifa.segments import Segment

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
