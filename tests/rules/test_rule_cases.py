"""Run the rule cases in tests/rules/cases/CODE.yaml: one file per rule code, cases as data.

A case is a mapping, in the spirit of sqlfluff's ``pass_str`` / ``fail_str`` / ``fix_str``:

``pass``
    a text in which the rule reports nothing, or
``fail``
    a text in which it reports ``findings``: each ``[written span, first suggestion or null,
    fix applicability or null]``, in file order;
``fixed``
    (``fail`` only) the text after fixing it with every safe and unsafe fix of the selected
    rules, through the real fixer, to a fixed point; without ``fixed`` the fixer must leave the
    text as it is;
``name``
    what the case shows (the test id; without one, the text's start);
``source``
    the aligned Chinese source: the text is then one bilingual segment;
``glossary``
    ``mini`` (tests/data/mini-glossary.yaml, the default) or ``shipped``;
``options``
    ``report_unused_suppressions: true`` (as the command-line option), ``select: [codes]``
    (the rules to run, default only the case's code; only findings of the case's code count).

Each code needs at least one failing and one passing case.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from tifa.encoding import UTF8
from tifa.fixer import fix_to_fixed_point
from tifa.formats import read_document
from tifa.glossary.compile import CompiledGlossary
from tifa.linter import lint
from tifa.model import Applicability, Finding
from tifa.rules import ALL_RULES
from tifa.segments import Document, Segment
from tifa.selection import RuleSelection

CASES = Path(__file__).parent / "cases"
KEYS = frozenset({"name", "pass", "fail", "findings", "fixed", "source", "glossary", "options"})
OPTIONS = frozenset({"report_unused_suppressions", "select"})


@dataclass(frozen=True)
class RuleCase:
    """One case of a case file, checked for its shape as it is read."""

    code: str
    text: str
    failing: bool
    expected: list[list[Any]]
    fixed: str
    source: str | None
    glossary: str
    select: tuple[str, ...]
    report_unused_suppressions: bool

    @classmethod
    def read(cls, code: str, raw: dict[str, Any]) -> RuleCase:
        """Return the case ``raw`` of the file for ``code``; fail on a malformed case."""
        unknown = set(raw) - KEYS
        assert not unknown, f"{code}: unknown keys {sorted(unknown)} in case {raw}"
        assert ("pass" in raw) != ("fail" in raw), f"{code}: a case has either 'pass' or 'fail': {raw}"
        failing = "fail" in raw
        expected = raw.get("findings", [])
        assert bool(expected) == failing, f"{code}: 'findings' belong to a failing case, and it needs some: {raw}"
        assert failing or "fixed" not in raw, f"{code}: a passing case has nothing to fix: {raw}"
        options = raw.get("options", {})
        assert set(options) <= OPTIONS, f"{code}: unknown options {sorted(set(options) - OPTIONS)}"
        text = raw["fail" if failing else "pass"]
        return cls(
            code=code,
            text=text,
            failing=failing,
            expected=expected,
            fixed=raw.get("fixed", text),
            source=raw.get("source"),
            glossary=raw.get("glossary", "mini"),
            select=tuple(options.get("select", [code])),
            report_unused_suppressions=bool(options.get("report_unused_suppressions", False)),
        )

    def lint(self, glossary: CompiledGlossary, text: str) -> list[Finding]:
        """Lint ``text`` as this case does (with its source, selection and options); every code's findings."""
        if self.source is None:
            document = read_document("test.txt", text.encode("utf-8"))
        else:
            document = Document("test.txt", text, UTF8, (Segment(text, 0, self.source),))
        selection = RuleSelection.from_options(self.select)
        return lint(document, glossary, selection, report_unused_suppressions=self.report_unused_suppressions).findings


def _load_cases() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("*.yaml")):
        for raw in yaml.safe_load(path.read_text(encoding="utf-8")):
            case = RuleCase.read(path.stem, raw)
            name = raw.get("name") or case.text[:50]
            params.append(pytest.param(case, id=f"{path.stem}-{name}"))
    return params


ALL_CASES = _load_cases()


@pytest.mark.parametrize("case", ALL_CASES)
def test_rule_case(case: RuleCase, request: pytest.FixtureRequest) -> None:
    glossary: CompiledGlossary = request.getfixturevalue(f"{case.glossary}_glossary")
    findings = [finding for finding in case.lint(glossary, case.text) if finding.code == case.code]
    got = [
        [
            case.text[finding.span.start : finding.span.end],
            finding.suggestions[0] if finding.suggestions else None,
            finding.fix.applicability.label if finding.fix else None,
        ]
        for finding in findings
    ]
    assert got == case.expected
    fixed = fix_to_fixed_point(case.text, lambda text: case.lint(glossary, text), Applicability.UNSAFE)
    assert fixed.text == case.fixed


def test_every_rule_has_failing_and_passing_cases() -> None:
    cases = [param.values[0] for param in ALL_CASES]
    codes = {rule.code for rule in ALL_RULES}
    stray = {case.code for case in cases} - codes
    assert not stray, f"case files for unknown codes: {sorted(stray)}"
    without_failing = sorted(codes - {case.code for case in cases if case.failing})
    without_passing = sorted(codes - {case.code for case in cases if not case.failing})
    assert not without_failing, f"rules without a failing case in tests/rules/cases: {without_failing}"
    assert not without_passing, f"rules without a passing case in tests/rules/cases: {without_passing}"
