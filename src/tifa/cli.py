"""The ``tifa`` command: parse options, wire the stages together, map errors to exit codes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from tifa import __version__
from tifa.errors import ExitCode, TifaError, UsageError
from tifa.files import STDIN
from tifa.formats import format_for
from tifa.glossary.compile import CompiledGlossary
from tifa.glossary.load import load_glossary
from tifa.model import Applicability
from tifa.reporters import OutputFormat
from tifa.reporters import diff as diff_reporter
from tifa.reporters import json as json_reporter
from tifa.reporters import text as text_reporter
from tifa.rules import ALL_RULES
from tifa.run import FixMode, RunResult, check_paths
from tifa.selection import RuleSelection

app = typer.Typer(
    name="tifa",
    help="Lint and fix English translations of Chinese political texts against a glossary of standard renderings.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

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


def compile_glossary(extra: list[Path] | None) -> CompiledGlossary:
    """Load the shipped glossary plus ``extra`` files; exit with status 2 on any glossary error."""
    loaded = load_glossary(extra=extra or [])
    if loaded.errors:
        _fail(list(loaded.errors))
        raise typer.Exit(ExitCode.ERROR)
    return CompiledGlossary(loaded.glossary)


@app.command()
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
        Optional[str],  # noqa: UP045
        typer.Option("--input-format", help="Read every file as this format instead of choosing by suffix."),
    ] = None,
    fix: Annotated[
        bool, typer.Option("--fix", help="Apply safe fixes to the files, then report what remains.")
    ] = False,
    unsafe_fixes: Annotated[
        bool, typer.Option("--unsafe-fixes", help="With --fix or --diff, also apply fixes that need a human look.")
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Print a unified diff of what --fix would change; write nothing.")
    ] = False,
    exit_non_zero_on_fix: Annotated[
        bool, typer.Option("--exit-non-zero-on-fix", help="With --fix, exit 1 when anything was fixed (for hooks).")
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
        selection = RuleSelection.from_options(select or (), ignore or ())
        compiled = compile_glossary(glossary)
        if input_format is not None:
            format_for("", input_format)
        threshold = Applicability.UNSAFE if unsafe_fixes else Applicability.SAFE
        fix_mode = FixMode(threshold, write=fix) if (fix or diff) else None
        result = check_paths(paths, compiled, selection, input_format, fix_mode)
    except TifaError as error:
        _fail([error])
        raise typer.Exit(ExitCode.ERROR) from None
    if diff:
        sys.stdout.write(diff_reporter.render(result))
        _fail(result.errors)
        raise typer.Exit(_exit_code(result, changed=bool(result.fixed_count)))
    reporter = json_reporter if output_format is OutputFormat.JSON else text_reporter
    report = reporter.render(result)
    if fix and paths == [STDIN]:
        # Editor integration: the fixed text goes to standard output, the report to standard error.
        sys.stdout.write(result.files[0].document.text if result.files else "")
        sys.stderr.write(report)
    else:
        sys.stdout.write(report)
    _fail(result.errors)
    raise typer.Exit(_exit_code(result, changed=exit_non_zero_on_fix and bool(result.fixed_count)))


def _exit_code(result: RunResult, *, changed: bool = False) -> ExitCode:
    if result.errors:
        return ExitCode.ERROR
    return ExitCode.FINDINGS if result.findings_count or changed else ExitCode.OK


@app.command()
def rules() -> None:
    """List every rule code with its name, default severity and a one-line description."""
    for rule in ALL_RULES:
        typer.echo(f"{rule.code}  {rule.name:<20} {rule.severity.label:<8} {rule.summary}")


def main() -> None:
    """Entry point of the ``tifa`` console script."""
    app()
