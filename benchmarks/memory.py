"""Peak memory of ``tifa check`` on large synthetic corpora: does it grow with the words, or with the files?

Run from the repository root (standard library only; Python 3.10+; Linux for the sampled figure)::

    python benchmarks/memory.py                          # 1M words in 500 files and in 5,000 files
    python benchmarks/memory.py --words 1000000,10000000 # also 10M words in 5,000 files

For each size the corpus (``benchmarks/synthetic.py``, a 1,000-entry synthetic glossary, a
wrong form about every 200 words) is written in files of 2,000 words; the first size is also
written in files of 200 words (ten times the files, the same words). ``tifa check --format
json`` runs once on each, in its default processes, with the glossary cached and no result
cache entries. Two figures per run:

``largest process``  the peak RSS of the largest single process of the run (tifa or one of its
                     workers): GNU time's ``%M``, which is ``ru_maxrss`` of tifa with that of the
                     workers it reaped (the kernel keeps a maximum per process, not a sum)
``whole tree``       the peak of the sum, over tifa and its workers, of each process's
                     proportional set size (PSS: a page that forked workers share with tifa
                     counts once, split between them), read from ``/proc`` ten times a second

A pipeline that streams keeps both flat as the files multiply and nearly flat as the words do.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import gnu_time
from synthetic import REPO, make_corpus, make_glossary, reserved_forms

WORDS_PER_FILE = 2000
# Reading smaps_rollup walks a process's page tables: sampled more often, it slows the run it measures.
SAMPLE_SECONDS = 0.1


def _children(pid: int) -> Iterator[int]:
    """The child processes of ``pid`` (every thread's), from ``/proc``."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                yield from (int(child) for child in handle.read().split())
        except OSError:
            continue


def _pss_kib(pid: int) -> int:
    """The proportional set size of ``pid`` in KiB (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class TreeSampler:
    """Samples the summed PSS of a process and its descendants in a thread, keeping the peak."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_kib = 0
        self.processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            tree, pending = [], [self.pid]
            while pending:
                pid = pending.pop()
                tree.append(pid)
                pending.extend(_children(pid))
            self.processes = max(self.processes, len(tree))
            self.peak_kib = max(self.peak_kib, sum(_pss_kib(pid) for pid in tree))
            self._stop.wait(SAMPLE_SECONDS)


def measure_run(command: list[str], env: dict[str, str], output: Path) -> dict[str, Any]:
    """Run ``command`` with its output to ``output``; return its wall time and both peaks (MiB)."""
    timer = gnu_time()
    rss_file = output.with_suffix(".rss")
    wrapped = [timer, "-f", "%M", "-o", str(rss_file), *command] if timer else command
    with output.open("wb") as stdout:
        start = time.perf_counter()
        process = subprocess.Popen(wrapped, stdout=stdout, stderr=subprocess.PIPE, env=env)
        with TreeSampler(process.pid) as sampler:
            _, error = process.communicate()
        seconds = time.perf_counter() - start
    if process.returncode not in (0, 1):
        sys.exit(f"memory: {' '.join(command)} exited with {process.returncode}:\n{error.decode()[-2000:]}")
    largest = int(rss_file.read_text().split()[-1]) / 1024 if timer else None
    return {
        "seconds": round(seconds, 2),
        "largest_process_mib": None if largest is None else round(largest, 1),
        "tree_pss_mib": round(sampler.peak_kib / 1024, 1) if sampler.peak_kib else None,
        "processes": sampler.processes,
    }


def cases(words: list[int]) -> list[tuple[int, int]]:
    """(words, files) of each run: every size in files of 2,000 words, the first also in files of 200."""
    runs = [(count, max(1, count // WORDS_PER_FILE)) for count in words]
    first = words[0]
    runs.insert(1, (first, max(1, first * 10 // WORDS_PER_FILE)))
    return runs


def run(tifa: Path, words: list[int], work: Path, seed: int = 2024) -> list[dict[str, Any]]:
    """Write each corpus in turn (deleting the last), check it once, and return a row per run."""
    rng = random.Random(seed)
    text, wrong, standard = make_glossary(rng, 1000, reserved_forms(REPO / "glossary"))
    glossary = work / "glossary.yaml"
    glossary.write_text(text, encoding="utf-8")
    env = {**os.environ, "TIFA_CACHE_DIR": str(work / "cache")}
    command = [str(tifa), "check", "--glossary", str(glossary), "--format", "json"]
    warm = work / "warm.txt"
    warm.write_text("The county office met.\n", encoding="utf-8")
    measure_run([*command, str(warm)], env, work / "warm.json")  # compiles and caches the glossary
    rows = []
    for count, files in cases(words):
        corpus = work / "corpus"
        shutil.rmtree(corpus, ignore_errors=True)
        injected = make_corpus(rng, corpus, count, files, wrong, standard)
        shutil.rmtree(work / "cache" / "results", ignore_errors=True)
        row = measure_run([*command, str(corpus)], env, work / "tifa.json")
        rows.append({"words": injected["words"], "files": files, **row})
    shutil.rmtree(work / "corpus", ignore_errors=True)
    return rows


def print_memory(rows: list[dict[str, Any]]) -> None:
    """Print the rows, then how the peaks moved with ten times the files and with more words."""
    print("\npeak memory of tifa check --format json (default processes, glossary cached):")
    print(f"  {'words':>11} {'files':>6} {'seconds':>8} {'largest process MiB':>20} {'whole tree PSS MiB':>19}")
    for row in rows:
        print(
            f"  {row['words']:>11,} {row['files']:>6,} {row['seconds']:>8} {row['largest_process_mib']!s:>20}"
            f" {row['tree_pss_mib']!s:>19}"
        )
    if len(rows) >= 2 and rows[0]["tree_pss_mib"] and rows[1]["tree_pss_mib"]:
        ratio = rows[1]["tree_pss_mib"] / rows[0]["tree_pss_mib"]
        print(f"  ten times the files, the same words: whole tree x{ratio:.2f}")
    for row in rows[2:]:
        if row["tree_pss_mib"] and rows[0]["tree_pss_mib"]:
            times = row["words"] / rows[0]["words"]
            ratio = row["tree_pss_mib"] / rows[0]["tree_pss_mib"]
            print(f"  {times:.0f} times the words, files of the same size: whole tree x{ratio:.2f}")


def word_counts(text: str) -> list[int]:
    """Parse ``--words``: one count or several, comma-separated."""
    try:
        counts = [int(part) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a count or comma-separated counts: {text!r}") from None
    if any(count < WORDS_PER_FILE for count in counts):
        raise argparse.ArgumentTypeError(f"every count must be at least {WORDS_PER_FILE}")
    return counts


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=word_counts, default=[1_000_000], help="corpus sizes, comma-separated")
    parser.add_argument("--tifa", type=Path, help="tifa executable (default: beside sys.executable)")
    args = parser.parse_args(argv)
    tifa = args.tifa or Path(sys.executable).with_name("tifa")
    with tempfile.TemporaryDirectory(prefix="tifa-memory-") as tmp:
        print_memory(run(tifa, args.words, Path(tmp)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
