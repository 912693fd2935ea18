"""The ``tifa`` command: parse options, wire the stages together, map errors to exit codes.

Start-up counts (pre-commit runs ``tifa check`` on a few files at every commit): each command
imports what only it needs in its own body, so ``tifa check`` never loads the term alignment,
the reporters it does not print with, or the glossary commands' readers and writers.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from enum import Enum
from typing import Annotated, NoReturn

import typer

from tifa import __version__
from tifa.cli_check import CHECK_EXAMPLES, check
from tifa.cli_glossary import glossary_app
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
)
from tifa.config import resolve_configuration
from tifa.errors import ExitCode, TifaError
from tifa.interrupts import Interrupted, raising_interrupts


class ConsistencyFormat(str, Enum):
    """The output formats of ``tifa consistency``: a table of terms and renderings has no SARIF or GitHub form."""

    TEXT = "text"
    JSON = "json"


app = typer.Typer(
    name="tifa",
    help="Lint and fix English translations of Chinese political texts against a glossary of standard renderings.",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
app.add_typer(glossary_app, name="glossary", help="Search, show, validate, export and import the glossary.")
app.command(epilog=CHECK_EXAMPLES)(check)


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


@app.command()
def rules() -> None:
    """List every rule code with its name, default severity and a one-line description."""
    from tifa.rules import ALL_RULES

    width = max(len(rule.name) for rule in ALL_RULES)
    for rule in ALL_RULES:
        typer.echo(f"{rule.code}  {rule.name:<{width}}  {rule.severity.label:<8} {rule.summary}")


@app.command()
def explain(
    rule: Annotated[str, typer.Argument(help="A rule code (TF101) or name (wrong-rendering).")],
    *,
    glossary: GlossaryOption = None,
    disable: DisableOption = None,
    config_file: ConfigFileOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """Explain a rule: what it finds, why it matters, how safe its fix is, and an example.

    The example comes from the glossary the configuration (found from the current folder) sets up.
    """
    from tifa.explain import explain as explain_rule

    try:
        config = resolve_configuration([], config_file, isolated=isolated)
        text = explain_rule(rule, configured_glossary(config, glossary, disable=disable or ()))
    except TifaError as error:
        fail([error])
        raise typer.Exit(ExitCode.ERROR) from None
    typer.echo(text, nl=False)


@app.command()
def consistency(
    paths: Annotated[list[str], typer.Argument(help="Bilingual files or directories (PO, XLIFF, TSV, CSV).")],
    *,
    glossary: GlossaryOption = None,
    disable: DisableOption = None,
    output_format: Annotated[
        ConsistencyFormat,
        typer.Option("--format", help="Output format: text or json (sarif and github carry findings, not this table)."),
    ] = ConsistencyFormat.TEXT,
    config_file: ConfigFileOption = None,
    isolated: IsolatedOption = False,
    max_file_size: MaxFileSizeOption = None,
    encoding: EncodingOption = None,
) -> None:
    """Report Chinese terms rendered in different ways across the files, with counts and places.

    The configuration's glossary files, disabled entries, file patterns and table columns apply
    as they do to check; segments translated inconsistently are listed too. Exit status: 0 every
    term rendered one way, 1 some term rendered several ways or some segment inconsistent, 2 an error.
    """
    from tifa import consistency as consistency_report
    from tifa.run import read_documents
    from tifa.settings import CheckSettings

    try:
        config = resolve_configuration(paths, config_file, isolated=isolated)
        size_limit = max_file_size_limit(config, max_file_size)
        options = reader_options(config, encoding=encoding)
    except TifaError as error:
        fail([error])
        raise typer.Exit(ExitCode.ERROR) from None
    compiled = configured_glossary(config, glossary, disable=disable or ())
    settings = CheckSettings(reader_options=options, config=config, max_file_size=size_limit)
    documents, errors = read_documents(paths, settings)
    reports = consistency_report.collect(documents, compiled)
    as_json = output_format is ConsistencyFormat.JSON
    sys.stdout.write(consistency_report.render_json(reports) if as_json else consistency_report.render_text(reports))
    fail(errors)
    if errors:
        raise typer.Exit(ExitCode.ERROR)
    raise typer.Exit(ExitCode.OK if all(report.is_consistent for report in reports) else ExitCode.FINDINGS)


@app.command()
def lsp() -> None:
    """Start the language server on standard input and output, for editors (needs tifa-lint[lsp])."""
    try:
        from tifa.lsp.server import serve
    except ImportError as error:
        if error.name not in ("pygls", "lsprotocol") and not (error.name or "").startswith(("pygls.", "lsprotocol.")):
            raise
        typer.echo("tifa: the language server needs pygls: pip install 'tifa-lint[lsp]'", err=True)
        raise typer.Exit(ExitCode.ERROR) from None
    serve()


def main() -> NoReturn:
    """Entry point of the ``tifa`` console script.

    SIGINT and SIGTERM end the run with one line (which files were already fixed) and status
    128 + the signal's number: 130 for Ctrl-C, 143 for SIGTERM.
    """
    _escape_what_the_output_cannot_encode()
    try:
        with raising_interrupts():
            app()
    except SystemExit as exit_request:
        _exit_at_once(exit_request.code)
    except Interrupted as interrupt:
        _interrupted(interrupt)
    _exit_at_once(ExitCode.OK)


def _escape_what_the_output_cannot_encode() -> None:
    """Print what the terminal's encoding (ASCII, Latin-1) cannot show as escapes, never as a traceback."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(errors="backslashreplace")


def _interrupted(interrupt: Interrupted) -> NoReturn:
    """Say that the run was interrupted and what it had already written; end with the signal's status."""
    with contextlib.suppress(BrokenPipeError, ValueError):
        sys.stdout.flush()
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(f"tifa: {interrupt.message()}\n")
        sys.stderr.flush()
    os._exit(interrupt.exit_status)


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
