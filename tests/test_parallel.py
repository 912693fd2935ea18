"""Checking files in several processes gives exactly what checking them in one gives."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_end_to_end import tifa
from tifa import run
from tifa.errors import InputError

EXAMPLES = ROOT / "examples"


def _corpus(root: Path) -> Path:
    """A folder of files of every format, with a malformed one among them."""
    corpus = root / "corpus"
    corpus.mkdir(parents=True)
    for number in range(6):
        for example in ("county-office-meeting.mt.txt", "county-office-meeting.po", "county-office-meeting.xlf"):
            shutil.copy(EXAMPLES / example, corpus / f"{number}-{example}")
    (corpus / "3-broken.po").write_text('msgid "a"\nmsgstr "unterminated\n', encoding="utf-8")
    return corpus


def test_two_processes_report_what_one_does(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    missing = str(tmp_path / "missing.txt")
    one = tifa("check", "--format", "json", "-j", "1", str(corpus), missing)
    two = tifa("check", "--format", "json", "-j", "2", str(corpus), missing)
    assert one.returncode == two.returncode == 2  # the malformed file and the missing path
    assert two.stdout == one.stdout
    assert two.stderr == one.stderr
    assert "3-broken.po" in one.stderr and "missing.txt" in one.stderr


def test_two_processes_fix_what_one_does(tmp_path: Path) -> None:
    serial, parallel = _corpus(tmp_path / "serial"), _corpus(tmp_path / "parallel")
    one = tifa("check", "--fix", "--unsafe-fixes", "-j", "1", str(serial))
    two = tifa("check", "--fix", "--unsafe-fixes", "-j", "2", str(parallel))
    assert two.returncode == one.returncode
    assert two.stdout.replace(str(parallel), "") == one.stdout.replace(str(serial), "")
    for fixed in sorted(serial.iterdir()):
        assert (parallel / fixed.name).read_bytes() == fixed.read_bytes(), fixed.name
    assert (serial / "0-county-office-meeting.mt.txt").read_bytes() != (
        EXAMPLES / "county-office-meeting.mt.txt"
    ).read_bytes()


@pytest.mark.parametrize(
    ("jobs", "items", "sizes", "expected"),
    [
        (None, ["a", "b"], [10, 10], 1),  # too little text to pay for a pool
        (None, ["a", "b", "c"], [1 << 20, 1 << 20, 1 << 20], 2),  # one per available CPU (two here)
        (4, ["a", "b"], [10, 10], 2),  # asked for: never more processes than files
        (2, ["a"], [1 << 30], 1),  # one file is one process
        (2, ["-", "b"], [10, 10], 1),  # standard input is read here
        (2, [InputError("no such file", "x"), "b"], [10], 1),
    ],
)
def test_worker_count(
    jobs: int | None,
    items: list[str | InputError],
    sizes: list[int],
    expected: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    names = [item for item in items if isinstance(item, str) and item != "-"]
    for name, size in zip(names, sizes, strict=False):
        with (tmp_path / name).open("wb") as handle:
            handle.truncate(size)  # sparse: takes no disk space
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(run, "_available_cpus", lambda: 2)
    assert run.worker_count(jobs, items) == expected


def test_no_processes_where_fork_is_not_the_safe_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert run.worker_count(2, ["a", "b"]) == 1
