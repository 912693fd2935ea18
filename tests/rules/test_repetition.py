"""The duplicated-phrase rule over the case table in tests/data/duplicated-phrases.yaml."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from tests.conftest import DATA, Lint

CASES = yaml.safe_load((DATA / "duplicated-phrases.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[case["text"][:50] for case in CASES])
def test_duplicated_phrase_case(case: dict[str, Any], lint_mini: Lint) -> None:
    findings = lint_mini(case["text"], select="TF201")
    if not case["flagged"]:
        assert findings == []
        return
    assert len(findings) == 1, [finding.message for finding in findings]
    assert f'"{case["phrase"].lower()}" is repeated' in findings[0].message.lower()
    assert case["phrase"].lower() in [suggestion.lower() for suggestion in findings[0].suggestions]
