"""``tifa glossary`` in-process: every command, its exit codes and its error lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from tifa.cli import app

runner = CliRunner()

HOUSE_GLOSSARY = """\
entries:
  - id: two-upholds
    zh: 两个维护
    en: Two Upholds
    wrong: [two maintenances]
    category: house-style
    confidence: high
    source: Our style guide.
  - id: county-rural-revitalization-office
    zh: 县乡村振兴局
    en: county rural revitalization bureau
    wrong: [county village revitalization office]
    category: house-style
    confidence: high
    source: Our style guide.
"""


def run(*args: str | Path) -> Result:
    return runner.invoke(app, ["glossary", *map(str, args)])


@pytest.fixture
def house(tmp_path: Path) -> Path:
    path = tmp_path / "house.yaml"
    path.write_text(HOUSE_GLOSSARY, encoding="utf-8")
    return path


def test_help_lists_every_command() -> None:
    result = run("--help")
    assert result.exit_code == 0, result.output
    for command in ("check", "search", "show", "export", "import", "stats"):
        assert command in result.stdout


# ---- check


def test_check_shipped_is_clean() -> None:
    result = run("check")
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(": 0 errors, 0 warnings, 0 info.\n")


def test_check_only_info_exits_0(house: Path) -> None:
    result = run("check", house)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{house}:2: info: entry 'two-upholds' replaces the shipped entry")
    assert result.stdout.splitlines()[-1] == "1 file, 2 entries: 0 errors, 0 warnings, 1 info."


def test_check_warnings_and_errors_exit_1(house: Path) -> None:
    house.write_text(
        HOUSE_GLOSSARY.replace("county village revitalization office", "quality development").replace(
            "confidence: high\n    source: Our style guide.\n  - id: county",
            "confidence: sure\n    source: x\n  - id: county",
        ),
        encoding="utf-8",
    )
    result = run("check", house)
    assert result.exit_code == 1, result.output
    assert f"{house}:7: error: entry 'two-upholds': confidence must be high, medium or low" in result.stdout
    assert f"{house}:12: warning: entry 'county-rural-revitalization-office': wrong form" in result.stdout
    assert result.stdout.splitlines()[-1] == "1 file, 1 entry: 1 error, 1 warning, 1 info."


def test_check_unreadable_exits_2(house: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    result = run("check", house, missing)
    assert result.exit_code == 2, result.output
    assert result.stderr == f"tifa: {missing}: cannot read glossary: No such file or directory\n"
    assert "Traceback" not in result.output


# ---- search


def test_search_text(house: Path) -> None:
    result = run("search", "two", "upholdz")
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0]
    assert "two-upholds  两个维护  Two Upholds" in first
    assert len(result.stdout.splitlines()) <= 5


def test_search_shows_which_form_matched() -> None:
    result = run("search", "chinese style modernisation", "--limit", "1")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith(
        "chinese-modernization  中国式现代化  Chinese modernization  (matched wrong: 'Chinese-style modernisation')"
    )


def test_search_json_chinese() -> None:
    result = run("search", "维护", "--format", "json", "-n", "2")
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert hits[0]["id"] == "two-upholds"
    assert hits[0]["matched"] == {"field": "zh", "text": "两个维护"}
    assert set(hits[0]) == {"id", "zh", "en", "category", "confidence", "score", "matched"}
    assert len(hits) <= 2


def test_search_uses_extra_glossaries(house: Path) -> None:
    result = run("search", "county village revitalisation office", "--glossary", house, "-n", "1")
    assert result.exit_code == 0, result.output
    assert "county-rural-revitalization-office" in result.stdout


def test_search_nothing_found_exits_1() -> None:
    result = run("search", "qqqqzzzzxxxx")
    assert result.exit_code == 1
    assert result.stdout == "No entry matches 'qqqqzzzzxxxx'.\n"
    assert json.loads(run("search", "qqqqzzzzxxxx", "--format", "json").stdout) == []


def test_search_bad_limit_is_a_usage_error() -> None:
    result = run("search", "x", "--limit", "0")
    assert result.exit_code == 2


# ---- show


def test_show_every_field() -> None:
    result = run("show", "two-upholds")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("two-upholds  (") and "numbered-formulations.yaml:" in lines[0]
    for label in ("zh:", "en:", "accept:", "wrong:", "category:", "confidence:", "source:", "example, bad:"):
        assert any(line.strip().startswith(label) for line in lines), label
    assert "[in a sentence with: @party" in result.stdout


def test_show_unknown_id_suggests_close_ids() -> None:
    result = run("show", "two-uphold")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("tifa: unknown glossary id 'two-uphold'; did you mean 'two-upholds'")
    assert len(result.stderr.splitlines()) == 1


def test_show_user_entry(house: Path) -> None:
    result = run("show", "county-rural-revitalization-office", "-g", house)
    assert result.exit_code == 0, result.output
    assert f"({house}:9)" in result.stdout


def test_invalid_extra_glossary_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("entries:\n  - id: x\n    colour: red\n", encoding="utf-8")
    result = run("show", "two-upholds", "--glossary", bad)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"tifa: {bad}:3: entry: unknown key 'colour'")
    assert "Traceback" not in result.output


# ---- export and import


@pytest.mark.parametrize("output_format", ["tbx", "csv", "yaml"])
def test_export_to_stdout(output_format: str) -> None:
    result = run("export", "--format", output_format)
    assert result.exit_code == 0, result.output
    starts = {"tbx": '<?xml version="1.0"', "csv": "id,zh,en,accept,wrong,outdated,", "yaml": "# tifa glossary: "}
    assert result.stdout.startswith(starts[output_format])
    if output_format == "yaml":
        assert result.stderr == ""
    else:
        assert result.stderr.startswith(f"tifa: warning: {output_format.upper()} cannot carry conditions on forms")


def test_export_import_round_trip_through_files(house: Path, tmp_path: Path) -> None:
    exported = tmp_path / "all.tbx"
    result = run("export", "--format", "tbx", "--output", exported, "--glossary", house)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "county rural revitalization bureau" in exported.read_text(encoding="utf-8")
    imported = tmp_path / "all.yaml"
    result = run("import", exported, "--output", imported)
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(f"entries written to {imported}.\n")
    assert "id: county-rural-revitalization-office" in imported.read_text(encoding="utf-8")


def test_export_requires_a_format() -> None:
    result = run("export")
    assert result.exit_code == 2
    assert "--format" in result.output


def test_import_csv_to_stdout_with_explicit_format(tmp_path: Path) -> None:
    terms = tmp_path / "terms.txt"
    terms.write_text("zh,en,wrong\n两个维护,Two Upholds,two maintenances\n", encoding="utf-8")
    result = run("import", terms, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert "  - id: two-upholds\n    zh: 两个维护\n    en: Two Upholds\n" in result.stdout
    assert "confidence: low" in result.stdout


def test_import_warnings_go_to_stderr(tmp_path: Path) -> None:
    terms = tmp_path / "terms.csv"
    terms.write_text("zh,en\n两个维护,Two Upholds\n,Orphan\n", encoding="utf-8")
    result = run("import", terms)
    assert result.exit_code == 0, result.output
    assert result.stderr == (f"tifa: {terms}:3: warning: entry left out: it has no Chinese term\n")


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("bad.csv", "zh,note\n样,x\n", ":1: the header row lacks the required column(s) en"),
        ("ragged.csv", "zh,en\n样,sample,extra\n", ":2: the row has 3 fields, the header 2"),
        ("bad.tbx", "<martif>\n<text>\n</martif>\n", ":3: invalid XML: mismatched tag"),
        (
            "bomb.tbx",
            '<?xml version="1.0"?>\n<!DOCTYPE m [\n<!ENTITY a "aaaa">\n<!ENTITY b "&a;&a;&a;&a;">\n]>\n<m>&b;</m>\n',
            ":3: the file declares XML entities",
        ),
    ],
)
def test_import_malformed_file_is_one_error_line(tmp_path: Path, name: str, content: str, expected: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = run("import", path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"tifa: {path}{expected}")
    assert len(result.stderr.splitlines()) == 1


def test_import_unknown_suffix_and_missing_file(tmp_path: Path) -> None:
    sheet = tmp_path / "terms.xlsx"
    sheet.write_bytes(b"PK")
    result = run("import", sheet)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"tifa: {sheet}: cannot tell the format from the suffix '.xlsx'")
    missing = tmp_path / "missing.tbx"
    result = run("import", missing)
    assert result.exit_code == 2
    assert result.stderr == f"tifa: {missing}: cannot read: No such file or directory\n"


def test_import_yaml_format_is_refused(tmp_path: Path, house: Path) -> None:
    result = run("import", house, "--format", "yaml")
    assert result.exit_code == 2  # click rejects the choice


def test_unwritable_output_is_one_error_line(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "out.csv"
    result = run("export", "--format", "csv", "--output", target)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == f"tifa: {target}: cannot write: No such file or directory"


# ---- stats


def test_stats_text() -> None:
    result = run("stats")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "category",
        "entries",
        "source",
        "wrong",
        "outdated",
        "examples",
        "high",
        "medium",
        "low",
    ]
    total = next(line for line in lines if line.startswith("total"))
    assert int(total.split()[1]) > 600
    assert any(line.startswith("numbered-formulations") for line in lines)
    assert lines[-1].startswith("Forms: ") and "Chinese" in lines[-1]


def test_stats_json_adds_up(house: Path) -> None:
    result = run("stats", "--format", "json", "--glossary", house)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    total = data["total"]
    assert total["entries"] == sum(category["entries"] for category in data["categories"].values())
    assert sum(total["confidence"].values()) == total["entries"]
    assert total["with_source"] == total["entries"]
    assert data["categories"]["house-style"]["entries"] == 2
    assert set(total["forms"]) == {"zh", "accept", "wrong", "wrong_if_source", "outdated"}
