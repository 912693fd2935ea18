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
    assert bench.main(argv) == 0
    report = json.loads(capsys.readouterr().out)
    tools = {row["tool"] for row in report["results"]}
    assert {"tifa check", "tifa check no TF105"} <= tools
    (ratio,) = [ratio for ratio in report["ratios"] if ratio["against"].endswith("no TF105")]
    assert ratio["best"] > 0 and ratio["paired_median"] > 0
