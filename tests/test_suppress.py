"""Suppression comments: the parser, their scope in each format, reporting, and fixing around them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tifa.cli import app
from tifa.formats import read_document
from tifa.glossary.compile import CompiledGlossary
from tifa.linter import lint
from tifa.selection import RuleSelection
from tifa.suppress import Action, Directive, parse_directive
from tifa.text import LineIndex

runner = CliRunner()
WRONG = "The meeting urged officials to achieve the two maintenances."  # TF101 at column 44
DOUBLED = "Offices must set an example and set an example."  # TF201


# The parser


@pytest.mark.parametrize(
    ("comment", "expected"),
    [
        ("tifa: ignore", Directive(Action.IGNORE)),
        ("  tifa: ignore  ", Directive(Action.IGNORE)),
        ("tifa:ignore", Directive(Action.IGNORE)),
        ("TIFA: IGNORE", Directive(Action.IGNORE)),
        ("tifa: ignore[TF101]", Directive(Action.IGNORE, ("TF101",))),
        ("tifa: ignore[TF101,TF201]", Directive(Action.IGNORE, ("TF101", "TF201"))),
        ("tifa: ignore[TF101, TF201]", Directive(Action.IGNORE, ("TF101", "TF201"))),
        ("tifa: ignore[TF101 wrong-rendering]", Directive(Action.IGNORE, ("TF101", "wrong-rendering"))),
        ("tifa: ignore[TF1]", Directive(Action.IGNORE, ("TF1",))),
        ("tifa: ignore[ALL]", Directive(Action.IGNORE, ("ALL",))),
        ("tifa: ignore -- quoted from the 2015 text", Directive(Action.IGNORE, (), "quoted from the 2015 text")),
        ("tifa: ignore[TF102] -- a quotation", Directive(Action.IGNORE, ("TF102",), "a quotation")),
        ("tifa: ignore[TF102]--a quotation", Directive(Action.IGNORE, ("TF102",), "a quotation")),
        ("tifa: ignore --", Directive(Action.IGNORE)),
        ("tifa: disable[duplicated-phrase]", Directive(Action.DISABLE, ("duplicated-phrase",))),
        ("tifa: disable", Directive(Action.DISABLE)),
        ("tifa: enable", Directive(Action.ENABLE)),
        ("tifa: enable -- end of the quotation", Directive(Action.ENABLE, (), "end of the quotation")),
        # Not suppression comments at all.
        ("tifa is a Chinese word", None),
        ("tifa: ignored", None),
        ("tifa: ignore-me", None),
        ("see tifa: ignore", None),
        ("noqa", None),
        ("", None),
        # Malformed ones.
        ("tifa: ignore TF101", Directive(Action.IGNORE, problem="malformed suppression comment: expected 'tifa: ")),
        ("tifa: ignore[TF101", Directive(Action.IGNORE, problem="malformed suppression comment: expected 'tifa: ")),
        ("tifa: ignore[]", Directive(Action.IGNORE, problem="empty code list in suppression comment")),
        ("tifa: ignore[ , ]", Directive(Action.IGNORE, problem="empty code list in suppression comment")),
        ("tifa: ignore[TF999]", Directive(Action.IGNORE, ("TF999",), problem="unknown rule 'TF999' in suppression")),
        (
            "tifa: ignore[TF101,wrong-rendring]",
            Directive(Action.IGNORE, ("TF101", "wrong-rendring"), problem="unknown rule 'wrong-rendring'"),
        ),
        ("tifa: enable[TF101]", Directive(Action.ENABLE, ("TF101",), problem="'tifa: enable' takes no codes")),
    ],
)
def test_parse_directive(comment: str, expected: Directive | None) -> None:
    parsed = parse_directive(comment)
    if expected is None or expected.problem is None:
        assert parsed == expected
        return
    assert parsed is not None and parsed.problem is not None
    assert (parsed.action, parsed.codes) == (expected.action, expected.codes)
    assert parsed.problem.startswith(expected.problem)


# Scope in each format, through the linter


def positions(
    glossary: CompiledGlossary, name: str, text: str, *, select: str = "ALL", unused: bool = False
) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """Lint ``text`` as file ``name``: the (line, code) of reported and of suppressed findings."""
    document = read_document(name, text.encode("utf-8"))
    result = lint(document, glossary, RuleSelection.from_options([select]), report_unused_suppressions=unused)
    index = LineIndex(text)
    return (
        [(index.position(finding.span.start)[0], finding.code) for finding in result.findings],
        [(index.position(finding.span.start)[0], finding.code) for finding in result.suppressed],
    )


@pytest.mark.parametrize(
    "comment",
    [
        "tifa: ignore",
        "# tifa: ignore",
        "## tifa: ignore[TF101]",
        "// tifa: ignore[wrong-rendering]",
        "<!-- tifa: ignore[TF1] -->",
        "   # tifa: ignore[TF101] -- quoting the machine translation",
    ],
)
def test_plain_text_comment_line_suppresses_the_next_line_only(
    shipped_glossary: CompiledGlossary, comment: str
) -> None:
    text = f"{WRONG}\n{comment}\n{WRONG}\n{WRONG}\n"
    reported, suppressed = positions(shipped_glossary, "a.txt", text)
    assert reported == [(1, "TF101"), (4, "TF101")]
    assert suppressed == [(3, "TF101")]


def test_plain_text_comment_skips_blank_lines_and_other_comments(shipped_glossary: CompiledGlossary) -> None:
    text = f"# tifa: ignore[TF101]\n\n# tifa: ignore[TF201]\n\n{DOUBLED} {WRONG}\n{WRONG}\n"
    reported, suppressed = positions(shipped_glossary, "a.txt", text)
    assert reported == [(6, "TF101")]
    assert sorted(suppressed) == [(5, "TF101"), (5, "TF201")]


@pytest.mark.parametrize(
    "comment", ["# tifa: ignore", "// tifa: ignore[TF101]", "<!-- tifa: ignore[TF101] -->", "#tifa: ignore -- ok"]
)
def test_plain_text_comment_at_the_end_of_a_line_suppresses_that_line(
    shipped_glossary: CompiledGlossary, comment: str
) -> None:
    text = f"{WRONG} {comment}\n{WRONG}\n"
    reported, suppressed = positions(shipped_glossary, "a.txt", text)
    assert reported == [(2, "TF101")]
    assert suppressed == [(1, "TF101")]


def test_plain_text_other_codes_are_not_suppressed(shipped_glossary: CompiledGlossary) -> None:
    text = f"# tifa: ignore[TF201]\n{DOUBLED} {WRONG}\n"
    reported, suppressed = positions(shipped_glossary, "a.txt", text)
    assert reported == [(2, "TF101")]
    assert suppressed == [(2, "TF201")]


def test_plain_text_a_reason_is_not_linted(shipped_glossary: CompiledGlossary) -> None:
    text = "# tifa: ignore -- the source says two maintenances here\nClean text.\n"
    reported, suppressed = positions(shipped_glossary, "a.txt", text, unused=True)
    assert reported == [(1, "TF901")]
    assert suppressed == []


def test_plain_text_region(shipped_glossary: CompiledGlossary) -> None:
    text = f"{WRONG}\n# tifa: disable[TF101]\n{WRONG}\n\n{DOUBLED}\n{WRONG}\n# tifa: enable\n{WRONG}\n"
    reported, suppressed = positions(shipped_glossary, "a.txt", text)
    assert reported == [(1, "TF101"), (5, "TF201"), (8, "TF101")]
    assert suppressed == [(3, "TF101"), (6, "TF101")]


def test_a_region_without_enable_runs_to_the_end(shipped_glossary: CompiledGlossary) -> None:
    text = f"{WRONG}\ntifa: disable\n{WRONG}\n\n{DOUBLED}\n"
    reported, suppressed = positions(shipped_glossary, "a.txt", text)
    assert reported == [(1, "TF101")]
    assert suppressed == [(3, "TF101"), (5, "TF201")]


MARKDOWN = f"""# Report

