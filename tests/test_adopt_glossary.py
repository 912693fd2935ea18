"""A house glossary in a real repository, end to end through the installed command (issue 15, point 1)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.e2e import make_repo, run_tifa

# A house glossary that, like every political termbase, lists forms the shipped glossary lists too.
HOUSE = """\
entries:
  - id: house-two-upholds
    zh: 两个维护
    en: Two Upholds
    wrong: [two safeguards, two maintenances]
    category: house-style
    confidence: high
    replace: true
    source: Our style guide, 2024 edition.
  - id: house-self-revolution
    zh: 自我革命
    en: self-revolution
    category: house-style
    confidence: high
    source: Our style guide, 2024 edition.
"""
ARTICLE = (
    "The county Party committee pledged to achieve the two safeguards and to carry out self-revolution, "
    "as the Central Committee requires.\n"
)


def _repo(tmp_path: Path, config: str = "") -> Path:
    files = {"house.yaml": HOUSE, "docs/article.txt": ARTICLE}
    if config:
        files["pyproject.toml"] = config
    return make_repo(tmp_path / "repo", files)


def test_an_overlapping_house_glossary_checks_and_its_entries_win(tmp_path: Path) -> None:
    repo = _repo(tmp_path, '[tool.tifa]\nglossary = ["house.yaml"]\n')
    result = run_tifa("check", "--format", "json", "docs", cwd=repo)
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    (finding,) = json.loads(result.stdout)
    assert (finding["entry"], finding["suggestions"]) == ("house-two-upholds", ["Two Upholds"])
    # The house renders 自我革命 "self-revolution": the shipped entry flagging it gives way.
    assert "self-revolution" not in result.stdout


def test_glossary_check_notes_the_overlap_once_and_exits_0(tmp_path: Path) -> None:
    repo = _repo(tmp_path, '[tool.tifa]\nglossary = ["house.yaml"]\n')
    result = run_tifa("glossary", "check", cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr
    notes = [line for line in result.stdout.splitlines() if "'two safeguards'" in line]
    assert len(notes) == 1 and ": info: " in notes[0] and "your entry wins" in notes[0]
    assert result.stdout.splitlines()[-1].endswith(": 0 errors, 0 warnings, 5 info.")


def test_disable_on_the_command_line(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    plain = run_tifa("check", "docs", cwd=repo)
    assert "Two Upholds" in plain.stdout and "self-reform" in plain.stdout
    disabled = run_tifa("check", "--disable", "two-upholds", "--disable", "party-self-reform", "docs", cwd=repo)
    assert disabled.returncode == 0, disabled.stdout + disabled.stderr
    unknown = run_tifa("check", "--disable", "two-uphold", "docs", cwd=repo)
    assert unknown.returncode == 2
    assert unknown.stderr == "tifa: --disable: no glossary entry 'two-uphold' (did you mean 'two-upholds'?)\n"


def test_import_checks_against_the_configured_glossaries(tmp_path: Path) -> None:
    repo = _repo(tmp_path, '[tool.tifa]\nglossary = ["house.yaml"]\n')
    (repo / "client.csv").write_text(
        "id,zh,en,wrong\n"
        "TB-0001,两个维护,Two Upholds,two maintenances\n"
        "TB-0002,全过程人民民主,whole-process people's democracy,full-process democracy\n"
        "TB-0003,,orphan term,\n"
        "TB-0004,N/A,another orphan,\n"
        "house-self-revolution,自我革命,self-revolution,\n",
        encoding="utf-8",
    )
    result = run_tifa("glossary", "import", "client.csv", "-o", "client.yaml", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert (
        "client.csv:6: warning: id 'house-self-revolution' is already used by entry 'house-self-revolution' at "
        f"{repo / 'house.yaml'}:10: this one is 'house-self-revolution-2'"
    ) in result.stderr
    assert "'two maintenances' is left out: entry 'house-two-upholds' already lists it" in result.stderr
    assert "client.csv:4: warning: entry left out: it has no Chinese term\n" in result.stderr
    assert "client.csv:5: warning: entry left out: its Chinese term 'N/A' has no Chinese characters" in result.stderr
    ids = [entry["id"] for entry in yaml.safe_load((repo / "client.yaml").read_text(encoding="utf-8"))["entries"]]
    assert ids == ["two-upholds", "whole-process-peoples-democracy", "house-self-revolution-2"]
    (repo / "pyproject.toml").write_text('[tool.tifa]\nglossary = ["house.yaml", "client.yaml"]\n', encoding="utf-8")
    # What import wrote is what check then uses, with the configured house glossary.
    check = run_tifa("check", "docs", cwd=repo)
    assert check.returncode == 1 and check.stderr == "", check.stderr
