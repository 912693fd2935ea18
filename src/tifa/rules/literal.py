"""Probable literal renderings: English built word by word from a glossary term's Chinese.

What it does
    Reads each sentence as a run of content words and looks, for every glossary entry, for a
    compact stretch whose words are dictionary senses of the entry's Chinese words (the
    literal lexicon: CC-CEDICT plus tifa's supplement) and together render the whole term, in
    any order, with only function words ("of", "the", "'s", "and", "in") between them:
    "Xi Jinping's socialist ideology with Chinese characteristics in the new era", "battle
    fortress", "party member cadres". A stretch that is the standard or an
    accepted rendering, lies inside one, or only cuts one short is never reported, and neither
    is one the glossary lists (TF101 reports those). In a long term one Chinese word may go
    unrendered ("Xi Jinping's new era of socialism with Chinese characteristics").

    Machine translation produces endless variants of each term; listing them cannot keep up,
    the lexicon can. Because ordinary English uses the same words in other senses, the rule
    looks only in Party and state texts (see ``DocumentContext``) and, in bilingual files, in
    segments whose Chinese source has the term.

Why is this bad?
    A literal rendering hides the formulation from readers who know the official one, and
    different literal renderings of one term in one publication read as different things.

Fix safety
    Unsafe: where such a rendering starts and ends, and whether the standard rendering fits the
    sentence in its place, is a judgement. Where the aligned Chinese source has the term, the
    finding is an error and the fix is safe for high-confidence entries that replace in place.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

from tifa.chinese import normalize_chinese
from tifa.glossary.compile import CompiledGlossary
from tifa.glossary.lexicon import LiteralLexicon
from tifa.glossary.official import cuts_a_name, holds_a_rendering, official_or_ordinary
from tifa.glossary.schema import Confidence, Entry
from tifa.model import Applicability, Edit, Finding, Fix, Severity
from tifa.rules.base import Example, RuleInfo
from tifa.rules.literal_fit import Candidate, Token, fit
from tifa.rules.literal_windows import windows
from tifa.segments import DocumentContext, Segment
from tifa.suggest import adapt, text_before
from tifa.text import NormalizedText

LITERAL = RuleInfo(
    "TF105",
    "literal-rendering",
    "a probable literal rendering no list names, built word by word from the term's Chinese:"
    ' "battle fortress" → fighting bastion,'
    ' "Xi Jinping\'s socialist ideology with Chinese characteristics in the new era"',
    Severity.WARNING,
    severity_note="error where the aligned source has the term",
    doc=__doc__ or "",
    example=Example(
        "The Party committee of the county asked every Party branch to be a battle fortress for the Party cause."
    ),
)
RULES = (LITERAL,)


def check(segment: Segment, glossary: CompiledGlossary, context: DocumentContext) -> Iterator[Finding]:
    """Yield a finding for each probable literal rendering of a glossary term in ``segment``."""
    allowed = _entries_in_scope(segment, glossary, context)
    if not allowed:
        return
    lexicon = glossary.literal_lexicon
    normalized = NormalizedText.of(segment.text)
    text = normalized.collapsed
    found_windows = windows(text, lexicon, allowed)
    if not found_windows:
        return
    matches = list(glossary.matches(text))
    confirmed = _entries_in_source(segment, glossary) if segment.source else 0
    for tokens, candidates, places in found_windows:
        chosen: list[Candidate] = []
        for found in candidates:
            candidate = _clear_of(found, chosen, tokens, lexicon)
            if candidate is None:
                continue
            start, end = places[candidate.first][0], places[candidate.last][1]
            original_start, original_end = normalized.to_original(start), normalized.to_original(end - 1) + 1
            if official_or_ordinary(candidate.entry, text, start, end, matches, glossary) or cuts_a_name(
                segment.text,
                original_start,
                original_end,
                holds_a_rendering=functools.partial(holds_a_rendering, matches, start, end),
            ):
                continue
            chosen.append(candidate)
            entry = glossary.entries[candidate.entry]
            yield _finding(entry, segment, original_start, original_end, bool(confirmed >> candidate.entry & 1))


def _clear_of(
    candidate: Candidate, chosen: list[Candidate], tokens: list[Token], lexicon: LiteralLexicon
) -> Candidate | None:
    """The candidate, or the part of its run beside the stretches already chosen that still renders the term.

    Trimming may have kept a word a neighbouring term needs ("building a modern socialist
    country and comprehensively promoting ..."); the run is then fitted again without it.
    """
    blocking = [other for other in chosen if candidate.first <= other.last and other.first <= candidate.last]
    if not blocking:
        return candidate
    model = lexicon.models[candidate.entry]
    assert model is not None
    taken = {index for other in chosen for index in range(other.first, other.last + 1)}
    free = [index for index in range(candidate.run_first, candidate.run_last + 1) if index not in taken]
    for first, last in _consecutive(free):
        refitted = fit(tokens, first, last, candidate.entry, model, lexicon) if last > first else None
        if refitted is not None and refitted.rendered == candidate.rendered:
            return refitted
    return None


def _consecutive(indexes: list[int]) -> Iterator[tuple[int, int]]:
    """The runs of consecutive numbers in sorted ``indexes``, as (first, last)."""
    start = previous = None
    for index in indexes:
        if previous is not None and index == previous + 1:
            previous = index
            continue
        if start is not None and previous is not None:
            yield start, previous
        start = previous = index
    if start is not None and previous is not None:
        yield start, previous


def _entries_in_scope(segment: Segment, glossary: CompiledGlossary, context: DocumentContext) -> int:
    """Bit set of the entries to look for: all in a Party text, else those the aligned source names."""
    if context.party_text:
        return -1
    if segment.source:
        return _entries_in_source(segment, glossary)
    return 0


def _entries_in_source(segment: Segment, glossary: CompiledGlossary) -> int:
    assert segment.source is not None
    found = 0
    for _, (_, indexes) in glossary.source_terms.iter(normalize_chinese(segment.source)):
        for index in indexes:
            found |= 1 << index
    return found


def _finding(entry: Entry, segment: Segment, original_start: int, original_end: int, confirmed: bool) -> Finding:
    written = segment.text[original_start:original_end]
    suggestion = adapt(entry.en, written, text_before(segment.text, original_start))
    span = segment.file_span(original_start, original_end)
    zh = "/".join(entry.zh[:2])
    how = "its Chinese has the term" if confirmed else "its words render the term word by word"
    message = (
        f'"{" ".join(written.split())}" looks like a literal rendering of {zh} ({how}); '
        f'the standard rendering is "{entry.en}"'
    )
    fix = None
    if entry.replace and entry.confidence is not Confidence.LOW:
        safe = confirmed and entry.confidence is Confidence.HIGH
        fix = Fix(
            f'Replace with "{suggestion}"',
            (Edit(span, suggestion),),
            Applicability.SAFE if safe else Applicability.UNSAFE,
        )
    return Finding(
        code=LITERAL.code,
        span=span,
        message=message,
        severity=Severity.ERROR if confirmed else LITERAL.severity,
        suggestions=(suggestion,),
        fix=fix,
        entry_id=entry.id,
    )
