"""The pre-commit hooks of ``.pre-commit-hooks.yaml``, run by the real ``pre-commit try-repo``.

``try-repo`` installs tifa from a repository into pre-commit's own environment, which needs
network access to PyPI. It is given a committed snapshot of this working tree (tracked and
untracked files, as ``git ls-files`` lists them), so the hooks and code under test are the
ones on disk, committed or not. ``try-repo`` builds a fresh hook environment on every call,
so one call runs both hooks on the bad file and a second runs ``tifa`` on the good file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.e2e import installed_script

# Each test builds a hook environment from PyPI: tens of seconds, and only with network access.
pytestmark = [pytest.mark.slow, pytest.mark.network]

TIMEOUT_SECONDS = 240
BAD_TEXT = "The meeting urged cadres to achieve the two maintenances.\n"
FIXED_TEXT = "The meeting urged cadres to achieve the Two Upholds.\n"
GOOD_TEXT = "The meeting urged cadres to achieve the Two Upholds.\n"
GIT_IDENTITY = ("-c", "user.name=tifa tests", "-c", "user.email=tests@tifa.invalid", "-c", "commit.gpgsign=false")


@dataclass(frozen=True)
class HookRun:
    """What one ``pre-commit try-repo`` call returned."""

    returncode: int
    output: str


def _clean_environment() -> dict[str, str]:
    """This process's environment without git's and pre-commit's variables (as set inside a hook)."""
    return {key: value for key, value in os.environ.items() if not key.startswith(("GIT_", "PRE_COMMIT"))}


