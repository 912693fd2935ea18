"""Time a rerun of ``tifa check`` over an unchanged corpus, which the per-file result cache serves.

Run from the repository root (Python 3.10+, PyYAML for the shipped glossary's forms)::

    python benchmarks/rerun.py                  # 2,000,000 words in 1,000 files, 3 reruns
    python benchmarks/rerun.py --words 200000 --files 100 --json

The corpus is bench.py's (English prose with a shipped glossary wrong form about every 200
words). tifa gets an empty cache folder of its own. The first run compiles the glossary and
checks every file; a second run with the glossary cached but the result cache emptied is the
cost of checking every file; the reruns are the same command again, with nothing changed, and
are served by the result cache. Every run's output must be the same.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench


def timed(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    """Run ``command``; return its wall time and standard output (status 0 or 1 expected)."""
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        sys.exit(f"rerun: {' '.join(command)} exited {done.returncode}: {done.stderr}")
    return elapsed, done.stdout


def measure(args: argparse.Namespace, work: Path) -> dict[str, object]:
    """Write the corpus, then time the first run, a run with a cold result cache, and the reruns."""
    rng = random.Random(args.seed)
    _, wrong, standard = bench.shipped_forms()
    corpus = work / "corpus"
    injected = bench.make_corpus(rng, corpus, args.words, args.files, wrong, standard)
    cache = work / "tifa-cache"
    env = {**os.environ, "TIFA_CACHE_DIR": str(cache)}
    command = [str(bench.find_tifa(args.tifa)), "check", "--format", args.format, str(corpus)]
    first, expected = timed(command, env)
    shutil.rmtree(cache / "results", ignore_errors=True)
    cold, output = timed(command, env)
    if output != expected:
        sys.exit("rerun: a run with the glossary cached reported differently")
    reruns = []
    for _ in range(args.repeat):
        seconds, output = timed(command, env)
        if output != expected:
            sys.exit("rerun: a cached rerun reported differently from the first run")
        reruns.append(seconds)
    best = min(reruns)
    return {
        "words": injected["words"],
        "files": args.files,
        "findings": expected.count("\n") - 1 if args.format == "text" else len(json.loads(expected)),
        "first_run_s": round(first, 2),
        "cold_result_cache_s": round(cold, 2),
        "rerun_best_s": round(best, 2),
        "rerun_median_s": round(statistics.median(reruns), 2),
        "rerun_fraction_of_first": round(best / first, 3),
        "rerun_fraction_of_cold": round(best / cold, 3),
    }


def main(argv: list[str] | None = None) -> int:
    """Parse the options, measure, and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=2_000_000)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--format", choices=("text", "json"), default="text", help="tifa's output format")
    parser.add_argument("--tifa", help="the tifa command (default: beside this Python, on PATH or in .venv)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="tifa-rerun-") as folder:
        report = measure(args, Path(folder))
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for key, value in report.items():
            print(f"{key:>24}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
