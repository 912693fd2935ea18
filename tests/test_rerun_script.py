"""benchmarks/rerun.py on a small corpus: the cached rerun reports what the first run did, and faster."""

from __future__ import annotations

import json

import pytest

from tests.conftest import ROOT, load_script

rerun = load_script(ROOT / "benchmarks" / "rerun.py")


def test_rerun_benchmark_on_a_small_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    assert rerun.main(["--words", "20000", "--files", "20", "--repeat", "1", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["files"] == 20 and report["words"] >= 20000
    assert report["findings"] > 20  # a wrong form about every 200 words
    assert report["rerun_best_s"] < report["cold_result_cache_s"]
