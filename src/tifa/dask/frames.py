"""Findings as Arrow-typed pandas frames, and the work each Dask partition does.

Every partition of :func:`tifa.dask.lint_files` is one call of :func:`lint_documents` (a
group of files, each checked as ``tifa check`` checks it) or :func:`lint_rows` (one part of a
table corpus, each row's text checked as a text). Both run on the workers, with a pickled
:class:`~tifa.api.Linter` that loads the compiled glossary from the worker's own cache.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from tifa.api import FINDING_KEYS, Finding, InputError, Linter
from tifa.dask.worker import freeze_once

EDIT_TYPE = pa.struct(
    [
        ("line", pa.int64()),
        ("column", pa.int64()),
        ("end_line", pa.int64()),
        ("end_column", pa.int64()),
        ("content", pa.string()),
    ]
)
_TYPES: dict[str, pa.DataType] = {
    "path": pa.string(),
    "row": pa.int64(),
    "line": pa.int64(),
    "column": pa.int64(),
    "end_line": pa.int64(),
    "end_column": pa.int64(),
    "code": pa.string(),
    "name": pa.string(),
    "severity": pa.string(),
    "message": pa.string(),
    "suggestions": pa.list_(pa.string()),
    "entry": pa.string(),
    "fix": pa.list_(EDIT_TYPE),
    "applicability": pa.string(),
}
# The columns of a findings frame: the keys of --format json, and ``row`` after the path (the
# 0-based row of a table corpus; null for a finding in a file checked as a whole).
COLUMNS = ("path", "row", *FINDING_KEYS[1:])
SCHEMA = pa.schema([(name, _TYPES[name]) for name in COLUMNS])

TABLE_KINDS = {".parquet": "parquet", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv"}


def frame(rows: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """A findings frame of ``rows`` (dicts with the keys of :data:`COLUMNS`; ``row`` may be left out)."""
    table = pa.Table.from_pylist(list(rows), schema=SCHEMA)
    return table.to_pandas(types_mapper=pd.ArrowDtype)


def empty_frame() -> pd.DataFrame:
    """A findings frame without rows: the ``meta`` of every findings dataframe."""
    return frame([])


def records(findings: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a computed findings frame as dicts with the keys of ``--format json`` (and ``row`` where set)."""
    rows: list[dict[str, Any]] = pa.Table.from_pandas(findings, schema=SCHEMA, preserve_index=False).to_pylist()
    for row in rows:
        if row["row"] is None:
            del row["row"]
    return rows


def findings_of(findings: pd.DataFrame) -> list[Finding]:
    """The rows of a computed findings frame as :class:`~tifa.api.Finding` values."""
    return [Finding.from_dict(row) for row in records(findings)]


def _ready(linter: Linter) -> Linter:
    """Load the glossary from the worker's cache, and keep the collector off it."""
    linter.glossary  # noqa: B018
    freeze_once()
    return linter


def lint_documents(paths: Sequence[str], linter: Linter) -> pd.DataFrame:
    """Check each file of ``paths`` whole, as ``tifa check`` does; raise :class:`InputError` for one it cannot read."""
    _ready(linter)
    return frame(finding.to_dict() for path in paths for finding in linter.lint_path(path))


@dataclass(frozen=True)
class TablePart:
    """Rows of one table file: all of a CSV, TSV or JSON Lines file, or one row group of a Parquet file."""

    path: str
    kind: str  # a value of TABLE_KINDS
    text_column: str
    source_column: str | None = None
    row_group: int | None = None
    first_row: int = 0


def table_parts(path: str, text_column: str, source_column: str | None) -> list[TablePart]:
    """The parts of table file ``path``: one per Parquet row group (read from its footer), else one."""
    kind = TABLE_KINDS[_suffix(path)]
    if kind != "parquet":
        return [TablePart(path, kind, text_column, source_column)]
    try:
        metadata = pq.ParquetFile(path).metadata
    except (OSError, pa.ArrowException) as error:
        raise InputError(f"not a readable Parquet file ({error})", path) from None
    parts, first = [], 0
    for group in range(metadata.num_row_groups):
        parts.append(TablePart(path, kind, text_column, source_column, group, first))
        first += metadata.row_group(group).num_rows
    return parts


def _suffix(path: str) -> str:
    dot = path.rfind(".")
    return path[dot:].lower() if dot > path.rfind("/") else ""


def lint_rows(part: TablePart, linter: Linter) -> pd.DataFrame:
    """Check the text of every row of ``part`` (with the row's source, when a source column is named)."""
    _ready(linter)
    rows = []
    for number, (text, source) in enumerate(_texts(part), start=part.first_row):
        for finding in linter.lint_text(text, source=source or None, path=part.path):
            rows.append({**finding.to_dict(), "row": number})
    return frame(rows)


def _texts(part: TablePart) -> Iterator[tuple[str, str | None]]:
    columns = [part.text_column] + ([part.source_column] if part.source_column else [])
    table = _read(part, columns)
    missing = [name for name in columns if name not in table.columns]
    if missing:
        raise InputError(f"no column {missing[0]!r} (the columns are {', '.join(map(str, table.columns))})", part.path)
    texts = table[part.text_column].tolist()
    sources = table[part.source_column].tolist() if part.source_column else [None] * len(texts)
    for text, source in zip(texts, sources, strict=True):
        yield _cell(text), _cell(source) if part.source_column else None


def _cell(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def _read(part: TablePart, columns: list[str]) -> pd.DataFrame:
    try:
        if part.kind == "parquet":
            parquet = pq.ParquetFile(part.path)
            wanted = [name for name in columns if name in parquet.schema_arrow.names]
            return parquet.read_row_group(part.row_group or 0, columns=wanted).to_pandas()
        if part.kind == "jsonl":
            return pd.read_json(part.path, lines=True, dtype=False)
        separator = "\t" if part.kind == "tsv" else ","
        return pd.read_csv(part.path, sep=separator, dtype=str, keep_default_na=False)
    except (OSError, ValueError, pa.ArrowException) as error:
        raise InputError(f"cannot read the {part.kind} table ({error})", part.path) from None
