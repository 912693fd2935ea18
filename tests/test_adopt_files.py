"""Directory search in a real repository: .gitignore, virtual environments, --show-files (issue 15, point 4)."""

from __future__ import annotations

from pathlib import Path

from tests.e2e import make_repo, run_tifa

BAD = "The county Party committee urged cadres to achieve the two maintenances.\n"
# What pip leaves in a virtual environment: names that repeat, which tifa must never read.
AUTHORS = "Alex Grönholm\nAlex Grönholm\nthe the maintainers\n"
FILES = {
    ".gitignore": "*.orig.txt\n/generated/\nlogs/\n",
    "docs/report.md": BAD,
    "docs/report.orig.txt": BAD,
    "docs/sub/.gitignore": "scratch.txt\n!keep.orig.txt\n",
    "docs/sub/scratch.txt": BAD,
    "docs/sub/keep.orig.txt": BAD,
    "docs/sub/notes.txt": BAD,
    "generated/out.txt": BAD,
    "docs/generated/kept.txt": BAD,  # /generated/ is anchored at the top
    "logs/run.txt": BAD,
    ".venv/pyvenv.cfg": "home = /usr/bin\n",
    ".venv/lib/site-packages/pip/AUTHORS.txt": AUTHORS,
    "env-3.12/pyvenv.cfg": "home = /usr/bin\n",
    "env-3.12/lib/AUTHORS.txt": AUTHORS,
    "venv/AUTHORS.txt": AUTHORS,
    "node_modules/pkg/README.md": AUTHORS,
    "build/lib/a.txt": AUTHORS,
    "dist/a.txt": AUTHORS,
}
EXPECTED = [
    "docs/report.md",
    "docs/generated/kept.txt",
    "docs/sub/keep.orig.txt",
    "docs/sub/notes.txt",
]


def test_show_files_lists_what_a_search_checks(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", FILES)
    result = run_tifa("check", "--show-files", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"./{name}" for name in EXPECTED]
    # From a sub-folder, the .gitignore files above it still apply.
    inner = run_tifa("check", "--show-files", ".", cwd=repo / "docs")
    assert inner.stdout.splitlines() == [f"./{name.removeprefix('docs/')}" for name in EXPECTED]
    # A file named on the command line is checked whatever .gitignore says.
    named = run_tifa("check", "--show-files", "docs/report.orig.txt", "logs", cwd=repo)
    assert named.stdout.splitlines() == ["docs/report.orig.txt"]


def test_check_skips_virtual_environments_and_ignored_files(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", FILES)
    result = run_tifa("check", "--format", "json", cwd=repo)
    assert result.returncode == 1, result.stderr
    assert "AUTHORS" not in result.stdout and "Grönholm" not in result.stdout
    assert sorted(set(line.split(":")[0] for line in run_tifa("check", "-q", cwd=repo).stdout.splitlines())) == sorted(
        f"./{name}" for name in EXPECTED
    )


def test_show_files_names_a_missing_path(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"a.txt": BAD})
    result = run_tifa("check", "--show-files", "a.txt", "missing", cwd=repo)
    assert result.returncode == 2
    assert result.stdout == "a.txt\n"
    assert result.stderr == "tifa: missing: no such file or directory\n"
