"""Finding the files a run checks: named files as given, directories searched recursively."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from tifa.errors import InputError
from tifa.formats import SUFFIXES

# The suffixes of every format tifa reads.
DEFAULT_SUFFIXES = tuple(SUFFIXES)
STDIN = "-"


def collect_files(paths: Iterable[str], suffixes: Iterable[str] = DEFAULT_SUFFIXES) -> Iterator[str | InputError]:
    """Yield each file to check (as a path string), or an :class:`InputError` for a missing path.

    A named file is checked whatever its suffix; a directory contributes the files with one of
    ``suffixes`` below it, skipping hidden folders, in sorted order.
    """
    wanted = tuple(suffix.lower() for suffix in suffixes)
    for name in paths:
        if name == STDIN:
            yield STDIN
            continue
        path = Path(name)
        if path.is_dir():
            yield from _walk(path, wanted)
        elif path.exists():
            yield name
        else:
            yield InputError("no such file or directory", name)


def _walk(root: Path, suffixes: tuple[str, ...]) -> Iterator[str]:
    for directory, subdirectories, filenames in os.walk(root):
        subdirectories[:] = sorted(sub for sub in subdirectories if not sub.startswith("."))
        for filename in sorted(filenames):
            if filename.lower().endswith(suffixes) and not filename.startswith("."):
                yield os.path.join(directory, filename)
