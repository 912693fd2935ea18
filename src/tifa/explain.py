"""``tifa explain``: a rule's code, name, severity and documentation, shown working on an example.

The documentation is the docstring of the module that implements the rule (What it does /
Why is this bad? / Fix safety). The example runs the rule on one bad sentence kept here, and
shows the finding and the sentence after its fix.
"""

from __future__ import annotations

import inspect

from tifa.errors import UsageError
from tifa.fixer import apply_fixes
from tifa.formats import read_document
from tifa.glossary.compile import CompiledGlossary
from tifa.linter import lint_document
from tifa.model import Finding
from tifa.reporters import text as text_reporter
from tifa.results import FileResult, RunResult
from tifa.rules import ALL_FAMILIES, ALL_RULES, RuleInfo
from tifa.segments import Document
from tifa.selection import RuleSelection

# One bad sentence per rule code, checked by the tests to give that rule's finding.
EXAMPLES: dict[str, str] = {
    "TF101": "The meeting urged officials to achieve the two maintenances.",
    "TF102": "China proposed a community of common destiny.",
    "TF103": "The province pursued high quality development.",
    "TF104": "China proposed the global development initiative in 2021.",
    "TF201": "Offices must set an example and set an example.",
    "TF301": "The plenum studied Xi Jinping Thougth on Socialism with Chinese Characteristics for a New Era.",
}
EXAMPLE_PATH = "example.txt"
INDENT = "    "


def rule_documentation(code: str) -> str:
    """Return the documentation of rule ``code``: the docstring of the module that implements it."""
    for family in ALL_FAMILIES:
        if any(rule.code == code for rule in family.RULES):
            return inspect.cleandoc(family.__doc__ or "")
    return ""


def find_rule(code_or_name: str) -> RuleInfo:
    """Return the rule with code ``TF101`` or name ``wrong-rendering`` (any case); raise :class:`UsageError` if none."""
    wanted = code_or_name.strip().lower()
    for rule in ALL_RULES:
        if wanted in (rule.code.lower(), rule.name):
            return rule
    raise UsageError(f"unknown rule {code_or_name!r}; 'tifa rules' lists them")


def example_finding(rule: RuleInfo, glossary: CompiledGlossary) -> tuple[Document, Finding] | None:
    """Lint the rule's example sentence with only that rule; return the document and its first finding."""
    sentence = EXAMPLES.get(rule.code)
    if sentence is None:
        return None
    document = read_document(EXAMPLE_PATH, (sentence + "\n").encode("utf-8"))
    findings = lint_document(document, glossary, RuleSelection.from_options([rule.code]))
    return (document, findings[0]) if findings else None


def _example_section(rule: RuleInfo, glossary: CompiledGlossary) -> list[str]:
    sentence = EXAMPLES.get(rule.code)
    if sentence is None:
        return ["Example", f"{INDENT}There is no example sentence for {rule.code} yet."]
    lines = ["Example", INDENT + sentence, ""]
    found = example_finding(rule, glossary)
    if found is None:
        lines.append(f"{INDENT}The example gives no {rule.code} finding with this glossary.")
        return lines
    document, finding = found
    report = text_reporter.render(RunResult([FileResult(document, (finding,))]), summary_line=False)
    lines.append(INDENT + report.rstrip("\n"))
    lines.append("")
    if finding.fix is None:
        lines.append("No automatic fix: an editor chooses among the suggestions.")
        return lines
    fixed_text, _ = apply_fixes(document.text, [finding])
    lines.append(f"After the fix ({finding.fix.applicability.label}: {finding.fix.title}):")
    lines.append(INDENT + fixed_text.rstrip("\n"))
    return lines


def explain(code_or_name: str, glossary: CompiledGlossary) -> str:
    """Return the explanation of a rule: code, name, default severity, documentation and a worked example."""
    rule = find_rule(code_or_name)
    lines = [
        f"{rule.code} ({rule.name})",
        f"Default severity: {rule.severity.label}",
        f"Summary: {rule.summary}",
        "",
        rule_documentation(rule.code) or "(This rule has no documentation yet.)",
        "",
        *_example_section(rule, glossary),
    ]
    return "\n".join(lines) + "\n"
