"""Compact maps from the characters of a decoded text to the file spans that spell them.

A PO string or an XLIFF target spells most of its characters as themselves, one file
character each and one after the other; only escapes (``\\"``), entity references
(``&amp;``), line-break pairs and inline codes break that pattern. An :class:`OffsetMap`
therefore stores runs, not one pair of integers per character: character ``i`` of a run that
begins at character ``first``, file offset ``start`` and has width ``width`` is spelled at
``[start + (i - first) * width, start + (i - first) * width + width)``. Plain text of any
length is one run; each escape adds one or two. The runs live in one ``array('q')``, so a map
costs a few dozen bytes per escape instead of some 70 bytes per character that two tuples of
Python integers cost.

``map.starts`` and ``map.ends`` are read-only sequences of the per-character offsets, so code
that indexes, slices, iterates or bisects them works as it did with tuples.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from typing import overload

_FIELDS = 3  # each run: first character, file offset of its first character, width of each character


class OffsetMap:
    """Where each character of a decoded text starts and ends in its file, stored as runs (see the module)."""

    __slots__ = ("_length", "_runs")

    def __init__(self) -> None:
        self._runs = array("q")
        self._length = 0

    def __len__(self) -> int:
        return self._length

    @property
    def runs(self) -> int:
        """How many runs the map holds (one per stretch of plain text and per escape between them)."""
        return len(self._runs) // _FIELDS

    def __getstate__(self) -> tuple[bytes, int]:
        return self._runs.tobytes(), self._length

    def __setstate__(self, state: tuple[bytes, int]) -> None:
        self._runs = array("q")
        self._runs.frombytes(state[0])
        self._length = state[1]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, OffsetMap):
            return NotImplemented
        return self._length == other._length and self._runs == other._runs

    def __hash__(self) -> int:
        return hash((self._length, self._runs.tobytes()))

    def __repr__(self) -> str:
        return f"OffsetMap({len(self)} characters in {len(self._runs) // _FIELDS} runs)"

    @classmethod
    def from_spans(cls, starts: Sequence[int], ends: Sequence[int]) -> OffsetMap:
        """The map of characters whose spans are ``starts[i]``, ``ends[i]`` (equal lengths)."""
        offsets = cls()
        for start, end in zip(starts, ends, strict=True):
            offsets.add(start, end)
        return offsets

    def add(self, start: int, end: int) -> None:
        """Append one character spelled at ``[start, end)`` of the file."""
        runs = self._runs
        if runs:
            first, run_start, width = runs[-3], runs[-2], runs[-1]
            if end - start == width and start == run_start + (self._length - first) * width:
                self._length += 1
                return
        runs.extend((self._length, start, end - start))
        self._length += 1

    def add_plain(self, start: int, count: int) -> None:
        """Append ``count`` characters spelled as themselves, one after the other, from file offset ``start``."""
        if count <= 0:
            return
        runs = self._runs
        if not (runs and runs[-1] == 1 and start == runs[-2] + self._length - runs[-3]):
            runs.extend((self._length, start, 1))
        self._length += count

    def _run(self, index: int) -> int:
        """The position in ``_runs`` of the run holding character ``index`` (0 <= index < len)."""
        runs = self._runs
        low, high = 0, len(runs) // _FIELDS
        while high - low > 1:
            middle = (low + high) // 2
            if runs[middle * _FIELDS] <= index:
                low = middle
            else:
                high = middle
        return low * _FIELDS

    def start(self, index: int) -> int:
        """The file offset where character ``index`` is spelled."""
        run = self._run(self._checked(index))
        runs = self._runs
        return runs[run + 1] + (index - runs[run]) * runs[run + 2]

    def end(self, index: int) -> int:
        """The file offset where the spelling of character ``index`` ends."""
        run = self._run(self._checked(index))
        runs = self._runs
        return runs[run + 1] + (index - runs[run] + 1) * runs[run + 2]

    def _checked(self, index: int) -> int:
        if not 0 <= index < self._length:
            raise IndexError("character index out of range")
        return index

    def pairs(self) -> Iterator[tuple[int, int]]:
        """Yield ``(start, end)`` for every character, in order."""
        runs = self._runs
        for run in range(0, len(runs), _FIELDS):
            first, start, width = runs[run], runs[run + 1], runs[run + 2]
            following = runs[run + _FIELDS] if run + _FIELDS < len(runs) else self._length
            for step in range(following - first):
                position = start + step * width
                yield position, position + width

    @property
    def starts(self) -> OffsetView:
        """The start offset of every character, as a read-only sequence."""
        return OffsetView(self, ends=False)

    @property
    def ends(self) -> OffsetView:
        """The end offset of every character, as a read-only sequence."""
        return OffsetView(self, ends=True)


class OffsetView(Sequence[int]):
    """The starts (or the ends) of an :class:`OffsetMap`'s characters, read as a sequence of integers."""

    __slots__ = ("_ends", "_map")

    def __init__(self, offsets: OffsetMap, *, ends: bool) -> None:
        self._map = offsets
        self._ends = ends

    @property
    def offsets(self) -> OffsetMap:
        """The map this view reads."""
        return self._map

    def __len__(self) -> int:
        return len(self._map)

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[int, ...]: ...

    def __getitem__(self, index: int | slice) -> int | tuple[int, ...]:
        if isinstance(index, slice):
            return tuple(self[position] for position in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        return self._map.end(index) if self._ends else self._map.start(index)

    def __iter__(self) -> Iterator[int]:
        which = 1 if self._ends else 0
        return (pair[which] for pair in self._map.pairs())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, OffsetView):
            return self._ends == other._ends and self._map == other._map
        if isinstance(other, (tuple, list)):
            return len(other) == len(self) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self._ends, self._map))

    def __repr__(self) -> str:
        return f"OffsetView({list(self)!r})"

    def __reduce__(self) -> tuple[object, tuple[OffsetMap]]:
        return (_ends_of, (self._map,)) if self._ends else (_starts_of, (self._map,))


def _starts_of(offsets: OffsetMap) -> OffsetView:
    return offsets.starts


def _ends_of(offsets: OffsetMap) -> OffsetView:
    return offsets.ends
