"""JSON Lines output: one finding per line, the same object as in ``--format json``.

A stream of lines suits pipelines (``jq -c``, ``split``, loading into a table) and large runs:
each line stands alone, so output can be appended to and read line by line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from tifa.reporters.json import file_object_blocks, finding_objects
from tifa.results import FileResult, RunResult


def lines(objects: Iterable[dict[str, Any]]) -> str:
    """Return each object as one line of compact JSON (UTF-8, not ASCII-escaped)."""
    return "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in objects)


def render(result: RunResult, *, show_suppressed: bool = False) -> str:
    """Return the JSON Lines report of ``result`` (empty when there is no finding)."""
    return lines(finding_objects(result, show_suppressed=show_suppressed))


def file_report(file_result: FileResult, *, show_suppressed: bool = False, block: int = 1000) -> Iterator[str]:
    """The lines of one file's findings, in blocks of at most ``block`` lines (what :func:`render` gives for it)."""
    for chunk in file_object_blocks(file_result, show_suppressed=show_suppressed, block=block):
        yield lines(chunk)
