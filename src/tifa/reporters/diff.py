"""A unified diff of what ``--fix`` would change, for ``--diff``."""

from __future__ import annotations

import difflib

from tifa.errors import display_path
from tifa.results import RunResult


def render(result: RunResult) -> str:
    """Return the unified diff of every file that fixing would change (empty when none would)."""
    chunks: list[str] = []
    for file_result in result.files:
        if file_result.original_text is None:
            continue
        path = display_path(file_result.document.path)
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
