"""What the ``tifa`` commands share: common options, error output, the configured glossary, reader options."""

from __future__ import annotations

import codecs
import gc
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from tifa.config import Configuration
from tifa.errors import ExitCode, TifaError, UnknownDisabledEntryError, UsageError
from tifa.formats import ReaderOptions, TableOptions
from tifa.glossary.cache import collector_paused, default_cache_dir, glossary_key, load_compiled_glossary
from tifa.glossary.compile import CompiledGlossary
from tifa.reading import DEFAULT_MAX_FILE_SIZE, parse_size
from tifa.result_cache import ResultCache

if TYPE_CHECKING:
    from tifa.glossary.load import Glossary

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
DisableOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--disable",
        metavar="ID",
        help="A glossary entry id to leave out (repeatable, comma-separated); adds to the configuration's disable.",
    ),
]
EncodingOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--encoding",
        metavar="CODEC",
        help="Read files without a byte-order mark in this encoding (e.g. gb18030, big5) instead of UTF-8; "
        "fixes are written back in it.",
    ),
]
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
    extra: list[Path] | None,
    *,
    config: Configuration | None = None,
    use_cache: bool = True,
    disable: Sequence[str] = (),
) -> CompiledGlossary:
    """Load the shipped glossary plus ``extra`` files, minus the entries disabled; exit 2 on any error.

    Entries are disabled by the configuration's ``disable`` and by ``disable`` (``--disable``).
    """
    cache_dir = default_cache_dir() if use_cache else None
    disabled = _disabled_ids(config, disable)
    with collector_paused():
        compiled, errors = load_compiled_glossary(extra or [], disabled, cache_dir=cache_dir)
        # The glossary lives as long as the command. Freezing it before the collector runs again
        # keeps the collector from walking its millions of objects while the files are checked.
        gc.freeze()
    if compiled is None:
        fail([_placed(error, config, disable) for error in errors])
        raise typer.Exit(ExitCode.ERROR)
    return compiled


def _disabled_ids(config: Configuration | None, disable: Sequence[str]) -> tuple[str, ...]:
    """The entry ids to leave out: the configuration's, then the command line's (comma-separated too)."""
    given = [part.strip() for value in disable for part in value.split(",") if part.strip()]
    return tuple(dict.fromkeys([*(config.disable if config is not None else ()), *given]))


def _placed(error: TifaError, config: Configuration | None, disable: Sequence[str]) -> TifaError:
    """``error`` naming where an unknown disabled id was given: ``--disable``, or the configuration's line."""
    if not isinstance(error, UnknownDisabledEntryError):
        return error
    if config is not None and config.path is not None and error.entry_id in config.disable:
        error.path, error.line = str(config.path), config.disable_line
    elif error.entry_id in _disabled_ids(None, disable):
        error.message = "--" + error.message
    return error


def configured_glossary_files(config: Configuration, glossary: list[Path] | None) -> list[Path]:
    """The user's glossary files: the configuration's, then ``--glossary`` (each file once)."""
    return _unique_paths([*config.glossary, *(glossary or [])])


def configured_glossary(
    config: Configuration, glossary: list[Path] | None, *, use_cache: bool = True, disable: Sequence[str] = ()
) -> CompiledGlossary:
    """The glossary a command uses: shipped, plus the configuration's files and ``--glossary``, minus disabled ids."""
    files = configured_glossary_files(config, glossary)
    return compile_glossary(files, config=config, use_cache=use_cache, disable=disable)


def result_cache(config: Configuration, glossary: list[Path] | None, disable: Sequence[str] = ()) -> ResultCache | None:
    """The per-file result cache for the configured glossary (None when a glossary file is missing)."""
    key = glossary_key(configured_glossary_files(config, glossary), _disabled_ids(config, disable))
    return None if key is None else ResultCache.create(default_cache_dir(), key)


def configured_entries(
    config: Configuration,
    glossary: list[Path] | None,
    disable: Sequence[str] = (),
    *,
    files: list[Path] | None = None,
) -> Glossary:
    """The configured glossary's entries (uncompiled, for the glossary commands); exit 2 on any error.

    ``files`` replaces the configured glossary files (``glossary`` is then not used).
    """
    from tifa.glossary.load import load_glossary  # the YAML loader: tifa check reads the compiled cache

    extra = files if files is not None else configured_glossary_files(config, glossary)
    loaded = load_glossary(extra=extra, disabled=_disabled_ids(config, disable))
    if loaded.errors:
        fail([_placed(error, config, disable) for error in loaded.errors])
        raise typer.Exit(ExitCode.ERROR)
    return loaded.glossary


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
    encoding: str | None = None,
) -> ReaderOptions:
    """Reader options from the command line, falling back to the configuration for what it leaves unset.

    Raises :class:`UsageError` for an encoding Python does not know.
    """
    table = TableOptions(
        source_column=_column(source_column) if source_column is not None else config.source_column,
        target_column=_column(target_column) if target_column is not None else config.target_column,
    )
    fuzzy = include_fuzzy if include_fuzzy is not None else bool(config.include_fuzzy)
    if encoding is not None:
        try:
            encoding = codecs.lookup(encoding).name
        except LookupError:
            raise UsageError(f"--encoding: unknown encoding {encoding!r} (for example utf-8, gb18030, big5)") from None
    return ReaderOptions(include_fuzzy=fuzzy, table=table, encoding=encoding)


def _column(value: str | None) -> str | int | None:
    """A column option: a 1-based number, or a header name."""
    return int(value) if value is not None and value.isdigit() else value
