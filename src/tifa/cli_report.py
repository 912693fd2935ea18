"""How ``tifa check`` prints a run: where the report goes, the report as files are done, the closing parts."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from tifa.errors import ExitCode, UsageError, display_path
from tifa.glossary.compile import CompiledGlossary
from tifa.model import Severity
from tifa.progress import ProgressBar
from tifa.reporters import ColorChoice, OutputFormat, file_at_or_above
from tifa.reporters import text as text_reporter
from tifa.reporters.live import LiveReport
from tifa.results import FileResult, RunResult

# Formats that must stay parseable: their statistics go to standard error.
_MACHINE_READABLE = (OutputFormat.JSON, OutputFormat.JSONL, OutputFormat.SARIF, OutputFormat.HTML)


@dataclass(frozen=True)
class ReportOptions:
    """How ``tifa check`` prints a run's result."""

    output_format: OutputFormat
    color: ColorChoice
    quiet: bool
    show_suppressed: bool
    statistics: bool
    minimum: Severity = Severity.INFO
    glossary: CompiledGlossary | None = None  # for the reporters that show glossary entries


@contextlib.contextmanager
def report_stream(output_file: Path | None, *, fixed_text_to_stdout: bool) -> Iterator[TextIO]:
    """Where the report goes: ``--output-file``, else standard error when the fixed text takes standard output.

    The file is opened (and truncated) before the run, so a path that cannot be written stops
    the run at once with a :class:`UsageError`.
    """
    if output_file is None:
        yield sys.stderr if fixed_text_to_stdout else sys.stdout
        return
    try:
        stream = open(output_file, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed below
    except OSError as error:
        raise UsageError(
            f"cannot write the report: {error.strerror or error}", display_path(str(output_file))
        ) from None
    with stream:
        yield stream


def live_report(report: ReportOptions, stream: TextIO, *, streamed: bool) -> LiveReport:
    """The progress bar, and with ``streamed`` text, JSON or JSON Lines output each file's findings as it is done."""
    if not streamed or report.output_format not in _STREAMED:
        return LiveReport(ProgressBar.for_terminal(), stream)
    colored = text_reporter.use_color(report.color, stream.isatty(), os.environ)
    if report.output_format is OutputFormat.JSON:
        from tifa.reporters import json  # as _machine_report imports it: only for a run that prints it

        array = json.StreamedArray(show_suppressed=report.show_suppressed)
        return LiveReport(
            ProgressBar.for_terminal(), stream, lambda done: array.file_report(_shown(done, report)), array.closing
        )

    def printer(file_result: FileResult) -> Iterator[str]:
        shown = _shown(file_result, report)
        if report.output_format is OutputFormat.JSONL:
            from tifa.reporters import jsonl

            return jsonl.file_report(shown, show_suppressed=report.show_suppressed)
        return text_reporter.file_report(shown, colored, report.show_suppressed)

    return LiveReport(ProgressBar.for_terminal(), stream, printer)


_STREAMED = (OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.JSONL)


def _shown(file_result: FileResult, report: ReportOptions) -> FileResult:
    return file_at_or_above(file_result, report.minimum)


def print_diff(result: RunResult, report: ReportOptions, stream: TextIO) -> None:
    """Print what --fix would change as a unified diff (coloured, changed words marked, on a terminal)."""
    from tifa.reporters import diff as diff_reporter

    colored = text_reporter.use_color(report.color, stream.isatty(), os.environ)
    stream.write(diff_reporter.render(result, color=colored))


def print_report(
    result: RunResult,
    report: ReportOptions,
    stream: TextIO,
    *,
    streamed: bool,
    fixed_text_to_stdout: bool,
    closing: str = "",
) -> None:
    """Print the report (only what is left, ``closing``, when ``streamed`` printed the findings) and the statistics."""
    if report.output_format is OutputFormat.TEXT:
        if streamed:
            text = "" if report.quiet else text_reporter.closing_line(result, report.show_suppressed)
        else:
            colored = text_reporter.use_color(report.color, stream.isatty(), os.environ)
            text = text_reporter.render(
                result, color=colored, summary_line=not report.quiet, show_suppressed=report.show_suppressed
            )
    elif streamed and report.output_format in _STREAMED:
        text = closing  # every finding is printed already
    else:
        text = _machine_report(result, report)
    if fixed_text_to_stdout:
        sys.stdout.write(result.files[0].document.text if result.files else "")
    stream.write(text)
    if report.statistics:
        from tifa.reporters import statistics as statistics_reporter

        machine_readable = report.output_format in _MACHINE_READABLE
        (sys.stderr if machine_readable else stream).write(statistics_reporter.render(result))


def _machine_report(result: RunResult, report: ReportOptions) -> str:
    """The report in a format other than text.

    Each reporter is imported only when a run prints with it: the HTML reporter alone costs
    more start-up than checking a small file.
    """
    show = report.show_suppressed
    if report.output_format is OutputFormat.HTML:
        from tifa.reporters import html

        # The HTML report also shows each finding's glossary entry, so it takes the run's glossary.
        return html.render(result, report.glossary, show_suppressed=show)
    if report.output_format is OutputFormat.GITHUB:
        from tifa.reporters import github

        return github.render(result)
    if report.output_format is OutputFormat.SARIF:
        from tifa.reporters import sarif

        return sarif.render(result, show_suppressed=show)
    if report.output_format is OutputFormat.JSONL:
        from tifa.reporters import jsonl

        return jsonl.render(result, show_suppressed=show)
    from tifa.reporters import json

    return json.render(result, show_suppressed=show)


def exit_code(result: RunResult, *, changed: bool = False, exit_zero: bool = False) -> ExitCode:
    """The exit status of a run: 2 on errors, else 1 when anything was found (or changed), unless ``exit_zero``."""
    if result.errors:
        return ExitCode.ERROR
    if exit_zero:
        return ExitCode.OK
    return ExitCode.FINDINGS if result.findings_count or changed else ExitCode.OK
