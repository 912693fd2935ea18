"""Values pickled apart from what holds them and unpickled the first time they are read.

The literal lexicon holds a model of every entry (the lattices of its Chinese, tens of
thousands of small sets of stems across a glossary), but a run reads the models of the few
entries whose words it meets. Stored this way in the glossary cache, a process loads the
cache without building every model, and builds each model it needs once. A large table that
only some texts consult (:class:`LazyValue`) is kept the same way.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator, Sequence
from typing import Generic, TypeVar, overload

T = TypeVar("T")

# An item not yet unpickled.
_UNREAD: object = object()


class LazySequence(Sequence[T], Generic[T]):
    """The items given, kept as they are in this process and as one pickle each when pickled."""

    def __init__(self, items: Iterable[T]) -> None:
        self._items: list[object] = list(items)
        self._pickled: list[bytes] = []

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self[position] for position in range(*index.indices(len(self)))]
        item = self._items[index]
        if item is _UNREAD:
            item = self._items[index] = pickle.loads(self._pickled[index])
        return item  # type: ignore[return-value]  # every item but the sentinel is a T

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[T]:
        return (self[index] for index in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(mine == theirs for mine, theirs in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # mutable as it unpickles, like a list

    def __getstate__(self) -> dict[str, object]:
        pickled = [pickle.dumps(self[index], protocol=pickle.HIGHEST_PROTOCOL) for index in range(len(self))]
        return {"_pickled": pickled}

    def __setstate__(self, state: dict[str, list[bytes]]) -> None:
        self._pickled = state["_pickled"]
        self._items = [_UNREAD] * len(self._pickled)  # the sentinel of this process, not a copy of another's


class LazyValue(Generic[T]):
    """One value, kept as it is in this process and as a pickle of its own when pickled."""

    def __init__(self, value: T) -> None:
        self._value: object = value
        self._pickled = b""

    @property
    def value(self) -> T:
        """The value, unpickled the first time it is read."""
        if self._value is _UNREAD:
            self._value = pickle.loads(self._pickled)
        return self._value  # type: ignore[return-value]  # every value but the sentinel is a T

    def __getstate__(self) -> dict[str, bytes]:
        return {"_pickled": pickle.dumps(self.value, protocol=pickle.HIGHEST_PROTOCOL)}

    def __setstate__(self, state: dict[str, bytes]) -> None:
        self._pickled = state["_pickled"]
        self._value = _UNREAD
