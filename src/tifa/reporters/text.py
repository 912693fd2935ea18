"""Human-readable output: ``path:line:col: CODE [severity] message → suggestion`` and a summary.

On a terminal the path, the code and the severity are coloured with plain ANSI escape codes
(error red, warning yellow, info blue); :func:`use_color` decides when.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from itertools import islice

from tifa.errors import display_path
from tifa.model import Applicability, Severity
from tifa.reporters import ColorChoice, in_report_order
from tifa.results import FileResult, RunResult
from tifa.text import LineIndex

_BREAKS = "\r\n\t\v\f\x85\u2028\u2029"
_ONE_LINE = str.maketrans(
    {
        "\r": "\\r",
        "\n": "\\n",
        "\t": "\\t",
        "\v": "\\v",
        "\f": "\\f",
        "\x85": "\\x85",
        "\u2028": "\\u2028",
        "\u2029": "\\u2029",
    }
)
RESET = "\x1b[0m"
BOLD = "\x1b[1m"
SEVERITY_COLORS: dict[Severity, str] = {
    Severity.ERROR: "\x1b[31m",
    Severity.WARNING: "\x1b[33m",
    Severity.INFO: "\x1b[34m",
}


def use_color(choice: ColorChoice, is_terminal: bool, environment: Mapping[str, str]) -> bool:
    """Return True when text output should be coloured.

    ``always`` and ``never`` decide alone. ``auto`` colours a terminal, except when ``NO_COLOR``
    is set to a non-empty value or ``TERM`` is ``dumb``; a non-empty ``FORCE_COLOR`` colours
    even output that is not a terminal (``NO_COLOR`` wins over it).
    """
    if choice is not ColorChoice.AUTO:
        return choice is ColorChoice.ALWAYS
    if environment.get("NO_COLOR"):
        return False
    if environment.get("FORCE_COLOR"):
        return True
    return is_terminal and environment.get("TERM") != "dumb"


def _paint(text: str, style: str, color: bool) -> str:
    return f"{style}{text}{RESET}" if color else text


def render(result: RunResult, *, color: bool = False, summary_line: bool = True, show_suppressed: bool = False) -> str:
    """Return the text report of ``result`` (without the error lines, which go to stderr).

    ``color`` adds ANSI colours; ``summary_line=False`` (``--quiet``) prints the findings only;
    ``show_suppressed`` also lists the findings that suppression comments suppressed, marked
    ``[suppressed]``.
    """
    lines = [line for file_result in result.files for line in file_lines(file_result, color, show_suppressed)]
    report = "".join(line + "\n" for line in lines)
    return report + closing_line(result, show_suppressed) if summary_line else report


def closing_line(result: RunResult, show_suppressed: bool = False) -> str:
    """The summary line, with its line break (and, with ``show_suppressed``, how many were suppressed)."""
    suppressed = sum(len(file_result.suppressed) for file_result in result.files) if show_suppressed else 0
    return (summary(result) if not suppressed else f"{summary(result)[:-1]}; {suppressed} suppressed.") + "\n"


def file_lines(file_result: FileResult, color: bool = False, show_suppressed: bool = False) -> list[str]:
    """The report lines of one file's findings (and, with ``show_suppressed``, its suppressed ones)."""
    return list(_lines_of(file_result, color, show_suppressed))


def file_report(
    file_result: FileResult, color: bool = False, show_suppressed: bool = False, *, block: int = 1000
) -> Iterator[str]:
    """The report of one file as blocks of at most ``block`` lines, each line with its line break.

    A file with many findings is printed block by block, so its report is never all in memory.
    """
    lines = _lines_of(file_result, color, show_suppressed)
    while chunk := list(islice(lines, block)):
        yield "".join(line + "\n" for line in chunk)


def _lines_of(file_result: FileResult, color: bool, show_suppressed: bool) -> Iterator[str]:
    index = LineIndex(file_result.document.text)
    path = _paint(display_path(file_result.document.path), BOLD, color)
    hidden = file_result.suppressed if show_suppressed else ()
    hidden_ids = {id(finding) for finding in hidden}
    for finding in in_report_order(file_result.findings + hidden):
        is_suppressed = id(finding) in hidden_ids
        line, column = index.position(finding.span.start)
        suggestion = f" → {one_line(finding.suggestions[0])}" if finding.suggestions else ""
        fixable = ""
        if is_suppressed:
            fixable = " [suppressed]"
        elif finding.fix is not None and finding.fix.applicability is not Applicability.DISPLAY_ONLY:
            fixable = " [*]" if finding.fix.applicability is Applicability.SAFE else " [unsafe fix]"
        severity_color = SEVERITY_COLORS[finding.severity]
        code = _paint(finding.code, BOLD + severity_color, color)
        severity = _paint(finding.severity.label, severity_color, color)
        yield f"{path}:{line}:{column}: {code} [{severity}] {one_line(finding.message)}{suggestion}{fixable}"


def one_line(text: str) -> str:
    """``text`` with its line breaks (and tabs) escaped, so that a finding stays on one line."""
    return text.translate(_ONE_LINE) if any(char in text for char in _BREAKS) else text


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
    return f"{fixed}{count} finding{'s' if count != 1 else ''} ({parts}) in {files} {file_word}{_fixable(result)}."


def _fixable(result: RunResult) -> str:
    """How many of the findings ``--fix`` would fix, and how many more ``--unsafe-fixes`` would: ``; 3 fixable ...``."""
    fixes = Counter(
        finding.fix.applicability
        for item in result.files
        for finding in item.findings
        if finding.fix is not None and finding.fix.applicability is not Applicability.DISPLAY_ONLY
    )
    safe, unsafe = fixes[Applicability.SAFE], fixes[Applicability.UNSAFE]
    if not safe:
        return f"; {unsafe} fixable with `--fix --unsafe-fixes`" if unsafe else ""
    more = f" ({unsafe} more with `--unsafe-fixes`)" if unsafe else ""
    return f"; {safe} fixable with `--fix`{more}"
