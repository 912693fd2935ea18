"""GitHub Actions workflow commands: one ``::error``, ``::warning`` or ``::notice`` line per finding.

GitHub shows each line as an annotation on the file and line in the pull request. Lines and
columns are 1-based, columns count Unicode code points and ``endColumn`` is the column after
the finding, as in the other formats.
"""

from __future__ import annotations

from tifa.errors import display_path
from tifa.model import Finding, Severity
from tifa.reporters import in_report_order
from tifa.repository import report_root, repository_path
from tifa.results import RunResult
from tifa.text import LineIndex

COMMANDS: dict[Severity, str] = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a workflow command's message: ``%``, carriage return and line feed."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value: as a message, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command_line(path: str, index: LineIndex, finding: Finding) -> str:
    """Return the workflow command that annotates ``finding`` in file ``path``."""
    line, column = index.position(finding.span.start)
    end_line, end_column = index.position(finding.span.end)
    properties = {
        "file": path,
        "line": str(line),
        "col": str(column),
        "endLine": str(end_line),
        "endColumn": str(end_column),
        "title": finding.code,
    }
    parameters = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    suggestion = f" → {finding.suggestions[0]}" if finding.suggestions else ""
    return f"::{COMMANDS[finding.severity]} {parameters}::{escape_data(finding.message + suggestion)}"


def render(result: RunResult) -> str:
    """Return the workflow commands for every finding of ``result`` (empty when there are none)."""
    lines: list[str] = []
    # GitHub places an annotation by the file's path from the repository's top.
    root = report_root(file_result.document.path for file_result in result.files)
    for file_result in result.files:
        index = LineIndex(file_result.document.text)
        name = file_result.document.path
        path = display_path(repository_path(name, root) or name)
        lines.extend(command_line(path, index, finding) for finding in in_report_order(file_result.findings))
    return "".join(line + "\n" for line in lines)
