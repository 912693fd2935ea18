"""A unified diff of what ``--fix`` would change, for ``--diff``."""

from __future__ import annotations

import difflib
import os

from tifa.errors import display_path
from tifa.repository import repository_path, repository_root
from tifa.results import RunResult


def render(result: RunResult) -> str:
    """Return the unified diff of every file that fixing would change (empty when none would).

    Inside a git repository files are named relative to its top folder, so that the diff
    applies there (``git apply -p0``, ``patch -p0``) however tifa was called.
    """
    chunks: list[str] = []
    root = repository_root(os.getcwd())
    for file_result in result.files:
        if file_result.original_text is None:
            continue
        name = file_result.document.path
        path = display_path(repository_path(name, root) or name)
        chunks.extend(
            difflib.unified_diff(
                file_result.original_text.splitlines(keepends=True),
                file_result.document.text.splitlines(keepends=True),
                fromfile=path,
                tofile=path,
            )
        )
    text = "".join(chunks)
    return text if not text or text.endswith("\n") else text + "\n"
