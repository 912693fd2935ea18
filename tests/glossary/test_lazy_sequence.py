"""A sequence pickled item by item: the same items back, each unpickled only when read."""

from __future__ import annotations

import pickle

from hypothesis import given
from hypothesis import strategies as st

from tifa.glossary.lazy_sequence import _UNREAD, LazySequence, LazyValue

_ITEMS = st.lists(st.one_of(st.none(), st.integers(), st.frozensets(st.text(max_size=4), max_size=5)), max_size=30)


@given(_ITEMS)
def test_items_read_back_the_same_before_and_after_pickling(items: list[object]) -> None:
    fresh = LazySequence(items)
    copied = pickle.loads(pickle.dumps(fresh))
    again = pickle.loads(pickle.dumps(copied))  # a copy never read is pickled whole too
    for sequence in (fresh, copied, again):
        assert len(sequence) == len(items)
        assert list(sequence) == items
        assert sequence[1:3] == items[1:3]
        assert sequence == items


def test_an_item_is_unpickled_when_first_read_and_kept() -> None:
    copied = pickle.loads(pickle.dumps(LazySequence([frozenset({"a"}), frozenset({"b"}), None])))
    assert copied._items == [_UNREAD, _UNREAD, _UNREAD]
    first = copied[0]
    assert first == frozenset({"a"}) and copied[0] is first
    assert copied._items[1:] == [_UNREAD, _UNREAD]
    assert copied[2] is None and copied._items[2] is None


@given(st.dictionaries(st.frozensets(st.text(max_size=3), max_size=3), st.integers()))
def test_a_lazy_value_reads_back_the_same_and_unpickles_once(table: dict[frozenset[str], int]) -> None:
    copied = pickle.loads(pickle.dumps(LazyValue(table)))
    assert copied._value is _UNREAD
    assert copied.value == table and copied.value is copied.value
    assert pickle.loads(pickle.dumps(copied)).value == table
