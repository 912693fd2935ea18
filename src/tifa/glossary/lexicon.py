"""The literal lexicon: how machine translation renders each glossary term word by word.

For every entry, the lexicon holds the lattices of its Chinese forms (:mod:`tifa.glossary.lattice`),
the stems of its renderings, and, for every English stem, the entries whose lattices offer
it, so that the literal-rendering rule can pass over most entries at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, NamedTuple, TypeVar
from weakref import WeakKeyDictionary, ref

from tifa.chinese import normalize_chinese
from tifa.english import FUNCTION_WORDS, LINKING_VERBS, MORE_PREPOSITIONS, NUMBER_WORDS, WORD, stem
from tifa.glossary.dictionary import MAX_WORD_LENGTH, Dictionary, cedict_table
from tifa.glossary.entry_sets import EntrySets
from tifa.glossary.lattice import Lattice, build_lattice, fewest_words
from tifa.glossary.lazy_sequence import LazySequence, LazyValue
from tifa.glossary.schema import Entry

K = TypeVar("K")
V = TypeVar("V")

_TERM_PUNCTUATION = re.compile(r"[“”\"'‘’《》「」『』〈〉()（）\s]")


@dataclass(frozen=True, slots=True)
class LiteralModel:
    """Everything the literal-rendering rule needs to know about one entry."""

    forms: tuple[str, ...]  # the Chinese forms the lattices read
    lattices: tuple[Lattice, ...]
    vocabulary: frozenset[str]  # every stem any lattice word offers
    rendering_sequences: tuple[tuple[str, ...], ...]  # each rendering's content stems, in order

    @property
    def enumerates(self) -> bool:
        """True when the term lists parallel phrases (外防输入、内防反弹): English may set commas between them."""
        return any(mark in form for form in self.forms for mark in "、，,")

    @property
    def coordinates(self) -> bool:
        """True when the term joins parallel parts: its Chinese lists them or a rendering has "and"."""
        return self.enumerates or any("and" in sequence for sequence in self.rendering_sequences)


def stem_sequence(english: str) -> tuple[str, ...]:
    """Return the stems of the content words of lower-case ``english`` in order, with each "and" kept.

    "and" stays because it tells a rendering ("Party members and cadres") from a literal
    string of the same words ("party member cadres").
    """
    return tuple(
        "and" if word == "and" else stem(word)
        for word in WORD.findall(english.lower())
        if word == "and" or word not in _TRANSPARENT
    )


def term_forms(entry: Entry) -> tuple[str, ...]:
    """Return the entry's Chinese forms as the lattice reads them (typographic quotes dropped)."""
    return tuple(dict.fromkeys(form for zh in entry.zh if (form := _TERM_PUNCTUATION.sub("", normalize_chinese(zh)))))


def readable_forms(forms: tuple[str, ...], dictionary: Dictionary) -> tuple[str, ...]:
    """The forms worth reading word by word.

    An abbreviation (a form whose characters all appear, in order, in a longer form of the
    same entry: 中央深改委 in 中央全面深化改革委员会) is left out unless dictionary words of two
    or more characters cover it (享乐奢靡): otherwise its single characters stand for whole
    words of the full form, and read with their own senses they match ordinary phrases.
    """
    return tuple(
        form
        for form in forms
        if not any(_abbreviates(form, longer) for longer in forms) or _all_in_words(form, dictionary)
    )


def _all_in_words(form: str, dictionary: Dictionary) -> bool:
    covered = 0
    for start in range(len(form)):
        for end in range(start + 2, min(len(form), start + MAX_WORD_LENGTH) + 1):
            if form[start:end] in dictionary.glosses:
                covered |= ((1 << (end - start)) - 1) << start
    return covered == (1 << len(form)) - 1


def _abbreviates(short: str, long: str) -> bool:
    if len(short) >= len(long) or short in long:
        return False  # a part of a longer form is a term of its own, not an abbreviation
    characters = iter(long)
    return all(character in characters for character in short)


def words_inside(forms: Iterable[str]) -> set[str]:
    """Return every substring of ``forms`` short enough to be a dictionary word."""
    return {
        form[start:end]
        for form in forms
        for start in range(len(form))
        for end in range(start + 1, min(len(form), start + MAX_WORD_LENGTH) + 1)
    }


def build_model(entry: Entry, dictionary: Dictionary) -> LiteralModel | None:
    """Return the entry's literal model, or None when its Chinese has nothing to render."""
    forms = term_forms(entry)
    lattices = tuple(build_lattice(form, dictionary) for form in readable_forms(forms, dictionary))
    lattices = tuple(lattice for lattice in lattices if any(lattice.edges))
    if not lattices:
        return None
    vocabulary = frozenset().union(*(lattice.vocabulary for lattice in lattices))
    return LiteralModel(
        forms=forms,
        lattices=lattices,
        vocabulary=vocabulary,
        rendering_sequences=tuple(stem_sequence(rendering) for rendering in entry.renderings),
    )


