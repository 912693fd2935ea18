"""Consistency across a project: one Chinese term rendered in several ways across files.

Translation QA tools report this as "inconsistent target for one source term": even where every
rendering is acceptable, a publication should use one. The same goes for whole segments: one
source translated in several ways, one translation for different sources
(:mod:`tifa.bilingual.segment_consistency`).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from tifa.bilingual.align import Alignment, Rendered, align
from tifa.bilingual.segment_consistency import SegmentReport, Side, collect_segments
from tifa.errors import display_path
from tifa.glossary.compile import CompiledGlossary
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


def collect(documents: Iterable[Document], glossary: CompiledGlossary) -> list[TermReport | SegmentReport]:
    """Return a report per glossary term met in the sources of ``documents``, in first-seen order,
    then one per group of segments translated inconsistently.

    Each occurrence counts with what the alignment found for it: a glossary form, or the words
    written where the term is rendered literally or rephrased.
    """
    documents = list(documents)
    reports: dict[str, TermReport] = {}
    for document in documents:
        index = LineIndex(document.text)
        for segment in document.segments:
            for alignment in align(segment, glossary):
                if alignment.shared:
                    continue
                entry = alignment.entry
                report = reports.setdefault(entry.id, TermReport(entry.id, alignment.zh, entry.en))
                key = (_written(alignment, segment.text), alignment.rendered)
                report.counts[key] += 1
                where = segment.file_span(*(alignment.start, alignment.end) if alignment.start >= 0 else (0, 0))
                line, _ = index.position(where.start)
                report.places[key].append(f"{display_path(document.path)}:{line}")
    return [*reports.values(), *collect_segments(documents)]


def _written(alignment: Alignment, text: str) -> str:
    if alignment.rendered is Rendered.MISSING:
        return "(not rendered)"
    if alignment.rendered in (Rendered.LITERAL, Rendered.REPHRASED):
        return " ".join(text[alignment.start : alignment.end].split())
    return alignment.rendering or ""


def render_text(reports: list[TermReport | SegmentReport]) -> str:
    """Return the inconsistent terms as a table, most-used rendering first, then the inconsistent segments."""
    lines = []
    terms = [report for report in reports if isinstance(report, TermReport)]
    inconsistent = [report for report in terms if not report.is_consistent]
    for report in inconsistent:
        total = sum(report.counts.values())
        lines.append(f"{report.zh} ({report.entry_id}): {len(report.counts)} renderings in {total} segments")
        for (rendering, rendered), count in report.counts.most_common():
            lines.append(
                f"  {count:>5}  {rendering}  [{rendered.value}]  {_shown(report.places[(rendering, rendered)])}"
            )
    for segment in reports:
        if isinstance(segment, SegmentReport):
            what = "source segment translated" if segment.side is Side.SOURCE else "one translation of"
            noun = "ways" if segment.side is Side.SOURCE else "different sources"
            lines.append(f"{what} {len(segment.counts)} {noun}: {segment.text}")
            lines.extend(
                f"  {count:>5}  {other}  {_shown(segment.places[other])}"
                for other, count in segment.counts.most_common()
            )
    lines.append(f"{len(inconsistent)} of {len(terms)} source terms rendered inconsistently.")
    return "\n".join(lines) + "\n"


def _shown(places: list[str]) -> str:
    return ", ".join(places[:MAX_PLACES]) + (f", … (+{len(places) - MAX_PLACES})" if len(places) > MAX_PLACES else "")


def render_json(reports: list[TermReport | SegmentReport]) -> str:
    """Return every term met, consistent or not, and every inconsistent segment group, as JSON."""
    return json.dumps([_as_json(report) for report in reports], ensure_ascii=False, indent=2) + "\n"


def _as_json(report: TermReport | SegmentReport) -> dict[str, object]:
    if isinstance(report, SegmentReport):
        return {
            "check": report.side.value,
            "text": report.text,
            "consistent": report.is_consistent,
            "variants": [
                {"text": other, "count": count, "places": report.places[other]}
                for other, count in report.counts.most_common()
            ],
        }
    return {
        "check": "term",
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
