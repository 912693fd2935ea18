"""The ``tifa`` command: parse options, wire the stages together, map errors to exit codes."""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer

from tifa import __version__
from tifa import consistency as consistency_report
from tifa.cli_glossary import glossary_app
from tifa.config import Configuration, resolve_configuration
from tifa.errors import ExitCode, TifaError, UnknownDisabledEntryError, UsageError
from tifa.explain import explain as explain_rule
from tifa.files import STDIN
from tifa.formats import InputFormat, ReaderOptions, TableOptions
from tifa.glossary.cache import collector_paused, default_cache_dir, load_compiled_glossary
from tifa.glossary.compile import CompiledGlossary
from tifa.model import Applicability, Severity
from tifa.reporters import ColorChoice, OutputFormat, at_or_above
from tifa.reporters import diff as diff_reporter
from tifa.reporters import github as github_reporter
from tifa.reporters import json as json_reporter
from tifa.reporters import sarif as sarif_reporter
from tifa.reporters import statistics as statistics_reporter
from tifa.reporters import text as text_reporter
from tifa.results import RunResult
from tifa.rules import ALL_RULES
from tifa.run import check_paths, read_documents
from tifa.selection import RuleSelection
from tifa.settings import CheckSettings, FixMode

app = typer.Typer(
    name="tifa",
    help="Lint and fix English translations of Chinese political texts against a glossary of standard renderings.",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
app.add_typer(glossary_app, name="glossary", help="Search, show, validate, export and import the glossary.")

ConfigFileOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--config", help="Use this configuration file (no discovery).", dir_okay=False),
]
IsolatedOption = Annotated[bool, typer.Option("--isolated", help="Ignore all configuration files.")]
GlossaryOption = Annotated[
    Optional[list[Path]],  # noqa: UP045 - typer needs Optional here
    typer.Option(
        "--glossary",
        "-g",
        help="An extra glossary YAML file (repeatable); its entries override shipped ones with the same id.",
        dir_okay=False,
    ),
]


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"tifa {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool,
        typer.Option("--version", help="Show the version and exit.", callback=_version_callback, is_eager=True),
    ] = False,
) -> None:
    """tifa checks translations against the standard English renderings of Party and state terminology."""


def _fail(errors: list[TifaError]) -> None:
    for error in errors:
        typer.echo(f"tifa: {error}", err=True)


def compile_glossary(
    extra: list[Path] | None, *, config: Configuration | None = None, use_cache: bool = True
) -> CompiledGlossary:
    """Load the shipped glossary plus ``extra`` files, minus the entries ``config`` disables; exit 2 on any error."""
    cache_dir = default_cache_dir() if use_cache else None
    disabled = config.disable if config is not None else ()
    with collector_paused():
        compiled, errors = load_compiled_glossary(extra or [], disabled, cache_dir=cache_dir)
        # The glossary lives as long as the command. Freezing it before the collector runs again
        # keeps the collector from walking its millions of objects while the files are checked.
        gc.freeze()
    if compiled is None:
        for error in errors:
            if isinstance(error, UnknownDisabledEntryError) and config is not None and config.path is not None:
                error.path, error.line = str(config.path), config.disable_line
        _fail(list(errors))
        raise typer.Exit(ExitCode.ERROR)
    return compiled


def _configured_glossary(
    config: Configuration, glossary: list[Path] | None, *, use_cache: bool = True
) -> CompiledGlossary:
    """The glossary a command uses: shipped, plus the configuration's files and ``--glossary``, minus ``disable``."""
    return compile_glossary(_unique_paths([*config.glossary, *(glossary or [])]), config=config, use_cache=use_cache)


class MinSeverity(str, Enum):
    """The values of ``--min-severity``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


# Each machine format's reporter; the second argument is --show-suppressed.
MACHINE_REPORTERS: dict[OutputFormat, Callable[[RunResult, bool], str]] = {
    OutputFormat.JSON: lambda result, show: json_reporter.render(result, show_suppressed=show),
    OutputFormat.SARIF: lambda result, show: sarif_reporter.render(result, show_suppressed=show),
    OutputFormat.GITHUB: lambda result, show: github_reporter.render(result),
}
CHECK_EXAMPLES = """Examples:

\b
  tifa check report.txt docs/                      # report findings, exit 1 if any
  tifa check --fix --unsafe-fixes translation.md   # fix what can be fixed, report the rest
  tifa check --format sarif docs/ > tifa.sarif     # for code scanning (also: json, github)
  tifa check --min-severity error --statistics -q docs/
