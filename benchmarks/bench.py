"""Benchmark tifa as a user runs it, on a synthetic glossary and corpus, against grep.

Run from the repository root (standard library only; Python 3.10+)::

    python benchmarks/bench.py                     # 1000 entries, 1M words, 500 files, 3 runs
    python benchmarks/bench.py --entries 10000 --with-fix --json
    python benchmarks/bench.py --entries 1000,10000 --repeat 7  # interleaved runs, and their ratio
    python benchmarks/bench.py --shipped-glossary  # tifa's own glossary (needs PyYAML)
    python benchmarks/bench.py --dask --repeat 3   # also Dask on 2 local workers (needs tifa-lint[dask])
    python benchmarks/bench.py --bilingual-pairs 0  # without the bilingual run (benchmarks/bilingual.py)
    python benchmarks/bench.py --memory-words 1000000,10000000  # peak memory up to 10M words too

The script writes a seeded glossary (tifa's YAML format, docs/glossary-format.md) and an
English prose corpus with a glossary wrong form injected about once every 200 words, then
times ``tifa check --format json`` (wall time including start-up; peak RSS of the child, read
by GNU time where it is there), ``LC_ALL=C grep -F -i -r -c`` over the same wrong forms, and
with ``--with-fix`` ``tifa check --fix`` on a fresh copy of the corpus. tifa exits 1 when it
finds something; any other status but 0 stops the benchmark. tifa is ``--tifa``, else the
``tifa`` beside ``sys.executable``, on PATH, or in the repository's .venv. ``--workdir DIR``
keeps the glossary, corpus and outputs. Then, unless ``--bilingual-pairs 0``, it times ``tifa
check`` on one TSV of 100,000 synthetic segment pairs (``benchmarks/bilingual.py``; needs PyYAML),
times the start-up of ``tifa check`` on one small file next to bare Python (``benchmarks/startup.py``;
``--startup-runs 0`` skips it) and measures peak memory on corpora of 1M words in 500 and in 5,000
files (``benchmarks/memory.py``; ``--memory-words 1000000,10000000`` adds 10M words, ``0`` skips).

tifa gets a cache folder of its own in the work folder, emptied first: its first run compiles
and caches the glossary (as after any glossary edit) and is reported on its own row; the
repeats are the runs a user sees every time after that.
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import json
import os
import random
import shlex
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bilingual
import dask_throughput
import memory
import recall
import startup
from measure import Result, count_json, find_tifa, gnu_time
from synthetic import REPO, make_corpus, make_glossary, reserved_forms, shipped_forms, vocabulary


@dataclass
class Setup:
    """The inputs and commands of one glossary size, and the results of its runs."""

    label: str
    corpus: Path
    work: Path
    tifa_cmd: list[str]
    grep_cmd: list[str]
    env: dict[str, str]
    injected: dict[str, int]
    generation_s: float
    results: dict[str, Result] = field(default_factory=dict)


def prepare(args: argparse.Namespace, tifa: Path, work: Path, entries: int) -> Setup:
    """Write the glossary (unless ``--shipped-glossary``), wrong-form list and corpus for one size."""
    rng = random.Random(args.seed)
    started = time.perf_counter()
    glossary_args: list[str] = []
    if args.shipped_glossary:
        count, wrong, standard = shipped_forms()
        label = f"shipped {count} entries/{len(wrong)} wrong"
    else:
        text, wrong, standard = make_glossary(rng, entries, reserved_forms(REPO / "glossary"))
        (work / "synth-glossary.yaml").write_text(text, encoding="utf-8")
        glossary_args = ["--glossary", str(work / "synth-glossary.yaml")]
        label = f"{entries} entries/{len(wrong)} wrong"
    if not wrong:
        sys.exit("bench: the glossary has no wrong forms to inject")
    forms_file = work / "wrong-forms.txt"
    forms_file.write_text("\n".join(wrong) + "\n", encoding="utf-8")
    corpus = work / "corpus"
    shutil.rmtree(corpus, ignore_errors=True)
    injected = make_corpus(rng, corpus, args.words, args.files, wrong, standard)
    # tifa's own cache, emptied: the first run compiles the glossary as after any glossary edit.
    cache = work / "tifa-cache"
    shutil.rmtree(cache, ignore_errors=True)
    return Setup(
        label=label,
        corpus=corpus,
        work=work,
        tifa_cmd=[str(tifa), "check", *glossary_args, "--format", "json"],
        grep_cmd=["grep", "-F", "-i", "-r", "-c", "-f", str(forms_file), str(corpus)],
        env={**os.environ, "TIFA_CACHE_DIR": str(cache)},
        injected=injected,
        generation_s=time.perf_counter() - started,
    )


COLD, CHECK, GREP, FIX = "tifa check, first run", "tifa check", "grep -F -i (LC_ALL=C)", "tifa check --fix"


def forget_results(setup: Setup) -> None:
    """Empty tifa's per-file result cache, so that every timed run checks the corpus (the glossary stays cached)."""
    shutil.rmtree(Path(setup.env["TIFA_CACHE_DIR"]) / "results", ignore_errors=True)


