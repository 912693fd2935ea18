"""Run the enabled rules over every segment of a document and collect sorted findings."""

from __future__ import annotations

from tifa.glossary.compile import CompiledGlossary
from tifa.model import Finding
from tifa.rules import ALL_FAMILIES
from tifa.segments import Document
from tifa.selection import RuleSelection


def lint_document(document: Document, glossary: CompiledGlossary, selection: RuleSelection) -> list[Finding]:
    """Return the findings of the selected rules in ``document``, in file order."""
    families = [family for family in ALL_FAMILIES if any(selection.is_enabled(rule.code) for rule in family.RULES)]
    findings: list[Finding] = []
    for segment in document.segments:
        for family in families:
            findings.extend(
                finding for finding in family.check(segment, glossary) if selection.is_enabled(finding.code)
            )
    findings.sort(key=lambda finding: (finding.span.start, finding.span.end, finding.code))
    return findings
