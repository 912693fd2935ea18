"""The language server's pieces in-process: positions, "ignore here" edits, code actions, hover, reloading."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lsprotocol import types

from tifa.lsp.actions import code_actions, line_edits
from tifa.lsp.diagnostics import to_diagnostic
from tifa.lsp.hover import hover_at
from tifa.lsp.ignore import ignore_edit
from tifa.lsp.positions import PositionMap
from tifa.lsp.project import Linted, Project
from tifa.model import Edit, Finding, Span

PARTY = "The Party committee asked every official to achieve the two maintenances. "


@pytest.fixture(scope="module")
def project() -> Project:
    """One project for the module: the shipped glossary is compiled once."""
    return Project()


def splice(text: str, edit: Edit) -> str:
    """``text`` with ``edit`` applied."""
    return text[: edit.span.start] + edit.text + text[edit.span.end :]


def test_positions_count_utf16_units_and_line_breaks() -> None:
    """Columns are UTF-16 units by default; \\r\\n, \\r and \\n end lines; offsets survive the round trip."""
    text = "a🇨🇳b\r\nsecond\rthird\nlast"
    positions = PositionMap(text)
    assert positions.position(text.index("b")) == types.Position(0, 5)
    assert positions.position(text.index("second")) == types.Position(1, 0)
    assert positions.position(text.index("third")) == types.Position(2, 0)
    assert positions.position(len(text)) == types.Position(3, 4)
    for offset in range(len(text) + 1):
        if text[offset - 1 : offset + 1] != "\r\n":  # the middle of a CRLF is no position of its own
            assert positions.offset(positions.position(offset)) == offset
    assert positions.offset(types.Position(0, 99)) == text.index("\r")
    assert positions.offset(types.Position(9, 0)) == len(text)
    assert PositionMap(text, "utf-32").position(text.index("b")) == types.Position(0, 3)
    assert PositionMap(text, "utf-8").position(text.index("b")) == types.Position(0, 9)


@given(st.text(alphabet="ab\n中🇨", max_size=30), st.text(alphabet="ab\n中🇨", max_size=30))
def test_line_edits_turn_the_old_text_into_the_new(old: str, new: str) -> None:
    """Applying the line edits, last first, gives the new text."""
    for edit in sorted(line_edits(old, new), key=lambda edit: edit.span.start, reverse=True):
        old = splice(old, edit)
    assert old == new


IGNORE_CASES = {
    "report.txt": (
        PARTY + "It must also advance Chinese-style modernization.\n",
        PARTY + "It must also advance Chinese-style modernization.  # tifa: ignore[TF101]\n",
    ),
    "report.md": (
        "# Notes\n\n" + PARTY + "\n",
        "# Notes\n\n" + PARTY + " <!-- tifa: ignore[TF101] -->\n",
    ),
    "report.po": (
        'msgid ""\nmsgstr ""\n\n#. from the county report\nmsgid "两个维护"\nmsgstr "the two maintenances"\n',
        'msgid ""\nmsgstr ""\n\n# tifa: ignore[TF101]\n#. from the county report\nmsgid "两个维护"\n'
        'msgstr "the two maintenances"\n',
    ),
    "report.xlf": (
        '<xliff version="1.2"><file><body><trans-unit id="1"><source>两个维护</source>'
        "<target>the two maintenances</target></trans-unit></body></file></xliff>\n",
        '<xliff version="1.2"><file><body><trans-unit id="1"><source>两个维护</source>'
        "<target>the two maintenances</target><note>tifa: ignore[TF101]</note></trans-unit></body></file></xliff>\n",
    ),
    "report.xliff": (
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"><file id="f"><unit id="u">'
        "<segment><source>两个维护</source><target>the two maintenances</target></segment></unit></file></xliff>\n",
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"><file id="f"><unit id="u">'
        "<notes><note>tifa: ignore[TF101]</note></notes>"
        "<segment><source>两个维护</source><target>the two maintenances</target></segment></unit></file></xliff>\n",
    ),
}


@pytest.mark.parametrize("name", sorted(IGNORE_CASES))
def test_ignore_here_writes_a_comment_that_suppresses_the_finding(project: Project, name: str) -> None:
    """The edit writes the format's suppression comment, and linting again no longer reports the finding."""
    text, expected = IGNORE_CASES[name]
    linted = project.lint(name, text)
    first = next(finding for finding in linted.findings if finding.code == "TF101")
    edit = ignore_edit(linted.document, first)
    assert edit is not None
    assert splice(text, edit) == expected
    again = project.lint(name, expected)
    assert all(finding.span.start != first.span.start for finding in again.findings)


def test_a_second_ignore_on_a_line_joins_the_comment(project: Project) -> None:
    """Where the line already has a tifa: ignore[...] comment, the code is added to its list."""
    text = "It advanced Chinese-style modernization and the the plan.  # tifa: ignore[TF101]\n"
    linted = project.lint("notes.txt", text)
    doubled = next(finding for finding in linted.findings if finding.code == "TF201")
    edit = ignore_edit(linted.document, doubled)
    assert edit is not None
    fixed = splice(text, edit)
    assert fixed.endswith("# tifa: ignore[TF101,TF201]\n")
    assert project.lint("notes.txt", fixed).findings == ()


def test_tables_have_no_ignore_comment(project: Project) -> None:
    """TSV and CSV files have no comment syntax: no "ignore here" action."""
    linted = project.lint("terms.tsv", "zh\ten\n两个维护\tthe two maintenances\n")
    assert linted.findings and ignore_edit(linted.document, linted.findings[0]) is None