class LiteralLexicon:
    """The literal models of a glossary's entries, and which entries each English stem can render."""

    def __init__(
        self,
        models: Sequence[LiteralModel | None],
        entry_masks: dict[str, int],
        compounds: dict[frozenset[str], frozenset[str]],
        rendering_runs: frozenset[tuple[str, ...]],
        needs_more_than: tuple[int, ...] = (0,),
    ) -> None:
        # Pickled one by one in the glossary cache: a run builds only the models it reads.
        self.models: LazySequence[LiteralModel | None] = LazySequence(models)
        # needs_more_than[n]: the entries no run of n words can render (n beyond the end: none).
        self.needs_more_than = needs_more_than
        opening, closing = _end_masks(models)
        self.opening_masks, self.closing_masks = EntrySets(opening), EntrySets(closing)
        self._words: dict[str, WordEntries] = {}
        self._masks: dict[str, int] = {}
        self._openings: dict[str, int] = {}
        self._closings: dict[str, int] = {}
        # Every run of two or more consecutive content stems of any entry's rendering: official English.
        self.rendering_runs = rendering_runs
        self.entry_masks = EntrySets(entry_masks)  # stem → bit set of the entries (by index) whose lattice offers it
        # The content stems of a dictionary gloss of two or more words → the Chinese words it glosses.
        self._compounds = LazyValue(compounds)

    def word_entries(self, word: str) -> WordEntries:
        """Return the stem of a lower-case ``word`` and the entries it may render a word of (cached)."""
        known = self._words.get(word)
        if known is None:
            stemmed = stem(word) if word[:1].isalnum() else ""
            known = WordEntries(
                stemmed,
                self.entry_masks.get(stemmed, 0),
                self.opening_masks.get(stemmed, 0),
                self.closing_masks.get(stemmed, 0),
            )
            remember(self._words, word, known)
        return known

    def word_masks(self, words: list[str]) -> list[int]:
        """Return, for each lower-case word, the entries it may render a word of.

        A function word gives :data:`FUNCTION`, a comma :data:`COMMA`; any other mark 0.
        """
        masks = self._masks
        if len(masks) >= CACHE_LIMIT:
            masks.clear()
            self._openings.clear()
            self._closings.clear()
        for word in set(words).difference(masks):
            if word == ",":
                masks[word] = COMMA
            elif word in POINTERS:
                masks[word] = 0
            elif word in _TRANSPARENT:
                masks[word] = FUNCTION
            else:
                _, masks[word], self._openings[word], self._closings[word] = self.word_entries(word)
        return list(map(masks.__getitem__, words))

    def end_masks(self, words: Iterable[str]) -> tuple[list[int], list[int]]:
        """For content words :meth:`word_masks` has just read: the entries each can open, and those it can close."""
        words = tuple(words)
        return list(map(self._openings.__getitem__, words)), list(map(self._closings.__getitem__, words))

    def __getstate__(self) -> dict[str, object]:
        # The caches are per process; the glossary cache stores none of them.
        return {**self.__dict__, "_words": {}, "_masks": {}, "_openings": {}, "_closings": {}}

    def glosses_another_word(self, stems: frozenset[str], model: LiteralModel) -> bool:
        """True when ``stems`` are exactly a dictionary gloss of a Chinese word that is not part of the term.

        Such a phrase is an established English compound with its own meaning ("city council"
        for 市议会, "made in China"), not a word-by-word rendering of this term. A word that is
        part or an abbreviation of the term (中宣部 for 中央宣传部) is the term itself.
        """
        heads = self._compounds.value.get(stems)
        return heads is not None and not any(
            head in form or _abbreviates(head, form) for head in heads for form in model.forms
        )

    @classmethod
    def build(cls, entries: Iterable[Entry], supplement_path: Path | None = None) -> LiteralLexicon:
        """Build the lexicon of ``entries`` from CC-CEDICT and the supplement."""
        entries = tuple(entries)
        dictionary = Dictionary.load(
            words_inside(form for entry in entries for form in term_forms(entry)), supplement_path
        )
        models = tuple(build_model(entry, dictionary) for entry in entries)
        fewest = [_fewest_words(model) for model in models]
        entry_masks: dict[str, int] = {}
        for index, model in enumerate(models):
            if model is not None and fewest[index] is not None:
                _add_bit(entry_masks, model.vocabulary, 1 << index)
        runs = _rendering_runs(models)
        return cls(models, entry_masks, _compounds_within(frozenset(entry_masks)), runs, _needs_more_than(fewest))


