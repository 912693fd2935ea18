"""The bilingual examples (PO and XLIFF) end to end: findings in the file, byte-minimal fixes."""

from __future__ import annotations

import difflib
import json
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import polib
import pytest

from tests.conftest import ROOT
from tests.test_end_to_end import tifa

PO = ROOT / "examples" / "county-office-meeting.po"
XLIFF = ROOT / "examples" / "county-office-meeting.xlf"

EXPECTED = {
    PO: [
        (15, 33, "TF201"),
        (16, 8, "TF101"),
        (20, 67, "TF101"),
        (25, 35, "TF101"),
        (26, 24, "TF101"),
        (30, 22, "TF301"),
        (35, 34, "TF101"),
        (36, 2, "TF101"),
    ],
    XLIFF: [
        (13, 48, "TF201"),
        (13, 106, "TF101"),
        (17, 85, "TF101"),
        (21, 54, "TF101"),
        (21, 132, "TF101"),
        (25, 54, "TF101"),
        (25, 108, "TF101"),
    ],
}


@pytest.mark.parametrize("path", [PO, XLIFF], ids=["po", "xliff"])
def test_findings_point_into_the_file(path: Path) -> None:
    result = tifa("check", "--format", "json", str(path))
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)
    assert [(item["line"], item["column"], item["code"]) for item in findings] == EXPECTED[path]
    lines = path.read_text(encoding="utf-8").splitlines()
    by_code = {item["code"]: item for item in findings}
    first = by_code["TF201"]
    assert lines[first["line"] - 1][first["column"] - 1 :].startswith("set an example and set an example")
    # The Chinese pair is in the source, so the pair's rendering is a safe fix.
    assert first["suggestions"][0] == "take the lead and set an example"
    assert first["applicability"] == "safe"


def _changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line.startswith(("-", "+")) and not line.startswith(("---", "+++"))
    ]


def test_fixing_a_po_file_changes_only_msgstr_text(tmp_path: Path) -> None:
    copy = tmp_path / PO.name
    copy.write_bytes(PO.read_bytes())
    tifa("check", "--fix", str(copy))
    before, after = PO.read_text(encoding="utf-8"), copy.read_text(encoding="utf-8")
    changed = _changed_lines(before, after)
    assert changed and all(line[1:].startswith(('"', "msgstr ")) for line in changed), changed
    fixed = polib.pofile(str(copy))
    original = polib.pofile(str(PO))
    assert [entry.msgid for entry in fixed] == [entry.msgid for entry in original]
    assert [entry.comment for entry in fixed] == [entry.comment for entry in original]
    texts = " ".join(entry.msgstr for entry in fixed)
    assert '"Two Upholds"' in texts and "Chinese modernization" in texts
    assert "take the lead and set an example in practising" in texts


def test_fixing_an_xliff_file_changes_only_target_text(tmp_path: Path) -> None:
    copy = tmp_path / XLIFF.name
    copy.write_bytes(XLIFF.read_bytes())
    tifa("check", "--fix", str(copy))
    before, after = XLIFF.read_text(encoding="utf-8"), copy.read_text(encoding="utf-8")
    changed = _changed_lines(before, after)
    assert changed and all(line[1:].strip().startswith("<target>") for line in changed), changed
    root = ElementTree.fromstring(copy.read_bytes())
    namespace = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    targets = ["".join(target.itertext()) for target in root.iterfind(".//x:target", namespace)]
    assert 'the "Two Upholds"' in targets[1]
    assert "Chinese modernization" in targets[2]
    assert [unit.get("id") for unit in root.iterfind(".//x:trans-unit", namespace)] == [
        "title",
        "p2-s3",
        "p2-s5",
        "p3-s1",
        "p5-s1",
        "p6-s1",
    ]