def result_of(setup: Setup, name: str) -> Result:
    """The results of tool ``name`` on ``setup``'s corpus, made empty on first use."""
    words, files = setup.injected["words"], len(list(setup.corpus.iterdir()))
    return setup.results.setdefault(name, Result(name, words, files, setup.label))


def run_once(setup: Setup, with_fix: bool, variants: Sequence[tuple[str, list[str]]] = ()) -> None:
    """Time each tool once on ``setup``'s corpus (tifa's first run apart, as the cold-cache row).

    Each of ``variants`` (a name and extra ``tifa check`` arguments) is timed right after the
    default run, so that the two meet the machine in the same mood.
    """
    result = functools.partial(result_of, setup)

    cold = COLD not in setup.results
    check = result(COLD if cold else CHECK)
    forget_results(setup)
    check.findings = count_json(
        check.measure([*setup.tifa_cmd, str(setup.corpus)], setup.work / "tifa.json", setup.env)
    )
    if cold:
        run_once(setup, with_fix, variants)  # every repeat times a warm run; the first run is extra
        return
    for name, extra in variants:
        variant = result(f"{CHECK} {name}")
        output = setup.work / "tifa-variant.json"
        forget_results(setup)
        variant.findings = count_json(variant.measure([*setup.tifa_cmd, *extra, str(setup.corpus)], output, setup.env))
    # The corpus is ASCII: in a UTF-8 locale grep -F -i is some 300 times slower.
    grep = result(GREP)
    out = grep.measure(setup.grep_cmd, setup.work / "grep.txt", env={**os.environ, "LC_ALL": "C"})
    grep.findings = sum(int(line.rsplit(":", 1)[1]) for line in out.read_text(encoding="utf-8").splitlines())
    if with_fix:
        copy = setup.work / "corpus-fix"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(setup.corpus, copy)
        fix = result(FIX)
        fix.findings = count_json(
            fix.measure([*setup.tifa_cmd, "--fix", str(copy)], setup.work / "tifa-fix.json", setup.env)
        )
        setup.injected["fixed_files_changed"] = sum(
            (copy / f.name).read_bytes() != f.read_bytes() for f in setup.corpus.iterdir()
        )


