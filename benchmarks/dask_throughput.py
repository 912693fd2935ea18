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
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
DASK_CHECK, DASK_CLI, DASK_API = "tifa check -j 2", "tifa check --dask local -j 2", "tifa.dask.lint_files (running)"


def measure(setup: Any, result: Any, repeat: int) -> dict[str, float]:
    """Time the three ways in turn, ``repeat`` rounds, on ``setup`` (a bench.Setup), recording into ``result(name)``.

    Returns, for each Dask way, the median over the rounds of its time over ``tifa check -j 2``'s
    time in the same round: on a shared machine the steadiest figure.
    """
    corpus = str(setup.corpus)
    python = str(Path(setup.tifa_cmd[0]).with_name("python"))
    glossary = setup.tifa_cmd[setup.tifa_cmd.index("--glossary") + 1] if "--glossary" in setup.tifa_cmd else ""
    helper = [python, __file__, "--cluster-run", corpus, "--glossary", glossary]
    local, on_cluster, api = result(DASK_CHECK), result(DASK_CLI), result(DASK_API)
    # tifa's per-file result cache is emptied before each run, so that every run checks the corpus.
    results = Path(setup.env["TIFA_CACHE_DIR"]) / "results"
    for _ in range(repeat):
        shutil.rmtree(results, ignore_errors=True)
        expected = local.measure([*setup.tifa_cmd, "-j", "2", corpus], setup.work / "dask-local.json", setup.env)
        shutil.rmtree(results, ignore_errors=True)
        out = on_cluster.measure(
            [*setup.tifa_cmd, "--dask", "local", "-j", "2", corpus], setup.work / "dask-cli.json", setup.env
        )
        if out.read_bytes() != expected.read_bytes():
            sys.exit("bench: tifa check --dask printed another report than tifa check")
        shutil.rmtree(results, ignore_errors=True)
        completed = subprocess.run(helper, capture_output=True, text=True, env=setup.env, check=False)
        if completed.returncode != 0:
            sys.exit(f"bench: {' '.join(helper)} failed:\n{completed.stderr[-2000:]}")
        timings = json.loads(completed.stdout)
        # Wall time stands in for CPU time here: the work is done in the workers, not in the helper.
        api.seconds.append(timings["seconds"])
        api.cpu_seconds.append(timings["seconds"])
        api.rss_mib.append(max(timings["worker_rss_mib"]))
        api.findings = timings["findings"]
    local.findings = on_cluster.findings = len(json.loads(expected.read_text(encoding="utf-8")))
    return {
        name: round(statistics.median(mine / base for mine, base in zip(way.seconds, local.seconds, strict=True)), 2)
        for name, way in ((DASK_CLI, on_cluster), (DASK_API, api))
    }


def cluster_run(corpus: str, glossary: str) -> dict[str, Any]:
    """Time one computation on a new two-worker local cluster that has checked other files once.

    The warm-up loads the glossary in the workers; it checks the repository's examples, not the
    corpus, so that what the workers remember of texts already seen does not flatter the time.
    """
    from distributed import Client, LocalCluster

    import tifa
    import tifa.dask

    linter = tifa.Linter(glossary=glossary or None)
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None)
    with cluster, Client(cluster) as client:
        tifa.dask.lint_files(str(EXAMPLES), linter, files_per_partition=1).compute()
        start = time.perf_counter()
        findings = len(tifa.dask.lint_files(corpus, linter).compute())
        seconds = time.perf_counter() - start
        peaks = list(client.run(_peak_rss_mib).values())
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
    args = parser.parse_args()
    print(json.dumps(cluster_run(args.cluster_run, args.glossary)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
