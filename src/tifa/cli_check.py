"""The ``tifa check`` command: its options, the settings it builds from them, and how it reports."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn, Optional, TextIO

import typer

from tifa.cli_report import ReportOptions, exit_code, live_report, print_diff, print_report, report_stream
from tifa.cli_shared import (
    ConfigFileOption,
    DisableOption,
    EncodingOption,
    GlossaryOption,
    IsolatedOption,
    MaxFileSizeOption,
    configured_glossary,
    fail,
    max_file_size_limit,
    reader_options,
    result_cache,
)
from tifa.config import Configuration, resolve_configuration
from tifa.errors import ExitCode, TifaError, UsageError, display_path
from tifa.files import STDIN
from tifa.formats import InputFormat
from tifa.glossary.compile import CompiledGlossary
from tifa.model import Applicability, Severity
from tifa.reporters import ColorChoice, OutputFormat, at_or_above
from tifa.results import RunResult
from tifa.run import check_paths, files_to_check
from tifa.selection import RuleSelection
from tifa.settings import CheckSettings, FixMode


class MinSeverity(str, Enum):
    """The values of ``--min-severity``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


CHECK_EXAMPLES = """Examples:

\b
  tifa check report.txt docs/                      # report findings, exit 1 if any
  tifa check --fix --unsafe-fixes translation.md   # fix what can be fixed, report the rest
  tifa check --format sarif docs/ > tifa.sarif     # for code scanning (also: json, jsonl, github)
  tifa check --format html docs/ > report.html     # a report to open in a browser
  tifa check --min-severity error --statistics -q docs/
"""

PathsArgument = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Argument(
        help="Files or directories to check; '-' reads standard input [default: the current folder].",
        show_default=False,
    ),
]
SelectOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(help="Rule codes, names or prefixes to enable (comma-separated; default: all)."),
]
IgnoreOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(help="Rule codes, names or prefixes to disable (comma-separated)."),
]
OutputFormatOption = Annotated[OutputFormat, typer.Option("--format", help="Output format.")]
InputFormatOption = Annotated[
    Optional[InputFormat],  # noqa: UP045
    typer.Option("--input-format", help="Read every file as this format instead of by suffix."),
]
FixOption = Annotated[bool, typer.Option("--fix", help="Apply safe fixes to the files, then report what remains.")]
UnsafeFixesOption = Annotated[
    Optional[bool],  # noqa: UP045
    typer.Option(
        "--unsafe-fixes/--no-unsafe-fixes",
        help="With --fix or --diff, also apply fixes that need a human look (default: from the configuration).",
        show_default=False,
    ),
]
DiffOption = Annotated[
    bool, typer.Option("--diff", help="Print a unified diff of what --fix would change; write nothing.")
]
ExitNonZeroOnFixOption = Annotated[
    bool, typer.Option("--exit-non-zero-on-fix", help="With --fix, exit 1 when anything was fixed (for hooks).")
]
StatisticsOption = Annotated[
    bool, typer.Option("--statistics", help="After the report, count the findings of each rule.")
]
ExitZeroOption = Annotated[
    bool, typer.Option("--exit-zero", help="Exit 0 even when there are findings (still 2 on errors).")
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="Text format: print the findings only, without the summary line.")
]
MinSeverityOption = Annotated[
    Optional[MinSeverity],  # noqa: UP045
    typer.Option("--min-severity", help="Report only findings of this severity or worse [default: info]."),
]
ColorOption = Annotated[
    ColorChoice,
    typer.Option("--color", help="Colour text output: auto (a terminal, unless NO_COLOR is set), always, never."),
]
IncludeFuzzyOption = Annotated[
    Optional[bool],  # noqa: UP045
    typer.Option(
        "--include-fuzzy/--no-include-fuzzy", help="PO files: also check entries marked fuzzy.", show_default=False
    ),
]
SourceColumnOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(help="TSV/CSV files: the source column, by header name or 1-based number."),
]
TargetColumnOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(help="TSV/CSV files: the target (translation) column, by header name or 1-based number."),
]
NoCacheOption = Annotated[
    bool,
    typer.Option("--no-cache", help="Compile the glossary and check every file afresh, without the user cache."),
]
JobsOption = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        help="Check files in this many processes (default: one per CPU when there is over 1 MB to check).",
    ),
]
ForceExcludeOption = Annotated[
    Optional[bool],  # noqa: UP045
    typer.Option(
        "--force-exclude/--no-force-exclude",
        help="Also skip files named on the command line that the configuration excludes (for hooks, which name "
        "every file) [default: from the configuration].",
        show_default=False,
    ),
]
OutputFileOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--output-file", "-o", help="Write the report to this file instead of standard output.", dir_okay=False
    ),
]
StdinFilenameOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--stdin-filename",
        metavar="PATH",
        help="The name of the file standard input holds: its format, configuration, per-file ignores and "
        "report name come from it.",
    ),
]
ShowFilesOption = Annotated[
    bool, typer.Option("--show-files", help="List the files that would be checked, one a line, and exit.")
]
ShowSuppressedOption = Annotated[
    bool, typer.Option("--show-suppressed", help="Also list the findings that tifa: ignore comments suppress.")
]
DaskOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--dask",
        metavar="SCHEDULER",
        help="Check the files on a Dask cluster: a scheduler address (tcp://host:8786), or 'local' for a local "
        "cluster of --jobs worker processes. Needs tifa-lint[dask].",
        show_default=False,
    ),
]
ReportUnusedSuppressionsOption = Annotated[
    bool,
    typer.Option("--report-unused-suppressions", help="Report suppression comments that suppress nothing (TF901)."),
]


