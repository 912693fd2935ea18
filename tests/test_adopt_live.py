"""Long runs: findings file by file, a progress bar on a terminal, and the per-file result cache (issue 15, point 5)."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import time
from pathlib import Path

from tests.e2e import make_repo, run_tifa, tifa_command
from tifa.model import Finding, Severity, Span
from tifa.result_cache import ResultCache

BAD = "The county Party committee urged cadres to achieve the two maintenances.\n"
OTHER = "The Party branch studied Chinese-style modernization at length.\n"


def _read_until(descriptor: int, wanted: bytes, seconds: float) -> bytes:
    """Read from ``descriptor`` until ``wanted`` has come or ``seconds`` have passed."""
    received = b""
    deadline = time.monotonic() + seconds
    while wanted not in received and time.monotonic() < deadline:
        ready, _, _ = select.select([descriptor], [], [], 0.2)
        if ready:
            try:
                received += os.read(descriptor, 65536)
            except OSError:  # the other end closed
                break
    return received


def test_findings_come_file_by_file_and_a_bar_shows_on_a_terminal(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"a.txt": BAD, "b.txt": OTHER})
    out_main, out_side = pty.openpty()
    err_main, err_side = pty.openpty()
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm", "NO_COLOR": "1"}
    # Standard input is checked between a.txt and b.txt and held open: a.txt's finding must
    # show on the terminal while tifa waits, and after two seconds the bar shows on stderr.
    process = subprocess.Popen(
        [tifa_command(), "check", "a.txt", "-", "b.txt"],
        cwd=repo,
        stdin=subprocess.PIPE,
        stdout=out_side,
        stderr=err_side,
        env=env,
    )
    os.close(out_side)
    os.close(err_side)
    try:
        early = _read_until(out_main, b"two maintenances", 120)
        assert b"a.txt:1:56: TF101 [error]" in early
        assert process.poll() is None  # still waiting for standard input
        time.sleep(2.5)
        assert process.stdin is not None
        process.stdin.write(BAD.encode())
        process.stdin.close()
        rest = _read_until(out_main, b"in 3 files.", 60)
        bar = _read_until(err_main, b"files", 10)
        assert process.wait(timeout=60) == 1
    finally:
        process.kill()
        os.close(out_main)
        os.close(err_main)
    assert b"-:1:56: TF101" in rest and b"b.txt:1:26: TF101" in rest
    assert b"tifa: checking" in bar and b"2/3" in bar


def test_no_bar_when_standard_error_is_not_a_terminal(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"a.txt": BAD})
    result = run_tifa("check", ".", cwd=repo)
    assert result.stderr == ""


def test_the_result_cache_serves_a_rerun_and_notices_every_change(tmp_path: Path) -> None:
    files = {f"docs/part-{number}.txt": BAD for number in range(5)}
    repo = make_repo(tmp_path / "repo", {**files, "docs/other.txt": OTHER})
    cache = tmp_path / "cache"
    env = {**os.environ, "TIFA_CACHE_DIR": str(cache)}
    first = run_tifa("check", "docs", cwd=repo, env=env)
    entries = sorted((cache / "results").glob("*/*.pickle"))
    assert first.returncode == 1 and len(entries) == 2  # the five equal files share one entry
    assert run_tifa("check", "docs", cwd=repo, env=env).stdout == first.stdout
    # A broken entry is a miss, not an error.
    entries[0].write_bytes(b"not a pickle")
    assert run_tifa("check", "docs", cwd=repo, env=env).stdout == first.stdout
    # Each of the file, the settings and the glossary changes the result.
    (repo / "docs" / "other.txt").write_text(OTHER.replace("Chinese-style", "Chinese"), encoding="utf-8")
    changed = run_tifa("check", "docs", cwd=repo, env=env)
    assert "other.txt" not in changed.stdout and changed.stdout.count("two maintenances") == 5
    assert run_tifa("check", "--ignore", "TF101", "docs", cwd=repo, env=env).returncode == 0
    (repo / "pyproject.toml").write_text('[tool.tifa]\ndisable = ["two-upholds"]\n', encoding="utf-8")
    assert run_tifa("check", "docs", cwd=repo, env=env).returncode == 0


def test_no_cache_writes_no_results(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"a.txt": BAD})
    cache = tmp_path / "cache"
    result = run_tifa("check", "--no-cache", "a.txt", cwd=repo, env={**os.environ, "TIFA_CACHE_DIR": str(cache)})
    assert result.returncode == 1
    assert not (cache / "results").exists()


def test_processes_share_the_cache_safely(tmp_path: Path) -> None:
    files = {f"part-{number:03}.txt": BAD.replace("county", f"county {number}") for number in range(60)}
    repo = make_repo(tmp_path / "repo", files)
    env = {**os.environ, "TIFA_CACHE_DIR": str(tmp_path / "cache")}
    expected = run_tifa("check", "--no-cache", ".", cwd=repo, env=env).stdout
    command = [tifa_command(), "check", "."]
    runs = [subprocess.Popen(command, cwd=repo, env=env, stdout=subprocess.PIPE, text=True) for _ in range(3)]
    outputs = [run.communicate(timeout=240)[0] for run in runs]
    assert outputs == [expected] * 3
    assert not list((tmp_path / "cache" / "results").glob("*/*.tmp"))


def test_the_cache_keeps_the_most_recently_used_entries(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "results", "fingerprint")
    finding = Finding("TF101", Span(0, 3), "message", severity=Severity.ERROR)
    keys = [cache.key(f"text {number}".encode(), "settings") for number in range(5)]
    for number, key in enumerate(keys):
        cache.put(key, ((finding,), ()))
        os.utime(cache._path(key), ns=(number * 10**9, number * 10**9))
    assert cache.get(keys[0]) == ((finding,), ())  # used now: the most recent
    cache.trim(keep=3)
    assert [cache.get(key) is not None for key in keys] == [True, False, False, True, True]


def test_the_cache_gives_back_many_findings_stored_in_parts(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "results", "fingerprint")
    findings = tuple(Finding("TF101", Span(number, number + 3), f"m{number}", Severity.ERROR) for number in range(4500))
    suppressed = findings[:2001]
    key = cache.key(b"text", "settings")
    cache.put(key, (findings, suppressed))
    assert cache.get(key) == (findings, suppressed)
    cache._path(key).write_bytes(cache._path(key).read_bytes()[:-100])  # cut short: a miss, not an error
    assert cache.get(key) is None