<!-- tifa: ignore[TF101] -->
{WRONG}
A second line of the same paragraph: two maintenances.

{WRONG}

- <!-- tifa: ignore --> {WRONG}
- {WRONG}

## The two maintenances <!-- tifa: ignore[TF104] -->

<!-- tifa: ignore[TF101] -->
## Heading with the two maintenances

{WRONG}
"""


def test_markdown_block_and_line_scopes(shipped_glossary: CompiledGlossary) -> None:
    reported, suppressed = positions(shipped_glossary, "a.md", MARKDOWN, unused=True)
    assert reported == [(7, "TF101"), (10, "TF101"), (12, "TF101"), (12, "TF901"), (17, "TF101")]
    assert suppressed == [(4, "TF101"), (5, "TF101"), (9, "TF101"), (15, "TF101")]


def test_markdown_comment_on_its_own_line_suppresses_the_next_list_item_only(
    shipped_glossary: CompiledGlossary,
) -> None:
    text = f"- first\n<!-- tifa: ignore -->\n- {WRONG}\n- {WRONG}\n"
    reported, suppressed = positions(shipped_glossary, "a.md", text)
    assert reported == [(4, "TF101")]
    assert suppressed == [(3, "TF101")]


def test_markdown_region(shipped_glossary: CompiledGlossary) -> None:
    text = (
        f"{WRONG}\n\n<!-- tifa: disable[TF101,TF201] -- quoted drafts -->\n\n{WRONG}\n\n- {DOUBLED}\n\n"
        f"<!-- tifa: enable -->\n\n{WRONG}\n"
    )
    reported, suppressed = positions(shipped_glossary, "a.md", text)
    assert reported == [(1, "TF101"), (11, "TF101")]
    assert suppressed == [(5, "TF101"), (7, "TF201")]


def test_markdown_comments_in_code_do_not_count(shipped_glossary: CompiledGlossary) -> None:
    text = f"```\n<!-- tifa: ignore -->\n```\n{WRONG}\n\n`<!-- tifa: ignore -->`\n\n{WRONG}\n"
    reported, suppressed = positions(shipped_glossary, "a.md", text)
    assert reported == [(4, "TF101"), (8, "TF101")]
    assert suppressed == []


def test_markdown_hash_lines_are_headings_not_comments(shipped_glossary: CompiledGlossary) -> None:
    text = f"# tifa: ignore\n{WRONG}\n"
    reported, suppressed = positions(shipped_glossary, "a.md", text)
    assert reported == [(2, "TF101")]
    assert suppressed == []


PO = f"""msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

