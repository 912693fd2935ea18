"""Check corpora on Dask: findings as a Dask dataframe, written to Parquet or JSON Lines.

Needs the ``dask`` extra (``pip install 'tifa-lint[dask]'``: ``dask[distributed]`` and
``pyarrow``). Works with any Dask scheduler: create a ``distributed.Client`` (a local
cluster, or the address of an existing scheduler) before computing, and the work runs there;
each worker loads the compiled glossary from its own cache, compiling it once if needed.
"""

from __future__ import annotations

try:
    import dask.dataframe  # noqa: F401
    import pyarrow  # noqa: F401
except ImportError as error:  # pragma: no cover - depends on the installation
    raise ImportError(f"tifa.dask needs the dask extra: pip install 'tifa-lint[dask]' ({error})") from error

from tifa.dask.corpus import lint_files, write_jsonl, write_parquet
from tifa.dask.frames import COLUMNS, SCHEMA, findings_of, records

__all__ = ["COLUMNS", "SCHEMA", "findings_of", "lint_files", "records", "write_jsonl", "write_parquet"]
