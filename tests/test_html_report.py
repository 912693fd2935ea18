"""The HTML report without a browser: its data blob, the escaping that keeps it inside <script>, the command."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tifa.cli import app
from tifa.reporters.html import script_json

REVIEW = Path(__file__).parent / "data" / "review"
DATA_START = '<script id="tifa-data" type="application/json">'


def report_data(page: str) -> dict[str, Any]:
    """The JSON blob of an HTML report."""
    start = page.index(DATA_START) + len(DATA_START)
    data: dict[str, Any] = json.loads(page[start : page.index("</script>", start)])
    return data


@pytest.fixture(scope="module")
def page() -> str:
    """The HTML report of the review texts, as ``tifa check --format html`` prints it."""
    result = CliRunner().invoke(app, ["check", "--isolated", "--format", "html", str(REVIEW)])
    assert result.exit_code == 1, result.output
    return result.stdout


@pytest.mark.parametrize(
    "text", ["</script><script>alert(1)</script>", "a & b", "line\u2028separator\u2029", "<!-- x -->", "“两个维护”"]
)
def test_script_json_cannot_end_the_script_element(text: str) -> None:
    """The blob has no <, >, & or line separators, and reads back as the same data."""
    blob = script_json({"text": text, "list": [text]})
    assert not set("<>&\u2028\u2029") & set(blob)
    assert json.loads(blob) == {"text": text, "list": [text]}


def test_the_page_is_self_contained(page: str) -> None:
    """No external resource: no link, src or url(); the CSP forbids loading anything; one data blob and one script."""
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"<link\b|\ssrc=|url\(|@import", page)
    assert "default-src 'none'" in page
    assert page.count("</script>") == 2  # the text's own "</script>" stays escaped inside the blob


def test_the_data_matches_the_json_report(page: str) -> None:
    """Every finding of --format json is in the blob, with its place, code, severity and entry."""
    result = CliRunner().invoke(app, ["check", "--isolated", "--format", "json", str(REVIEW)])
    expected = json.loads(result.stdout)
    data = report_data(page)
    severities = ["info", "warning", "error"]
    found = [
        (data["files"][row[0]], row[1], row[2], data["codes"][row[3]], severities[row[4]], row[5])
        for row in data["findings"]
    ]
    assert found == [
        (item["path"], item["line"], item["column"], item["code"], item["severity"], item["message"])
        for item in expected
    ]
    entries = {entry["id"]: entry for entry in data["entries"]}
    assert entries["two-upholds"]["zh"] == "两个维护" and entries["two-upholds"]["source"]


def test_each_row_shows_its_sentence_with_the_span(page: str) -> None:
    """The sentence around a span is the segment's text (unescaped in PO), cut at sentence ends."""
    rows = {(row[7], row[0]): row for row in report_data(page)["findings"]}
    files = report_data(page)["files"]
    po = files.index(str(REVIEW / "bureau-minutes.po"))
    before, matched, after = rows[("two maintenances", po)][6:9]
    assert (before, matched, after) == ('Resolutely achieve the "', "two maintenances", '" in all work')
    text = files.index(str(REVIEW / "county-briefing.mt.txt"))
    before, matched, after = rows[("Chinese-style modernization", text)][6:9]
    assert before.startswith("The meeting called on every department") and after == " with concrete results."
    assert rows[("Chinese-style modernization", text)][9] == "Chinese modernization"


def test_a_finding_outside_the_text_shows_the_file_text(tmp_path: Path) -> None:
    """A finding in a PO comment (an invalid suppression) shows the comment itself, not a neighbouring msgstr."""
    po = tmp_path / "notes.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n\nmsgid "中国式现代化"\nmsgstr "Chinese modernization"\n\n'
        '# tifa: ignore[TF999]\nmsgid "两个维护"\nmsgstr "the Two Upholds"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["check", "--isolated", "--format", "html", str(po)])
    assert result.exit_code == 1, result.output
    (row,) = report_data(result.stdout)["findings"]
    assert report_data(result.stdout)["codes"][row[3]] == "TF902"
    assert "TF999" in row[6] + row[7] + row[8]
