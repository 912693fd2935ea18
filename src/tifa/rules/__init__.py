"""The rule registry: the rule families, in report order, and every rule code tifa knows.

Each family module scans a segment once and may report several codes (see
:class:`~tifa.rules.base.RuleFamily`); the suppression codes of :mod:`tifa.rules.meta` come
from the linter instead. Adding a rule means one ``RuleInfo`` in a family's ``RULES`` (and a
family here, for a new module) plus one case file in ``tests/rules/cases``.
"""

from __future__ import annotations

from tifa.rules import literal_source, meta, near_miss, renderings, repetition, source_checks, source_terms
from tifa.rules.base import Example, RuleFamily, RuleInfo

ALL_FAMILIES: tuple[RuleFamily, ...] = (
    renderings,
    literal_source,
    repetition,
    near_miss,
    source_terms,
    source_checks,
)
META_RULES: tuple[RuleInfo, ...] = meta.RULES
ALL_RULES: tuple[RuleInfo, ...] = (*(rule for family in ALL_FAMILIES for rule in family.RULES), *META_RULES)
RULES_BY_CODE: dict[str, RuleInfo] = {rule.code: rule for rule in ALL_RULES}

__all__ = ["ALL_FAMILIES", "ALL_RULES", "META_RULES", "RULES_BY_CODE", "Example", "RuleFamily", "RuleInfo"]
