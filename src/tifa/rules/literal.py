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

import re
from collections.abc import Iterator
from itertools import pairwise
from typing import NamedTuple

from tifa.chinese import normalize_chinese
from tifa.english import COMPOUND_LINKS
from tifa.glossary.compile import CompiledGlossary
from tifa.glossary.lattice import best_chain
from tifa.glossary.lexicon import COMMA, FUNCTION, LiteralLexicon, LiteralModel
from tifa.glossary.official import cuts_a_name, official_or_ordinary
from tifa.glossary.schema import Confidence, Entry
from tifa.model import Applicability, Edit, Finding, Fix, Severity
from tifa.rules.base import Example, RuleInfo
from tifa.segments import DocumentContext, Segment
from tifa.suggest import adapt
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

# A term of this many rendered words may leave one Chinese word unrendered.
MIN_RENDERED_WITH_GAP = 4
# Words, commas and stops; quotes are transparent, any other mark ends a stretch.
_TOKEN = re.compile(r"[^\W_]+|[^\w\s'\"]")


class _Token(NamedTuple):
    start: int
    end: int
    word: str
    stem: str
    entries: int  # bit set of entries whose lattice offers the stem (0: a stop)
    opening: int  # entries whose first rendered word the stem can render
    closing: int  # entries whose last rendered word the stem can render
    after_comma: bool
    linked: bool  # only compound links ("of", "the", "'s", "and") stand between it and the word before


class _Candidate(NamedTuple):
    first: int  # token index
    last: int  # token index, inclusive
    entry: int
    rendered: int
    run_first: int  # the run of words that may render the entry, which the stretch was fitted in
    run_last: int


def check(segment: Segment, glossary: CompiledGlossary, context: DocumentContext) -> Iterator[Finding]:
    """Yield a finding for each probable literal rendering of a glossary term in ``segment``."""
    allowed = _entries_in_scope(segment, glossary, context)
    if not allowed:
        return
    lexicon = glossary.literal_lexicon
    normalized = NormalizedText.of(segment.text)
    text = normalized.collapsed
    windows = _windows(text, lexicon, allowed)
    if not windows:
        return
    matches = list(glossary.find(text))
    confirmed = _entries_in_source(segment, glossary) if segment.source else 0
    for tokens in windows:
        chosen: list[_Candidate] = []
        for found in _candidates(tokens, lexicon):
            candidate = _clear_of(found, chosen, tokens, lexicon)
            if candidate is None:
                continue
            start, end = tokens[candidate.first].start, tokens[candidate.last].end
            original_start, original_end = normalized.to_original(start), normalized.to_original(end - 1) + 1
            if official_or_ordinary(candidate.entry, text, start, end, matches, glossary) or cuts_a_name(
                segment.text, original_start, original_end
            ):
                continue
            chosen.append(candidate)
            entry = glossary.entries[candidate.entry]
            yield _finding(entry, segment, original_start, original_end, bool(confirmed >> candidate.entry & 1))


def _clear_of(
    candidate: _Candidate, chosen: list[_Candidate], tokens: list[_Token], lexicon: LiteralLexicon
) -> _Candidate | None:
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
        refitted = _fit(tokens, first, last, candidate.entry, model, lexicon) if last > first else None
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


def _windows(text: str, lexicon: LiteralLexicon, allowed: int) -> list[list[_Token]]:
    """The runs of content words of ``text`` in which each word shares an entry with the next.

    Every literal rendering lies inside one. Words, masks and neighbouring pairs are made by
    comprehensions over a C-level ``findall`` and dictionary look-ups; Python work per word
    is spent only inside the runs.
    """
    words = _TOKEN.findall(text)
    masks = lexicon.word_masks(words)
    positions = [index for index, mask in enumerate(masks) if mask >= 0]
    content = [masks[index] & allowed for index in positions]
    hits = [number for number, (first, second) in enumerate(pairwise(content)) if first & second]
    if not hits:
        return []
    spans: list[tuple[int, int]] = []
    windows: list[list[_Token]] = []
    first = last = hits[0]
    for number in (*hits[1:], None):
        if number is not None and number == last + 1:
            last = number
            continue
        if _may_render_a_term(words, positions, content, first, last + 1, lexicon):
            spans = spans or [match.span() for match in _TOKEN.finditer(text)]
            window = [_token(k, words, masks, positions, spans, lexicon, allowed) for k in range(first, last + 2)]
            windows.append(window)
        if number is not None:
            first = last = number
    return windows


def _may_render_a_term(
    words: list[str], positions: list[int], content: list[int], first: int, last: int, lexicon: LiteralLexicon
) -> bool:
    """True when, in content words ``first`` to ``last``, some entry two neighbours share can be opened and closed."""
    shared = opening = closing = 0
    for number in range(first, last + 1):
        if number < last:
            shared |= content[number] & content[number + 1]
        known = lexicon.word_entries(words[positions[number]])
        opening |= known.opening
        closing |= known.closing
    return bool(shared & opening & closing)


def _token(
    number: int,
    words: list[str],
    masks: list[int],
    positions: list[int],
    spans: list[tuple[int, int]],
    lexicon: LiteralLexicon,
    allowed: int,
) -> _Token:
    """The ``number``-th content word, with what stands between it and the content word before."""
    index = positions[number]
    previous = positions[number - 1] if number else index
    between = range(previous + 1, index)
    after_comma = any(masks[at] == COMMA for at in between)
    linked = all(words[at] in COMPOUND_LINKS for at in between if masks[at] == FUNCTION)
    stemmed, entries, opening, closing = lexicon.word_entries(words[index])
    start, end = spans[index]
    return _Token(start, end, words[index], stemmed, entries & allowed, opening, closing, after_comma, linked)


