"""Build the Dask dataframe of a corpus's findings, and write it to Parquet or JSON Lines."""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable
from pathlib import Path

import dask
import dask.dataframe as dd
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from tifa.api import InputError, Linter
from tifa.api.linter import default_linter
from tifa.dask.frames import SCHEMA, TABLE_KINDS, empty_frame, lint_documents, lint_rows, records, table_parts
from tifa.files import DEFAULT_SUFFIXES, collect_files
from tifa.reporters.jsonl import lines

PathsOrGlob = str | os.PathLike[str] | Iterable[str | os.PathLike[str]]
_GLOB_CHARACTERS = frozenset("*?[")
_ROW_TABLES = (".parquet", ".jsonl", ".ndjson")  # always tables of rows; CSV and TSV only with text_column


def lint_files(
    paths_or_glob: PathsOrGlob,
    linter: Linter | None = None,
    *,
    text_column: str | None = None,
    source_column: str | None = None,
    files_per_partition: int = 50,
) -> dd.DataFrame:
    """Return a Dask dataframe of the findings in a corpus, one row per finding, computed on the workers.

    ``paths_or_glob`` is a path, a glob (``corpus/**/*.txt``) or a list of them; a folder is
    searched as ``tifa check`` searches it. Files are checked whole, as ``tifa check`` checks
    them, ``files_per_partition`` to a partition; Parquet and JSON Lines files (and CSV and TSV
    files when ``text_column`` is given) are corpora of rows instead: the text of each row, in
    ``text_column`` (default ``text``), is checked with the row's ``source_column`` as its
    aligned source, one partition per file (per row group in Parquet). The columns are the keys
    of ``tifa check --format json`` and ``row``, the row's 0-based number (null for whole files).

    ``linter`` (default: the shipped glossary, all rules) is pickled into the tasks; workers
    load its glossary from their own cache. Raises :class:`~tifa.errors.InputError` here for
    a path that does not exist, and when computing for a file that cannot be read.
    """
    if files_per_partition < 1:
        raise ValueError("files_per_partition must be at least 1")
    linter = linter or default_linter()
    documents, tables = _split(_expand(paths_or_glob), text_column is not None)
    frames = []
    if documents:
        groups = [documents[i : i + files_per_partition] for i in range(0, len(documents), files_per_partition)]
        frames.append(dd.from_map(lint_documents, groups, linter=linter, meta=empty_frame(), label="tifa-files"))
    parts = [part for table in tables for part in table_parts(table, text_column or "text", source_column)]
    if parts:
        frames.append(dd.from_map(lint_rows, parts, linter=linter, meta=empty_frame(), label="tifa-rows"))
    if not frames:
        return dd.from_pandas(empty_frame(), npartitions=1)
    return frames[0] if len(frames) == 1 else dd.concat(frames)


def _expand(paths_or_glob: PathsOrGlob) -> list[str]:
    """Every file named, matched by a glob or found in a folder, in order, each once."""
    given = [paths_or_glob] if isinstance(paths_or_glob, (str, os.PathLike)) else list(paths_or_glob)
    names: list[str] = []
    for item in (os.fspath(path) for path in given):
        if _GLOB_CHARACTERS & set(item) and not os.path.exists(item):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                raise InputError("no file matches this pattern", item)
            names.extend(matches)
        else:
            names.append(item)
    files: dict[str, None] = {}
    for found in collect_files(names, (*DEFAULT_SUFFIXES, *_ROW_TABLES)):
        if isinstance(found, InputError):
            raise found
        files.setdefault(found)
    return list(files)


def _split(files: list[str], csv_as_rows: bool) -> tuple[list[str], list[str]]:
    """Files checked whole, and table files checked row by row."""
    row_suffixes = set(TABLE_KINDS) if csv_as_rows else set(_ROW_TABLES)
    tables = [name for name in files if Path(name).suffix.lower() in row_suffixes]
    return [name for name in files if name not in set(tables)], tables


def write_parquet(findings: dd.DataFrame, path: str | os.PathLike[str]) -> list[str]:
    """Compute ``findings`` and write them as a Parquet dataset: one file per partition in folder ``path``.

    Part files of an earlier run in the folder are replaced.
    Every file has the same Arrow schema (:data:`~tifa.dask.frames.SCHEMA`: nested
    ``suggestions`` and ``fix`` included) and no pandas metadata, so pandas, pyarrow, DuckDB or
    Spark read the folder as one table. Returns the files written, in partition order.
    """
    return _write_parts(findings, Path(path), "parquet", _write_parquet_part)


def write_jsonl(findings: dd.DataFrame, path: str | os.PathLike[str]) -> list[str]:
    """Compute ``findings`` and write them as JSON Lines, one file per partition in folder ``path``.

    Each line is the object ``tifa check --format json`` prints for the finding (with ``row``
    for a row of a table corpus). Returns the files written, in partition order.
    """
    return _write_parts(findings, Path(path), "jsonl", _write_jsonl_part)


def _write_parts(
    findings: dd.DataFrame, folder: Path, suffix: str, write: Callable[[pd.DataFrame, str], None]
) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob(f"part.*.{suffix}"):  # left by an earlier run with more partitions
        stale.unlink()
    parts = findings.to_delayed()
    names = [str(folder / f"part.{number:05d}.{suffix}") for number in range(len(parts))]
    dask.compute(*(dask.delayed(write)(part, name) for part, name in zip(parts, names, strict=True)))
    return names


def _write_parquet_part(part: pd.DataFrame, name: str) -> None:
    table = pa.Table.from_pandas(part, schema=SCHEMA, preserve_index=False)
    pq.write_table(table.replace_schema_metadata(None), name)


def _write_jsonl_part(part: pd.DataFrame, name: str) -> None:
    with open(name, "w", encoding="utf-8") as handle:
        handle.write(lines(records(part)))
