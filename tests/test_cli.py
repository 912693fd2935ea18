"""The command line in-process: exit codes, output formats, bad input and rule selection."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import MINI_GLOSSARY
from tifa import __version__
from tifa.cli import app
from tifa.rules import ALL_RULES

runner = CliRunner()
BAD = "The meeting urged cadres to achieve the two maintenances.\n"
GOOD = "The meeting urged cadres to achieve the Two Upholds.\n"


def run(*args: str, stdin: str | bytes | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=stdin)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    bad = tmp_path / "bad.txt"
    bad.write_text(BAD, encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    return {"bad": bad, "good": good, "dir": tmp_path}


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"tifa {__version__}"


def test_rules_lists_every_code() -> None:
    result = run("rules")
    assert result.exit_code == 0
    for rule in ALL_RULES:
        assert rule.code in result.stdout and rule.name in result.stdout


def test_clean_file_exits_0(files: dict[str, Path]) -> None:
    result = run("check", str(files["good"]))
    assert result.exit_code == 0, result.output
    assert result.stdout == "0 findings in 1 file.\n"


def test_findings_exit_1_with_location_code_and_suggestion(files: dict[str, Path]) -> None:
    result = run("check", str(files["bad"]))
    assert result.exit_code == 1, result.output
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{files['bad']}:1:41: TF101 [error] ")
    assert first.endswith("→ Two Upholds [*]")
    assert result.stdout.splitlines()[-1] == "1 finding (1 error) in 1 file; 1 fixable with `--fix`."


def test_json_contract(files: dict[str, Path]) -> None:
    result = run("check", "--format", "json", str(files["bad"]))
    assert result.exit_code == 1, result.output
    (finding,) = json.loads(result.stdout)
    assert finding == {
        "path": str(files["bad"]),
        "line": 1,
        "column": 41,
        "end_line": 1,
        "end_column": 57,
        "code": "TF101",
        "name": "wrong-rendering",
        "severity": "error",
        "message": finding["message"],
        "suggestions": ["Two Upholds"],
        "entry": "two-upholds",
        "fix": [{"line": 1, "column": 41, "end_line": 1, "end_column": 57, "content": "Two Upholds"}],
        "applicability": "safe",
    }
    assert "两个维护" in finding["message"]


def test_json_columns_count_code_points(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_text("中文😀 two maintenances\n", encoding="utf-8")
    (finding,) = json.loads(run("check", "--format", "json", str(path)).stdout)
    assert (finding["column"], finding["end_column"]) == (5, 21)


def test_missing_path_is_exit_2_but_other_files_are_checked(files: dict[str, Path]) -> None:
    result = run("check", str(files["dir"] / "missing.txt"), str(files["bad"]))
    assert result.exit_code == 2
    assert "TF101" in result.stdout
    assert f"tifa: {files['dir'] / 'missing.txt'}: no such file or directory" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"fine line\nbad \xff byte\n", "bad.bin.txt:2: cannot decode as UTF-8 (byte 0xff)"),
        (b"PK\x03\x04\x00\x00binary", "bad.bin.txt:1: binary file"),
    ],
)
def test_unreadable_file_is_one_line_and_exit_2(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.bin.txt"
    path.write_bytes(content)
    result = run("check", str(path))
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_utf16_and_bom_files_are_read(tmp_path: Path) -> None:
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(BAD.encode("utf-16"))
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + BAD.encode("utf-8"))
    result = run("check", "--format", "json", str(utf16), str(bom))
    assert result.exit_code == 1
    assert [(item["line"], item["column"]) for item in json.loads(result.stdout)] == [(1, 41), (1, 41)]


def test_invalid_glossary_is_exit_2_with_file_and_line(tmp_path: Path, files: dict[str, Path]) -> None:
    glossary = tmp_path / "mine.yaml"
    glossary.write_text("entries:\n  - id: x\n    colour: red\n", encoding="utf-8")
    result = run("check", "--glossary", str(glossary), str(files["bad"]))
    assert result.exit_code == 2
    assert f"{glossary}:3: entry: unknown key 'colour'" in result.stderr
    assert "Traceback" not in result.output


def test_user_glossary_adds_entries(tmp_path: Path) -> None:
    text = tmp_path / "t.txt"
    text.write_text("Officials discussed the bad sample at length.\n", encoding="utf-8")
    glossary = tmp_path / "mine.yaml"
    glossary.write_text(
        "entries:\n  - {id: sample, zh: 样例, en: good sample, wrong: [bad sample], category: test,"
        " confidence: high, source: house style}\n",
        encoding="utf-8",
    )
    result = run("check", "-g", str(glossary), "--format", "json", str(text))
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout)[0]["suggestions"] == ["good sample"]


def test_stdin(files: dict[str, Path]) -> None:
    result = run("check", "-", stdin=BAD)
    assert result.exit_code == 1
    assert result.stdout.startswith("-:1:41: TF101")


@pytest.mark.parametrize(
    ("options", "codes"),
    [
        (["--select", "TF201"], ["TF201"]),
        (["--ignore", "TF201"], ["TF101"]),
        (["--select", "TF2", "--select", "wrong-rendering"], ["TF101", "TF201"]),
        (["--ignore", "TF", "--select", "TF101"], ["TF101"]),
    ],
)
def test_select_and_ignore(tmp_path: Path, options: list[str], codes: list[str]) -> None:
    path = tmp_path / "t.txt"
    path.write_text("We must set an example and set an example for the two maintenances.\n", encoding="utf-8")
    result = run("check", "--format", "json", *options, str(path))
    assert sorted(item["code"] for item in json.loads(result.stdout)) == codes


def test_unknown_rule_is_a_usage_error(files: dict[str, Path]) -> None:
    result = run("check", "--select", "XX999", str(files["bad"]))
    assert result.exit_code == 2
    assert "unknown rule 'XX999'" in result.stderr


def test_directory_is_searched_for_text_and_markdown(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text(BAD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "c.json").write_text(BAD, encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "d.txt").write_text(BAD, encoding="utf-8")
    result = run("check", "--format", "json", str(tmp_path))
    paths = sorted(Path(item["path"]).name for item in json.loads(result.stdout))
    assert paths == ["a.md", "b.txt"]


def test_markdown_code_and_link_targets_are_skipped_with_true_positions(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    path.write_text(
        "# Report\n\n"
        "Keep `two maintenances` in code and [a link](https://x.test/two-maintenances).\n\n"
        "```\ntwo maintenances\n```\n\n"
        "Text: the two maintenances.\n",
        encoding="utf-8",
    )
    result = run("check", "--format", "json", str(path))
    findings = json.loads(result.stdout)
    assert [(item["line"], item["column"]) for item in findings] == [(9, 11)]


def test_mini_glossary_as_extra_file_still_validates(files: dict[str, Path]) -> None:
    result = run("check", "-g", str(MINI_GLOSSARY), str(files["good"]))
    assert result.exit_code in (0, 2)
    assert "Traceback" not in result.output
