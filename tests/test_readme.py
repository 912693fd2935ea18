"""The README shows tifa's real output on the shipped examples: keep it true."""

from __future__ import annotations

import subprocess
import types

import pytest
import yaml

from tests.conftest import ROOT
from tests.e2e import tifa_command
from tests.rules.test_rule_cases import RuleCase
from tifa.fixer import apply_fixes, fix_to_fixed_point
from tifa.formats import read_document
from tifa.model import Applicability, Finding
from tifa.rules import ALL_RULES, RuleInfo
from tifa.segments import DocumentContext

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _block_after(marker: str) -> str:
    start = README.index(marker)
    block_start = README.index("```\n", start) + 4
    if marker.startswith("$ "):
        block_start = start + len(marker) + 1
    return README[block_start : README.index("```", block_start)]


@pytest.mark.parametrize(
    ("marker", "path"),
    [
        ("On the example, tifa reports", "examples/county-office-meeting.mt.txt"),
        ("$ tifa check examples/county-office-meeting.po", "examples/county-office-meeting.po"),
    ],
)
def test_readme_shows_the_current_output(marker: str, path: str) -> None:
    completed = subprocess.run(
        [tifa_command(), "check", path],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert completed.returncode == 1
    assert _block_after(marker) == completed.stdout


def _rule_row(rule: RuleInfo) -> str:
    severity = f"{rule.severity.label} ({rule.severity_note})" if rule.severity_note else rule.severity.label
    return f"| {rule.code} | {rule.name} | {severity} | {rule.summary} |"


def test_readme_rule_table_is_the_rules_own() -> None:
    """The README's rule table lists every rule with the code, name, severity and summary its RuleInfo has."""
    header = "| code | name | severity | finds |\n|---|---|---|---|\n"
    start = README.index(header, README.index("## Rules\n")) + len(header)
    table = README[start : README.index("\n\n", start)]
    expected = "\n".join(_rule_row(rule) for rule in ALL_RULES)
    assert table == expected, f"the README's rule table should read:\n{expected}"


def _fenced(opening: str) -> str:
    """The text of the fenced block that starts with the line ``opening`` (after its fence)."""
    start = README.index(opening)
    return README[start : README.index("```", start)]


def _lint_with(module: types.ModuleType, text: str) -> list[Finding]:
    document = read_document("example.txt", text.encode("utf-8"))
    return [finding for segment in document.segments for finding in module.check(segment, None, DocumentContext())]


def test_readme_worked_rule_example_passes_its_own_cases() -> None:
    """The 'Adding a rule' module and case file work together as the section says."""
    module = types.ModuleType("punctuation")
    exec(compile(_fenced("# src/tifa/rules/punctuation.py\n"), "README.md", "exec"), module.__dict__)
    rule: RuleInfo = module.FULL_WIDTH
    assert (rule,) == module.RULES
    assert all(heading in rule.documentation.splitlines() for heading in ("What it does", "Fix safety"))
    cases = [RuleCase.read(rule.code, raw) for raw in yaml.safe_load(_fenced("# TF501 full-width-punctuation."))]
    assert {case.failing for case in cases} == {True, False}
    for case in cases:
        findings = _lint_with(module, case.text)
        got = [[case.text[f.span.start : f.span.end], f.suggestions[0], _applicability(f)] for f in findings]
        assert got == case.expected
        fixed = fix_to_fixed_point(case.text, lambda text: _lint_with(module, text), Applicability.SAFE)
        assert fixed.text == case.fixed
    example = rule.example
    assert apply_fixes(example.text, _lint_with(module, example.text))[0] == example.fixed


def _applicability(finding: Finding) -> str | None:
    return finding.fix.applicability.label if finding.fix else None
