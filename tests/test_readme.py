"""The README shows tifa's real output on the shipped examples: keep it true."""

from __future__ import annotations

import subprocess

import pytest

from tests.conftest import ROOT
from tests.test_end_to_end import _tifa
from tifa.rules import ALL_RULES, RuleInfo

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
        [_tifa(), "check", path], cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120, check=False
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