# Reviewed by the desk.
# tifa: ignore[TF101] -- the client's wording
#: report.py:10
msgid "两个维护"
msgstr "{WRONG}"

msgid "两个维护"
msgstr "{WRONG}"

# tifa: ignore
msgid "one maintenance"
msgid_plural "two maintenances"
msgstr[0] "the two maintenances"
msgstr[1] "the two maintenances"

# tifa: ignore[TF201]
msgid "x"
msgstr "{WRONG}"
"""


def test_po_translator_comment_suppresses_its_entry_only(shipped_glossary: CompiledGlossary) -> None:
    reported, suppressed = positions(shipped_glossary, "a.po", PO, unused=True)
    assert reported == [(12, "TF101"), (20, "TF901"), (22, "TF101")]
    assert suppressed == [(9, "TF101"), (17, "TF101"), (18, "TF101")]


XLIFF_12 = f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="zh" target-language="en" datatype="plaintext" original="x">
    <body>
      <trans-unit id="1">
        <source>两个维护</source>
        <target>{WRONG}</target>
        <note>tifa: ignore[TF101] -- approved &amp; quoted</note>
      </trans-unit>
      <trans-unit id="2">
        <source>两个维护</source>
        <target>{WRONG}</target>
        <note>Checked by the desk.</note>
      </trans-unit>
      <trans-unit id="3">
        <source>两个维护</source>
        <target>{WRONG}</target>
        <note>tifa: disable</note>
      </trans-unit>
    </body>
  </file>
</xliff>
"""
XLIFF_20 = f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="zh" trgLang="en">
  <file id="f1">
    <unit id="u1">
      <notes>
        <note category="qa">tifa: ignore</note>
      </notes>
      <segment><source>两个维护</source><target>{WRONG}</target></segment>
      <segment><source>各办公室要走在前、作表率。</source><target>{DOUBLED}</target></segment>
    </unit>
    <unit id="u2">
      <segment><source>两个维护</source><target>{WRONG}</target></segment>
    </unit>
  </file>
