"""Where a path stands in its repository: the repository's top folder, and paths relative to it.

Reports that tools compare across runs (SARIF for code scanning, diffs to apply) name files
relative to the repository's top (the folder with ``.git``), whatever folder tifa was run
from and however the file was named on the command line.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from tifa.reading import STDIN


def repository_root(start: str | Path) -> Path | None:
    """The nearest folder at or above ``start`` that has a ``.git`` (a folder, or a file in a worktree), if any."""
    current = Path(os.path.abspath(start))
    while True:
        if os.path.exists(current / ".git"):
            return current
        if current.parent == current:
            return None
        current = current.parent


def report_root(paths: Iterable[str]) -> Path | None:
    """The repository a report names files in: the current folder's, else the first file's."""
    found = repository_root(os.getcwd())
    for path in paths:
        if found is not None:
            break
        if path != STDIN:
            found = repository_root(os.path.dirname(os.path.abspath(path)))
    return found


def repository_path(path: str, root: Path | None) -> str | None:
    """``path`` relative to ``root`` with ``/`` separators; None outside it, for standard input or without a root."""
    if root is None or path == STDIN:
        return None
    try:
        return Path(os.path.abspath(path)).relative_to(root).as_posix()
    except ValueError:
        return None
