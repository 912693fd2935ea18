"""Real signals on real parallel runs of the installed command: no hang, no traceback, nothing half-written.

Each case starts ``tifa`` in a session of its own on a corpus large enough to be mid-run when
the signal comes (it waits for the first fixed file, or for the worker processes), sends the
signal as a terminal would (to the whole process group) or to the main process alone, and
gives the run its own timeout.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.e2e import tifa_command as _tifa
from tests.test_hostile_input import BAD

pytestmark = pytest.mark.slow
FIXED = BAD.replace("two maintenances", "Two Upholds")
FILES = 40
COPIES = 600
TIMEOUT = 60


@pytest.fixture
def corpus(tmp_path: Path) -> list[Path]:
    paths = []
    for number in range(FILES):
        path = tmp_path / f"f{number:02}.txt"
        path.write_text((BAD + "\n") * COPIES, encoding="utf-8")
        paths.append(path)
    return paths


def start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [_tifa(), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )


def wait_for(condition: Callable[[], bool], seconds: float = TIMEOUT) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail("the run never got under way")
        time.sleep(0.02)


def children(process: subprocess.Popen[str]) -> list[int]:
    try:
        text = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text()
    except OSError:
        return []
    return [int(pid) for pid in text.split()]


def finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    """Wait (with a timeout) for the run; check that no process of its group is left."""
    out, err = process.communicate(timeout=TIMEOUT)
    time.sleep(0.1)
    with pytest.raises(ProcessLookupError):
        os.killpg(process.pid, 0)  # no worker outlived the run
    return process.returncode, out, err


def first_fixed(corpus: list[Path]) -> Callable[[], bool]:
    return lambda: corpus[0].read_text(encoding="utf-8") != (BAD + "\n") * COPIES


def assert_fixed_files_named(err: str, corpus: list[Path], signal_name: str) -> list[Path]:
    """The message names exactly the files that were rewritten; every other file is untouched."""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    prefix = f"tifa: interrupted by {signal_name}: "
    assert lines[0].startswith(prefix), err
    fixed = [path for path in corpus if path.read_text(encoding="utf-8") == (FIXED + "\n") * COPIES]
    untouched = [path for path in corpus if path.read_text(encoding="utf-8") == (BAD + "\n") * COPIES]
    assert len(fixed) + len(untouched) == len(corpus)  # nothing half-written
    assert 0 < len(fixed) < len(corpus)  # it was mid-run
    count = len(fixed)
    assert lines[0] == prefix + f"{count} file{'s' if count > 1 else ''} already fixed: " + ", ".join(map(str, fixed))
    assert not [path for path in corpus[0].parent.iterdir() if path.name.endswith(".tifa")]
    return fixed


@pytest.mark.parametrize(
    ("jobs", "signum", "to_group"),
    [
        ("2", signal.SIGINT, True),  # Ctrl-C: the terminal signals the workers too
        ("2", signal.SIGTERM, True),
        ("2", signal.SIGTERM, False),  # the main process alone must stop its workers
        ("1", signal.SIGINT, True),
    ],
    ids=["ctrl-c", "sigterm-to-group", "sigterm-to-main", "ctrl-c-one-process"],
)
def test_an_interrupted_fix_names_the_files_already_fixed(
    corpus: list[Path], jobs: str, signum: signal.Signals, to_group: bool
) -> None:
    process = start("check", "--fix", "-j", jobs, *map(str, corpus))
    wait_for(first_fixed(corpus))
    if to_group:
        os.killpg(process.pid, signum)
    else:
        process.send_signal(signum)
    status, out, err = finish(process)
    assert status == 128 + signum
    assert out == ""
    assert_fixed_files_named(err, corpus, signum.name)


def test_ctrl_c_during_a_parallel_check_is_one_line(corpus: list[Path]) -> None:
    process = start("check", "-j", "2", *map(str, corpus))
    wait_for(lambda: len(children(process)) >= 2)
    time.sleep(0.3)
    os.killpg(process.pid, signal.SIGINT)
    status, out, err = finish(process)
    assert status == 130
    assert err == "tifa: interrupted by SIGINT: the report is incomplete\n"
    # Text output is printed file by file: what was printed are findings of files done (the last
    # line perhaps cut short by the signal), and no summary.
    assert all(":41: TF101 [error]" in line for line in out.splitlines()[:-1]), out[-600:]
    assert " findings " not in out
    assert all(path.read_text(encoding="utf-8") == (BAD + "\n") * COPIES for path in corpus)


def test_a_killed_worker_is_an_error_for_its_files_and_the_rest_is_checked(corpus: list[Path]) -> None:
    process = start("check", "-j", "2", *map(str, corpus))
    wait_for(lambda: len(children(process)) >= 2)
    time.sleep(0.3)
    os.kill(children(process)[0], signal.SIGKILL)
    status, out, err = finish(process)
    assert status == 2
    assert "Traceback" not in err
    lines = err.splitlines()
    assert lines and all(line.endswith(": not checked: its worker process was killed by SIGKILL") for line in lines)
    lost = len(lines)
    assert f" in {FILES - lost} files; " in out.splitlines()[-1]
    assert out.count(":1:41: TF101") == FILES - lost


def test_many_interrupts_never_hang(tmp_path: Path) -> None:
    paths = []
    for number in range(8):
        path = tmp_path / f"g{number}.txt"
        path.write_text((BAD + "\n") * 2000, encoding="utf-8")
        paths.append(str(path))
    for trial in range(6):
        process = start("check", "-j", "2", *paths)
        wait_for(lambda run=process: len(children(run)) >= 2)
        time.sleep(0.05 * trial)
        os.killpg(process.pid, signal.SIGINT)
        status, _, err = finish(process)
        assert status == 130, err
        assert err == "tifa: interrupted by SIGINT: the report is incomplete\n"
