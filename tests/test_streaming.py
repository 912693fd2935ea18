"""A run over many files holds a bounded window of them: memory does not grow with the corpus."""

from __future__ import annotations

import gc
import json
import os
import signal
import threading
import time
import tracemalloc
from pathlib import Path

from tests.conftest import ROOT, compile_files
from tests.test_end_to_end import tifa
from tifa.glossary.compile import CompiledGlossary
from tifa.reporters.text import closing_line
from tifa.results import FileResult, RunResult
from tifa.run import check_paths
from tifa.settings import CheckSettings
from tifa.workers import batch_size, map_in_processes

ARTICLE = (ROOT / "examples" / "county-office-meeting.mt.txt").read_text(encoding="utf-8")


def _corpus(folder: Path, count: int) -> list[str]:
    folder.mkdir()
    paths = []
    for number in range(count):
        path = folder / f"article-{number:04d}.txt"
        path.write_text(f"Report {number}.\n\n{ARTICLE}", encoding="utf-8")
        paths.append(str(path))
    return paths


class _Printer:
    """An observer that reads every file's findings as a streamed report does."""

    def __init__(self) -> None:
        self.findings = 0

    def files_found(self, count: int) -> None:
        pass

    def file_done(self, file_result: FileResult | None) -> None:
        assert file_result is not None and file_result.document.text
        self.findings += len(file_result.findings)


def test_a_counted_run_gives_the_closing_line_of_a_full_one(tmp_path: Path, shipped_glossary: CompiledGlossary) -> None:
    paths = _corpus(tmp_path / "corpus", 4)
    settings = CheckSettings(jobs=1)
    full = check_paths(paths, shipped_glossary, settings)
    printer = _Printer()
    counted = check_paths(paths, shipped_glossary, settings, printer, counts_only=True)
    assert printer.findings == full.findings_count > 0
    for show_suppressed in (False, True):
        assert closing_line(counted, show_suppressed) == closing_line(full, show_suppressed)
    assert all(not result.document.text and not result.document.segments for result in counted.files)
    assert [result.document.path for result in counted.files] == [result.document.path for result in full.files]


def _held_after_run(paths: list[str], glossary: CompiledGlossary) -> tuple[int, int]:
    """Bytes still allocated after a counted run over ``paths`` (its result alive), and the run's peak."""
    gc.collect()
    tracemalloc.start()
    try:
        result = check_paths(paths, glossary, CheckSettings(jobs=1), _Printer(), counts_only=True)
        gc.collect()
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(result.files) == len(paths)
    return held, peak


def test_a_run_over_many_files_does_not_hold_the_earlier_ones(
    tmp_path: Path, shipped_glossary: CompiledGlossary
) -> None:
    paths = _corpus(tmp_path / "corpus", 60)
    _held_after_run(paths[:2], shipped_glossary)  # warm up caches that fill once
    few_held, few_peak = _held_after_run(paths[:6], shipped_glossary)
    many_held, many_peak = _held_after_run(paths, shipped_glossary)
    # Each document with its findings takes some 100 KB while it is checked; kept, 54 more
    # files would add megabytes. Counted, each adds its path and a pointer per finding.
    assert many_held - few_held < 54 * 4_000, (few_held, many_held)
    assert many_peak - few_peak < 1_000_000, (few_peak, many_peak)


def _logged(item: int) -> int:
    """Append ``item`` to the log (a slow first item), as a worker's work."""
    if item == 0:
        time.sleep(1.5)
    with open(os.environ["TIFA_TEST_LOG"], "a", encoding="utf-8") as log:
        log.write(f"{item} {os.getpid()}\n")
    return item


def test_workers_stay_a_bounded_window_ahead_of_a_slow_file(tmp_path: Path) -> None:
    log = tmp_path / "log"
    log.touch()
    os.environ["TIFA_TEST_LOG"] = str(log)
    try:
        items = list(range(400))
        results = map_in_processes(_logged, items, 2, lambda item, why: -1)
        assert next(results) == 0
        done_before_first = len(log.read_text(encoding="utf-8").splitlines())
        assert list(results) == items[1:]
    finally:
        del os.environ["TIFA_TEST_LOG"]
    chunk = batch_size(len(items), 2)
    # Unbounded, the other worker would have done all 399 items while the first one slept.
    assert done_before_first <= 4 * 2 * chunk + chunk, done_before_first


def test_json_lines_printed_file_by_file_are_the_json_report(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    _corpus(folder, 3)
    (folder / "extra.po").write_text((ROOT / "examples" / "county-office-meeting.po").read_text(encoding="utf-8"))
    whole = tifa("check", "--format", "json", "--show-suppressed", "--min-severity", "warning", str(folder))
    streamed = tifa("check", "--format", "jsonl", "--show-suppressed", "--min-severity", "warning", str(folder))
    assert streamed.returncode == whole.returncode == 1
    assert [json.loads(line) for line in streamed.stdout.splitlines()] == json.loads(whole.stdout)


def test_a_worker_killed_while_it_waits_for_work_is_replaced(tmp_path: Path) -> None:
    log = tmp_path / "log"
    log.touch()
    os.environ["TIFA_TEST_LOG"] = str(log)

    def kill_the_waiting_worker() -> None:
        # The other worker sleeps on item 0, so every line so far is the waiting worker's.
        os.kill(int(log.read_text(encoding="utf-8").split()[1]), signal.SIGKILL)

    timer = threading.Timer(0.8, kill_the_waiting_worker)
    try:
        results = map_in_processes(_logged, list(range(400)), 2, lambda item, why: -1)
        timer.start()
        assert list(results) == list(range(400))  # nothing lost: it held no work when it died
    finally:
        timer.cancel()
        del os.environ["TIFA_TEST_LOG"]


def test_json_printed_file_by_file_is_the_json_report_as_one_document(tmp_path: Path) -> None:
    from tifa.reporters.json import StreamedArray, render

    folder = tmp_path / "corpus"
    _corpus(folder, 3)
    (folder / "extra.po").write_text((ROOT / "examples" / "county-office-meeting.po").read_text(encoding="utf-8"))
    (folder / "clean.txt").write_text("The county met on Monday.\n", encoding="utf-8")
    streamed = tifa("check", "--format", "json", "--show-suppressed", str(folder))
    assert streamed.returncode == 1
    # The command's output is the one JSON document json.dumps writes for its objects.
    assert streamed.stdout == json.dumps(json.loads(streamed.stdout), ensure_ascii=False, indent=2) + "\n"
    assert len(json.loads(streamed.stdout)) > 3
    # In process, piece by piece: the same text as the whole document, byte for byte.
    result = check_paths([str(folder)], compile_files(None), CheckSettings(jobs=1))
    array = StreamedArray(show_suppressed=True)
    pieces = [piece for file_result in result.files for piece in array.file_report(file_result, block=2)]
    assert "".join(pieces) + array.closing() == render(result, show_suppressed=True)
    assert StreamedArray().closing() == render(RunResult()) == "[]\n"
