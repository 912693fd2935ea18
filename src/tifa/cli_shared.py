"""What the ``tifa`` commands share: common options, error output, the configured glossary, reader options."""

from __future__ import annotations

import gc
import os
from pathlib import Path
from typing import Annotated, Optional

import typer

from tifa.config import Configuration
from tifa.errors import ExitCode, TifaError, UnknownDisabledEntryError, UsageError
from tifa.formats import ReaderOptions, TableOptions
from tifa.glossary.cache import collector_paused, default_cache_dir, load_compiled_glossary
from tifa.glossary.compile import CompiledGlossary
from tifa.reading import DEFAULT_MAX_FILE_SIZE, parse_size

ConfigFileOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--config", help="Use this configuration file (no discovery).", dir_okay=False),
]
MaxFileSizeOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--max-file-size",
        metavar="SIZE",
        help="Refuse files larger than this: bytes, or with KB, MB or GB (units of 1024) [default: 200MB].",
        show_default=False,
    ),
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


def fail(errors: list[TifaError]) -> None:
    """Print each error to standard error, prefixed with ``tifa:``."""
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
        fail(list(errors))
        raise typer.Exit(ExitCode.ERROR)
    return compiled


def configured_glossary(
    config: Configuration, glossary: list[Path] | None, *, use_cache: bool = True
) -> CompiledGlossary:
    """The glossary a command uses: shipped, plus the configuration's files and ``--glossary``, minus ``disable``."""
    return compile_glossary(_unique_paths([*config.glossary, *(glossary or [])]), config=config, use_cache=use_cache)


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


def max_file_size_limit(config: Configuration, option: str | None) -> int:
    """The size limit of files to read: ``--max-file-size``, else the configuration's, else 200 MB."""
    if option is None:
        return config.max_file_size if config.max_file_size is not None else DEFAULT_MAX_FILE_SIZE
    try:
        return parse_size(option)
    except ValueError as error:
        raise UsageError(f"--max-file-size: {error}") from None


def reader_options(
    config: Configuration,
    include_fuzzy: bool | None = None,
    source_column: str | None = None,
    target_column: str | None = None,
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
