"""The raw tokens of an XML text (tags, character data, CDATA, other markup), each with its file span.

ElementTree gives no offsets, so the XLIFF reader pairs the tags found here with the elements
ElementTree built. A file has about one token per ten bytes, so :class:`Tokens` keeps them in
arrays (a kind byte, two offsets and a shared tag name each) and makes a :class:`Token` only
when one is looked at.
"""

from __future__ import annotations

import re
import sys
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import overload

from tifa.errors import InputError

_MARKUP = re.compile(
    r"(?P<other><!--.*?-->|<\?.*?\?>)"
    r"|(?P<cdata><!\[CDATA\[.*?\]\]>)"
    r"|(?P<end></(?P<end_name>[^\s>]+)\s*>)"
    r"|(?P<start><(?P<start_name>[^\s/>!?]+)(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*(?P<slash>/?)>)"
    r"|(?P<text>[^<]+)",
    re.DOTALL,
)
KINDS = ("start", "empty", "end", "text", "cdata", "other")
_KIND_CODES = {kind: code for code, kind in enumerate(KINDS)}
START, EMPTY = _KIND_CODES["start"], _KIND_CODES["empty"]


@dataclass(frozen=True, slots=True)
class Token:
    """A piece of the raw XML: a tag, character data or CDATA, with its file span."""

    kind: str  # "start", "empty", "end", "text", "cdata", "other"
    start: int
    end: int
    name: str = ""


class Tokens(Sequence[Token]):
    """The tokens of a text in file order, stored in arrays."""

    def __init__(self) -> None:
        self.kinds = array("B")
        self.starts = array("q")
        self.ends = array("q")
        self.names: list[str] = []

    def append(self, kind: str, start: int, end: int, name: str = "") -> None:
        """Add a token at the end."""
        self.kinds.append(_KIND_CODES[kind])
        self.starts.append(start)
        self.ends.append(end)
        self.names.append(sys.intern(name))

    def __len__(self) -> int:
        return len(self.kinds)

    @overload
    def __getitem__(self, index: int) -> Token: ...

    @overload
    def __getitem__(self, index: slice) -> list[Token]: ...

    def __getitem__(self, index: int | slice) -> Token | list[Token]:
        if isinstance(index, slice):
            return [self[position] for position in range(*index.indices(len(self)))]
        return Token(KINDS[self.kinds[index]], self.starts[index], self.ends[index], self.names[index])

    def __iter__(self) -> Iterator[Token]:
        return (self[index] for index in range(len(self)))

    def tags(self) -> array[int]:
        """The indexes of the start and empty-element tags, in file order."""
        return array("q", (index for index, kind in enumerate(self.kinds) if kind in (START, EMPTY)))


def line_at(text: str, offset: int) -> int:
    """The 1-based line of ``text`` that holds ``offset``."""
    return text.count("\n", 0, offset) + 1


def tokenize(text: str) -> Tokens:
    """Split well-formed XML text into tags, character data, CDATA and other markup."""
    tokens = Tokens()
    position = 0
    for match in _MARKUP.finditer(text):
        if match.start() != position:
            raise InputError("unexpected markup", line=line_at(text, position))
        position = match.end()
        kind = match.lastgroup or "text"
        if kind == "end":
            tokens.append("end", match.start(), position, match.group("end_name"))
        elif kind == "start":
            empty = bool(match.group("slash"))
            tokens.append("empty" if empty else "start", match.start(), position, match.group("start_name"))
        else:
            tokens.append(kind, match.start(), position)
    if position != len(text):
        raise InputError("unexpected markup", line=line_at(text, position))
    return tokens
