"""Segment-level consistency across a project, as translation QA tools check it.

One source segment translated in several ways, or one translation given to several different
source segments: either may be deliberate, and either is worth a look before publication.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

from tifa.chinese import normalize_chinese
from tifa.errors import display_path
from tifa.segments import Document
from tifa.text import LineIndex


class Side(Enum):
    """Which side of the segments is shared."""

    SOURCE = "source-segment"  # one source, several translations
    TARGET = "target-segment"  # one translation, several sources


@dataclass
class SegmentReport:
    """Segments that share one side (``text``) and differ on the other (``counts``, with places)."""

    side: Side
    text: str
    counts: Counter[str] = field(default_factory=Counter)
    places: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    @property
    def is_consistent(self) -> bool:
        """True when the other side is the same every time."""
        return len(self.counts) <= 1


def collect_segments(documents: Iterable[Document]) -> list[SegmentReport]:
    """Return the inconsistent segment groups of ``documents``: sources first, in first-seen order.

    Sources are compared as tifa reads them (simplified characters, full-width forms folded,
    white space ignored), translations with white space runs read as one space.
    """
    by_source: dict[str, SegmentReport] = {}
    by_target: dict[str, SegmentReport] = {}
    for document in documents:
        index = LineIndex(document.text)
        for segment in document.segments:
            if not segment.source or not segment.source.strip():
                continue
            source = "".join(normalize_chinese(segment.source).split())
            target = " ".join(segment.text.split())
            line, _ = index.position(segment.file_span(0, len(segment.text)).start)
            place = f"{display_path(document.path)}:{line}"
            for key, shared, other, reports, side in (
                (source, segment.source.strip(), target, by_source, Side.SOURCE),
                (target, target, segment.source.strip(), by_target, Side.TARGET),
            ):
                report = reports.setdefault(key, SegmentReport(side, shared))
                variant = other if side is Side.SOURCE else source
                report.counts[variant] += 1
                report.places[variant].append(place)
    return [report for report in (*by_source.values(), *by_target.values()) if not report.is_consistent]
