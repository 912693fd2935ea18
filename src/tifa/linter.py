"""Run the enabled rules over every segment of a document and collect sorted findings.

Suppression comments (see :mod:`tifa.suppress`) are read from the document on every lint, so
they hold after each pass of ``--fix``. Suppressed findings are kept apart; the linter itself
reports suppression comments that are invalid (TF902) and, when asked, those that suppressed
nothing (TF901).
"""

from __future__ import annotations

from dataclasses import dataclass

from tifa.formats import find_suppressions
from tifa.glossary.compile import CompiledGlossary
from tifa.model import Finding
from tifa.rules import ALL_FAMILIES, ALL_RULES, META_RULES
from tifa.rules.meta import INVALID_SUPPRESSION, UNUSED_SUPPRESSION
from tifa.segments import Document
from tifa.selection import RuleSelection
from tifa.suppress import Suppression, Suppressions, hide_comments

META_CODES = frozenset(rule.code for rule in META_RULES)


@dataclass(frozen=True)
class LintResult:
    """The findings of one document, and the findings its suppression comments suppressed."""

    findings: list[Finding]
    suppressed: list[Finding]


def lint_document(document: Document, glossary: CompiledGlossary, selection: RuleSelection) -> list[Finding]:
    """Return the findings of the selected rules in ``document`` that no comment suppresses, in file order."""
    return lint(document, glossary, selection).findings


def lint(
    document: Document,
    glossary: CompiledGlossary,
    selection: RuleSelection,
    *,
    report_unused_suppressions: bool = False,
    party_texts: bool = False,
) -> LintResult:
    """Lint ``document``; split off suppressed findings and add findings about the suppression comments.

    ``party_texts`` declares the document a Party or state text whatever its vocabulary.
    """
    suppressions = find_suppressions(document)
    segments = hide_comments(document.segments, suppressions.comments)
    families = [family for family in ALL_FAMILIES if any(selection.is_enabled(rule.code) for rule in family.RULES)]
    context = glossary.document_context(segments, declared=party_texts)
    raw: list[Finding] = []
    for segment in segments:
        for family in families:
            raw.extend(
                finding for finding in family.check(segment, glossary, context) if selection.is_enabled(finding.code)
            )
    findings: list[Finding] = []
    suppressed: list[Finding] = []
    used: list[set[str]] = [set() for _ in suppressions.found]
    in_scope = suppressions.in_scope([finding.span.start for finding in raw])
    for finding, indexes in zip(raw, in_scope, strict=True):
        covering = False
        for index in indexes:
            if selectors := suppressions.found[index].selectors_for(finding.code):
                used[index].update(selectors)
                covering = True
        (suppressed if covering else findings).append(finding)
    findings.extend(_invalid_findings(suppressions, selection))
    if report_unused_suppressions and selection.is_enabled(UNUSED_SUPPRESSION.code):
        findings.extend(_unused_findings(suppressions, used, selection))
    findings.sort(key=_file_order)
    suppressed.sort(key=_file_order)
    return LintResult(findings, suppressed)


def _file_order(finding: Finding) -> tuple[int, int, str]:
    return finding.span.start, finding.span.end, finding.code


def _invalid_findings(suppressions: Suppressions, selection: RuleSelection) -> list[Finding]:
    if not selection.is_enabled(INVALID_SUPPRESSION.code):
        return []
    return [
        Finding(INVALID_SUPPRESSION.code, invalid.comment, invalid.message, INVALID_SUPPRESSION.severity)
        for invalid in suppressions.invalid
    ]


def _unused_findings(suppressions: Suppressions, used: list[set[str]], selection: RuleSelection) -> list[Finding]:
    """A finding for every suppression, or listed code, that suppressed nothing though its rules ran."""
    findings: list[Finding] = []
    for suppression, used_selectors in zip(suppressions.found, used, strict=True):
        unused = _unused_selectors(suppression, used_selectors, selection)
        if unused is None:
            continue
        if not suppression.codes:
            message = "unused suppression: there is no finding here to suppress"
        elif len(unused) == len(suppression.codes):
            message = f"unused suppression: there is no {', '.join(unused)} finding here to suppress"
        else:
            message = f"unused code{'s' if len(unused) > 1 else ''} in suppression: {', '.join(unused)}"
        findings.append(Finding(UNUSED_SUPPRESSION.code, suppression.comment, message, UNUSED_SUPPRESSION.severity))
    return findings


def _unused_selectors(
    suppression: Suppression, used_selectors: set[str], selection: RuleSelection
) -> tuple[str, ...] | None:
    """The selectors of ``suppression`` that matched no finding although a rule they name ran; None if none."""
    if not suppression.codes:
        return None if used_selectors or not _any_rule_enabled("", selection) else ()
    unused = tuple(
        selector
        for selector, prefix in zip(suppression.codes, suppression.prefixes, strict=True)
        if selector not in used_selectors and _any_rule_enabled(prefix, selection)
    )
    return unused or None


def _any_rule_enabled(prefix: str, selection: RuleSelection) -> bool:
    return any(
        rule.code.startswith(prefix) and rule.code not in META_CODES and selection.is_enabled(rule.code)
        for rule in ALL_RULES
    )
