"""Run the rule cases in tests/rules/cases/*.yaml: one file per rule code, cases as data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import Lint
from tifa.rules import ALL_RULES

CASES = Path(__file__).parent / "cases"


def _load_cases() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            params.append(pytest.param(path.stem, case, id=f"{path.stem}-{case['name']}"))
    return params


@pytest.mark.parametrize(("code", "case"), _load_cases())
def test_rule_case(code: str, case: dict[str, Any], request: pytest.FixtureRequest) -> None:
    # Cases run against tests/data/mini-glossary.yaml unless they say `glossary: shipped`.
    lint: Lint = request.getfixturevalue(f"lint_{case.get('glossary', 'mini')}")
    text = case["text"]
    findings = lint(text, source=case.get("source"), select=code)
    got = [
        [
            text[finding.span.start : finding.span.end],
            finding.suggestions[0] if finding.suggestions else None,
            finding.fix.applicability.label if finding.fix else None,
        ]
        for finding in findings
    ]
    assert got == case["findings"]
    assert all(finding.code == code for finding in findings)


def test_every_rule_has_cases() -> None:
    covered = {path.stem for path in CASES.glob("*.yaml")}
    missing = [rule.code for rule in ALL_RULES if rule.code not in covered]
    assert not missing, f"rules without cases in tests/rules/cases: {missing}"
