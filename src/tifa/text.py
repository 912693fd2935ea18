"""Text helpers: matching normalisation with offsets back into the original, and line/column lookup.

Matching compares *normalised* text: lower case, every hyphen-like character and every white
space character read as a space, curly quotes read as straight ones, and runs of spaces
collapsed to one. The first steps keep the length of the text; only the collapse changes
offsets, so :class:`NormalizedText` records where it did and maps offsets back.
"""

from __future__ import annotations

import functools
import re
from array import array
from bisect import bisect_right
from dataclasses import dataclass

HYPHENS = "-\u00ad\u2010\u2011\u2012\u2013\u2212"
SPACES = (
    "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)

# Characters that take no room: matching reads through them ("two\u200bmaintenances").
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_MATCH_FOLDS = {
    **{ch: " " for ch in HYPHENS + SPACES},
    "\u2018": "'",
    "\u2019": "'",
    "\u201b": "'",
    "\u02bc": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201f": '"',
}
# Full-width ASCII (U+FF01-U+FF5E) is read as ASCII, as NFKC would, one character for one.
_FULL_WIDTH = {chr(0xFF01 + number): chr(0x21 + number) for number in range(94)}
# One table for the length-preserving part of normalisation.
_MATCH_TABLE = str.maketrans(
    {**_MATCH_FOLDS, **{wide: _MATCH_FOLDS.get(narrow, narrow) for wide, narrow in _FULL_WIDTH.items()}}
)
# Written forms compare with hyphens kept (a hyphen is not a space there), but line wraps,
# non-breaking spaces and curly quotes still do not count as differences.
_WRITTEN_TABLE = str.maketrans(
    {
        **{ch: " " for ch in SPACES},
        **{ch: "-" for ch in "\u2010\u2011"},
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
    }
)
# A run of spaces and zero-width characters with more than one space, or any zero-width character.
_COLLAPSIBLE = re.compile(f"[ {ZERO_WIDTH}]*[{ZERO_WIDTH}][ {ZERO_WIDTH}]*| {{2,}}")
_ANY_SPACE_RUN = re.compile(" +")


def lower_same_length(text: str) -> str:
    """Lower-case ``text`` without changing its length (a few characters grow under ``str.lower``)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(ch if len(low := ch.lower()) != 1 else low for ch in text)


def normalize_phrase(phrase: str) -> str:
    """Return the matching key of a glossary phrase (lower case, one space between words)."""
    return _ANY_SPACE_RUN.sub(" ", lower_same_length(phrase).translate(_MATCH_TABLE)).strip()


def normalize_written(phrase: str, *, keep_case: bool = False) -> str:
    """Return ``phrase`` as written, ignoring white-space runs, quote styles and (unless ``keep_case``) case."""
    cased = phrase if keep_case else lower_same_length(phrase)
    return _ANY_SPACE_RUN.sub(" ", cased.translate(_WRITTEN_TABLE)).strip()


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """A text prepared for matching, with the means to map its offsets back.

    ``folded`` has the length of the original (case, hyphens, spaces and quotes folded);
    ``collapsed`` additionally has every run of spaces reduced to one space.
    """

    folded: str
    collapsed: str
    _runs_at: tuple[int, ...]  # collapsed offsets right after each collapsed run
    _shift: tuple[int, ...]  # total characters removed up to and including that run

    @classmethod
    def of(cls, text: str) -> NormalizedText:
        """Normalise ``text`` for matching (several rules ask for the same segment: it is cached)."""
        return _normalized(text)

    @classmethod
    def compute(cls, text: str) -> NormalizedText:
        """Normalise ``text`` for matching, without the cache."""
        folded = lower_same_length(text).translate(_MATCH_TABLE)
        if "  " not in folded and not any(character in folded for character in ZERO_WIDTH):
            return cls(folded, folded, (), ())
        runs_at: list[int] = []
        shift: list[int] = []
        removed = 0

        def cut(position: int, count: int) -> None:
            """Record that ``count`` characters from original ``position`` are left out."""
            nonlocal removed
            runs_at.append(position - removed)
            removed += count
            shift.append(removed)

        pieces: list[str] = []
        last = 0
        for run in _COLLAPSIBLE.finditer(folded):
            start, written = run.start(), run.group()
            space = written.find(" ")
            pieces.append(folded[last:start])
            last = run.end()
            if space < 0:  # zero-width characters only: they vanish
                cut(start, len(written))
                continue
            pieces.append(" ")  # the run's first space stands for the whole run
            if space:
                cut(start, space)
            if len(written) > space + 1:
                cut(start + space + 1, len(written) - space - 1)
        pieces.append(folded[last:])
        return cls(folded, "".join(pieces), tuple(runs_at), tuple(shift))

    def to_original(self, offset: int) -> int:
        """Map an offset in ``collapsed`` to the offset of the same character in the original."""
        index = bisect_right(self._runs_at, offset)
        return offset if index == 0 else offset + self._shift[index - 1]


@functools.lru_cache(maxsize=64)
def _normalized(text: str) -> NormalizedText:
    return NormalizedText.compute(text)


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """Line and column lookup for offsets into one text (1-based, columns in code points)."""

    def __init__(self, text: str) -> None:
        self._starts = array("q", [0])  # an array: a long file has many lines
        self._starts.extend(match.end() for match in _LINE_BREAK.finditer(text))

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based ``(line, column)`` of ``offset``."""
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def line_start(self, line: int) -> int:
        """Return the offset at which 1-based ``line`` starts."""
        return self._starts[line - 1]
