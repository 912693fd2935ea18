"""Reporters turn a run's findings into text for people or data for tools."""

from __future__ import annotations

from dataclasses import replace
from enum import Enum

from tifa.model import Finding, Severity
from tifa.results import FileResult, RunResult


class OutputFormat(str, Enum):
    """The output formats of ``tifa check``."""

    TEXT = "text"
    JSON = "json"
    JSONL = "jsonl"
    SARIF = "sarif"
    GITHUB = "github"
    HTML = "html"


class ColorChoice(str, Enum):
    """When text output is coloured: ``auto`` colours a terminal unless ``NO_COLOR`` is set."""

    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


def in_report_order(findings: tuple[Finding, ...]) -> list[Finding]:
    """Return ``findings`` sorted by position, then code (the order every reporter prints)."""
    return sorted(findings, key=lambda finding: (finding.span.start, finding.span.end, finding.code))


def at_or_above(result: RunResult, minimum: Severity) -> RunResult:
    """Return ``result`` keeping only the findings of severity ``minimum`` or worse (``--min-severity``)."""
    if minimum is Severity.INFO:
        return result
    files = [file_at_or_above(file_result, minimum) for file_result in result.files]
    return RunResult(files=files, errors=list(result.errors))


def file_at_or_above(file_result: FileResult, minimum: Severity) -> FileResult:
    """Return ``file_result`` keeping only the findings of severity ``minimum`` or worse."""
    if minimum is Severity.INFO:
        return file_result
    return replace(
        file_result,
        findings=tuple(f for f in file_result.findings if f.severity >= minimum),
        suppressed=tuple(f for f in file_result.suppressed if f.severity >= minimum),
    )
