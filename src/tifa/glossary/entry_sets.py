"""Sets of glossary entries by English stem, stored sparse and turned into bit sets on first use.

The literal-rendering rule reads the entries of a word as one integer bit set, so that a
whole window of words is tested with a few integer operations. With 10,000 entries every
such integer takes over a kilobyte, though most stems belong to a handful of entries; the
compiled glossary cache therefore stores each set as its entries' numbers, and a process
builds the integer of a stem only when a text first uses the stem.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Mapping


class EntrySets:
    """Stem → the entries (by index) it belongs to, read as an integer bit set."""

    def __init__(self, masks: Mapping[str, int]) -> None:
        self._indexes: dict[str, array[int]] = {stem: array("I", bits_of(mask)) for stem, mask in masks.items() if mask}
        self._masks: dict[str, int] = {}

    def get(self, stem: str, default: int = 0) -> int:
        """Return the bit set of the entries of ``stem``, or ``default`` when it belongs to none."""
        mask = self._masks.get(stem)
        if mask is None:
            indexes = self._indexes.get(stem)
            if indexes is None:
                return default
            mask = sum(map((1).__lshift__, indexes))  # distinct powers of two: the sum is their union
            self._masks[stem] = mask
        return mask

    def sizes(self) -> Iterator[tuple[str, int]]:
        """Each stem with the number of entries it belongs to."""
        return ((stem, len(indexes)) for stem, indexes in self._indexes.items())

    def __contains__(self, stem: object) -> bool:
        return stem in self._indexes

    def __len__(self) -> int:
        return len(self._indexes)

    def __getstate__(self) -> dict[str, object]:
        # Only the sparse sets are stored: the integers are rebuilt per process, as they are used.
        return {"_indexes": self._indexes, "_masks": {}}


def bits_of(mask: int) -> Iterator[int]:
    """The positions of the set bits of a non-negative ``mask``, lowest first."""
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low
