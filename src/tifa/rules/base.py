"""What a rule is: its documentation and example (:class:`RuleInfo`), and a family's shape (:class:`RuleFamily`)."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from tifa.glossary.compile import CompiledGlossary
from tifa.model import Finding, Severity
from tifa.segments import DocumentContext, Segment


@dataclass(frozen=True, slots=True)
class Example:
    """A bad text a rule reports, and the text after its fix.

    ``source`` is the text's aligned Chinese source (for rules that read one);
    ``report_unused_suppressions`` runs the example as ``--report-unused-suppressions`` does.
    ``fixed`` is the text after the fix of the rule's first finding in it (as ``tifa explain``
    shows it), or None when that finding has no fix. The tests check both with the shipped glossary.
    """

    text: str
    fixed: str | None = None
    source: str | None = None
    report_unused_suppressions: bool = False


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """What a rule code stands for, and its documentation.

    ``summary`` is the one line ``tifa rules``, SARIF and the README's rule table show;
    ``severity_note`` says when a finding's severity differs from the default (README table).
    ``doc`` has ruff's headings (What it does / Why is this bad? / Fix safety) and is what
    ``tifa explain`` and SARIF's ``fullDescription`` show; ``example`` is run by ``tifa explain``.
    """

    code: str
    name: str
    summary: str
    severity: Severity
    doc: str
    example: Example
    severity_note: str = ""

    @property
    def documentation(self) -> str:
        """The doc with its indentation removed."""
        return inspect.cleandoc(self.doc)


class RuleFamily(Protocol):
    """A module of related rules: its codes and one pure check function that may report any of them."""

    @property
    def RULES(self) -> tuple[RuleInfo, ...]: ...  # noqa: N802 - module constant

    def check(self, segment: Segment, glossary: CompiledGlossary, context: DocumentContext) -> Iterator[Finding]:
        """Yield the findings of the family's rules in ``segment``."""
        ...
