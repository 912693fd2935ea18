"""``tifa glossary``: search, show, validate, export and import the glossary, and count what it holds."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from tifa.cli_shared import (
    ConfigFileOption,
    DisableOption,
    GlossaryOption,
    IsolatedOption,
    configured_entries,
    configured_glossary_files,
)
from tifa.config import Configuration, resolve_configuration
from tifa.errors import ExitCode, TifaError
from tifa.glossary.search import DEFAULT_LIMIT, search_entries
from tifa.model import Severity

if TYPE_CHECKING:
    from tifa.glossary.load import Glossary
    from tifa.glossary.raw import ExchangeWarning
    from tifa.glossary.schema import Entry, Form

glossary_app = typer.Typer(
    name="glossary",
    help="Search, show, validate, export and import the glossary.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


class ListFormat(str, Enum):
    """Output formats of the glossary commands that list data."""

    TEXT = "text"
    JSON = "json"


class ExportFormat(str, Enum):
    """The formats ``tifa glossary export`` writes (those of ``ExchangeFormat``, which is imported only to export)."""

    TBX = "tbx"
    CSV = "csv"
    YAML = "yaml"


class ImportFormat(str, Enum):
    """The formats ``tifa glossary import`` reads."""

    TBX = "tbx"
    CSV = "csv"


OutputOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--output", "-o", help="Write to this file instead of standard output.", dir_okay=False),
]
ListFormatOption = Annotated[ListFormat, typer.Option("--format", help="Output format.")]


def _fail(error: TifaError | str) -> typer.Exit:
    """Print one ``tifa:`` line on standard error and return the exit to raise."""
    typer.echo(f"tifa: {error}", err=True)
    return typer.Exit(ExitCode.ERROR)


def _warn(warning: ExchangeWarning) -> None:
    if warning.path is None:
        typer.echo(f"tifa: warning: {warning.message}", err=True)
    else:
        location = warning.path if warning.line is None else f"{warning.path}:{warning.line}"
        typer.echo(f"tifa: {location}: warning: {warning.message}", err=True)


def _config(config_file: Path | None, isolated: bool) -> Configuration:
    """The configuration found from the current folder (or ``--config``); exit 2 on an error in it."""
    try:
        return resolve_configuration([], config_file, isolated=isolated)
    except TifaError as error:
        raise _fail(error) from None


def _load(extra: list[Path] | None, config_file: Path | None, isolated: bool, disable: list[str] | None) -> Glossary:
    """The glossary ``tifa check`` would use here: shipped, configured and ``extra`` files; exit 2 on an error."""
    return configured_entries(_config(config_file, isolated), extra, disable or ())


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        with output.open("w", encoding="utf-8", newline="") as stream:
            stream.write(text)
    except OSError as exc:
        raise _fail(f"{output}: cannot write: {exc.strerror or exc}") from None


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {plural or word + 's'}"


# --------------------------------------------------------------------------- check


@glossary_app.command()
def check(
    files: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Argument(
            help="Your glossary files; none: the configuration's, or (without any) the shipped glossary.",
            show_default=False,
        ),
    ] = None,
    *,
    config_file: ConfigFileOption = None,
    isolated: IsolatedOption = False,
    disable: DisableOption = None,
) -> None:
    """Validate glossary files: your files (or the configuration's) against the shipped glossary, or the shipped one.

    Your files get every loading error, plus a note for an entry that replaces a shipped one,
    takes over a shipped entry's form (your entry wins), has a shipped entry's Chinese or
    overlaps a shipped phrase, and a warning for a flagged form inside a shipped rendering.
    Exit status: 0 clean (info allowed), 1 errors or warnings, 2 a file that cannot be read.
    """
    from tifa.glossary.lint import lint_glossaries

    config = _config(config_file, isolated)
    report = lint_glossaries(files or configured_glossary_files(config, None), [*config.disable, *(disable or [])])
    for problem in report.problems:
        typer.echo(str(problem))
    for error in report.unreadable:
        typer.echo(f"tifa: {error}", err=True)
    counts = [
        _plural(report.count(severity), label, "info" if severity is Severity.INFO else None)
        for severity, label in ((Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "info"))
    ]
    typer.echo(
        f"{_plural(len(report.files), 'file')}, {_plural(report.entries, 'entry', 'entries')}: "
        + ", ".join(counts)
        + "."
    )
    if report.unreadable:
        raise typer.Exit(ExitCode.ERROR)
    raise typer.Exit(ExitCode.OK if report.clean else ExitCode.FINDINGS)


# --------------------------------------------------------------------------- search and show


@glossary_app.command()
def search(
    words: Annotated[
        list[str],
        typer.Argument(metavar="TEXT", help="Chinese (a part of the term) or English (any rendering, fuzzy)."),
    ],
    *,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many entries.")] = DEFAULT_LIMIT,
    output_format: ListFormatOption = ListFormat.TEXT,
    glossary: GlossaryOption = None,
    config_file: ConfigFileOption = None,
    isolated: IsolatedOption = False,
    disable: DisableOption = None,
) -> None:
    """Find entries by Chinese or by a half-remembered or misspelt English rendering.

    Exit status: 0 entries found, 1 none, 2 a glossary error.
    """
    text = " ".join(words)
    hits = search_entries(_load(glossary, config_file, isolated, disable).entries, text, limit)
    if output_format is ListFormat.JSON:
        data = [
            {
                "id": hit.entry.id,
                "zh": list(hit.entry.zh),
                "en": hit.entry.en,
                "category": hit.entry.category,
                "confidence": hit.entry.confidence.value,
                "score": hit.score,
                "matched": {"field": hit.field, "text": hit.matched},
            }
            for hit in hits
        ]
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    elif not hits:
        typer.echo(f"No entry matches {text!r}.")
    else:
        for hit in hits:
            line = f"{hit.score:5.1f}  {hit.entry.id}  {' / '.join(hit.entry.zh)}  {hit.entry.en}"
            if hit.field not in {"en", "id", "zh"}:
                line += f"  (matched {hit.field.replace('_', ' ')}: {hit.matched!r})"
            typer.echo(line)
    raise typer.Exit(ExitCode.OK if hits else ExitCode.FINDINGS)


def _form_line(form: Form, contexts: dict[str, tuple[str, ...]]) -> str:
    from tifa.glossary.conditions import describe_conditions
    from tifa.glossary.yaml_writer import abbreviate_contexts

    shown_context = abbreviate_contexts(form.context, contexts) if form.context else []
    conditions = describe_conditions(form, shown_context, context_label="in a sentence with", until_label="until")
    return form.text + (f"  [{'; '.join(conditions)}]" if conditions else "")


def _entry_lines(entry: Entry, contexts: dict[str, tuple[str, ...]]) -> list[str]:
    rows: list[tuple[str, list[str]]] = [
        ("zh", list(entry.zh)),
        ("en", [entry.en]),
        ("accept", list(entry.accept)),
        ("wrong", [_form_line(form, contexts) for form in entry.wrong]),
        ("wrong if source", [_form_line(form, contexts) for form in entry.wrong_if_source]),
        ("outdated", [_form_line(form, contexts) for form in entry.outdated]),
        ("doubled", list(entry.doubled)),
        ("category", [entry.category]),
        ("confidence", [entry.confidence.value]),
        ("replace", ["yes" if entry.replace else "no"]),
        ("capitalized", ["yes" if entry.capitalized else "no"]),
        ("expand", [entry.expand] if entry.expand else []),
        ("note", [entry.note] if entry.note else []),
        ("source", [entry.source]),
        ("example, bad", list(entry.examples.bad)),
        ("example, good", list(entry.examples.good)),
    ]
    width = max(len(label) for label, _ in rows) + 2
    lines = [f"{entry.id}  ({entry.location})"]
    for label, values in rows:
        for index, value in enumerate(values):
            lines.append(f"  {(label + ':') if index == 0 else '':<{width}}{value}")
    return lines


@glossary_app.command()
def show(
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="The entry's id, e.g. two-upholds.")],
    *,
    glossary: GlossaryOption = None,
    config_file: ConfigFileOption = None,
    isolated: IsolatedOption = False,
    disable: DisableOption = None,
) -> None:
    """Show every field of one entry.

    Exit status: 0 shown, 2 an unknown id (close ids are suggested) or a glossary error.
    """
    loaded = _load(glossary, config_file, isolated, disable)
    entries = loaded.by_id()
    entry = entries.get(entry_id)
    if entry is None:
        from rapidfuzz import fuzz, process

        close = process.extract(entry_id, list(entries), scorer=fuzz.WRatio, limit=3, score_cutoff=70)
        hint = f"; did you mean {', '.join(repr(name) for name, _, _ in close)}?" if close else ""
        raise _fail(f"unknown glossary id {entry_id!r}{hint} (`tifa glossary search` finds entries by their terms)")
    typer.echo("\n".join(_entry_lines(entry, loaded.contexts)))


# --------------------------------------------------------------------------- export and import


@glossary_app.command("export")
def export_command(
    output_format: Annotated[ExportFormat, typer.Option("--format", help="tbx, csv or yaml.", show_default=False)],
    *,
    output: OutputOption = None,
    glossary: GlossaryOption = None,
    config_file: ConfigFileOption = None,
    isolated: IsolatedOption = False,
    disable: DisableOption = None,
) -> None:
    """Export the glossary (shipped plus --glossary files) as TBX-Basic, CSV or tifa YAML.

    TBX and CSV cannot carry the conditions on forms (context, not_before, not_after, until):
    such forms are exported without them, and a warning says how many.
    """
    from tifa.glossary.exchange import ExchangeFormat, export_glossary

    try:
        exported = export_glossary(_load(glossary, config_file, isolated, disable), ExchangeFormat(output_format.value))
    except TifaError as error:
        raise _fail(error) from None
    _write(exported.text, output)
    for warning in exported.warnings:
        _warn(warning)


@glossary_app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="A TBX or CSV file.", dir_okay=False, show_default=False)],
    *,
    input_format: Annotated[
        Optional[ImportFormat],  # noqa: UP045
        typer.Option("--format", help="tbx or csv (default: by the file's suffix)."),
    ] = None,
    output: OutputOption = None,
    glossary: GlossaryOption = None,
    config_file: ConfigFileOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """Convert a TBX or CSV termbase into a tifa glossary YAML file.

    The result is checked against your glossaries (the configuration's and --glossary, except
    the output file): their ids are not reused, and a flagged term one of them uses as a
    rendering or already flags is left out. Entries without Chinese or English are left out
    too, each with a warning saying why. Check the result with `tifa glossary check`.
    Exit status: 0 converted, 2 a file that cannot be read or is malformed.
    """
    from tifa.glossary.exchange import ExchangeFormat, import_glossary

    config = _config(config_file, isolated)
    others = [path for path in configured_glossary_files(config, glossary) if not _same_file(path, output)]
    existing = _user_entries(config, others)
    try:
        imported = import_glossary(file, None if input_format is None else ExchangeFormat(input_format.value), existing)
    except TifaError as error:
        raise _fail(error) from None
    _write(imported.yaml_text, output)
    for warning in imported.warnings:
        _warn(warning)
    if output is not None:
        typer.echo(f"{_plural(len(imported.entries), 'entry', 'entries')} written to {output}.")


def _same_file(path: Path, other: Path | None) -> bool:
    return other is not None and os.path.realpath(path) == os.path.realpath(other)


def _user_entries(config: Configuration, files: list[Path]) -> tuple[Entry, ...]:
    """The entries of the user's glossary ``files`` (loaded with the shipped ones); exit 2 on an error."""
    if not files:
        return ()
    paths = {str(path) for path in files}
    return tuple(entry for entry in configured_entries(config, None, files=files).entries if entry.path in paths)


# --------------------------------------------------------------------------- stats


@glossary_app.command()
def stats(
    *,
    output_format: ListFormatOption = ListFormat.TEXT,
    glossary: GlossaryOption = None,
    config_file: ConfigFileOption = None,
    isolated: IsolatedOption = False,
    disable: DisableOption = None,
) -> None:
    """Count entries per category and confidence, and the entries with sources, wrong and outdated forms, examples."""
    from tifa.glossary.stats import glossary_stats, stats_text

    total, by_category = glossary_stats(_load(glossary, config_file, isolated, disable).entries)
    if output_format is ListFormat.JSON:
        data: dict[str, Any] = {"total": asdict(total), "categories": {k: asdict(v) for k, v in by_category.items()}}
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        typer.echo(stats_text(total, by_category))
