"""Suppression comments themselves: ones that suppress nothing (TF901) and ones tifa cannot read (TF902).

What it does
    With ``--report-unused-suppressions``, reports every ``tifa: ignore`` or ``tifa: disable``
    comment that suppressed no finding in this run (TF901), naming the codes it lists that
    matched nothing. Always reports a suppression comment that is malformed or names an
    unknown rule (TF902): such a comment suppresses nothing. These findings come from the
    linter, which sees all of a file's findings and comments; this module's ``check`` yields
    nothing and only makes the codes known to ``tifa rules``, ``explain`` and selection.

Why is this bad?
    A suppression left behind after the text was corrected hides the next real mistake at the
    same place; a misspelt one ("tifa: ignore[TF110]") hides nothing while its author thinks
    it does. A code whose rule is disabled in the run is not reported as unused.

Fix safety
    No automatic fix: remove or correct the comment by hand.
"""

from __future__ import annotations

from collections.abc import Iterator

from tifa.glossary.compile import CompiledGlossary
from tifa.model import Finding, Severity
from tifa.rules import RuleInfo
from tifa.segments import DocumentContext, Segment

UNUSED_SUPPRESSION = RuleInfo(
    "TF901", "unused-suppression", "a suppression comment that suppressed nothing", Severity.WARNING
)
INVALID_SUPPRESSION = RuleInfo(
    "TF902", "invalid-suppression", "a malformed suppression comment or one naming an unknown rule", Severity.WARNING
)
RULES = (UNUSED_SUPPRESSION, INVALID_SUPPRESSION)


def check(segment: Segment, glossary: CompiledGlossary, context: DocumentContext) -> Iterator[Finding]:
    """Yield nothing: the linter reports these codes, since they depend on a whole file's findings."""
    return iter(())
