"""The codes of suppression comments themselves (TF901, TF902): reported by the linter, not by a rule family.

These findings depend on all of a file's findings and comments, so :mod:`tifa.linter` makes
them; this module only declares the codes, so that ``tifa rules``, ``explain``, SARIF and
rule selection know them.
"""

from __future__ import annotations

from tifa.model import Severity
from tifa.rules.base import Example, RuleInfo

UNUSED_SUPPRESSION = RuleInfo(
    "TF901",
    "unused-suppression",
    "a suppression comment that suppressed nothing (with --report-unused-suppressions)",
    Severity.WARNING,
    doc="""
    What it does
        With ``--report-unused-suppressions``, reports every ``tifa: ignore`` or ``tifa: disable``
        comment that suppressed no finding in this run, naming the codes it lists that matched
        nothing. A code whose rule is not enabled in the run is not reported as unused.

    Why is this bad?
        A suppression left behind after the text was corrected hides the next real mistake at the
        same place.

    Fix safety
        No automatic fix: remove the comment, or the codes it lists in vain, by hand.
    """,
    example=Example(
        "The meeting urged officials to achieve the Two Upholds.  # tifa: ignore[TF101]",
        report_unused_suppressions=True,
    ),
)
INVALID_SUPPRESSION = RuleInfo(
    "TF902",
    "invalid-suppression",
    "a malformed suppression comment, or one naming an unknown rule",
    Severity.WARNING,
    doc="""
    What it does
        Always reports a suppression comment that is malformed (an unclosed code list, an
        ``enable`` without a ``disable``) or names an unknown rule. Such a comment suppresses
        nothing.

    Why is this bad?
        A misspelt comment ("tifa: ignore[TF110]") hides nothing while its author thinks it does.

    Fix safety
        No automatic fix: correct the comment by hand.
    """,
    example=Example("The meeting urged officials to achieve the two maintenances.  # tifa: ignore[TF110]"),
)
RULES = (UNUSED_SUPPRESSION, INVALID_SUPPRESSION)
