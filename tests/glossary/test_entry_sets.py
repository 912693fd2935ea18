"""Sparse sets of entries by stem: read back as the bit sets they were built from."""

from __future__ import annotations

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from tifa.glossary.entry_sets import EntrySets, bits_of

_MASKS = st.dictionaries(st.text(min_size=1, max_size=6), st.integers(min_value=0, max_value=(1 << 12000) - 1))


@settings(deadline=None)  # integers of 12,000 bits: a loaded machine can take a while
@given(_MASKS)
def test_every_stem_reads_back_as_its_bit_set_also_after_pickling(masks: dict[str, int]) -> None:
    for sets in (EntrySets(masks), pickle.loads(pickle.dumps(EntrySets(masks)))):
        for stem, mask in masks.items():
            assert sets.get(stem) == mask
            assert (stem in sets) == bool(mask)
        assert dict(sets.sizes()) == {stem: mask.bit_count() for stem, mask in masks.items() if mask}
        assert sets.get("\0not a stem") == 0
        assert sets.get("\0not a stem", -1) == -1


@given(st.integers(min_value=0, max_value=(1 << 3000) - 1))
def test_the_bits_of_a_mask_add_up_to_it(mask: int) -> None:
    positions = list(bits_of(mask))
    assert positions == sorted(set(positions))
    assert sum(1 << position for position in positions) == mask


def test_the_cache_stores_entry_numbers_not_wide_integers() -> None:
    wide = {f"stem{number}": 1 << (9000 + number) for number in range(200)}
    assert len(pickle.dumps(EntrySets(wide))) < len(pickle.dumps(wide)) / 10
