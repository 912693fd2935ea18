"""The rule registry. Each family module scans a segment once and may report several codes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from tifa.glossary.compile import CompiledGlossary
from tifa.model import Finding, Severity
from tifa.segments import DocumentContext, Segment


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """What a rule code stands for."""

    code: str
    name: str
    summary: str
    severity: Severity


class RuleFamily(Protocol):
    """A module of related rules: its codes and one pure check function."""

    @property
    def RULES(self) -> tuple[RuleInfo, ...]: ...  # noqa: N802 - module constant

    def check(self, segment: Segment, glossary: CompiledGlossary, context: DocumentContext) -> Iterator[Finding]: ...


def _families() -> tuple[RuleFamily, ...]:
    from tifa.rules import literal, meta, near_miss, renderings, repetition, source_terms

    return (renderings, literal, repetition, near_miss, source_terms, meta)


ALL_FAMILIES: tuple[RuleFamily, ...] = _families()
ALL_RULES: tuple[RuleInfo, ...] = tuple(rule for family in ALL_FAMILIES for rule in family.RULES)
RULES_BY_CODE: dict[str, RuleInfo] = {rule.code: rule for rule in ALL_RULES}