"""


@app.command(epilog=CHECK_EXAMPLES)
def check(
    paths: Annotated[list[str], typer.Argument(help="Files or directories to check; '-' reads standard input.")],
    *,
    glossary: GlossaryOption = None,
    select: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(help="Rule codes, names or prefixes to enable (comma-separated; default: all)."),
    ] = None,
    ignore: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(help="Rule codes, names or prefixes to disable (comma-separated)."),
    ] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", help="Output format.")] = OutputFormat.TEXT,
    input_format: Annotated[
        Optional[InputFormat],  # noqa: UP045
        typer.Option("--input-format", help="Read every file as this format instead of by suffix."),
    ] = None,
    fix: Annotated[
        bool, typer.Option("--fix", help="Apply safe fixes to the files, then report what remains.")
    ] = False,
    unsafe_fixes: Annotated[
        Optional[bool],  # noqa: UP045
        typer.Option(
            "--unsafe-fixes/--no-unsafe-fixes",
            help="With --fix or --diff, also apply fixes that need a human look (default: from the configuration).",
            show_default=False,
        ),
    ] = None,
    diff: Annotated[
        bool, typer.Option("--diff", help="Print a unified diff of what --fix would change; write nothing.")
    ] = False,
    exit_non_zero_on_fix: Annotated[
        bool, typer.Option("--exit-non-zero-on-fix", help="With --fix, exit 1 when anything was fixed (for hooks).")
    ] = False,
    statistics: Annotated[
        bool, typer.Option("--statistics", help="After the report, count the findings of each rule.")
    ] = False,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even when there are findings (still 2 on errors).")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Text format: print the findings only, without the summary line.")
    ] = False,
    min_severity: Annotated[
        Optional[MinSeverity],  # noqa: UP045
        typer.Option("--min-severity", help="Report only findings of this severity or worse [default: info]."),
    ] = None,
    color: Annotated[
        ColorChoice,
        typer.Option("--color", help="Colour text output: auto (a terminal, unless NO_COLOR is set), always, never."),
    ] = ColorChoice.AUTO,
    include_fuzzy: Annotated[
        Optional[bool],  # noqa: UP045
        typer.Option(
            "--include-fuzzy/--no-include-fuzzy", help="PO files: also check entries marked fuzzy.", show_default=False
        ),
    ] = None,
    source_column: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="TSV/CSV files: the source column, by header name or 1-based number."),
    ] = None,
    target_column: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="TSV/CSV files: the target (translation) column, by header name or 1-based number."),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Compile the glossary afresh instead of using the cache.")
    ] = False,
    config_file: ConfigFileOption = None,
    isolated: IsolatedOption = False,
    jobs: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Check files in this many processes (default: one per CPU when there is over 1 MB to check).",
        ),
    ] = None,
    show_suppressed: Annotated[
        bool, typer.Option("--show-suppressed", help="Also list the findings that tifa: ignore comments suppress.")
    ] = False,
    report_unused_suppressions: Annotated[
        bool,
        typer.Option("--report-unused-suppressions", help="Report suppression comments that suppress nothing (TF901)."),
    ] = False,
) -> None:
    """Check files and report renderings that differ from the glossary's standard ones.

    Exit status: 0 no findings, 1 findings (or, with --diff, something to fix), 2 an input,
    glossary or usage error.
    """
    try:
        if unsafe_fixes and not (fix or diff):
            raise UsageError("--unsafe-fixes works with --fix or --diff")
        if fix and diff:
            raise UsageError("use either --fix or --diff, not both")
        config = resolve_configuration(paths, config_file, isolated=isolated)
        selection = _selection(config, select, ignore)
        compiled = _configured_glossary(config, glossary, use_cache=not no_cache)
        use_unsafe_fixes = unsafe_fixes if unsafe_fixes is not None else bool(config.unsafe_fixes)
        threshold = Applicability.UNSAFE if use_unsafe_fixes else Applicability.SAFE
        fix_mode = FixMode(threshold, write=fix) if (fix or diff) else None
        options = _reader_options(config, include_fuzzy, source_column, target_column)
        settings = CheckSettings(selection, input_format, fix_mode, options, config, report_unused_suppressions, jobs)
        result = check_paths(paths, compiled, settings)
    except TifaError as error:
        _fail([error])
        raise typer.Exit(ExitCode.ERROR) from None
    if diff:
        sys.stdout.write(diff_reporter.render(result))
        _fail(result.errors)
        raise typer.Exit(_exit_code(result, changed=bool(result.fixed_count), exit_zero=exit_zero))
    minimum = Severity.parse(min_severity.value) if min_severity is not None else config.min_severity
    result = at_or_above(result, minimum or Severity.INFO)
    # Editor integration: with --fix on standard input the fixed text goes to standard output, the report to stderr.
    report_stream = sys.stderr if fix and paths == [STDIN] else sys.stdout
    if output_format is OutputFormat.TEXT:
        colored = text_reporter.use_color(color, report_stream.isatty(), os.environ)
        report = text_reporter.render(result, color=colored, summary_line=not quiet, show_suppressed=show_suppressed)
    else:
        report = MACHINE_REPORTERS[output_format](result, show_suppressed)
    if report_stream is sys.stderr:
        sys.stdout.write(result.files[0].document.text if result.files else "")
    report_stream.write(report)
    if statistics:
        # JSON and SARIF must stay parseable: their statistics go to standard error.
        machine_readable = output_format in (OutputFormat.JSON, OutputFormat.SARIF)
        (sys.stderr if machine_readable else report_stream).write(statistics_reporter.render(result))
    _fail(result.errors)
    changed = exit_non_zero_on_fix and bool(result.fixed_count)
    raise typer.Exit(_exit_code(result, changed=changed, exit_zero=exit_zero))


def _selection(config: Configuration, select: list[str] | None, ignore: list[str] | None) -> RuleSelection:
    """The rule selection: ``--select`` replaces the file's select and ignore lists, ``--ignore`` its ignore list."""
    if select is not None:
        return RuleSelection.from_options(select, ignore or ())
    return RuleSelection.from_options(config.select or (), ignore if ignore is not None else config.ignore or ())


