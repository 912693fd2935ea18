"""Source terms (TF401): a Chinese formulation in the source that nothing in the translation renders.

The alignment of :mod:`tifa.bilingual.align` says, for each glossary term in a segment's source,
what in the translation renders it; the consistency report reads the same alignment.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from tifa.glossary.compile import CompiledGlossary
from tifa.glossary.schema import Confidence
from tifa.model import Finding, Severity
from tifa.rules.base import Example, RuleInfo
from tifa.segments import DocumentContext, Segment

if TYPE_CHECKING:
    from tifa.bilingual.align import Alignment

MISSING = RuleInfo(
    "TF401",
    "missing-standard-rendering",
    "a fixed formulation in the Chinese source that nothing in the translation renders",
    Severity.WARNING,
    doc="""
    What it does
        Where a segment has its Chinese source (PO, XLIFF, bilingual TSV/CSV) and the source holds a
        fixed formulation of the glossary (numbered formulations, theory, Party building, named
        initiatives and institutions; three characters or more), checks that something in the
        translation renders it: the standard or an accepted rendering, the term's spelled-out
        meaning, a listed wrong form (reported by TF101), a literal rendering (TF105), or a compact
        stretch that carries the term's meaning: every word of its Chinese rendered in any order,
        or most of a rendering's content words, rare words weighing more. A term inside a longer
        source term is checked too, unless the longer term's rendering is there. Traditional and
        simplified characters, full-width punctuation and quotation marks in the source are all
        read alike.

    Why is this bad?
        A translation that drops or paraphrases a fixed formulation loses the formulation: readers
        who know "the Two Upholds" will not recognise it in "safeguarding the leader's authority".

    Fix safety
        No fix: where the rendering should go in the sentence is for a translator to decide; the
        standard rendering is suggested. A translation that has one of the term's known wrong
        renderings is reported by TF101/TF102, a literal one by TF105 (which name the Chinese term),
        rather than here.
    """,
    example=Example("Officials must safeguard the core.", source="干部要坚决做到两个维护。"),
)
RULES = (MISSING,)

# Shorter Chinese terms (精神, 干部) have many good renderings in context; only longer, fixed
# formulations are required to appear in their standard form.
MIN_TERM_LENGTH = 3
# Fixed formulations and names must keep their rendering; descriptive policy vocabulary
# (economy, ecology, law, society ...) is often rephrased by official translators themselves.
REQUIRED_CATEGORIES = frozenset(
    {
        "numbered-formulations",
        "ideology",
        "party-building",
        "discipline",
        "initiatives",
        "hk-macao-taiwan",
        "party-institutions",
        "state-organs",
    }
)


def missing(alignment: Alignment) -> bool:
    """True when nothing renders an occurrence of a fixed formulation that must keep its rendering."""
    from tifa.bilingual.align import Rendered

    entry = alignment.entry
    return (
        alignment.rendered is Rendered.MISSING
        and len(alignment.zh) >= MIN_TERM_LENGTH
        and entry.confidence is not Confidence.LOW
        and entry.category in REQUIRED_CATEGORIES
    )


def check(segment: Segment, glossary: CompiledGlossary, context: DocumentContext) -> Iterator[Finding]:
    """Yield a finding for each source term that nothing in the translation renders."""
    if not segment.source:
        return
    # The term alignment is imported for the first segment with a source: English files never need it.
    from tifa.bilingual.align import align

    alignments = align(segment, glossary)
    reported: set[str] = set()
    for alignment in _to_report(alignments):
        entry = alignment.entry
        if entry.id in reported:
            continue
        reported.add(entry.id)
        yield Finding(
            code=MISSING.code,
            span=segment.file_span(0, len(segment.text)),
            message=f"the source has {alignment.zh}, but nothing in the translation renders it; "
            f'its standard rendering is "{entry.en}"',
            severity=MISSING.severity,
            suggestions=(entry.en,),
            entry_id=entry.id,
        )


def _to_report(alignments: tuple[Alignment, ...]) -> list[Alignment]:
    """The missing terms worth a finding: of nested terms, the innermost missing one.

    A longer term whose inner term is rendered somehow (even wrongly: TF101 and TF105 report
    that) is rendered in part; one around a missing inner term is reported through it.
    """
    from tifa.bilingual.align import Rendered

    found = [alignment for alignment in alignments if missing(alignment)]
    return [
        alignment
        for alignment in found
        if not any(
            _encloses(alignment, other) and (other.rendered is not Rendered.MISSING or other in found)
            for other in alignments
        )
    ]


def _encloses(outer: Alignment, inner: Alignment) -> bool:
    return (
        outer.source_start <= inner.source_start
        and inner.source_end <= outer.source_end
        and outer.source_end - outer.source_start > inner.source_end - inner.source_start
    )
