"""Fixes from the aligned source in PO and XLIFF files change the translation's text and nothing else."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from tifa.cli import app

runner = CliRunner()

PO = """# A bilingual file written for this test.
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

#: report.txt:3
msgid "中央纪律检查委员会召开全会。"
msgstr "The Central Committee for Discipline Inspection held a plenary session."

#, fuzzy
msgid "弘扬伟大建党精神。"
msgstr "Carry forward the great spirit of founding the party."

msgid "领导干部要走在前、作表率。"
msgstr ""
"Leading officials must set an example "
"and set an example."
"""

XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="zh-CN" target-language="en" datatype="plaintext" original="report.txt">
    <body>
      <trans-unit id="1">
        <source>弘扬<g id="1">伟大建党精神</g>。</source>
        <target state="translated">Carry forward the <g id="1">great spirit of founding the party</g>.</target>
      </trans-unit>
      <trans-unit id="2">
        <source>县里将采取有力有效措施。</source>
        <target>The county will take effective and   effective measures.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def test_po_fixes_touch_only_the_msgstr(tmp_path: Path) -> None:
    path = tmp_path / "report.po"
    path.write_bytes(PO.encode("utf-8"))
    result = runner.invoke(app, ["check", "--fix", str(path)])
    assert result.exit_code == 0, result.output
    expected = PO.replace(
        "The Central Committee for Discipline Inspection", "The Central Commission for Discipline Inspection"
    ).replace(
        '"Leading officials must set an example "\n"and set an example."',
        '"Leading officials must take the lead and set an example."',
    )
    assert path.read_text(encoding="utf-8") == expected  # the fuzzy entry is not checked, so not fixed


def test_xliff_fixes_touch_only_the_target_text(tmp_path: Path) -> None:
    path = tmp_path / "report.xlf"
    path.write_bytes(XLIFF.encode("utf-8"))
    result = runner.invoke(app, ["check", "--fix", "--unsafe-fixes", str(path)])
    assert result.exit_code == 0, result.output
    expected = XLIFF.replace("great spirit of founding the party", "great founding spirit of the Party").replace(
        "effective and   effective measures", "powerful and effective measures"
    )
    assert path.read_text(encoding="utf-8") == expected
