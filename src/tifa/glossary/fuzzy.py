"""The index behind near-miss matching: which glossary phrases a text window could be close to.

Each phrase long and distinctive enough for fuzzy matching is indexed under its rarest
character 7-grams (up to three disjoint ones, none shared by too many phrases). A text is
scanned once for these grams with an Aho-Corasick automaton; a phrase becomes a candidate where
two of its grams (one, for a name with only two) agree on where it would start, and only the
windows at such starts are scored with rapidfuzz, so no window is ever compared with every
glossary phrase.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from typing import NamedTuple

import ahocorasick

from tifa.english import STOPWORDS
from tifa.glossary.schema import Entry
from tifa.text import normalize_phrase

# Articles and prepositions: a swap among them is a near miss only in a name-like rendering.
NAME_PARTICLES = frozenset("a an the of in on at by for with from to into and".split())
# Spelling variants that are not errors: official English uses both.
_CENTRE = {"centre": "center", "centred": "centered", "centres": "centers", "centring": "centering"}
_SPELLING_VARIANTS: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"isation"), "ization"),
    (re.compile(r"ise(d|s)?\b"), r"ize\1"),
    (re.compile(r"\bdefence\b"), "defense"),
    (re.compile(r"\bprogramme(s)?\b"), r"program\1"),
    (re.compile(r"our\b"), "or"),
    (re.compile(r"\bcentr(?:e|ed|es|ing)\b"), lambda match: _CENTRE[match.group(0)]),
)
_WORD = re.compile(r"\w+(?:'\w+)*")
MIN_CONTENT_WORDS = 3
MIN_LENGTH = 14
# Candidates come from character grams of the phrases: GRAMS_PER_PHRASE disjoint grams of GRAM
# characters each, the rarest in the glossary; a gram in more phrases than MAX_GRAM_SHARE is
# too common to point anywhere.
GRAM = 7
GRAMS_PER_PHRASE = 3
NEEDED_GRAMS = 2
MAX_GRAM_SHARE = 12


# Two grams agree on where a phrase starts when their starts are at most this far apart: a word
# added or dropped between them.
START_SLACK = 12
# CPython adds, compares and sorts integers below this on its fast paths.
_SMALL_INT = 1 << 30


def _shared(text: str) -> str:
    """Return the one copy of ``text`` that the whole index (and so its cached copy) holds."""
    return sys.intern(text)


def comparable(key: str) -> str:
    """Return a normalised phrase with quotes dropped and British spellings made American."""
    text = key.replace('"', "")
    for pattern, replacement in _SPELLING_VARIANTS:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())


def threshold_for(words: list[str]) -> float:
    """Return the similarity (0-100) a window needs to count as a near miss of a phrase of ``words``.

    Short phrases and phrases of few content words need to be closer: one letter changes more
    of their meaning.
    """
    content = [word for word in words if word not in STOPWORDS]
    length = sum(map(len, words)) + len(words) - 1
    if len(content) >= 4 and length >= 30:
        return 88.0
    if len(content) >= 3 and length >= 20:
        return 90.0
    return 93.0


class FuzzyPhrase(NamedTuple):
    """A phrase a near miss can be close to: a rendering or a wrong form of an entry."""

    entry: Entry
    text: str  # as in the glossary
    key: str  # comparable form
    words: tuple[str, ...]
    is_rendering: bool
    threshold: float
    name_like: bool  # capitalised like a name: inflections and small words matter


def _choose_grams(phrases: list[FuzzyPhrase]) -> list[list[int]]:
    """Return, for each phrase, the offsets of its rarest non-overlapping character grams.

    A phrase needs NEEDED_GRAMS of its grams in place to become a candidate: with three grams,
    one slip spoils at most one of them; a phrase too short for three is found when its slip
    falls outside its two grams. A phrase with fewer distinctive grams gets none: it is not
    matched fuzzily at all.
    """
    share: Counter[str] = Counter()
    for phrase in phrases:
        share.update({phrase.key[i : i + GRAM] for i in range(len(phrase.key) - GRAM + 1)})
    chosen_by_phrase: list[list[int]] = []
    for phrase in phrases:
        offsets = sorted(range(len(phrase.key) - GRAM + 1), key=lambda i: (share[phrase.key[i : i + GRAM]], i))
        chosen: list[int] = []
        for offset in offsets:
            gram = phrase.key[offset : offset + GRAM]
            if " " in (gram[0], gram[-1]) or share[gram] > MAX_GRAM_SHARE:
                continue  # grams that start or end at a word gap match too much ordinary text
            if all(abs(offset - other) >= GRAM for other in chosen):
                chosen.append(offset)
            if len(chosen) == GRAMS_PER_PHRASE:
                break
        chosen_by_phrase.append(chosen if len(chosen) >= NEEDED_GRAMS else [])
    return chosen_by_phrase


class FuzzyIndex:
    """Distinctive character grams → phrases, with an automaton to find them in text."""

    def __init__(self, entries: tuple[Entry, ...]) -> None:
        candidates: list[FuzzyPhrase] = []
        for entry in entries:
            phrases = [(text, True) for text in entry.renderings] + [(form.text, False) for form in entry.wrong]
            for text, is_rendering in phrases:
                key = _shared(comparable(normalize_phrase(text)))
                words = [_shared(word) for word in _WORD.findall(key)]
                content = [word for word in words if word not in STOPWORDS]
                if len(content) < MIN_CONTENT_WORDS or len(key) < MIN_LENGTH:
                    continue  # too short to tell a near miss from ordinary English
                # Only names the glossary marks as always capitalised are held to their exact
                # inflection and small words ("Reports on the Work of the Government" is English).
                name_like = entry.capitalized
                phrase = FuzzyPhrase(entry, text, key, tuple(words), is_rendering, threshold_for(words), name_like)
                candidates.append(phrase)
        # Only phrases with enough distinctive grams are kept: the others are never candidates.
        grams = _choose_grams(candidates)
        kept = [(phrase, offsets) for phrase, offsets in zip(candidates, grams, strict=True) if offsets]
        self.phrases = tuple(phrase for phrase, _ in kept)
        self.rendering_keys: dict[str, frozenset[str]] = {}
        self.rendering_words: dict[str, frozenset[str]] = {}
        for entry in {phrase.entry.id: phrase.entry for phrase in self.phrases}.values():
            keys = frozenset(_shared(comparable(normalize_phrase(text))) for text in entry.renderings)
            self.rendering_keys[entry.id] = keys
            self.rendering_words[entry.id] = frozenset(_shared(word) for key in keys for word in _WORD.findall(key))
        # A gram's place in a phrase is one small integer, ``number * stride + bias - end offset``:
        # adding the text position where the gram ends gives ``number * stride + bias + start``,
        # which sorts by phrase, then by where in the text the phrase would start.
        self._bias = max((len(phrase.key) for phrase in self.phrases), default=0)
        self._stride = 1 << max((_SMALL_INT // max(len(self.phrases), 1)).bit_length() - 1, 0)
        places: dict[str, list[int]] = {}
        for number, (phrase, offsets) in enumerate(kept):
            # A name with only two distinctive grams would be missed whenever a slip falls into one
            # of them, so each of its grams counts as enough on its own: the code is listed as
            # many times as grams must agree. Names are few; descriptive phrases are not, and
            # their grams stay at two to agree.
            copies = NEEDED_GRAMS if phrase.name_like and len(offsets) < GRAMS_PER_PHRASE else 1
            for offset in offsets:
                code = number * self._stride + self._bias - (offset + GRAM - 1)
                places.setdefault(phrase.key[offset : offset + GRAM], []).extend([code] * copies)
        self.automaton = ahocorasick.Automaton()
        for gram, codes in places.items():
            self.automaton.add_word(gram, tuple(codes))
        if len(self.automaton):
            self.automaton.make_automaton()

    def candidates(self, text: str) -> list[tuple[int, int]]:
        """Return ``(phrase number, start)`` wherever NEEDED_GRAMS grams of one phrase agree on its start.

        ``text`` is collapsed normalised text. This runs for nearly every word of every text, so
        the usual case is one flat list of small integers, a sort and one pass over neighbours.
        """
        if not len(self.automaton):
            return []
        hits = self.automaton.iter(text)
        if len(text) + self._bias < self._stride:
            return self._candidates_in_short_text(hits)
        return self._candidates_in_long_text(hits)

    def _candidates_in_short_text(self, hits: Iterable[tuple[int, tuple[int, ...]]]) -> list[tuple[int, int]]:
        # Plain comprehensions: measured, they beat chains of map, repeat and compress by half.
        placed = [code + last for last, codes in hits for code in codes]
        placed.sort()
        gap = NEEDED_GRAMS - 1
        # A group starts at a code whose NEEDED_GRAMS - 1'th successor lies within the slack.
        group_starts = [
            first for first, other in zip(placed, placed[gap:], strict=False) if other - first <= START_SLACK
        ]
        candidates: list[tuple[int, int]] = []
        group_first = None
        for first in group_starts:
            if group_first is None or first - group_first > START_SLACK:
                group_first = first
                number, biased_start = divmod(first, self._stride)
                candidates.append((number, biased_start - self._bias))
        return candidates

    def _candidates_in_long_text(self, hits: Iterable[tuple[int, tuple[int, ...]]]) -> list[tuple[int, int]]:
        # Positions no longer fit beside the phrase number: decode every place instead.
        placed = sorted(
            (number, last + offset - self._bias)
            for last, codes in hits
            for number, offset in (divmod(code, self._stride) for code in codes)
        )
        gap = NEEDED_GRAMS - 1
        candidates: list[tuple[int, int]] = []
        group: tuple[int, int] | None = None
        for (number, start), (other_number, other_start) in zip(placed, placed[gap:], strict=False):
            if other_number != number or other_start - start > START_SLACK:
                continue
            if group is None or group[0] != number or start - group[1] > START_SLACK:
                group = (number, start)
                candidates.append(group)
        return candidates
