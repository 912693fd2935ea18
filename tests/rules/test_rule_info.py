"""Every rule documents itself: unique codes and names, a doc with ruff's headings, an example that works."""

from __future__ import annotations

import pytest

from tifa.explain import example_finding, fixed_example
from tifa.glossary.compile import CompiledGlossary
from tifa.rules import ALL_RULES, RuleInfo

HEADINGS = ("What it does", "Why is this bad?", "Fix safety")


def test_codes_and_names_are_unique() -> None:
    assert len({rule.code for rule in ALL_RULES}) == len(ALL_RULES)
    assert len({rule.name for rule in ALL_RULES}) == len(ALL_RULES)


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_doc_has_the_headings(rule: RuleInfo) -> None:
    lines = rule.documentation.splitlines()
    positions = [lines.index(heading) for heading in HEADINGS]
    assert positions == sorted(positions), f"{rule.code}: headings out of order"


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_example_gives_the_finding_and_fix_it_documents(rule: RuleInfo, shipped_glossary: CompiledGlossary) -> None:
    found = example_finding(rule, shipped_glossary)
    assert found is not None, f"{rule.code}: its example gives no finding with the shipped glossary"
    document, finding = found
    fixed = fixed_example(document, finding) if finding.fix is not None else None
    assert fixed == rule.example.fixed
