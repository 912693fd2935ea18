"""What ``tifa glossary stats`` counts: entries per category and confidence, and the forms they hold."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from tifa.glossary.schema import Confidence, Entry


@dataclass
class GroupStats:
    """What a group of entries (a category, or the whole glossary) holds."""

    entries: int = 0
    with_source: int = 0
    with_wrong: int = 0
    with_outdated: int = 0
    with_examples: int = 0
    confidence: dict[str, int] = field(default_factory=lambda: {level.value: 0 for level in Confidence})
    forms: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(("zh", "accept", "wrong", "wrong_if_source", "outdated"), 0)
    )

    def add(self, entry: Entry) -> None:
        """Count ``entry`` in this group."""
        self.entries += 1
        self.with_source += bool(entry.source)
        self.with_wrong += bool(entry.wrong or entry.wrong_if_source)
        self.with_outdated += bool(entry.outdated)
        self.with_examples += bool(entry.examples.bad or entry.examples.good)
        self.confidence[entry.confidence.value] += 1
        counts = Counter(
            zh=len(entry.zh),
            accept=len(entry.accept),
            wrong=len(entry.wrong),
            wrong_if_source=len(entry.wrong_if_source),
            outdated=len(entry.outdated),
        )
        for name, count in counts.items():
            self.forms[name] += count


def glossary_stats(entries: list[Entry] | tuple[Entry, ...]) -> tuple[GroupStats, dict[str, GroupStats]]:
    """Count the whole glossary and each category (sorted by name)."""
    total = GroupStats()
    by_category: dict[str, GroupStats] = {}
    for entry in entries:
        total.add(entry)
        by_category.setdefault(entry.category, GroupStats()).add(entry)
    return total, dict(sorted(by_category.items()))


def stats_text(total: GroupStats, by_category: dict[str, GroupStats]) -> str:
    columns = ("entries", "source", "wrong", "outdated", "examples", "high", "medium", "low")
    width = max([len("category"), len("total"), *map(len, by_category)])
    lines = [f"{'category':<{width}}" + "".join(f"{name:>10}" for name in columns)]

    def row(name: str, stats: GroupStats) -> str:
        values = (
            stats.entries,
            stats.with_source,
            stats.with_wrong,
            stats.with_outdated,
            stats.with_examples,
            *stats.confidence.values(),
        )
        return f"{name:<{width}}" + "".join(f"{value:>10}" for value in values)

    lines.extend(row(name, stats) for name, stats in by_category.items())
    lines.append(row("total", total))
    forms = total.forms
    lines += [
        "",
        "source, wrong, outdated, examples: entries that have them; high, medium, low: entries by confidence.",
        f"Forms: {forms['zh']} Chinese, {forms['accept']} accepted renderings, {forms['wrong']} wrong, "
        f"{forms['wrong_if_source']} wrong if source, {forms['outdated']} outdated.",
    ]
    return "\n".join(lines)
