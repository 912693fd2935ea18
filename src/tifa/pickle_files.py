"""Pickled cache files written whole or not at all, shared by the glossary cache and the result cache."""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def store_pickle(path: Path, value: object, dump: Callable[[object, BinaryIO], None] | None = None) -> None:
    """Pickle ``value`` to ``path`` through a temporary file and a rename; raise :class:`OSError` on failure.

    Readers in other processes see the old file or the new one, never half of one, and a
    failed write (a full disk) leaves no partial copy behind to fill it further. ``dump``
    writes ``value`` to the open file instead of :func:`pickle.dump`.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            if dump is not None:
                dump(value, handle)
            else:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
