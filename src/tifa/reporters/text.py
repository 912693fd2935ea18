"""Human-readable output: ``path:line:col: CODE [severity] message → suggestion`` and a summary."""

from __future__ import annotations

from collections import Counter

from tifa.model import Applicability
from tifa.run import RunResult
from tifa.text import LineIndex


def render(result: RunResult) -> str:
    """Return the text report of ``result`` (without the error lines, which go to stderr)."""
    lines = []
    for file_result in result.files:
        index = LineIndex(file_result.document.text)
        for finding in file_result.findings:
            line, column = index.position(finding.span.start)
            suggestion = f" → {finding.suggestions[0]}" if finding.suggestions else ""
            fixable = ""
            if finding.fix is not None and finding.fix.applicability is not Applicability.DISPLAY_ONLY:
                fixable = " [*]" if finding.fix.applicability is Applicability.SAFE else " [unsafe fix]"
            lines.append(
                f"{file_result.document.path}:{line}:{column}: {finding.code} [{finding.severity.label}] "
                f"{finding.message}{suggestion}{fixable}"
            )
    lines.append(summary(result))
    return "\n".join(lines) + "\n"


def summary(result: RunResult) -> str:
    """Return the closing line: how many findings of each severity in how many files."""
    count = result.findings_count
    files = len(result.files)
    file_word = "file" if files == 1 else "files"
    fixed = ""
    if result.fixed_count:
        fixed = f"Fixed {result.fixed_count} finding{'s' if result.fixed_count != 1 else ''}; "
        fixed += "remaining: " if count else "0 remaining "
    if not count:
        return f"{fixed}0 findings in {files} {file_word}." if not fixed else f"{fixed}in {files} {file_word}."
    severities = Counter(finding.severity for item in result.files for finding in item.findings)
    parts = ", ".join(
        f"{number} {severity.label}{'s' if number != 1 else ''}"
        for severity, number in sorted(severities.items(), reverse=True)
    )
    return f"{fixed}{count} finding{'s' if count != 1 else ''} ({parts}) in {files} {file_word}."
