"""Check a folder of translations on a local Dask cluster and write the findings to Parquet.

Needs the dask extra (``pip install 'tifa-lint[dask]'``)::

    python examples/dask_check.py examples/ findings.parquet
    python examples/dask_check.py corpus/ findings.parquet --workers 4 --select TF1,TF201
    python examples/dask_check.py corpus/ findings.parquet --scheduler tcp://scheduler:8786

Without ``--scheduler`` it starts a local cluster of ``--workers`` processes; with it, the same
code runs on an existing cluster (the files must be at the same paths on the workers). It
prints how many findings of each rule it wrote.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

import pandas as pd
from distributed import Client, LocalCluster

import tifa
import tifa.dask


def check(folder: str, output: str, linter: tifa.Linter) -> pd.Series:
    """Check every translation under ``folder`` on the current Dask client; write Parquet; count by rule."""
    findings = tifa.dask.lint_files(folder, linter)
    tifa.dask.write_parquet(findings, output)
    return pd.read_parquet(output)["code"].value_counts().sort_index()


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, connect to (or start) a cluster, check and report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", help="a folder of translations (or a glob, a Parquet/JSON Lines corpus)")
    parser.add_argument("output", help="the Parquet dataset to write (a folder of part files)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes of the local cluster")
    parser.add_argument("--scheduler", help="address of an existing Dask scheduler, instead of a local cluster")
    parser.add_argument("--select", help="rule codes, names or prefixes to enable")
    args = parser.parse_args(argv)
    try:
        linter = tifa.Linter(select=args.select)  # compiles the glossary here, or loads it from the cache
    except tifa.TifaError as error:
        print(f"dask_check: {error}", file=sys.stderr)
        return 2
    with contextlib.ExitStack() as stack:
        if args.scheduler:
            stack.enter_context(Client(args.scheduler))
        else:
            cluster = stack.enter_context(LocalCluster(n_workers=args.workers, threads_per_worker=1))
            stack.enter_context(Client(cluster))
        try:
            counts = check(args.folder, args.output, linter)
        except tifa.TifaError as error:
            print(f"dask_check: {error}", file=sys.stderr)
            return 2
    for code, count in counts.items():
        print(f"{code}  {count}")
    print(f"{counts.sum()} findings written to {Path(args.output)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
