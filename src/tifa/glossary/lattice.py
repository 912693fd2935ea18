"""Lattices: every dictionary word inside a Chinese term, and how well English words render them.

A term's lattice holds each dictionary word found anywhere inside it (every way the term can
be split, not one segmenter's best path) with its senses. An English phrase renders the term
when its words render a chain of lattice words that runs from the first character of the
term to the last (:func:`best_chain`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from tifa.english import chinese_number, ordinal, ordinal_words, stem
from tifa.glossary.dictionary import MAX_WORD_LENGTH, Dictionary, Sense

# Punctuation that typesets a term but is never translated.
# A chain may leave one lattice word unrendered (a gap) only if it renders this many others.
MIN_RENDERED_WITH_GAP = 4
# So a term needs this many characters that want a word before a gap can be allowed.
GAP_TERM_LENGTH = MIN_RENDERED_WITH_GAP + 1
# Chinese numerals that open a numbered formulation.
NUMERALS = frozenset("一二两三四五六七八九十百千")

_LATIN_RUN = re.compile(r"[0-9A-Za-z]+")
# Ordinals written as one word are read up to this number ("twentieth"); "twenty first" is two.
_ONE_WORD_ORDINALS = 20
# Characters that end a word as a suffix of its kind (共同体 "community" from 共同 "common"):
# machine translation often renders the word as the word before the suffix.
_NOMINAL_SUFFIXES = frozenset("体性化式型")

# The senses of a lattice word English may leave out (建设 in 党风廉政建设): it spans its
# characters without being rendered.
DROPPED: tuple[Sense, ...] = ()


class Lattice(NamedTuple):
    """The dictionary words of one Chinese form: ``edges[i]`` are ``(end, senses)`` starting at ``i``."""

    length: int
    edges: tuple[tuple[tuple[int, tuple[Sense, ...]], ...], ...]
    optional: int  # bit i set: the character at i may go untranslated
    numbered: bool  # a numbered formulation: the term starts with a numeral (三农, 两个维护)
    vocabulary: frozenset[str]  # every stem a word of this form offers
    opening: frozenset[str]  # stems that can render the first rendered word of a chain
    closing: frozenset[str]  # stems that can render the last rendered word of a chain
    coverage: dict[str, int]  # stem → the characters of the words it offers a sense of (bit set)
    required: int  # characters some rendered word must cover (not untranslated, not droppable)

    def may_render(self, stems: Iterable[str]) -> bool:
        """A quick necessary test before :func:`best_chain`: do ``stems`` reach every character that needs a word?

        A long term may leave one word unrendered, so there one run of missing characters as
        long as a dictionary word is tolerated.
        """
        covered = 0
        for stem_ in stems:
            covered |= self.coverage.get(stem_, 0)
        missing = self.required & ~covered
        if not missing:
            return True
        if self.required.bit_count() < GAP_TERM_LENGTH:
            return False
        run = missing >> ((missing & -missing).bit_length() - 1)
        return run & (run + 1) == 0 and run.bit_length() <= MAX_WORD_LENGTH


def words_needed(sense: Sense) -> int:
    """How many of a gloss's content words an English phrase must have to render it.

    One of one, both of two ("all-around"), two of three, and three fifths of a longer gloss
    ("National People's Congress" needs two of its words, not just "congress").
    """
    size = len(sense)
    return size if size <= 2 else max(2, -(-3 * size // 5))


def rendering_cost(senses: tuple[Sense, ...], stems: frozenset[str] | set[str]) -> int:
    """Return how many of ``stems`` the cheapest rendered sense needs, or 0 when no sense is rendered."""
    best = 0
    for sense in senses:
        needed = words_needed(sense)
        if (best == 0 or needed < best) and len(sense & stems) >= needed:
            best = needed
            if needed == 1:
                break
    return best


class Chain(NamedTuple):
    """How a phrase renders a term: lattice words rendered, left unrendered, and words it needs."""

    rendered: int
    gaps: int
    cost: int


_NO_CHAIN = Chain(-1, 0, 0)


def best_chain(lattice: Lattice, stems: frozenset[str] | set[str], words: int | None = None) -> Chain:
    """Return the chain of lattice words spanning the term that renders the most of them with ``stems``.

    Each rendered lattice word costs the English words its cheapest rendered gloss needs; a
    phrase renders the chain only if it has that many words (``words``, by default the number
    of different stems), so one English word cannot stand for two Chinese words. Among chains
    that render as many lattice words, the cheapest is taken. At most one lattice word may go
    unrendered (a gap); a chain without a gap is preferred.
    """
    budget = len(stems) if words is None else words
    length = lattice.length
    # For each position and gap count: the most lattice words a chain reaching it renders, by
    # cost (English words used, never more than the budget).
    reach: list[list[dict[int, int]]] = [[{}, {}] for _ in range(length + 1)]
    reach[0][0][0] = 0
    for start in range(length):
        if not reach[start][0] and not reach[start][1]:
            continue
        optional = lattice.optional >> start & 1
        # Each word's cost once (None: it spans its characters without being rendered).
        words_here = [
            (end, None if senses is DROPPED or not senses else rendering_cost(senses, stems))
            for end, senses in lattice.edges[start]
        ]
        for gaps in (0, 1):
            for used, rendered in list(reach[start][gaps].items()):
                if optional:
                    _keep_most(reach[start + 1][gaps], used, rendered)
                for end, cost in words_here:
                    if cost is None:
                        _keep_most(reach[end][gaps], used, rendered)
                    elif cost and used + cost <= budget:
                        _keep_most(reach[end][gaps], used + cost, rendered + 1)
                    elif not cost and gaps == 0:
                        _keep_most(reach[end][1], used, rendered)
    for gaps in (0, 1):
        found = reach[length][gaps]
        if found:
            rendered, cost = max((rendered, -cost) for cost, rendered in found.items())
            return Chain(rendered, gaps, -cost)
    return _NO_CHAIN


def fewest_words(lattice: Lattice) -> int | None:
    """The fewest English words any phrase rendering the term through ``lattice`` needs, or None when none can.

    A lower bound of what :func:`best_chain` accepts: every lattice word on a chain costs the
    words of its cheapest sense, a word English may drop or leave out costs none, one word may
    be a gap only where the chain still renders :data:`MIN_RENDERED_WITH_GAP` words, and a
    term is never rendered by fewer than two. The literal rule skips a term whose run of
    words is shorter.
    """
    unreachable = 1 << 30
    # For each position: the fewest words reaching it without a gap, and with one.
    reach = [[unreachable, unreachable] for _ in range(lattice.length + 1)]
    reach[0][0] = 0
    for start in range(lattice.length):
        for gaps, used in enumerate(reach[start]):
            if used == unreachable:
                continue
            if lattice.optional >> start & 1:
                reach[start + 1][gaps] = min(reach[start + 1][gaps], used)
            for end, senses in lattice.edges[start]:
                if senses is DROPPED or not senses:
                    reach[end][gaps] = min(reach[end][gaps], used)
                    continue
                reach[end][gaps] = min(reach[end][gaps], used + min(map(words_needed, senses)))
                if not gaps:
                    reach[end][1] = min(reach[end][1], used)
    without_gap, with_gap = reach[lattice.length]
    fewest = min(without_gap, max(MIN_RENDERED_WITH_GAP, with_gap))
    return None if fewest == unreachable else max(2, fewest)


def _keep_most(slot: dict[int, int], cost: int, rendered: int) -> None:
    if slot.get(cost, -1) < rendered:
        slot[cost] = rendered


def build_lattice(form: str, dictionary: Dictionary) -> Lattice:
    """Return the lattice of every dictionary word inside ``form``."""
    edges: list[tuple[tuple[int, tuple[Sense, ...]], ...]] = []
    optional = 0
    inside_words = _inside_longer_words(form, dictionary)
    for start in range(len(form)):
        here = []
        for end in range(start + 1, min(len(form), start + MAX_WORD_LENGTH) + 1):
            if end == start + 1 and inside_words >> start & 1:
                continue  # a character of a longer dictionary word is not read on its own
            offered = dictionary.glosses.get(form[start:end])
            if offered and end - start >= 3 and form[end - 1] in _NOMINAL_SUFFIXES:
                # English may render the word without its suffix: "common" for 共同体.
                offered = offered + dictionary.glosses.get(form[start : end - 1], ())
            if offered:
                here.append((end, offered))
            if form[start:end] in dictionary.droppable:
                here.append((end, DROPPED))
        latin = _LATIN_RUN.match(form, start)
        if latin and (start == 0 or not form[start - 1].isascii()):
            # Digits and Latin letters in a term ("2025", "G20") are written as they are.
            here.append((latin.end(), (frozenset({stem(latin.group().lower())}),)))
        number = _number_at(form, start)
        if number is not None:
            here.append(number)
        edges.append(tuple(here))
        unknown = not here and not inside_words >> start & 1 and form[start] not in dictionary.glosses
        if form[start] in dictionary.optional or unknown:
            optional |= 1 << start
    vocabulary = frozenset(stem_ for here in edges for _, senses in here for sense in senses for stem_ in sense)
    opening, closing = _chain_ends(tuple(edges), optional, len(form))
    coverage: dict[str, int] = {}
    droppable = 0
    for start, words_here in enumerate(edges):
        for end, senses in words_here:
            span = ((1 << (end - start)) - 1) << start
            if not senses:
                droppable |= span
            for stem_ in {stem_ for sense in senses for stem_ in sense}:
                coverage[stem_] = coverage.get(stem_, 0) | span
    required = ((1 << len(form)) - 1) & ~optional & ~droppable
    return Lattice(
        len(form), tuple(edges), optional, form[:1] in NUMERALS, vocabulary, opening, closing, coverage, required
    )


def _chain_ends(
    edges: tuple[tuple[tuple[int, tuple[Sense, ...]], ...], ...], optional: int, length: int
) -> tuple[frozenset[str], frozenset[str]]:
    """The stems that can render the first and the last rendered word of a chain across the term.

    A phrase must have one of each, which lets the rule pass over most entries at once. A gap
    may leave the first or last word unrendered, so the words next to those count too.
    """
    silent = [[end for end, senses in here if not senses] for here in edges]
    for start in range(length):
        if optional >> start & 1:
            silent[start].append(start + 1)
    starts = _closure({0}, silent)
    after_one = _closure({end for start in starts if start < length for end, _ in edges[start]}, silent)
    opening = {
        stem_
        for start in starts | after_one
        if start < length
        for _, senses in edges[start]
        for sense in senses
        for stem_ in sense
    }
    backwards: list[list[int]] = [[] for _ in range(length + 1)]
    for start in range(length):
        for end in silent[start]:
            backwards[end].append(start)
    ends = _closure({length}, backwards)
    before_one = _closure({start for start in range(length) for end, _ in edges[start] if end in ends}, backwards)
    closing = {
        stem_
        for start in range(length)
        for end, senses in edges[start]
        if end in ends | before_one
        for sense in senses
        for stem_ in sense
    }
    return frozenset(opening), frozenset(closing)


def _closure(seeds: set[int], steps: list[list[int]]) -> set[int]:
    """``seeds`` and every position reached from them through ``steps``."""
    reached = set(seeds)
    pending = list(seeds)
    while pending:
        position = pending.pop()
        if position >= len(steps):
            continue
        for following in steps[position]:
            if following not in reached:
                reached.add(following)
                pending.append(following)
    return reached


def _number_at(form: str, start: int) -> tuple[int, tuple[Sense, ...]] | None:
    """A Chinese number starting at ``start`` (十九 in 十九届) as English writes it: digits or an ordinal.

    Numbers in terms count congresses, sessions and plans ("19th Central Committee", "14th
    Five-Year Plan"); the characters alone read "ten nine".
    """
    if form[start] not in NUMERALS or (start and form[start - 1] in NUMERALS):
        return None  # not the first numeral of a number
    end = start
    while end < len(form) and form[end] in NUMERALS:
        end += 1
    value = chinese_number(form[start:end])
    if value is None:
        return None
    senses = {frozenset({stem(str(value))})}
    if value >= 10 or (start and form[start - 1] == "第"):
        # An ordinal: a count of congresses or sessions (十九届, 二十大) or after 第. A small
        # number opening a term is a numbered formulation: 两会 is never "second session".
        senses.add(frozenset({stem(ordinal(value))}))
        if value <= _ONE_WORD_ORDINALS:
            senses.add(frozenset({stem(ordinal_words(value))}))
    return end, tuple(sorted(senses, key=sorted))


def _inside_longer_words(form: str, dictionary: Dictionary) -> int:
    """Bit set of the characters of ``form`` that some dictionary word of two or more characters covers.

    Machine translation renders dictionary words; reading such a character alone would give it
    every sense the character has ("长" in "秘书长" is not "length").
    """
    covered = exempt = 0
    words = dictionary.glosses
    for start in range(len(form)):
        for end in range(start + 2, min(len(form), start + MAX_WORD_LENGTH) + 1):
            if form[start:end] not in words:
                continue
            covered |= ((1 << (end - start)) - 1) << start
            # A character at the edge of a word whose rest is a word of its own is a word
            # added to it: 人 in 共产党人 is 共产党 + 人, "Communist Party" + "people".
            if end - start >= 3 and form[start + 1 : end] in words:
                exempt |= 1 << start
            if end - start >= 3 and form[start : end - 1] in words:
                exempt |= 1 << (end - 1)
            if end - start == 2 and (form[start] in NUMERALS or form[start + 1] in NUMERALS):
                exempt |= 0b11 << start  # a numbered word is read number by number (两岸 "two shores")
    # A numeral is always read alone: numbered formulations are rendered number by number
    # ("one belt one road" for 一带一路).
    numerals = sum(1 << index for index, character in enumerate(form) if character in NUMERALS)
    return covered & ~exempt & ~numerals
