"""Consistency across a project: one Chinese term rendered in several ways across files.

Translation QA tools report this as "inconsistent target for one source term": even where every
rendering is acceptable, a publication should use one.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from tifa.errors import display_path
from tifa.glossary.compile import CompiledGlossary
from tifa.rules.source_terms import Rendered, term_uses
from tifa.segments import Document
from tifa.text import LineIndex

MAX_PLACES = 5


@dataclass
class TermReport:
    """How one glossary term was rendered across the checked files."""

    entry_id: str
    zh: str
    standard: str
    counts: Counter[tuple[str, Rendered]] = field(default_factory=Counter)
    places: dict[tuple[str, Rendered], list[str]] = field(default_factory=lambda: defaultdict(list))

    @property
    def is_consistent(self) -> bool:
        """True when every occurrence was rendered the same way."""
        return len(self.counts) <= 1


def collect(documents: Iterable[Document], glossary: CompiledGlossary) -> list[TermReport]:
    """Return a report per glossary term met in the sources of ``documents``, in first-seen order."""
    reports: dict[str, TermReport] = {}
    for document in documents:
        index = LineIndex(document.text)
        for segment in document.segments:
            for use in term_uses(segment, glossary):
                report = reports.setdefault(use.entry.id, TermReport(use.entry.id, use.zh, use.entry.en))
                rendering = use.rendering if use.rendering is not None else "(no listed rendering)"
                if use.rendered is Rendered.REPHRASED:
                    rendering = f"(rephrased, close to: {use.rendering})"
                key = (rendering, use.rendered)
                report.counts[key] += 1
                line, _ = index.position(segment.file_span(0, len(segment.text)).start)
                report.places[key].append(f"{display_path(document.path)}:{line}")
    return list(reports.values())


def render_text(reports: list[TermReport]) -> str:
    """Return the inconsistent terms as a table, most-used rendering first."""
    lines = []
    inconsistent = [report for report in reports if not report.is_consistent]
    for report in inconsistent:
        total = sum(report.counts.values())
        lines.append(f"{report.zh} ({report.entry_id}): {len(report.counts)} renderings in {total} segments")
        for (rendering, rendered), count in report.counts.most_common():
            places = report.places[(rendering, rendered)]
            shown = ", ".join(places[:MAX_PLACES]) + (
                f", … (+{len(places) - MAX_PLACES})" if len(places) > MAX_PLACES else ""
            )
            lines.append(f"  {count:>5}  {rendering}  [{rendered.value}]  {shown}")
    lines.append(f"{len(inconsistent)} of {len(reports)} source terms rendered inconsistently.")
    return "\n".join(lines) + "\n"


def render_json(reports: list[TermReport]) -> str:
    """Return every term met, consistent or not, as JSON."""
    return (
        json.dumps(
            [
                {
                    "entry": report.entry_id,
                    "zh": report.zh,
                    "standard": report.standard,
                    "consistent": report.is_consistent,
                    "renderings": [
                        {
                            "rendering": rendering,
                            "kind": rendered.value,
                            "count": count,
                            "places": report.places[(rendering, rendered)],
                        }
                        for (rendering, rendered), count in report.counts.most_common()
                    ],
                }
                for report in reports
            ],
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )
