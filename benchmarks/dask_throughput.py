"""Dask throughput next to ``tifa check -j 2``, on bench.py's corpus (``bench.py --dask``).

Three ways to check the same corpus with the same glossary on two processes:

- ``tifa check -j 2``: the command, forking two processes after loading the glossary;
- ``tifa check --dask local -j 2``: the command, starting a local cluster of two worker
  processes, which load the glossary from the cache and send each file's findings back;
- ``tifa.dask.lint_files`` on a local cluster that is already running and has checked other
  files (its workers hold the glossary), computing the findings dataframe: what a notebook
  or a pipeline with a long-lived cluster pays per corpus.

Run alone, the script is the helper that times the third way inside one Python process
(``--cluster-run``); bench.py runs it with the Python beside the ``tifa`` it benchmarks.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
DASK_CHECK, DASK_CLI, DASK_API = "tifa check -j 2", "tifa check --dask local -j 2", "tifa.dask.lint_files (running)"


def measure(setup: Any, result: Any, repeat: int) -> None:
    """Time the three ways ``repeat`` times each on ``setup`` (a bench.Setup), recording into ``result(name)``."""
    corpus = str(setup.corpus)
    for _ in range(repeat):
        local = result(DASK_CHECK)
        local.measure([*setup.tifa_cmd, "-j", "2", corpus], setup.work / "dask-local.json", setup.env)
        on_cluster = result(DASK_CLI)
        out = on_cluster.measure(
            [*setup.tifa_cmd, "--dask", "local", "-j", "2", corpus], setup.work / "dask-cli.json", setup.env
        )
        if out.read_bytes() != (setup.work / "dask-local.json").read_bytes():
            sys.exit("bench: tifa check --dask printed another report than tifa check")
    python = str(Path(setup.tifa_cmd[0]).with_name("python"))
    glossary = setup.tifa_cmd[setup.tifa_cmd.index("--glossary") + 1] if "--glossary" in setup.tifa_cmd else ""
    helper = [python, __file__, "--cluster-run", corpus, "--glossary", glossary, "--repeat", str(repeat)]
    completed = subprocess.run(helper, capture_output=True, text=True, env=setup.env, check=False)
    if completed.returncode != 0:
        sys.exit(f"bench: {' '.join(helper)} failed:\n{completed.stderr[-2000:]}")
    timings = json.loads(completed.stdout)
    api = result(DASK_API)
    # Wall time stands in for CPU time here: the work is done in the workers, not in this helper.
    api.seconds, api.cpu_seconds, api.rss_mib = timings["seconds"], timings["seconds"], timings["worker_rss_mib"]
    api.findings = timings["findings"]
    for name in (DASK_CHECK, DASK_CLI):
        result(name).findings = len(json.loads((setup.work / "dask-local.json").read_text(encoding="utf-8")))


def cluster_run(corpus: str, glossary: str, repeat: int) -> dict[str, Any]:
    """Time ``repeat`` computations, each on a new two-worker local cluster that has checked other files once.

    The warm-up loads the glossary in the workers; it checks the repository's examples, not the
    corpus, so that what the workers remember of texts already seen does not flatter the time.
    """
    from distributed import Client, LocalCluster

    import tifa
    import tifa.dask

    linter = tifa.Linter(glossary=glossary or None)
    seconds, peaks, findings = [], [], 0
    for _ in range(repeat):
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None)
        with cluster, Client(cluster) as client:
            tifa.dask.lint_files(str(EXAMPLES), linter, files_per_partition=1).compute()
            start = time.perf_counter()
            findings = len(tifa.dask.lint_files(corpus, linter).compute())
            seconds.append(time.perf_counter() - start)
            peaks.extend(client.run(_peak_rss_mib).values())
    return {"seconds": seconds, "findings": findings, "worker_rss_mib": peaks}


def _peak_rss_mib() -> float:
    """This process's peak resident set size (in a worker: its glossary and its share of the work)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    """The helper: time ``tifa.dask.lint_files`` on a running local cluster; print JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cluster-run", required=True, metavar="CORPUS")
    parser.add_argument("--glossary", default="")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(json.dumps(cluster_run(args.cluster_run, args.glossary, args.repeat)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
