"""How a stretch of a window renders a term, for the literal-rendering rule (TF105).

A window's words are :class:`Token` values; :func:`fit` finds the smallest stretch of a run
of them that renders an entry's term, and a :class:`Candidate` records it. Whether a set of
stems renders a term depends only on those stems, so it is remembered per lexicon.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import NamedTuple

from tifa.glossary.lattice import MIN_RENDERED_WITH_GAP, best_chain
from tifa.glossary.lexicon import LiteralLexicon, LiteralModel, PerLexicon, remember


class Token(NamedTuple):
    """A content word of a window, with what stands between it and the one before."""

    word: str
    stem: str
    entries: int  # bit set of entries whose lattice offers the stem (0: a stop)
    opening: int  # entries whose first rendered word the stem can render
    closing: int  # entries whose last rendered word the stem can render
    after_comma: bool
    linked: bool  # only compound links ("of", "the", "'s", "and") stand between it and the word before
    after_and: bool  # "and" stands between it and the word before
    key: str  # all a fit reads of the token (see _fit_key)
    bare: str  # all a fit reads of the first token of a run: its key without the flags


class Candidate(NamedTuple):
    """A stretch of a window whose words render an entry's term."""

    first: int  # token index
    last: int  # token index, inclusive
    entry: int
    rendered: int
    run_first: int  # the run of words that may render the entry, which the stretch was fitted in
    run_last: int


# Per lexicon: an entry, a stretch's stems, its length and whether it may have a gap → how well it renders.
_RENDERS: PerLexicon[tuple[int, frozenset[str], int, bool], int] = PerLexicon()


def fit(
    tokens: list[Token], first: int, last: int, entry: int, model: LiteralModel, lexicon: LiteralLexicon
) -> Candidate | None:
    """The smallest stretch inside ``[first, last]`` that renders the entry's term, if any does."""
    run_first, run_last = first, last
    renders = _RENDERS(lexicon)

    def rendered_by(first: int, last: int) -> int:
        stretch = tokens[first : last + 1]
        stems = frozenset(token.stem for token in stretch)
        key = (entry, stems, len(stretch), not any(token.after_comma for token in stretch[1:]))
        known = renders.get(key)
        if known is None:
            known = _rendered(stems, len(stretch), key[3], model)
            remember(renders, key, known)
        return known

    rendered = rendered_by(first, last)
    if rendered < 0:
        first, last, rendered = _inside_one_form(tokens, first, last, model, rendered_by)
        if rendered < 0:
            return None
    while first + 1 < last and rendered_by(first + 1, last) == rendered:
        first += 1
    while last - 1 > first and rendered_by(first, last - 1) == rendered:
        last -= 1
    if len({token.stem for token in tokens[first : last + 1]}) < 2:
        return None
    if (
        not model.enumerates
        and any(
            token.after_comma and not _adverb_list_before(tokens, first, index)
            for index, token in _within(tokens, first, last)
        )
        and not _closed_list(tokens, first, last)
    ):
        # A comma ends one phrase and starts another, except in a list of adverbs, in a list
        # closed by "and" ("strict, standardized, fair and civilized law enforcement"), or where
        # the Chinese term itself lists parallel phrases.
        return None
    if last == first + 1 and (tokens[last].after_comma or not tokens[last].linked or tokens[last].word.endswith("ed")):
        # Two words in a list ("planned, deployed") are two things, two joined by another
        # preposition ("plans for China") are not a compound rendered word by word, and a noun
        # followed by a past tense ("China proposed") is a clause.
        return None
    if last == first + 1 and tokens[last].after_and and not model.coordinates:
        # Two words joined by "and" ("political and institutional") are two things, unless
        # the term itself joins two ("Party members and officials").
        return None
    return Candidate(first, last, entry, rendered, run_first, run_last)


def _inside_one_form(
    tokens: list[Token], first: int, last: int, model: LiteralModel, rendered_by: Callable[[int, int], int]
) -> tuple[int, int, int]:
    """The run without the words at its ends that a form of the term does not offer, if that renders it.

    A run may go on into a word of a longer form of the same entry ("... clean government
    against corruption" for 党风廉政建设, whose longer form adds 反腐败): each form is tried on
    the words it offers. Returns the best ``(first, last, rendered)``, rendered -1 when none.
    """
    best = (first, last, -1)
    for lattice in model.lattices:
        start, end = first, last
        while start < end and tokens[start].stem not in lattice.vocabulary:
            start += 1
        while end > start and tokens[end].stem not in lattice.vocabulary:
            end -= 1
        if end > start and (start, end) != (first, last) and (rendered := rendered_by(start, end)) > best[2]:
            best = (start, end, rendered)
    return best


def _within(tokens: list[Token], first: int, last: int) -> Iterator[tuple[int, Token]]:
    for index in range(first + 1, last + 1):
        yield index, tokens[index]


def _closed_list(tokens: list[Token], first: int, last: int) -> bool:
    """True when the commas of the stretch ``[first, last]`` separate the items of one list that "and" closes."""
    commas = [index for index, token in _within(tokens, first, last) if token.after_comma]
    return any(token.after_and for index, token in _within(tokens, first, last) if index >= commas[-1])


def _adverb_list_before(tokens: list[Token], first: int, index: int) -> bool:
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
