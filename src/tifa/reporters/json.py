"""Machine-readable output: a JSON array with one object per finding."""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import islice
from typing import Any

from tifa.errors import display_path
from tifa.model import Finding, Span
from tifa.reporters import in_report_order
from tifa.results import FileResult, RunResult
from tifa.rules import RULES_BY_CODE
from tifa.text import LineIndex


def _position(index: LineIndex, span: Span) -> dict[str, int]:
    line, column = index.position(span.start)
    end_line, end_column = index.position(span.end)
    return {"line": line, "column": column, "end_line": end_line, "end_column": end_column}


def finding_object(path: str, index: LineIndex, finding: Finding) -> dict[str, Any]:
    """Return the JSON object of one finding (1-based lines and code-point columns, end exclusive)."""
    rule = RULES_BY_CODE.get(finding.code)
    return {
        "path": path,
        **_position(index, finding.span),
        "code": finding.code,
        "name": rule.name if rule else None,
        "severity": finding.severity.label,
        "message": finding.message,
        "suggestions": list(finding.suggestions),
        "entry": finding.entry_id,
        "fix": None
        if finding.fix is None
        else [{**_position(index, edit.span), "content": edit.text} for edit in finding.fix.edits],
        "applicability": None if finding.fix is None else finding.fix.applicability.label,
    }


def render(result: RunResult, *, show_suppressed: bool = False) -> str:
    """Return the JSON report of ``result``.

    With ``show_suppressed`` the suppressed findings are listed too, and every object has a
    ``suppressed`` key (true or false).
    """
    return json.dumps(finding_objects(result, show_suppressed=show_suppressed), ensure_ascii=False, indent=2) + "\n"


def finding_objects(result: RunResult, *, show_suppressed: bool = False) -> list[dict[str, Any]]:
    """Return the JSON object of every finding of ``result``, file by file in report order (see :func:`render`)."""
    objects: list[dict[str, Any]] = []
    for file_result in result.files:
        index = LineIndex(file_result.document.text)
        path = display_path(file_result.document.path)
        if not show_suppressed:
            objects.extend(finding_object(path, index, finding) for finding in in_report_order(file_result.findings))
            continue
        hidden_ids = {id(finding) for finding in file_result.suppressed}
        for finding in in_report_order(file_result.findings + file_result.suppressed):
            objects.append({**finding_object(path, index, finding), "suppressed": id(finding) in hidden_ids})
    return objects


def file_object_blocks(
    file_result: FileResult, *, show_suppressed: bool = False, block: int = 1000
) -> Iterator[list[dict[str, Any]]]:
    """The objects of one file's findings (as :func:`finding_objects` gives them), at most ``block`` at a time."""
    objects = iter(finding_objects(RunResult(files=[file_result]), show_suppressed=show_suppressed))
    while chunk := list(islice(objects, block)):
        yield chunk


class StreamedArray:
    """The JSON report printed file by file as a run goes: the same text as :func:`render`, in pieces.

    An array of objects indented by 2 is each object indented by 2, its lines shifted by 2 more
    (a JSON string holds no line break), after "[" and between commas; so each file's objects
    can be printed when the file is done, and the run keeps none of them.
    """

    def __init__(self, *, show_suppressed: bool = False) -> None:
        self.show_suppressed = show_suppressed
        self.started = False

    def file_report(self, file_result: FileResult, block: int = 1000) -> Iterator[str]:
        """The text of one file's objects, in blocks of at most ``block`` objects."""
        for chunk in file_object_blocks(file_result, show_suppressed=self.show_suppressed, block=block):
            pieces = []
            for item in chunk:
                pieces.append(",\n  " if self.started else "[\n  ")
                pieces.append(json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n  "))
                self.started = True
            yield "".join(pieces)

    def closing(self) -> str:
        """The end of the array: all that is printed when no file had a finding."""
        return "\n]\n" if self.started else "[]\n"