class WordEntries(NamedTuple):
    """What the literal-rendering rule needs to know of one English word."""

    stem: str
    entries: int  # entries whose lattice offers the stem
    opening: int  # entries for which it can render the first rendered word
    closing: int  # entries for which it can render the last rendered word


# How many remembered results each of the literal rule's caches holds before it starts afresh.
CACHE_LIMIT = 200_000


def remember(cache: dict[K, V], key: K, value: V) -> None:
    """Store ``value`` under ``key`` in a cache that starts afresh when it holds :data:`CACHE_LIMIT` results."""
    if len(cache) >= CACHE_LIMIT:
        cache.clear()
    cache[key] = value


class PerLexicon(Generic[K, V]):
    """A cache of the literal rule's results for each lexicon, held no longer than the lexicon.

    Calling it with a lexicon returns that lexicon's dictionary. The lexicon in use is found
    through a weak reference rather than by hashing a new one, which would cost more than most
    look-ups in the cache.
    """

    def __init__(self) -> None:
        self._by_lexicon: WeakKeyDictionary[LiteralLexicon, dict[K, V]] = WeakKeyDictionary()
        self._last: ref[LiteralLexicon] | None = None
        self._last_cache: dict[K, V] = {}

    def __call__(self, lexicon: LiteralLexicon) -> dict[K, V]:
        """Return the cache of ``lexicon``."""
        if self._last is not None and self._last() is lexicon:
            return self._last_cache
        self._last_cache = self._by_lexicon.setdefault(lexicon, {})
        self._last = ref(lexicon)
        return self._last_cache


# Words the literal-rendering rule reads through: they render no word of a term.
_TRANSPARENT = FUNCTION_WORDS | LINKING_VERBS | MORE_PREPOSITIONS
# Pronouns and demonstratives point outside the phrase ("people's congresses and their
# standing committees"): no term's Chinese has one, so they end a stretch.
POINTERS = frozenset("its their our his her my your this that these those itself themselves ourselves".split())

# What ``LiteralLexicon.word_masks`` gives a function word and a comma (entry masks are never negative).
FUNCTION = -1

COMMA = -2


def _rendering_runs(models: tuple[LiteralModel | None, ...]) -> frozenset[tuple[str, ...]]:
    """Every run of two or more consecutive content stems of any entry's rendering.

    Official English shortens its renderings, so such a run is official English too, except a
    numbered formulation cut before its head word: "three rural" is no shortening of "three
    rural issues" but the number and modifiers of 三农 rendered word by word.
    """
    return frozenset(
        sequence[start:end]
        for model in models
        if model is not None
        for sequence in model.rendering_sequences
        for start in range(len(sequence))
        for end in range(start + 2, len(sequence) + 1)
        if end == len(sequence) or sequence[start] not in _NUMBER_STEMS
    )


_NUMBER_STEMS = frozenset(stem(word) for word in NUMBER_WORDS.values())


def _fewest_words(model: LiteralModel | None) -> int | None:
    """The fewest English words that can render the entry through any of its lattices, or None."""
    counts = [count for lattice in model.lattices if (count := fewest_words(lattice)) is not None] if model else []
    return min(counts, default=None)


def _needs_more_than(fewest: list[int | None]) -> tuple[int, ...]:
    """For each run length n up to the longest needed: the bit set of entries that need more than n words."""
    longest = max((count for count in fewest if count is not None), default=0)
    return tuple(
        sum(1 << index for index, count in enumerate(fewest) if count is not None and count > words)
        for words in range(longest + 1)
    )


def _end_masks(models: Sequence[LiteralModel | None]) -> tuple[dict[str, int], dict[str, int]]:
    opening: dict[str, int] = {}
    closing: dict[str, int] = {}
    for index, model in enumerate(models):
        for lattice in model.lattices if model is not None else ():
            _add_bit(opening, lattice.opening, 1 << index)
            _add_bit(closing, lattice.closing, 1 << index)
    return opening, closing


def _add_bit(index: dict[str, int], stems: Iterable[str], bit: int) -> None:
    """Add an entry's ``bit`` to the bit set of each of ``stems`` in ``index``."""
    for stem_ in stems:
        index[stem_] = index.get(stem_, 0) | bit


def _compounds_within(vocabulary: frozenset[str]) -> dict[frozenset[str], frozenset[str]]:
    """Every dictionary gloss of two or more content words, all in ``vocabulary``, with its headwords."""
    return {sense: heads for sense, heads in cedict_table().compounds.items() if sense <= vocabulary}