def _git(*args: str, cwd: Path) -> str:
    completed = subprocess.run(
        ["git", *GIT_IDENTITY, *args],
        cwd=cwd,
        env=_clean_environment(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, f"git {' '.join(args)} failed:\n{completed.stdout}{completed.stderr}"
    return completed.stdout


def _pre_commit() -> str:
    return installed_script("pre-commit", "pip install '.[test]'")


def _snapshot_of_working_tree(destination: Path) -> Path:
    """Copy this repository's working tree (tracked and untracked, not ignored) into a new repository and commit it."""
    listed = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():  # tracked files deleted in the working tree are left out
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    _git("init", "--quiet", "--initial-branch", "main", cwd=destination)
    _git("add", "--all", cwd=destination)
    _git("commit", "--quiet", "--no-verify", "-m", "snapshot", cwd=destination)
    return destination


@pytest.fixture(scope="session")
def hook_repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A committed snapshot of the tifa repository to install the hooks from."""
    return _snapshot_of_working_tree(tmp_path_factory.mktemp("tifa-snapshot"))


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pre-commit's cache directory for this session (not the user's)."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    """A user's repository with one bad and one good text, committed."""
    (tmp_path / "bad.txt").write_text(BAD_TEXT, encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    _git("init", "--quiet", cwd=tmp_path)
    _git("add", "bad.txt", "good.txt", cwd=tmp_path)
    _git("commit", "--quiet", "--no-verify", "-m", "texts", cwd=tmp_path)
    yield tmp_path


def try_repo(hook_repository: Path, pre_commit_home: Path, project: Path, *args: str) -> HookRun:
    """Run ``pre-commit try-repo`` on ``project`` and return its exit status and output."""
    environment = _clean_environment()
    environment.update(PRE_COMMIT_HOME=str(pre_commit_home), PRE_COMMIT_COLOR="never", NO_COLOR="1")
    completed = subprocess.run(
        [_pre_commit(), "try-repo", str(hook_repository), *args],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    return HookRun(completed.returncode, completed.stdout + completed.stderr)


def _assert_hook_ran(run: HookRun) -> None:
    """Fail with pre-commit's output when it could not build or start the hook environment."""
    assert "An unexpected error has occurred" not in run.output, run.output
    assert "[INFO] Installing environment" in run.output or "Passed" in run.output, run.output


def test_hooks_report_and_fix_the_bad_file(hook_repository: Path, pre_commit_home: Path, project: Path) -> None:
    # Without a hook id, try-repo runs every hook of the manifest in id order: tifa, then tifa-fix.
    run = try_repo(hook_repository, pre_commit_home, project, "--files", "bad.txt")
    _assert_hook_ran(run)
    assert run.returncode == 1, run.output
    assert "- hook id: tifa\n" in run.output and "- hook id: tifa-fix\n" in run.output
    assert "bad.txt:1:41: TF101 [error]" in run.output
    assert '"two maintenances" is a literal or mistaken rendering of 两个维护' in run.output
    assert "- files were modified by this hook" in run.output
    assert (project / "bad.txt").read_text(encoding="utf-8") == FIXED_TEXT
    assert (project / "good.txt").read_text(encoding="utf-8") == GOOD_TEXT


def test_tifa_hook_passes_the_good_file(hook_repository: Path, pre_commit_home: Path, project: Path) -> None:
    run = try_repo(hook_repository, pre_commit_home, project, "tifa", "--files", "good.txt")
    _assert_hook_ran(run)
    assert run.returncode == 0, run.output
    assert "tifa" in run.output and "Passed" in run.output


def _readme_pre_commit_snippet() -> str:
    """The ``.pre-commit-config.yaml`` snippet of the README's pre-commit section."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### pre-commit") :]
    start = section.index("```yaml\n") + len("```yaml\n")
    return section[start : section.index("```", start)]


def _run_pre_commit(pre_commit_home: Path, project: Path, *args: str) -> HookRun:
    environment = _clean_environment()
    environment.update(PRE_COMMIT_HOME=str(pre_commit_home), PRE_COMMIT_COLOR="never", NO_COLOR="1")
    completed = subprocess.run(
        [_pre_commit(), *args],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    output = completed.stdout + completed.stderr
    assert "An unexpected error has occurred" not in output, output
    return HookRun(completed.returncode, output)


def test_readme_snippet_works_when_pasted(hook_repository: Path, pre_commit_home: Path, project: Path) -> None:
    snippet = _readme_pre_commit_snippet()
    assert "rev: main" in snippet and "<URL of this repository>" in snippet
    config = project / ".pre-commit-config.yaml"
    config.write_text(snippet.replace("<URL of this repository>", str(hook_repository)), encoding="utf-8")
    run = _run_pre_commit(pre_commit_home, project, "run", "--all-files")
    assert run.returncode == 1, run.output
    assert "bad.txt:1:41: TF101 [error]" in run.output
    assert "good.txt:" not in run.output  # the good file gives no finding
    # What the README says to do next: autoupdate pins rev (to the commit, while there is no release tag).
    updated = _run_pre_commit(pre_commit_home, project, "autoupdate")
    assert updated.returncode == 0, updated.output
    head = _git("rev-parse", "HEAD", cwd=hook_repository).strip()
    assert f"rev: {head}" in config.read_text(encoding="utf-8")


SDLXLIFF = """\
<?xml version="1.0" encoding="utf-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="notice.docx" source-language="zh-CN" target-language="en-US" datatype="x-sdlfilterframework2">
    <body>
      <trans-unit id="1">
        <source>坚决做到两个维护。</source>
        <target>Resolutely achieve the two maintenances.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def test_one_hook_run_on_many_files_honours_exclude_and_reads_trados_files(
    hook_repository: Path, pre_commit_home: Path, project: Path
) -> None:
    for number in range(12):  # enough for pre-commit to split them across processes, were the hook not serial
        (project / "docs" / f"part-{number:02}.txt").parent.mkdir(exist_ok=True)
        (project / "docs" / f"part-{number:02}.txt").write_text(BAD_TEXT, encoding="utf-8")
    (project / "drafts").mkdir()
    (project / "drafts" / "notes.txt").write_text(BAD_TEXT, encoding="utf-8")
    (project / "notice.sdlxliff").write_text(SDLXLIFF, encoding="utf-8")
    (project / "pyproject.toml").write_text('[tool.tifa]\nexclude = ["drafts"]\n', encoding="utf-8")
    _git("add", "--all", cwd=project)
    _git("commit", "--quiet", "--no-verify", "-m", "more texts", cwd=project)
    run = try_repo(hook_repository, pre_commit_home, project, "tifa", "--all-files")
    _assert_hook_ran(run)
    assert run.returncode == 1, run.output
    assert "drafts/notes.txt" not in run.output  # excluded in the configuration, although pre-commit names it
    assert "notice.sdlxliff:7:" in run.output and "two maintenances" in run.output
    summaries = [line for line in run.output.splitlines() if " findings (" in line and " in " in line]
    assert summaries == ["14 findings (14 errors) in 15 files; 14 fixable with `--fix`."], run.output
