"""Literal renderings with the Chinese source as evidence: TF105 in bilingual segments.

The monolingual scan of :mod:`tifa.rules.literal` finds literal renderings from the English
alone. Where a segment has its aligned source, the term alignment (:mod:`tifa.bilingual.align`)
adds the literal stretches it aligned to a term of the source that the scan left alone: the
source settles what the English alone leaves open (whether "supervisory committee" is a
rendering of 监察委员会 or an established compound of its own). Both are TF105, and a span is
reported once: the scan's finding stands, and an aligned stretch that overlaps it is not
reported again. Aligned findings are errors; their fix is safe for high-confidence entries that
replace in place.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from tifa.glossary.compile import CompiledGlossary
from tifa.glossary.schema import Confidence
from tifa.model import Applicability, Edit, Finding, Fix, Severity, Span
from tifa.rules import literal
from tifa.segments import DocumentContext, Segment
from tifa.suggest import adapt

if TYPE_CHECKING:
    from tifa.bilingual.align import Alignment

RULES = literal.RULES


def check(segment: Segment, glossary: CompiledGlossary, context: DocumentContext) -> Iterator[Finding]:
    """Yield TF105's findings in ``segment``, and those its aligned source adds."""
    found = list(literal.check(segment, glossary, context))
    yield from found
    if not segment.source:
        return
    # The alignment is imported for the first segment with a source: English files never need it.
    from tifa.bilingual.align import Rendered, align

    taken: list[Span] = [finding.span for finding in found]
    for alignment in align(segment, glossary):
        if alignment.rendered is not Rendered.LITERAL or alignment.shared:
            continue
        span = segment.file_span(alignment.start, alignment.end)
        if any(span.overlaps(other) for other in taken):
            continue
        taken.append(span)
        yield aligned_finding(alignment, segment, span)


def aligned_finding(alignment: Alignment, segment: Segment, span: Span) -> Finding:
    """The TF105 finding of a literal stretch aligned to a term of the segment's source."""
    entry = alignment.entry
    written = segment.text[alignment.start : alignment.end]
    suggestion = adapt(entry.en, written, segment.text[: alignment.start])
    fix = None
    if entry.replace and entry.confidence is not Confidence.LOW:
        safety = Applicability.SAFE if entry.confidence is Confidence.HIGH else Applicability.UNSAFE
        fix = Fix(f'Replace with "{suggestion}"', (Edit(span, suggestion),), safety)
    return Finding(
        code=literal.LITERAL.code,
        span=span,
        message=f'"{" ".join(written.split())}" renders {alignment.zh} of the source word by word; '
        f'the standard rendering is "{entry.en}"',
        severity=Severity.ERROR,
        suggestions=(suggestion,),
        fix=fix,
        entry_id=entry.id,
    )