def _unique_paths(paths: list[Path]) -> list[Path]:
    """``paths`` without repeats of the same file (given both in the configuration and on the command line)."""
    seen: set[str] = set()
    unique = []
    for path in paths:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def _reader_options(
    config: Configuration, include_fuzzy: bool | None, source_column: str | None, target_column: str | None
) -> ReaderOptions:
    """Reader options from the command line, falling back to the configuration for what it leaves unset."""
    table = TableOptions(
        source_column=_column(source_column) if source_column is not None else config.source_column,
        target_column=_column(target_column) if target_column is not None else config.target_column,
    )
    fuzzy = include_fuzzy if include_fuzzy is not None else bool(config.include_fuzzy)
    return ReaderOptions(include_fuzzy=fuzzy, table=table)


def _column(value: str | None) -> str | int | None:
    """A column option: a 1-based number, or a header name."""
    return int(value) if value is not None and value.isdigit() else value


def _exit_code(result: RunResult, *, changed: bool = False, exit_zero: bool = False) -> ExitCode:
    if result.errors:
        return ExitCode.ERROR
    if exit_zero:
        return ExitCode.OK
    return ExitCode.FINDINGS if result.findings_count or changed else ExitCode.OK


@app.command()
def rules() -> None:
    """List every rule code with its name, default severity and a one-line description."""
    width = max(len(rule.name) for rule in ALL_RULES)
    for rule in ALL_RULES:
        typer.echo(f"{rule.code}  {rule.name:<{width}}  {rule.severity.label:<8} {rule.summary}")


@app.command()
def explain(
    rule: Annotated[str, typer.Argument(help="A rule code (TF101) or name (wrong-rendering).")],
    *,
    glossary: GlossaryOption = None,
    config_file: ConfigFileOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """Explain a rule: what it finds, why it matters, how safe its fix is, and an example.

    The example comes from the glossary the configuration (found from the current folder) sets up.
    """
    try:
        config = resolve_configuration([], config_file, isolated=isolated)
        text = explain_rule(rule, _configured_glossary(config, glossary))
    except TifaError as error:
        _fail([error])
        raise typer.Exit(ExitCode.ERROR) from None
    typer.echo(text, nl=False)


@app.command()
def consistency(
    paths: Annotated[list[str], typer.Argument(help="Bilingual files or directories (PO, XLIFF, TSV, CSV).")],
    *,
    glossary: GlossaryOption = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="Output format: text or json.")
    ] = OutputFormat.TEXT,
    config_file: ConfigFileOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """Report Chinese terms rendered in different ways across the files, with counts and places.

    The configuration's glossary files, disabled entries, file patterns and table columns apply
    as they do to check. Exit status: 0 every term rendered one way, 1 some term rendered
    several ways, 2 an error.
    """
    try:
        config = resolve_configuration(paths, config_file, isolated=isolated)
    except TifaError as error:
        _fail([error])
        raise typer.Exit(ExitCode.ERROR) from None
    compiled = _configured_glossary(config, glossary)
    settings = CheckSettings(reader_options=_reader_options(config, None, None, None), config=config)
    documents, errors = read_documents(paths, settings)
    reports = consistency_report.collect(documents, compiled)
    as_json = output_format is OutputFormat.JSON
    sys.stdout.write(consistency_report.render_json(reports) if as_json else consistency_report.render_text(reports))
    _fail(errors)
    if errors:
        raise typer.Exit(ExitCode.ERROR)
    raise typer.Exit(ExitCode.OK if all(report.is_consistent for report in reports) else ExitCode.FINDINGS)


def main() -> NoReturn:
    """Entry point of the ``tifa`` console script."""
    try:
        app()
    except SystemExit as exit_request:
        _exit_at_once(exit_request.code)
    _exit_at_once(ExitCode.OK)


def _exit_at_once(code: object) -> NoReturn:
    """Flush the output and end the process without tearing the interpreter down.

    A compiled glossary is millions of small objects; freeing them one by one at exit takes
    longer than checking a small file, and the operating system reclaims the memory at once.
    """
    if isinstance(code, str):  # sys.exit("message"), handled as Python itself would
        print(code, file=sys.stderr)
    status = code if isinstance(code, int) else 0 if code is None else 1
    for stream in (sys.stdout, sys.stderr):
        # The reader may have gone (``tifa check ... | head``): nothing is left to tell it.
        with contextlib.suppress(BrokenPipeError, ValueError):
            stream.flush()
    os._exit(status)
