"""``--fix`` loses nothing: links, owners, modes, other names of the file, and edits made meanwhile.

The command cases run the installed ``tifa`` with a timeout; the races that need a precise
moment (an edit between the last look at the file and the rename) are staged in-process by
making the edit from inside the write.
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import threading
import time
from pathlib import Path

import pytest

from tests.e2e import tifa_command as _tifa
from tests.test_hostile_input import BAD, tifa
from tifa import writing
from tifa.encoding import TextEncoding
from tifa.errors import InputError
from tifa.writing import write_atomically

FIXED = "The meeting urged cadres to achieve the Two Upholds.\n"
UTF8 = TextEncoding("utf-8")


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    path = tmp_path / "bad.txt"
    path.write_text(BAD, encoding="utf-8")
    return path


def leftovers(folder: Path) -> list[str]:
    """Temporary files tifa left in ``folder``."""
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tifa"))


def test_fix_through_a_symbolic_link_fixes_the_target_and_keeps_the_link(tmp_path: Path, bad: Path) -> None:
    (tmp_path / "links").mkdir()
    link = tmp_path / "links" / "link.txt"
    link.symlink_to(bad)
    result = tifa("check", "--fix", str(link))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(bad)
    assert bad.read_text(encoding="utf-8") == FIXED
    assert leftovers(tmp_path) == [] and leftovers(tmp_path / "links") == []


def test_fix_through_a_chain_of_relative_links(tmp_path: Path, bad: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").symlink_to("../bad.txt")
    (tmp_path / "two.txt").symlink_to("a/one.txt")
    result = tifa("check", "--fix", str(tmp_path / "two.txt"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "two.txt").is_symlink() and (tmp_path / "a" / "one.txt").is_symlink()
    assert bad.read_text(encoding="utf-8") == FIXED


def test_fix_keeps_hard_links_together(tmp_path: Path, bad: Path) -> None:
    other = tmp_path / "other-name.txt"
    os.link(bad, other)
    inode = bad.stat().st_ino
    result = tifa("check", "--fix", str(bad))
    assert result.returncode == 0, result.stderr
    assert bad.stat().st_ino == inode == other.stat().st_ino and bad.stat().st_nlink == 2
    assert other.read_text(encoding="utf-8") == FIXED
    assert leftovers(tmp_path) == []


def test_fix_keeps_the_mode_with_special_bits(tmp_path: Path, bad: Path) -> None:
    bad.chmod(0o2664)
    result = tifa("check", "--fix", str(bad))
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(bad.stat().st_mode) == 0o2664
    assert bad.read_text(encoding="utf-8") == FIXED


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give files away")
def test_fix_as_root_keeps_the_owner_and_group(tmp_path: Path, bad: Path) -> None:
    os.chown(bad, 4321, 8765)
    bad.chmod(0o640)
    result = tifa("check", "--fix", str(bad))
    assert result.returncode == 0, result.stderr
    status = bad.stat()
    assert (status.st_uid, status.st_gid, stat.S_IMODE(status.st_mode)) == (4321, 8765, 0o640)
    assert bad.read_text(encoding="utf-8") == FIXED


def test_when_the_copy_cannot_get_the_owner_the_file_is_written_in_place(
    tmp_path: Path, bad: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(writing, "_give_same_owner", lambda temporary, status: False)
    monkeypatch.setattr(os, "chown", refuse)
    inode = bad.stat().st_ino
    write_atomically(str(bad), FIXED, UTF8, BAD.encode())
    assert bad.stat().st_ino == inode
    assert bad.read_text(encoding="utf-8") == FIXED
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("linked", [False, True], ids=["renamed", "in-place"])
def test_an_edit_just_before_the_rename_is_not_lost(
    tmp_path: Path, bad: Path, monkeypatch: pytest.MonkeyPatch, linked: bool
) -> None:
    if linked:
        os.link(bad, tmp_path / "second-name.txt")
    edit = "Someone else's edit.\n"
    real_fsync = os.fsync

    def fsync_then_edit(descriptor: int) -> None:
        real_fsync(descriptor)
        with bad.open("a", encoding="utf-8") as handle:  # the temporary copy is written: now the race
            handle.write(edit)

    monkeypatch.setattr(writing.os, "fsync", fsync_then_edit)
    with pytest.raises(InputError, match="changed while tifa was checking it; it was left as it is") as raised:
        write_atomically(str(bad), FIXED, UTF8, BAD.encode())
    assert raised.value.path == str(bad)
    assert bad.read_text(encoding="utf-8") == BAD + edit
    assert leftovers(tmp_path) == []


def test_an_edit_of_the_same_size_is_seen(tmp_path: Path, bad: Path) -> None:
    swapped = BAD.replace("cadres", "CADRES")
    bad.write_text(swapped, encoding="utf-8")
    with pytest.raises(InputError, match="changed while"):
        write_atomically(str(bad), FIXED, UTF8, BAD.encode())
    assert bad.read_text(encoding="utf-8") == swapped


def test_a_full_disk_leaves_the_file_and_no_temporary_copy(
    tmp_path: Path, bad: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_space(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(writing.os, "replace", no_space)
    with pytest.raises(InputError, match="cannot fix: No space left on device"):
        write_atomically(str(bad), FIXED, UTF8, BAD.encode())
    assert bad.read_text(encoding="utf-8") == BAD
    assert leftovers(tmp_path) == []


def test_a_read_only_file_is_reported_and_the_others_fixed(tmp_path: Path, bad: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(BAD, encoding="utf-8")
    locked.chmod(0o444)
    result = tifa("check", "--fix", str(locked), str(bad))
    assert result.returncode == 2
    assert result.stderr == f"tifa: {locked}: cannot fix: the file is read-only\n"
    assert "Traceback" not in result.stderr
    assert locked.read_text(encoding="utf-8") == BAD and bad.read_text(encoding="utf-8") == FIXED
    assert f"{locked}:1:41: TF101" in result.stdout  # reported as it still is


@pytest.fixture
def long_bad(tmp_path: Path) -> Path:
    path = tmp_path / "long.txt"
    path.write_text((BAD + "\n") * 3000, encoding="utf-8")
    return path


@pytest.mark.slow
def test_a_process_appending_during_a_fix_loses_no_line(tmp_path: Path, long_bad: Path, bad: Path) -> None:
    stop = threading.Event()
    appended: list[str] = []

    def append() -> None:
        while not stop.is_set():
            line = f"Line {len(appended)} added by another program.\n"
            with long_bad.open("a", encoding="utf-8") as handle:
                handle.write(line)
            appended.append(line)
            time.sleep(0.02)

    writer = threading.Thread(target=append)
    writer.start()
    try:
        result = tifa("check", "--fix", str(long_bad), str(bad))
    finally:
        stop.set()
        writer.join()
    assert result.returncode == 2
    assert (
        result.stderr
        == f"tifa: {long_bad}: cannot fix: the file changed while tifa was checking it; it was left as it is\n"
    )
    text = long_bad.read_text(encoding="utf-8")
    assert text == (BAD + "\n") * 3000 + "".join(appended)
    assert bad.read_text(encoding="utf-8") == FIXED
    assert leftovers(tmp_path) == []


@pytest.mark.slow
def test_two_fixes_of_the_same_files_at_once_leave_them_fixed_and_whole(tmp_path: Path) -> None:
    files = []
    for number in range(12):
        path = tmp_path / f"f{number:02}.txt"
        path.write_text((BAD + "\n") * 200, encoding="utf-8")
        files.append(str(path))
    runs = [
        subprocess.Popen(
            [_tifa(), "check", "--fix", "-j", "1", *files], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    statuses = [(run.wait(timeout=120), run.stderr.read() if run.stderr else "") for run in runs]
    for status, stderr in statuses:
        assert status in (0, 2), stderr
        assert "Traceback" not in stderr
        assert all("cannot fix: the file changed while tifa was checking it" in line for line in stderr.splitlines())
    for name in files:
        assert Path(name).read_text(encoding="utf-8") == (FIXED + "\n") * 200
    assert leftovers(tmp_path) == []