def actions_for(linted: Linted, offset: int) -> list[types.CodeAction]:
    """The code actions at ``offset`` of ``linted``."""
    positions = PositionMap(linted.document.text)

    def diagnose(finding: Finding) -> types.Diagnostic:
        return to_diagnostic(finding, positions, None)

    return code_actions(linted, "file:///report.txt", positions, Span(offset, offset), diagnose)


def test_actions_put_safe_fixes_first_and_label_unsafe_ones(project: Project) -> None:
    """At a place with an unsafe fix, the fix is labelled unsafe and not preferred; suggestions and ignore follow."""
    text = "The leaders spoke of a community of common destiny for mankind.\n"
    linted = project.lint("report.txt", text)
    actions = actions_for(linted, text.index("common"))
    titles = [action.title for action in actions]
    assert titles[0].endswith("(TF102, unsafe fix: check the sentence)") and not actions[0].is_preferred
    assert titles[-1] == "Ignore TF102 here (tifa: ignore comment)"
    assert not any(title.startswith("Fix all") for title in titles)  # nothing in the file is safely fixable
    linted = project.lint("report.txt", PARTY + text)
    actions = actions_for(linted, 0)
    assert [action.title for action in actions] == ["Fix all safe tifa fixes in this file"] * 2
    assert [action.kind for action in actions] == ["quickfix", "source.fixAll.tifa"]


def test_hover_shows_the_entry_of_a_rendering(project: Project) -> None:
    """Hover over a standard rendering shows its entry; over ordinary words, nothing."""
    text = "The plenary session stressed the Two Upholds once more.\n"
    linted = project.lint("report.txt", text)
    found = hover_at(linted, text.index("Upholds"))
    assert found is not None
    span, markdown = found
    assert text[span.start : span.end] == "Two Upholds"
    assert markdown.startswith("**Two Upholds** — 两个维护") and "Source:" in markdown
    assert hover_at(linted, text.index("stressed")) is None


HOUSE_GLOSSARY = """entries:
  - id: house-county-office
    zh: 县委办
    en: general office of the county Party committee
    wrong: [{wrong}]
    category: office-work
    confidence: high
    replace: true
    source: "House style of the test desk."
"""


def test_configuration_and_glossary_edits_take_effect_without_a_restart(tmp_path: Path, project: Project) -> None:
    """An edited user glossary or configuration is read again at the next lint; an unchanged one is not."""
    (tmp_path / "tifa.toml").write_text('glossary = ["house.yaml"]\nselect = ["TF101"]\n', encoding="utf-8")
    glossary = tmp_path / "house.yaml"
    glossary.write_text(HOUSE_GLOSSARY.format(wrong="county committee office"), encoding="utf-8")
    path = str(tmp_path / "report.txt")
    text = "The county committee office and the county party office met.\n"
    first = project.lint(path, text)
    assert [(f.code, f.entry_id) for f in first.findings] == [("TF101", "house-county-office")]
    assert project.lint(path, text).setup.glossary is first.setup.glossary
    glossary.write_text(HOUSE_GLOSSARY.format(wrong="county party office"), encoding="utf-8")
    second = project.lint(path, text)
    assert [text[f.span.start : f.span.end] for f in second.findings] == ["county party office"]
    (tmp_path / "tifa.toml").write_text('glossary = ["house.yaml"]\nselect = ["TF2"]\n', encoding="utf-8")
    assert project.lint(path, text).findings == ()
    os.remove(tmp_path / "tifa.toml")
    # the house glossary is gone with its configuration: only the shipped one's findings remain
    assert all(finding.entry_id != "house-county-office" for finding in project.lint(path, text).findings)


def test_a_force_excluded_file_gets_no_findings(tmp_path: Path, project: Project) -> None:
    """With force-exclude, a file the configuration excludes is not checked in the editor either."""
    (tmp_path / "tifa.toml").write_text('exclude = ["drafts"]\nforce-exclude = true\n', encoding="utf-8")
    assert project.lint(str(tmp_path / "drafts" / "report.txt"), PARTY).findings == ()
    assert [finding.code for finding in project.lint(str(tmp_path / "report.txt"), PARTY).findings] == ["TF101"]


def test_a_finding_about_a_suppression_comment_has_no_ignore_action(project: Project) -> None:
    """TF902 (a malformed comment) is mended in the comment: no "ignore here" for it."""
    text = "The plan was adopted.  # tifa: ignore[TF999]\n"
    linted = project.lint("report.txt", text)
    assert [finding.code for finding in linted.findings] == ["TF902"]
    assert actions_for(linted, text.index("TF999")) == []


def test_changes_in_quick_succession_are_linted_once(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """While typing, the server waits for a pause: three quick changes give one lint, of the last text."""
    from tifa.lsp import server as server_module

    server = server_module.TifaServer(project)
    linted: list[str] = []
    monkeypatch.setattr(server, "lint", lambda uri: linted.append(uri))

    async def type_three_changes() -> None:
        for _ in range(3):
            server.lint_later("file:///report.txt")
            await asyncio.sleep(server_module.DEBOUNCE_SECONDS / 10)
        assert linted == []
        await asyncio.sleep(server_module.DEBOUNCE_SECONDS * 2)

    asyncio.run(type_three_changes())
    assert linted == ["file:///report.txt"]
