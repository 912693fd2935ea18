"""``tifa explain``: a rule's code, name, severity and documentation, shown working on its example.

The documentation and the example are the rule's own (``RuleInfo.doc`` and
``RuleInfo.example``, What it does / Why is this bad? / Fix safety). The example is run with
only that rule selected, and the explanation shows the finding and the text after its fix.
"""

from __future__ import annotations

from tifa.encoding import UTF8
from tifa.errors import UsageError
from tifa.fixer import apply_fixes
from tifa.formats import read_document
from tifa.glossary.compile import CompiledGlossary
from tifa.linter import lint
from tifa.model import Finding
from tifa.reporters import text as text_reporter
from tifa.results import FileResult, RunResult
from tifa.rules import ALL_RULES, Example, RuleInfo
from tifa.segments import Document, Segment
from tifa.selection import RuleSelection

EXAMPLE_PATH = "example.txt"
INDENT = "    "


def find_rule(code_or_name: str) -> RuleInfo:
    """Return the rule with code ``TF101`` or name ``wrong-rendering`` (any case); raise :class:`UsageError` if none."""
    wanted = code_or_name.strip().lower()
    for rule in ALL_RULES:
        if wanted in (rule.code.lower(), rule.name):
            return rule
    raise UsageError(f"unknown rule {code_or_name!r}; 'tifa rules' lists them")


def example_document(example: Example) -> Document:
    """Return the example as a plain-text file, or, with a Chinese source, as one bilingual segment."""
    text = example.text + "\n"
    if example.source is None:
        return read_document(EXAMPLE_PATH, text.encode("utf-8"))
    return Document(EXAMPLE_PATH, text, UTF8, (Segment(example.text, 0, example.source),))


def example_finding(rule: RuleInfo, glossary: CompiledGlossary) -> tuple[Document, Finding] | None:
    """Lint the rule's example with every rule; return the document and the first finding of this rule.

    Every rule runs because TF901 reports a suppression only for codes whose rules ran.
    """
    document = example_document(rule.example)
    unused = rule.example.report_unused_suppressions
    findings = lint(document, glossary, RuleSelection(), report_unused_suppressions=unused).findings
    found = [finding for finding in findings if finding.code == rule.code]
    return (document, found[0]) if found else None


def fixed_example(document: Document, finding: Finding) -> str:
    """Return the example's text after the finding's fix, without the line break the example file ends with."""
    fixed_text, _ = apply_fixes(document.text, [finding])
    return fixed_text.rstrip("\n")


def _example_section(rule: RuleInfo, glossary: CompiledGlossary) -> list[str]:
    lines = ["Example"]
    if rule.example.source is not None:
        lines.append(f"{INDENT}Chinese source: {rule.example.source}")
    lines += [INDENT + rule.example.text, ""]
    found = example_finding(rule, glossary)
    if found is None:
        lines.append(f"{INDENT}The example gives no {rule.code} finding with this glossary.")
        return lines
    document, finding = found
    report = text_reporter.render(RunResult([FileResult(document, (finding,))]), summary_line=False)
    lines.append(INDENT + report.rstrip("\n"))
    lines.append("")
    if finding.fix is None:
        choose = ": an editor chooses among the suggestions" if finding.suggestions else ""
        lines.append(f"No automatic fix{choose}.")
        return lines
    lines.append(f"After the fix ({finding.fix.applicability.label}: {finding.fix.title}):")
    lines.append(INDENT + fixed_example(document, finding))
    return lines


def explain(code_or_name: str, glossary: CompiledGlossary) -> str:
    """Return the explanation of a rule: code, name, default severity, documentation and a worked example."""
    rule = find_rule(code_or_name)
    lines = [
        f"{rule.code} ({rule.name})",
        f"Default severity: {rule.severity.label}",
        f"Summary: {rule.summary}",
        "",
        rule.documentation,
        "",
        *_example_section(rule, glossary),
    ]
    return "\n".join(lines) + "\n"
