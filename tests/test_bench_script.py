"""benchmarks/bench.py: variants of ``tifa check`` timed beside the default run."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, load_script

bench = load_script(ROOT / "benchmarks" / "bench.py")


def test_a_variant_is_a_name_and_the_arguments_it_adds() -> None:
    assert bench.variant("without TF105=--ignore TF105") == ("without TF105", ["--ignore", "TF105"])
    assert bench.variant("one process=-j 1") == ("one process", ["-j", "1"])


@pytest.mark.parametrize("text", ["--ignore TF105", "=--ignore TF105", "  =x"])
def test_a_variant_without_a_name_is_refused(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        bench.variant(text)


@pytest.mark.slow
def test_a_variant_gets_its_own_row_and_its_ratio_to_the_default_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tifa = Path(sys.executable).with_name("tifa")
    argv = ["--entries", "30", "--words", "3000", "--files", "3", "--repeat", "2", "--json", "--tifa", str(tifa)]
    argv += ["--workdir", str(tmp_path), "--recall", str(tmp_path / "none"), "--variant", "no TF105=--ignore TF105"]
    argv += ["--bilingual-pairs", "0"]
    assert bench.main(argv) == 0
    report = json.loads(capsys.readouterr().out)
    tools = {row["tool"] for row in report["results"]}
    assert {"tifa check", "tifa check no TF105"} <= tools
    (ratio,) = [ratio for ratio in report["ratios"] if ratio["against"].endswith("no TF105")]
    assert ratio["best"] > 0 and ratio["paired_median"] > 0


@pytest.mark.slow
def test_the_bilingual_run_times_a_table_of_segment_pairs(tmp_path: Path) -> None:
    bilingual = load_script(ROOT / "benchmarks" / "bilingual.py")
    tifa = Path(sys.executable).with_name("tifa")
    run = bilingual.run(str(tifa), 200, 1, 2024, tmp_path)
    assert run["pairs"] == 200 and run["words"] > 2000 and run["pairs_per_s"] > 0
    assert {"TF101", "TF401"} <= set(run["findings"])


def test_the_memory_runs_are_each_size_in_files_of_2000_words_and_the_first_in_ten_times_the_files() -> None:
    memory = load_script(ROOT / "benchmarks" / "memory.py")
    assert memory.cases([1_000_000, 10_000_000]) == [(1_000_000, 500), (1_000_000, 5000), (10_000_000, 5000)]


@pytest.mark.slow
def test_start_up_is_timed_next_to_bare_python_with_a_profile() -> None:
    startup = load_script(ROOT / "benchmarks" / "startup.py")
    report = startup.run(Path(sys.executable).with_name("tifa"), 1, profile=True)
    rows = report["rows"]
    assert set(rows) >= {"python -c pass", "typer command", "tifa check", "... rerun"}
    assert (
        rows["python -c pass"]["best_ratio"] == 1.0
        and rows["tifa check"]["best_ms"] > rows["python -c pass"]["best_ms"]
    )
    assert report["profile"]["tifa's own modules"] > 0


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/smaps_rollup").exists(), reason="the whole tree is sampled from Linux's /proc")
def test_peak_memory_is_measured_for_the_largest_process_and_the_whole_tree(tmp_path: Path) -> None:
    memory = load_script(ROOT / "benchmarks" / "memory.py")
    rows = memory.run(Path(sys.executable).with_name("tifa"), [4000], tmp_path)
    assert [row["files"] for row in rows] == [2, 20]
    assert all(row["tree_pss_mib"] > 10 and row["processes"] >= 1 for row in rows)