</xliff>
"""


def test_xliff_12_note_suppresses_its_unit_only(shipped_glossary: CompiledGlossary) -> None:
    reported, suppressed = positions(shipped_glossary, "a.xlf", XLIFF_12, select="TF1,TF9")
    assert reported == [(12, "TF101"), (17, "TF101"), (18, "TF902")]
    assert suppressed == [(7, "TF101")]


def test_xliff_20_notes_suppress_every_segment_of_the_unit(shipped_glossary: CompiledGlossary) -> None:
    reported, suppressed = positions(shipped_glossary, "a.xlf", XLIFF_20, select="TF101,TF201", unused=True)
    assert reported == [(12, "TF101")]
    assert suppressed == [(8, "TF101"), (9, "TF201")]


def test_unit_notes_reach_the_segments(tmp_path: Path) -> None:
    document = read_document("a.xlf", XLIFF_20.encode("utf-8"))
    assert [segment.notes for segment in document.segments] == [("tifa: ignore",), ("tifa: ignore",), ()]
    offset = document.segments[0].note_offsets[0]
    assert document.text[offset:].startswith("tifa: ignore</note>")
    po_document = read_document("a.po", PO.encode("utf-8"))
    assert po_document.segments[0].notes == ("Reviewed by the desk.", "tifa: ignore[TF101] -- the client's wording")


# The command line: --show-suppressed, --report-unused-suppressions, --fix


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def check(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["check", "--isolated", *args])


def test_suppressed_findings_are_hidden_by_default(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", f"{WRONG} # tifa: ignore\n")
    result = check(str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == "0 findings in 1 file.\n"


def test_show_suppressed_in_text_output(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", f"{WRONG} # tifa: ignore\n{WRONG}\n")
    result = check("--show-suppressed", str(path))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{path}:1:44: TF101 [error] ") and lines[0].endswith("→ Two Upholds [suppressed]")
    assert lines[1].startswith(f"{path}:2:44: TF101 [error] ") and lines[1].endswith("→ Two Upholds [*]")
    assert lines[2] == "1 finding (1 error) in 1 file; 1 fixable with `--fix`; 1 suppressed."


def test_show_suppressed_in_json_and_sarif(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", f"{WRONG} # tifa: ignore\n{WRONG}\n")
    plain = json.loads(check("--format", "json", str(path)).stdout)
    assert len(plain) == 1 and "suppressed" not in plain[0]
    shown = json.loads(check("--format", "json", "--show-suppressed", str(path)).stdout)
    assert [(item["line"], item["suppressed"]) for item in shown] == [(1, True), (2, False)]
    sarif = json.loads(check("--format", "sarif", "--show-suppressed", str(path)).stdout)
    results = sarif["runs"][0]["results"]
    assert [result.get("suppressions") for result in results] == [None, [{"kind": "inSource"}]]


def test_unused_suppressions_are_reported_only_when_asked(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", f"# tifa: ignore[TF101,TF201]\n{WRONG}\n\ntifa: ignore\nClean.\n")
    assert check(str(path)).exit_code == 0
    result = check("--report-unused-suppressions", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:1:1: TF901 [warning] unused code in suppression: TF201",
        f"{path}:4:1: TF901 [warning] unused suppression: there is no finding here to suppress",
        "2 findings (2 warnings) in 1 file.",
    ]


def test_codes_of_disabled_rules_are_not_reported_unused(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", f"# tifa: ignore[TF101,TF201]\n{WRONG}\n")
    result = check("--report-unused-suppressions", "--select", "TF101,TF901", str(path))
    assert result.exit_code == 0, result.output
    result = check("--report-unused-suppressions", "--ignore", "TF901", str(path))
    assert result.exit_code == 0, result.output


def test_invalid_suppressions_are_reported_and_suppress_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", f"# tifa: ignore[TF110]\n{WRONG}\n")
    result = check(str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:2] == [
        f"{path}:1:1: TF902 [warning] unknown rule 'TF110' in suppression comment",
        f"{path}:2:44: TF101 [error] " + result.stdout.splitlines()[1].split("[error] ", 1)[1],
    ]
    assert "TF110" not in check("--ignore", "invalid-suppression", str(path)).stdout


def test_meta_rules_are_known_to_rules_and_explain() -> None:
    listing = runner.invoke(app, ["rules"]).stdout
    assert "TF901  unused-suppression" in listing and "TF902  invalid-suppression" in listing
    explained = runner.invoke(app, ["explain", "unused-suppression"])
    assert explained.exit_code == 0 and "What it does" in explained.stdout


def test_fix_leaves_suppressed_findings_and_keeps_the_comments(tmp_path: Path) -> None:
    text = f"# tifa: ignore[TF101] -- quoted\n{WRONG}\n{WRONG}\n\nLater: {WRONG} <!-- tifa: ignore -->\n"
    path = write(tmp_path, "a.txt", text)
    result = check("--fix", "--show-suppressed", "--report-unused-suppressions", str(path))
    assert result.exit_code == 0, result.output  # suppressed findings do not count
    fixed = path.read_text(encoding="utf-8")
    assert fixed == text.replace(
        f"{WRONG}\n{WRONG}\n", f"{WRONG}\n{WRONG.replace('two maintenances', 'Two Upholds')}\n"
    )
    assert [line.endswith("[suppressed]") for line in result.stdout.splitlines()[:-1]] == [True, True]
    assert result.stdout.splitlines()[-1] == "Fixed 1 finding; 0 remaining in 1 file; 2 suppressed."
    again = check("--fix", "--report-unused-suppressions", str(path))
    assert again.exit_code == 0, again.output
    assert path.read_text(encoding="utf-8") == fixed


def test_fix_keeps_suppressions_in_po_and_markdown(tmp_path: Path) -> None:
    po = write(tmp_path, "a.po", PO)
    markdown = write(tmp_path, "a.md", MARKDOWN)
    result = check("--fix", "--select", "TF101", str(po), str(markdown))
    assert result.exit_code == 0, result.output
    po_text = po.read_text(encoding="utf-8")
    assert po_text.count("two maintenances") == PO.count("two maintenances") - 2  # lines 12 and 22 fixed
    assert (
        f'# tifa: ignore[TF101] -- the client\'s wording\n#: report.py:10\nmsgid "两个维护"\nmsgstr "{WRONG}"'
        in po_text
    )
    markdown_text = markdown.read_text(encoding="utf-8")
    assert f"<!-- tifa: ignore[TF101] -->\n{WRONG}\n" in markdown_text
    assert f"- <!-- tifa: ignore --> {WRONG}\n" in markdown_text
    assert markdown_text.count("two maintenances") == 4  # lines 4, 5, 9 and 15 stay; 12 ignores TF104 only


def test_suppression_on_standard_input(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", "--isolated", "-"], input=f"{WRONG} # tifa: ignore\n{DOUBLED}\n")
    assert result.exit_code == 1
    assert ":2:" in result.stdout and ":1:" not in result.stdout.splitlines()[0]