def benchmark(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """Generate the inputs of every glossary size, run every tool ``--repeat`` times and return the results.

    With several sizes the runs are interleaved (each repeat runs every size in turn), so that a
    slower spell of a shared machine weighs on all sizes alike and their ratio holds.
    """
    tifa = find_tifa(args.tifa)
    sizes = [0] if args.shipped_glossary else args.entries
    setups = []
    for entries in sizes:
        folder = work / f"entries-{entries}" if len(sizes) > 1 else work
        folder.mkdir(parents=True, exist_ok=True)
        setups.append(prepare(args, tifa, folder, entries))
    for _ in range(args.repeat):
        for setup in setups:
            run_once(setup, args.with_fix, args.variant)
    dask_ratios = {}
    if args.dask:
        for setup in setups:
            dask_ratios[setup.label] = dask_throughput.measure(setup, functools.partial(result_of, setup), args.repeat)
    variant_names = [f"{CHECK} {name}" for name, _ in args.variant]
    dask_names = (dask_throughput.DASK_CHECK, dask_throughput.DASK_CLI, dask_throughput.DASK_API)
    rows = [
        result.row()
        for setup in setups
        for name in (CHECK, *variant_names, COLD, GREP, FIX, *dask_names)
        if (result := setup.results.get(name)) is not None
    ]
    ratios = [
        _ratio(setup.results[CHECK], setup.results[name], setup.label, f"{setup.label}, {name}")
        for setup in setups
        for name in variant_names
    ]
    base = setups[0].results[CHECK]
    ratios.extend(_ratio(setup.results[CHECK], base, setup.label, setups[0].label) for setup in setups[1:])
    return {
        "tifa": str(tifa),
        "seed": args.seed,
        "repeat": args.repeat,
        "generation_s": round(sum(setup.generation_s for setup in setups), 2),
        "injected": {setup.label: setup.injected for setup in setups},
        "rss_from": "GNU time" if gnu_time() else "os.wait4 (includes this script's RSS)",
        "results": rows,
        "ratios": ratios,
        "dask_over_check_j2": dask_ratios,  # median of paired runs
    }


def _ratio(check: Result, base: Result, label: str, against: str) -> dict[str, Any]:
    """How many times ``base``'s time ``check`` takes: best, median, best CPU and median of paired runs."""
    return {
        "glossary": label,
        "against": against,
        "best": round(min(check.seconds) / min(base.seconds), 3),
        "median": round(statistics.median(check.seconds) / statistics.median(base.seconds), 3),
        "cpu_best": round(min(check.cpu_seconds) / min(base.cpu_seconds), 3),
        # Runs alternate, so each run and the base run next to it met the machine in the same
        # mood: the median of these pairs is the steadiest figure.
        "paired_median": round(
            statistics.median(mine / theirs for mine, theirs in zip(check.seconds, base.seconds, strict=True)), 3
        ),
    }


def variant(text: str) -> tuple[str, list[str]]:
    """Parse ``--variant NAME=ARGS``: a name for the row and extra ``tifa check`` arguments."""
    name, separator, extra = text.partition("=")
    if not separator or not name.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=ARGS, e.g. 'without TF105=--ignore TF105': {text!r}")
    return name.strip(), shlex.split(extra)


def print_table(report: dict[str, Any]) -> None:
    """Print the results as a fixed-width table."""
    keys = vocabulary("tool words files best_s median_s cpu_best_s words_per_s peak_rss_mib findings glossary")
    rows = [[str(r[k]) for k in keys] for r in report["results"]]
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(keys)]
    for row in [keys, ["-" * w for w in widths], *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    print(f"\ninputs made in {report['generation_s']} s; injected {report['injected']}")
    print(f"best/median of {report['repeat']} warm runs of {report['tifa']}; RSS: {report['rss_from']}")
    for ratio in report["ratios"]:
        print(
            f"tifa check with {ratio['glossary']} takes {ratio['best']}x (best) / {ratio['median']}x (median)"
            f" / {ratio['cpu_best']}x (best CPU time) / {ratio['paired_median']}x (median of paired runs)"
            f" the time with {ratio['against']}"
        )
    for label, ways in report["dask_over_check_j2"].items():
        for way, ratio in ways.items():
            print(f"{way} takes {ratio}x the time of tifa check -j 2 ({label}; median of paired runs)")


def entry_counts(text: str) -> list[int]:
    """Parse ``--entries``: one count or several, comma-separated ("1000,10000")."""
    try:
        return [int(part) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a count or comma-separated counts: {text!r}") from None


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run the benchmark and print the results."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--entries",
        type=entry_counts,
        default=[1000],
        help="synthetic glossary entries; several sizes, comma-separated, are run in turn and compared",
    )
    parser.add_argument("--words", type=int, default=1_000_000, help="corpus words")
    parser.add_argument("--files", type=int, default=500, help="corpus files")
    parser.add_argument("--repeat", type=int, default=3, help="runs per tool")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--tifa", help="tifa executable (default: beside sys.executable)")
    parser.add_argument("--workdir", type=Path, help="keep inputs and outputs here")
    parser.add_argument("--with-fix", action="store_true", help="also time tifa check --fix")
    parser.add_argument("--shipped-glossary", action="store_true", help="use tifa's glossary")
    parser.add_argument(
        "--dask", action="store_true", help="also time Dask on a local cluster of 2 workers next to tifa check -j 2"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--bilingual-pairs",
        type=int,
        default=100_000,
        help="also time tifa check on a TSV of this many synthetic Chinese-English pairs (0: skip)",
    )
    parser.add_argument(
        "--variant",
        type=variant,
        action="append",
        default=[],
        help="also time tifa check with extra arguments, interleaved, e.g. 'without TF105=--ignore TF105' or "
        "'one process=-j 1'; prints its ratio to the default run (repeatable)",
    )
    parser.add_argument(
        "--startup-runs",
        type=int,
        default=21,
        help="also time tifa check of one small file next to bare Python, in this many interleaved rounds (0: skip)",
    )
    parser.add_argument(
        "--memory-words",
        type=lambda text: [] if text == "0" else memory.word_counts(text),
        default=[1_000_000],
        help="also measure peak memory on corpora of these sizes, comma-separated, e.g. 1000000,10000000 (0: skip)",
    )
    parser.add_argument(
        "--recall",
        type=Path,
        default=recall.DEFAULT_CORPUS,
        help="also measure recall on this folder of machine translations with expected.yaml (skipped if absent)",
    )
    args = parser.parse_args(argv)
    if min(args.entries) < 1 or args.files < 1 or args.repeat < 1 or args.words < args.files:
        parser.error("--entries, --files and --repeat must be positive and --words >= --files")
    if args.shipped_glossary and importlib.util.find_spec("yaml") is None:
        print("bench: --shipped-glossary needs PyYAML; not importable, skipped", file=sys.stderr)
        return 0
    if args.bilingual_pairs > 0 and importlib.util.find_spec("yaml") is None:
        print("bench: the bilingual run needs PyYAML; not importable, skipped", file=sys.stderr)
        args.bilingual_pairs = 0
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        report = benchmark(args, args.workdir.resolve())
    else:
        with tempfile.TemporaryDirectory(prefix="tifa-bench-") as tmp:
            report = benchmark(args, Path(tmp))
    if args.bilingual_pairs > 0:
        with tempfile.TemporaryDirectory(prefix="tifa-bench-bilingual-") as tmp:
            report["bilingual"] = bilingual.run(report["tifa"], args.bilingual_pairs, args.repeat, args.seed, Path(tmp))
    if args.startup_runs > 0:
        report["startup"] = startup.run(Path(report["tifa"]), args.startup_runs, profile=True)
    if args.memory_words:
        with tempfile.TemporaryDirectory(prefix="tifa-bench-memory-") as tmp:
            report["memory"] = memory.run(Path(report["tifa"]), args.memory_words, Path(tmp), args.seed)
    if (args.recall / "expected.yaml").is_file():
        found = recall.measure(args.recall, recall.run_tifa(report["tifa"], args.recall))
        report["recall"] = {"found": found.found, "total": found.total, "recall": round(found.ratio, 3)}
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_table(report)
        if "bilingual" in report:
            run = report["bilingual"]
            print(
                f"bilingual TSV of {run['pairs']:,} pairs ({run['words']:,} English words): best {run['best_s']} s,"
                f" {run['pairs_per_s']:,} pairs/s, {run['words_per_s']:,} words/s; findings {run['findings']}"
            )
        if "startup" in report:
            startup.print_startup(report["startup"])
        if "memory" in report:
            memory.print_memory(report["memory"])
        if "recall" in report:
            print(
                f"recall on {args.recall}: {report['recall']['found']}/{report['recall']['total']}"
                f" = {report['recall']['recall']:.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
