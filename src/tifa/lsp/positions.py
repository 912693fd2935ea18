"""Between tifa's offsets (code points into a file's text) and LSP positions (line, column in code units).

LSP counts lines at ``\\r\\n``, ``\\r`` and ``\\n`` only, and columns in the code units of the
position encoding the client and server agreed on: UTF-16 unless the client offers another.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from lsprotocol import types

from tifa.model import Span

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _units(text: str, encoding: str) -> int:
    """The length of ``text`` in code units of ``encoding`` (``utf-8``, ``utf-16`` or ``utf-32``)."""
    if encoding == types.PositionEncodingKind.Utf32:
        return len(text)
    if encoding == types.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


class PositionMap:
    """Converts offsets into one text to LSP positions and back, in the agreed position encoding."""

    def __init__(self, text: str, encoding: str = types.PositionEncodingKind.Utf16) -> None:
        self.text = text
        self.encoding = encoding
        self._starts = [0] + [match.end() for match in _LINE_BREAK.finditer(text)]

    def _line_end(self, line: int) -> int:
        """The offset where 0-based ``line`` ends, before its line break."""
        if line + 1 < len(self._starts):
            end = self._starts[line + 1]
            return end - (2 if self.text[end - 2 : end] == "\r\n" else 1)
        return len(self.text)

    def position(self, offset: int) -> types.Position:
        """Return the LSP position of code-point ``offset``."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self._starts, offset) - 1
        start = self._starts[line]
        return types.Position(line, _units(self.text[start:offset], self.encoding))

    def range(self, span: Span) -> types.Range:
        """Return the LSP range of ``span``."""
        return types.Range(self.position(span.start), self.position(span.end))

    def offset(self, position: types.Position) -> int:
        """Return the code-point offset of LSP ``position`` (clamped to its line and to the text)."""
        if position.line >= len(self._starts):
            return len(self.text)
        start = self._starts[position.line]
        end = self._line_end(position.line)
        wanted = position.character
        if self.encoding == types.PositionEncodingKind.Utf32:
            return min(start + wanted, end)
        counted = 0
        for index in range(start, end):
            if counted >= wanted:
                return index
            counted += _units(self.text[index], self.encoding)
        return end

    def span(self, lsp_range: types.Range) -> Span:
        """Return the span of LSP ``lsp_range``."""
        start = self.offset(lsp_range.start)
        return Span(start, max(start, self.offset(lsp_range.end)))