def check(
    paths: PathsArgument = None,
    *,
    glossary: GlossaryOption = None,
    disable: DisableOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    output_format: OutputFormatOption = OutputFormat.TEXT,
    input_format: InputFormatOption = None,
    fix: FixOption = False,
    unsafe_fixes: UnsafeFixesOption = None,
    diff: DiffOption = False,
    exit_non_zero_on_fix: ExitNonZeroOnFixOption = False,
    statistics: StatisticsOption = False,
    exit_zero: ExitZeroOption = False,
    quiet: QuietOption = False,
    min_severity: MinSeverityOption = None,
    color: ColorOption = ColorChoice.AUTO,
    include_fuzzy: IncludeFuzzyOption = None,
    source_column: SourceColumnOption = None,
    target_column: TargetColumnOption = None,
    no_cache: NoCacheOption = False,
    config_file: ConfigFileOption = None,
    isolated: IsolatedOption = False,
    force_exclude: ForceExcludeOption = None,
    jobs: JobsOption = None,
    show_files: ShowFilesOption = False,
    show_suppressed: ShowSuppressedOption = False,
    report_unused_suppressions: ReportUnusedSuppressionsOption = False,
    max_file_size: MaxFileSizeOption = None,
    output_file: OutputFileOption = None,
    stdin_filename: StdinFilenameOption = None,
    encoding: EncodingOption = None,
    dask: DaskOption = None,
) -> None:
    """Check files and report renderings that differ from the glossary's standard ones.

    Exit status: 0 no findings, 1 findings (or, with --diff, something to fix), 2 an input,
    glossary or usage error.
    """
    paths = paths or ([STDIN] if stdin_filename else ["."])
    try:
        _check_fix_flags(fix=fix, diff=diff, unsafe_fixes=unsafe_fixes, output_format=output_format)
        named = [stdin_filename if path == STDIN and stdin_filename else path for path in paths]
        config = resolve_configuration(named, config_file, isolated=isolated)
        if force_exclude is not None:
            config = dataclasses.replace(config, force_exclude=force_exclude)
        size_limit = max_file_size_limit(config, max_file_size)
        if show_files:
            _show_files(paths, CheckSettings(config=config))
        selection = _selection(config, select, ignore)
        compiled = configured_glossary(config, glossary, use_cache=not no_cache, disable=disable or ())
        fix_mode = _fix_mode(config, fix=fix, diff=diff, unsafe_fixes=unsafe_fixes)
        options = reader_options(config, include_fuzzy, source_column, target_column, encoding)
        cache = None if no_cache else result_cache(config, glossary, disable or ())
        settings = CheckSettings(
            selection,
            input_format,
            fix_mode,
            options,
            config,
            report_unused_suppressions,
            jobs,
            size_limit,
            cache,
            stdin_filename,
        )
        minimum = Severity.parse(min_severity.value) if min_severity is not None else config.min_severity
        report = ReportOptions(
            output_format, color, quiet, show_suppressed, statistics, minimum or Severity.INFO, compiled
        )
        # Editor integration: with --fix on standard input the fixed text goes to standard output, the report to stderr.
        fixed_text_to_stdout = fix and paths == [STDIN]
        on_dask = None
        if dask is not None:
            glossary_files = [*config.glossary, *(glossary or [])]
            on_dask = _dask_runner(dask, glossary_files, settings, use_cache=not no_cache)
        with report_stream(output_file, fixed_text_to_stdout=fixed_text_to_stdout) as stream:
            result = _run_and_report(paths, compiled, settings, report, stream, diff=diff, on_dask=on_dask)
    except TifaError as error:
        fail([error])
        raise typer.Exit(ExitCode.ERROR) from None
    fail(result.errors)
    changed = (exit_non_zero_on_fix or diff) and bool(result.fixed_count)
    raise typer.Exit(exit_code(result, changed=changed, exit_zero=exit_zero))


