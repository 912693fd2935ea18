"""End to end through the CLI: findings in PO, XLIFF and table files point at the right line and column."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import DATA
from tifa.cli import app
from tifa.text import LineIndex

runner = CliRunner()
FORMATS = DATA / "formats"

Expected = tuple[str, int, int, int, int, str]

EXPECTED: dict[str, list[Expected]] = {
    "sample.po": [
        ("TF101", 22, 4, 22, 20, "two maintenances"),  # after the escaped quote \"
        ("TF101", 22, 58, 23, 15, 'Chinese-style "\n"modernization'),  # across two string lines
        ("TF101", 27, 9, 27, 22, "Leader cadres"),
        ("TF201", 27, 46, 27, 77, "take the lead and take the lead"),  # after the \t escape
        ("TF101", 37, 53, 37, 68, "self-revolution"),  # msgstr[0]
        ("TF101", 38, 55, 38, 70, "self-revolution"),  # msgstr[1]
    ],
    "sample.xlf": [
        ("TF101", 11, 129, 11, 145, "two maintenances"),  # after &#8220; and inside <g>
        ("TF101", 15, 75, 15, 102, "Chinese-style modernization"),  # after <bpt>&lt;b&gt;</bpt>
        ("TF101", 22, 26, 22, 39, "Leader cadres"),  # in CDATA
        ("TF201", 22, 67, 22, 100, "set an example and set an example"),
    ],
    "sample-2.0.xlf": [
        ("TF101", 7, 57, 7, 73, "two maintenances"),  # after &quot; inside <pc>
        ("TF101", 15, 50, 15, 77, "Chinese-style modernization"),  # inside <mrk>
        ("TF101", 21, 111, 21, 126, "self-revolution"),  # after <sc/> and &apos;
    ],
    "sample.tsv": [
        ("TF101", 2, 39, 2, 55, "two maintenances"),
        ("TF101", 3, 21, 3, 48, "Chinese-style modernization"),
    ],
    "sample.csv": [
        ("TF101", 2, 86, 2, 102, "two maintenances"),  # after a doubled quote
        ("TF101", 3, 19, 3, 46, "Chinese-style modernization"),
        ("TF101", 5, 12, 5, 25, "Leader cadres"),  # second line of a multi-line row
        ("TF201", 6, 1, 6, 32, "take the lead and take the lead"),  # third line of it
    ],
}


def check_json(*paths: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["check", "--format", "json", *paths])
    assert result.exit_code == 1, result.output
    findings: list[dict[str, object]] = json.loads(result.stdout)
    return findings


def spelled(text: str, finding: dict[str, object]) -> str:
    """The file text between a finding's start and end (line, column) positions."""
    lines = LineIndex(text)
    start = lines.line_start(int(str(finding["line"]))) + int(str(finding["column"])) - 1
    end = lines.line_start(int(str(finding["end_line"]))) + int(str(finding["end_column"])) - 1
    return text[start:end]


@pytest.mark.parametrize("sample", sorted(EXPECTED))
def test_findings_point_into_the_file(sample: str) -> None:
    path = FORMATS / sample
    text = path.read_text(encoding="utf-8")
    findings = check_json(str(path))
    reported = [
        (
            str(finding["code"]),
            int(str(finding["line"])),
            int(str(finding["column"])),
            int(str(finding["end_line"])),
            int(str(finding["end_column"])),
            spelled(text, finding),
        )
        for finding in findings
    ]
    assert reported == EXPECTED[sample]


def test_source_alignment_makes_the_duplicated_phrase_fix_safe() -> None:
    # The PO and CSV sources contain 走在前、作表率; the XLIFF unit's source does not.
    applicability = {
        Path(str(finding["path"])).name: finding["applicability"]
        for finding in check_json(*(str(FORMATS / name) for name in ("sample.po", "sample.csv", "sample.xlf")))
        if finding["code"] == "TF201"
    }
    assert applicability == {"sample.po": "safe", "sample.csv": "safe", "sample.xlf": "unsafe"}


def test_a_directory_is_searched_for_translation_files() -> None:
    findings = check_json(str(FORMATS))
    assert {Path(str(finding["path"])).name for finding in findings} == set(EXPECTED)
    assert len(findings) == sum(len(expected) for expected in EXPECTED.values())


def test_crlf_po_file_reports_the_right_column(tmp_path: Path) -> None:
    path = tmp_path / "crlf.po"
    path.write_bytes('msgid "两个维护"\r\nmsgstr "say \\"hi\\" to the two maintenances"\r\n'.encode())
    (finding,) = check_json(str(path))
    assert (finding["line"], finding["column"], finding["end_column"]) == (2, 27, 43)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("broken.po", 'msgid "a"\nmsgstr "b\n', "broken.po:2: unterminated string: missing closing quote"),
        ("broken.xlf", '<xliff version="1.2">\n<file>\n</xliff>\n', "broken.xlf:3: invalid XML: mismatched tag"),
        ("broken.tsv", "zh\ten\n中\ta\tb\n", "broken.tsv:2: row has 3 cells but the first row (line 1) has 2"),
    ],
)
def test_malformed_files_exit_2_with_one_line_and_no_traceback(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2, result.output
    assert result.stderr.strip() == f"tifa: {tmp_path}/{message}"
    assert "Traceback" not in result.output
