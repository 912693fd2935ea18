"""Choosing rules by code, name or code prefix; the longest matching selector wins."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from tifa.errors import UsageError
from tifa.rules import ALL_RULES


def _parse(selectors: Iterable[str]) -> tuple[str, ...]:
    items: list[str] = []
    for selector in selectors:
        items.extend(part.strip() for part in selector.split(",") if part.strip())
    return tuple(items)


def parse_selectors(selectors: Iterable[str]) -> tuple[str, ...]:
    """Split comma-separated selectors into single ones, dropping empty parts."""
    return _parse(selectors)


def resolve_selector(selector: str) -> str:
    """Return the code prefix ``selector`` stands for: a code or prefix as it is, a rule name as its code.

    ``ALL`` gives the empty prefix (every rule). Raises :class:`UsageError` for an unknown rule.
    """
    return _resolve(selector)


def _resolve(selector: str) -> str:
    """Return the code prefix a selector stands for (a rule name maps to its code)."""
    for rule in ALL_RULES:
        if selector.lower() == rule.name:
            return rule.code
    upper = selector.upper()
    if upper == "ALL" or any(rule.code.startswith(upper) for rule in ALL_RULES):
        return "" if upper == "ALL" else upper
    known = ", ".join(f"{rule.code} ({rule.name})" for rule in ALL_RULES)
    raise UsageError(f"unknown rule {selector!r}; known rules: {known}")


@dataclass(frozen=True)
class RuleSelection:
    """Which rule codes are enabled, from ``--select`` and ``--ignore`` lists.

    ``excluded`` prefixes (per-file ignores) disable their rules whatever ``select`` says.
    """

    select: tuple[str, ...] = ("",)
    ignore: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()

    @classmethod
    def from_options(cls, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> RuleSelection:
        """Build a selection from comma-separated codes, names or prefixes (``ALL`` for every rule)."""
        selected = tuple(_resolve(item) for item in _parse(select)) or ("",)
        return cls(selected, tuple(_resolve(item) for item in _parse(ignore)))

    def without(self, prefixes: Iterable[str]) -> RuleSelection:
        """Return this selection with the rules under ``prefixes`` disabled outright."""
        added = tuple(prefix for prefix in prefixes if prefix not in self.excluded)
        return replace(self, excluded=self.excluded + added) if added else self

    def is_enabled(self, code: str) -> bool:
        """Return True when ``code`` is selected by a longer prefix than any that ignores it, and not excluded."""
        if any(code.startswith(prefix) for prefix in self.excluded):
            return False
        selected = max((len(prefix) for prefix in self.select if code.startswith(prefix)), default=-1)
        ignored = max((len(prefix) for prefix in self.ignore if code.startswith(prefix)), default=-1)
        return selected > ignored
