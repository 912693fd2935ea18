"""Pickled cache files written whole or not at all, shared by the glossary cache and the result cache."""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from tifa import __version__


def files_key(paths: Iterable[Path], *extra: str) -> str | None:
    """The name of a cache entry built from ``paths``: 32 hex digits of a digest of tifa's version, the
    pickle protocol, each path's resolved name, size and modification time, and ``extra``.

    None when a path cannot be read (whoever reads the file reports that).
    """
    digest = hashlib.sha256(f"{__version__}\0{pickle.HIGHEST_PROTOCOL}".encode())
    for path in paths:
        try:
            status = path.stat()
        except OSError:
            return None
        digest.update(f"\0{path.resolve()}\0{status.st_size}\0{status.st_mtime_ns}".encode())
    for text in extra:
        digest.update(f"\0{text}".encode())
    return digest.hexdigest()[:32]


def store_pickle(path: Path, value: object, dump: Callable[[object, BinaryIO], None] | None = None) -> None:
    """Pickle ``value`` to ``path`` through a temporary file and a rename; raise :class:`OSError` on failure.

    Readers in other processes see the old file or the new one, never half of one, and a
    failed write (a full disk) leaves no partial copy behind to fill it further. ``dump``
    writes ``value`` to the open file instead of :func:`pickle.dump`.
    """

    def write(handle: BinaryIO) -> None:
        if dump is not None:
            dump(value, handle)
        else:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)

    _write_atomically(path, write)


def store_pickles(path: Path, values: Iterable[object]) -> None:
    """Pickle each of ``values`` in turn to ``path`` as :func:`store_pickle` does; :func:`load_pickles` reads them.

    Each value is pickled on its own and written before the next, so a large result split
    into parts never has its whole pickle, and the pickler's memo of every object, in memory.
    """

    def write(handle: BinaryIO) -> None:
        for value in values:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)

    _write_atomically(path, write)


def _write_atomically(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Call ``write`` on a temporary file beside ``path``, then rename it to ``path`` (removed on failure)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            write(handle)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def load_pickles(handle: BinaryIO, count: int) -> Iterator[object]:
    """Yield the next ``count`` values that :func:`store_pickles` wrote to the file ``handle`` reads."""
    for _ in range(count):
        yield pickle.load(handle)
