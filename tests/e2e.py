"""Helpers for end-to-end tests: a temporary git repository and the installed ``tifa`` command run in it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def installed_script(name: str, install: str) -> str:
    """The installed script ``name`` beside this Python (or on PATH); fails the test, saying to ``install``, if none."""
    beside_python = Path(sys.executable).with_name(name)
    found = str(beside_python) if beside_python.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"the {name} command is not installed ({install})")
    return found


def tifa_command() -> str:
    """The installed ``tifa`` script."""
    return installed_script("tifa", "pip install .")


def run_tifa(
    *args: str, cwd: Path, stdin: str | bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed command in ``cwd`` and capture its output as text."""
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    completed = subprocess.run(
        [tifa_command(), *args], cwd=cwd, input=data, capture_output=True, timeout=300, check=False, env=env
    )
    return subprocess.CompletedProcess(
        completed.args,
        completed.returncode,
        completed.stdout.decode("utf-8", "replace"),
        completed.stderr.decode("utf-8", "replace"),
    )


def git(*args: str, cwd: Path) -> str:
    """Run git in ``cwd`` (with a fixed identity) and return its output."""
    identity = ["-c", "user.name=tifa tests", "-c", "user.email=tests@example.org", "-c", "commit.gpgsign=false"]
    done = subprocess.run(["git", *identity, *args], cwd=cwd, capture_output=True, text=True, check=True, timeout=60)
    return done.stdout


def make_repo(root: Path, files: dict[str, str | bytes]) -> Path:
    """A new git repository at ``root`` holding ``files`` (relative path → text or bytes)."""
    root.mkdir(parents=True, exist_ok=True)
    git("init", "-q", "-b", "main", cwd=root)
    write_files(root, files)
    return root


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    """Write ``files`` (relative path → text or bytes) below ``root``."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
