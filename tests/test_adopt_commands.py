"""Every command reads the same configuration and refuses an output format it has not (issue 15, point 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e import make_repo, run_tifa
from tests.test_adopt_glossary import ARTICLE, HOUSE

CONFIG = '[tool.tifa]\nglossary = ["house.yaml"]\ndisable = ["two-upholds"]\n'


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("commands") / "repo"
    return make_repo(root, {"house.yaml": HOUSE, "pyproject.toml": CONFIG, "docs/article.txt": ARTICLE, "sub/x": ""})


@pytest.mark.parametrize(
    ("args", "configured", "shipped"),
    [
        (["glossary", "show", "house-two-upholds"], "house-two-upholds", None),
        (["glossary", "search", "two upholds", "--format", "json"], '"house-two-upholds"', '"two-upholds"'),
        (["glossary", "export", "--format", "csv"], "house-two-upholds,", "\ntwo-upholds,"),
        (["glossary", "stats", "--format", "json"], '"house-style"', None),
    ],
)
def test_glossary_commands_use_the_configured_glossary(
    repo: Path, args: list[str], configured: str, shipped: str | None
) -> None:
    for cwd in (repo, repo / "sub"):  # found from the current folder upwards, as check finds it
        result = run_tifa(*args, cwd=cwd)
        assert result.returncode == 0, result.stderr
        assert configured in result.stdout
        if shipped is not None:  # disabled in the configuration
            assert shipped not in result.stdout
    isolated = run_tifa(*args, "--isolated", cwd=repo)
    assert configured not in isolated.stdout
    elsewhere = run_tifa(*args, "--config", str(repo / "pyproject.toml"), cwd=repo.parent)
    assert elsewhere.returncode == 0 and configured in elsewhere.stdout


def test_glossary_check_without_files_checks_the_configured_ones(repo: Path) -> None:
    result = run_tifa("glossary", "check", cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"{repo / 'house.yaml'}:")
    assert result.stdout.splitlines()[-1].startswith("1 file, 2 entries: 0 errors, 0 warnings")


def test_check_and_consistency_read_it_too(repo: Path) -> None:
    check = run_tifa("check", "--format", "json", cwd=repo)
    assert [finding["entry"] for finding in json.loads(check.stdout)] == ["house-two-upholds"]
    consistency = run_tifa("consistency", "--format", "json", "docs", cwd=repo)
    assert consistency.returncode == 0, consistency.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["consistency", "--format", "sarif", "docs"], "'sarif' is not one of 'text', 'json'"),
        (["consistency", "--format", "github", "docs"], "'github' is not one of 'text', 'json'"),
        (["check", "--diff", "--format", "json", "docs"], "--diff prints a unified diff: it cannot be given with"),
        (["check", "--diff", "--format", "sarif", "docs"], "--diff prints a unified diff: it cannot be given with"),
    ],
)
def test_an_unsupported_output_format_is_refused(repo: Path, args: list[str], message: str) -> None:
    result = run_tifa(*args, cwd=repo)
    assert result.returncode == 2
    assert result.stdout == ""
    assert message in result.stderr and "Traceback" not in result.stderr