def _candidates(tokens: list[_Token], lexicon: LiteralLexicon) -> list[_Candidate]:
    """The stretches of a window of ``tokens`` that render a term, those that render most first.

    Each entry is fitted once per run of two or more neighbouring words that may render its
    words and that has a word to open and a word to close its term.
    """
    found: list[_Candidate] = []
    for first, last, entry in _promising_runs(tokens):
        model = lexicon.models[entry]
        assert model is not None
        stems = {token.stem for token in tokens[first : last + 1]}
        if not any(lattice.may_render(stems) for lattice in model.lattices):
            continue
        candidate = _fit(tokens, first, last, entry, model, lexicon)
        if candidate is not None:
            found.append(candidate)
    found.sort(key=lambda found_: (-found_.rendered, found_.first - found_.last, found_.first))
    return found


def _promising_runs(tokens: list[_Token]) -> Iterator[tuple[int, int, int]]:
    """``(first, last, entry)`` for every promising run, found in one pass of bit sets over all entries.

    For each entry the pass carries whether its current run has lasted two words, has met a
    word that can open its term and one that can close it; a run is reported where it ends.
    """
    alive = opened = closed = lasting = 0
    last_index = len(tokens) - 1
    for index, token in enumerate(tokens):
        entries = token.entries
        lasting = (lasting | alive) & entries  # runs of two words or more
        opened = (opened & entries) | (token.opening & entries)
        closed = (closed & entries) | (token.closing & entries)
        alive = entries
        following = tokens[index + 1].entries if index < last_index else 0
        ending = alive & ~following & opened & closed & lasting
        while ending:
            low = ending & -ending
            ending ^= low
            first = index - 1
            while first > 0 and tokens[first - 1].entries & low:
                first -= 1
            yield first, index, low.bit_length() - 1


def _fit(
    tokens: list[_Token], first: int, last: int, entry: int, model: LiteralModel, lexicon: LiteralLexicon
) -> _Candidate | None:
    """The smallest stretch inside ``[first, last]`` that renders the entry's term, if any does."""
    run_first, run_last = first, last

    def rendered_by(first: int, last: int) -> int:
        stretch = tokens[first : last + 1]
        stems = frozenset(token.stem for token in stretch)
        key = (entry, stems, len(stretch), not any(token.after_comma for token in stretch[1:]))
        known = lexicon.remembered(key)
        if known is None:
            known = _rendered(stems, len(stretch), key[3], model)
            lexicon.remember(key, known)
        return known

    rendered = rendered_by(first, last)
    if rendered < 0:
        return None
    while first + 1 < last and rendered_by(first + 1, last) == rendered:
        first += 1
    while last - 1 > first and rendered_by(first, last - 1) == rendered:
        last -= 1
    if len({token.stem for token in tokens[first : last + 1]}) < 2:
        return None
    if not model.enumerates and any(
        token.after_comma and not _adverb_list_before(tokens, first, index)
        for index, token in _within(tokens, first, last)
    ):
        # A comma ends one phrase and starts another, except in a list of adverbs or where the
        # Chinese term itself lists parallel phrases.
        return None
    if last == first + 1 and (tokens[last].after_comma or not tokens[last].linked or tokens[last].word.endswith("ed")):
        # Two words in a list ("planned, deployed") are two things, two joined by another
        # preposition ("plans for China") are not a compound rendered word by word, and a noun
        # followed by a past tense ("China proposed") is a clause.
        return None
    return _Candidate(first, last, entry, rendered, run_first, run_last)


def _within(tokens: list[_Token], first: int, last: int) -> Iterator[tuple[int, _Token]]:
    for index in range(first + 1, last + 1):
        yield index, tokens[index]


def _adverb_list_before(tokens: list[_Token], first: int, index: int) -> bool:
    """True when every word of the stretch before ``index`` is an adverb ("completely, accurately and ...")."""
    return all(token.word.endswith("ly") for token in tokens[first:index])


def _rendered(stems: frozenset[str], words: int, gap_allowed: bool, model: LiteralModel) -> int:
    """How many English words the stretch renders the term with (less a gap), or -1 when it does not render it.

    A term must be rendered as at least two of its dictionary words: one dictionary word
    rendered by its own gloss ("people's welfare" for 民生) is a translation, not a literal
    one. Numbered formulations are the exception ("three rural" for 三农): their words
    abbreviate a list, and any word-by-word rendering of them is literal.

    A gap is allowed only in a long term and in a stretch with no comma: across a comma the
    words of a term left incomplete are more often parts of neighbouring phrases.
    """
    best = -1
    for lattice in model.lattices:
        if not stems <= lattice.vocabulary:
            continue  # every word must render a word of this Chinese form
        rendered, gaps, cost = best_chain(lattice, stems, words)
        enough = rendered >= 2 or (cost >= 2 and lattice.numbered)
        if enough and (gaps == 0 or (gap_allowed and rendered >= MIN_RENDERED_WITH_GAP)):
            best = max(best, cost - gaps)
    return best


def _finding(entry: Entry, segment: Segment, original_start: int, original_end: int, confirmed: bool) -> Finding:
    written = segment.text[original_start:original_end]
    suggestion = adapt(entry.en, written, segment.text[:original_start])
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