def _dask_runner(
    address: str, glossary_files: list[Path], settings: CheckSettings, *, use_cache: bool
) -> Callable[[list[str]], RunResult]:
    """A function checking paths on the Dask cluster at ``address``; workers load the glossary from their caches."""
    try:
        from tifa.api import GlossarySource
        from tifa.dask.cluster import check_paths_on_dask
    except ImportError as error:
        raise UsageError(f"--dask needs the dask extra: pip install 'tifa-lint[dask]' ({error})") from None
    assert settings.config is not None
    source = GlossarySource.of(glossary_files, settings.config.disable, use_cache=use_cache)
    return lambda paths: check_paths_on_dask(paths, source, settings, address)


def _run_and_report(
    paths: list[str],
    compiled: CompiledGlossary,
    settings: CheckSettings,
    report: ReportOptions,
    stream: TextIO,
    *,
    diff: bool,
    on_dask: Callable[[list[str]], RunResult] | None = None,
) -> RunResult:
    """Check ``paths`` (here or on Dask), printing the report to ``stream`` (text file by file, as files are done)."""
    fixed_text_to_stdout = settings.fix is not None and settings.fix.write and paths == [STDIN]
    streamed = not diff and not fixed_text_to_stdout and on_dask is None
    live = live_report(report, stream, streamed=streamed)
    try:
        if on_dask is None:
            result = check_paths(paths, compiled, settings, live, counts_only=live.prints_files)
        else:
            result = on_dask(paths)
    finally:
        live.close()
    if diff:
        print_diff(result, report, stream)
        return result
    shown = at_or_above(result, report.minimum)
    print_report(
        shown,
        report,
        stream,
        streamed=live.prints_files,
        fixed_text_to_stdout=fixed_text_to_stdout,
        closing=live.closing(),
    )
    return shown


def _show_files(paths: list[str], settings: CheckSettings) -> NoReturn:
    """Print the files a run over ``paths`` would check, and exit (2 when a path cannot be used)."""
    errors: list[TifaError] = []
    for item in files_to_check(paths, settings):
        if isinstance(item, TifaError):
            errors.append(item)
        else:
            typer.echo(display_path(item))
    fail(errors)
    raise typer.Exit(ExitCode.ERROR if errors else ExitCode.OK)


def _check_fix_flags(*, fix: bool, diff: bool, unsafe_fixes: bool | None, output_format: OutputFormat) -> None:
    """Raise :class:`UsageError` for fix and output options that do not go together."""
    if diff and output_format is not OutputFormat.TEXT:
        raise UsageError(f"--diff prints a unified diff: it cannot be given with --format {output_format.value}")
    if unsafe_fixes and not (fix or diff):
        raise UsageError("--unsafe-fixes works with --fix or --diff")
    if fix and diff:
        raise UsageError("use either --fix or --diff, not both")


def _fix_mode(config: Configuration, *, fix: bool, diff: bool, unsafe_fixes: bool | None) -> FixMode | None:
    """How the run fixes: None unless --fix or --diff; --unsafe-fixes falls back to the configuration."""
    if not (fix or diff):
        return None
    use_unsafe_fixes = unsafe_fixes if unsafe_fixes is not None else bool(config.unsafe_fixes)
    return FixMode(Applicability.UNSAFE if use_unsafe_fixes else Applicability.SAFE, write=fix)


def _selection(config: Configuration, select: list[str] | None, ignore: list[str] | None) -> RuleSelection:
    """The rule selection: ``--select`` replaces the file's select and ignore lists, ``--ignore`` its ignore list."""
    if select is not None:
        return RuleSelection.from_options(select, ignore or ())
    return RuleSelection.from_options(config.select or (), ignore if ignore is not None else config.ignore or ())
