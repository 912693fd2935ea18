"""tifa consistency: one Chinese term rendered in several ways across the files of a run."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tifa.cli import app

runner = CliRunner()


def _tsv(tmp_path: Path, name: str, rows: list[tuple[str, str]]) -> Path:
    path = tmp_path / name
    path.write_text("zh\ten\n" + "".join(f"{zh}\t{en}\n" for zh, en in rows), encoding="utf-8")
    return path


def test_term_rendered_two_ways_across_files_is_reported_with_counts_and_places(tmp_path: Path) -> None:
    first = _tsv(
        tmp_path,
        "a.tsv",
        [("坚决做到两个维护。", "Resolutely achieve the Two Upholds."), ("做到两个维护。", "Achieve the Two Upholds.")],
    )
    second = _tsv(tmp_path, "b.tsv", [("坚决做到两个维护。", "Resolutely achieve the two maintenances.")])
    result = runner.invoke(app, ["consistency", str(first), str(second)])
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "两个维护 (two-upholds): 2 renderings in 3 segments"
    assert lines[1].split()[:3] == ["2", "Two", "Upholds"]
    assert f"{first}:2, {first}:3" in lines[1]
    assert "two maintenances  [wrong]" in lines[2] and f"{second}:2" in lines[2]
    assert lines[-1] == "1 of 1 source terms rendered inconsistently."


def test_consistent_files_exit_0_and_json_lists_every_term(tmp_path: Path) -> None:
    path = _tsv(
        tmp_path,
        "a.tsv",
        [("推进中国式现代化。", "Advance Chinese modernization."), ("中国式现代化", "Chinese modernization")],
    )
    result = runner.invoke(app, ["consistency", "--format", "json", str(path)])
    assert result.exit_code == 0, result.output
    (term,) = json.loads(result.stdout)
    assert term["entry"] == "chinese-modernization" and term["consistent"] is True
    assert term["renderings"] == [
        {"rendering": "Chinese modernization", "kind": "standard", "count": 2, "places": [f"{path}:2", f"{path}:3"]}
    ]


def test_unreadable_file_is_an_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["consistency", str(tmp_path / "missing.po")])
    assert result.exit_code == 2
    assert "no such file or directory" in result.stderr


def test_the_configuration_applies_as_for_check(tmp_path: Path) -> None:
    # A house glossary from the configuration adds a term; a disabled entry drops one; an
    # excluded file is not read; the table columns come from the configuration too.
    (tmp_path / "house.yaml").write_text(
        "- id: county-pilot-zone\n  zh: 试点县区\n  en: pilot county zone\n  category: test\n"
        "  confidence: high\n  source: Test data.\n",
        encoding="utf-8",
    )
    (tmp_path / "tifa.toml").write_text(
        'glossary = ["house.yaml"]\ndisable = ["two-upholds"]\nexclude = ["drafts/**"]\n'
        'source-column = "chinese"\ntarget-column = "english"\n',
        encoding="utf-8",
    )
    table = tmp_path / "a.tsv"
    table.write_text(
        "english\tchinese\n"
        "The pilot county zone opened.\t试点县区开放。\n"
        "The trial county area opened.\t试点县区开放。\n"
        "Achieve the two maintenances.\t做到两个维护。\n",
        encoding="utf-8",
    )
    (tmp_path / "drafts").mkdir()
    _tsv(tmp_path / "drafts", "b.tsv", [("试点县区开放。", "The experimental county opened.")])
    result = runner.invoke(app, ["consistency", "--format", "json", str(tmp_path)])
    assert result.exit_code == 1, result.output
    reports = [report for report in json.loads(result.stdout) if report["check"] == "term"]
    assert [report["entry"] for report in reports] == ["county-pilot-zone"]
    assert [rendering["count"] for rendering in reports[0]["renderings"]] == [1, 1]
    isolated = runner.invoke(app, ["consistency", "--isolated", "--format", "json", str(tmp_path)])
    assert isolated.exit_code == 1, isolated.output  # 试点县区开放。 is still translated in two ways
    found = json.loads(isolated.stdout)
    assert [report["entry"] for report in found if report["check"] == "term"] == ["two-upholds"]
    assert [report["text"] for report in found if report["check"] == "source-segment"] == ["试点县区开放。"]


def test_segments_translated_inconsistently_are_listed(tmp_path: Path) -> None:
    path = _tsv(
        tmp_path,
        "a.tsv",
        [
            ("会议在北京举行。", "The meeting was held in Beijing."),
            ("会议在北京举行。", "The conference took place in Beijing."),
            ("会议在北京召开。", "The meeting was held in Beijing."),
        ],
    )
    result = runner.invoke(app, ["consistency", str(path)])
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines == [
        "source segment translated 2 ways: 会议在北京举行。",
        f"      1  The meeting was held in Beijing.  {path}:2",
        f"      1  The conference took place in Beijing.  {path}:3",
        "one translation of 2 different sources: The meeting was held in Beijing.",
        f"      1  会议在北京举行。  {path}:2",
        f"      1  会议在北京召开。  {path}:4",
        "0 of 0 source terms rendered inconsistently.",
    ]


def test_alignment_lists_a_literal_rendering_with_its_words(tmp_path: Path) -> None:
    path = _tsv(
        tmp_path,
        "a.tsv",
        [
            ("弘扬伟大建党精神。", "Carry forward the great founding spirit of the Party."),
            ("继续弘扬伟大建党精神。", "Continue to carry forward the great spirit of founding the party."),
        ],
    )
    result = runner.invoke(app, ["consistency", "--format", "json", str(path)])
    assert result.exit_code == 1, result.output
    (term,) = [
        report for report in json.loads(result.stdout) if report.get("entry") == "great-founding-spirit-of-the-party"
    ]
    assert [(rendering["rendering"], rendering["kind"]) for rendering in term["renderings"]] == [
        ("great founding spirit of the Party", "standard"),
        ("great spirit of founding the party", "literal"),
    ]
