"""The index behind near-miss matching: which glossary phrases a text window could be close to.

Each phrase long and distinctive enough for fuzzy matching is indexed under its rarest content
words (its *anchors*). A text is scanned once for anchors with an Aho-Corasick automaton; only
the windows around an anchor are scored with rapidfuzz, so no window is ever compared with
every glossary phrase.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import ahocorasick

from tifa.glossary.schema import Entry
from tifa.text import normalize_phrase

# Words too common to tell one formulation from another; never anchors, never "content".
STOPWORDS = frozenset(
    """
    a an the and or of in on at by for with from to into as is are be been was were it its this that these
    those our their his her we they all any each every other new more most such than then there here
    """.split()
)
# Articles and prepositions: a swap among them is a near miss only in a name-like rendering.
FUNCTION_WORDS = frozenset("a an the of in on at by for with from to into and".split())
# Spelling variants that are not errors: official English uses both.
_SPELLING_VARIANTS = (
    (re.compile(r"isation"), "ization"),
    (re.compile(r"ise(d|s)?\b"), r"ize\1"),
    (re.compile(r"\bdefence\b"), "defense"),
    (re.compile(r"\bprogramme(s)?\b"), r"program\1"),
    (re.compile(r"our\b"), "or"),
    (re.compile(r"\bcentre(s)?\b"), r"center\1"),
)
_WORD = re.compile(r"\w+(?:'\w+)*")
MIN_CONTENT_WORDS = 3
MIN_LENGTH = 14
# An anchor shared by more phrases than this would make too many candidates to score.
MAX_ANCHOR_SHARE = 60
ANCHORS_PER_PHRASE = 3


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


@dataclass(frozen=True, slots=True)
class FuzzyPhrase:
    """A phrase a near miss can be close to: a rendering or a wrong form of an entry."""

    entry: Entry
    text: str  # as in the glossary
    key: str  # comparable form
    words: tuple[str, ...]
    is_rendering: bool
    threshold: float
    name_like: bool  # capitalised like a name: inflections and small words matter
    content: frozenset[str]  # words that are not stopwords
    needed: int  # how many content words must appear as they are for a window to be scored


class FuzzyIndex:
    """Anchor words → phrases, with an automaton to find anchors in text."""

    def __init__(self, entries: tuple[Entry, ...], exact_keys: frozenset[str]) -> None:
        self.exact_keys = exact_keys
        candidates: list[FuzzyPhrase] = []
        for entry in entries:
            phrases = [(text, True) for text in entry.renderings] + [(form.text, False) for form in entry.wrong]
            for text, is_rendering in phrases:
                key = comparable(normalize_phrase(text))
                words = _WORD.findall(key)
                content = [word for word in words if word not in STOPWORDS]
                if len(content) < MIN_CONTENT_WORDS or len(key) < MIN_LENGTH:
                    continue  # too short to tell a near miss from ordinary English
                capitals = sum(1 for word in text.split() if word[:1].isupper())
                name_like = entry.capitalized or capitals * 2 >= len(content)
                distinct = frozenset(content)
                phrase = FuzzyPhrase(
                    entry,
                    text,
                    key,
                    tuple(words),
                    is_rendering,
                    threshold_for(words),
                    name_like,
                    distinct,
                    len(distinct) - 1,
                )
                candidates.append(phrase)
        share = Counter(word for phrase in candidates for word in set(phrase.words) if word not in STOPWORDS)
        self.rendering_keys: dict[str, frozenset[str]] = {}
        self.rendering_words: dict[str, frozenset[str]] = {}
        for entry in entries:
            self.rendering_keys[entry.id] = frozenset(comparable(normalize_phrase(text)) for text in entry.renderings)
            self.rendering_words[entry.id] = frozenset(
                word for key in self.rendering_keys[entry.id] for word in _WORD.findall(key)
            )
        self.by_anchor: dict[str, list[tuple[FuzzyPhrase, int]]] = {}
        for phrase in candidates:
            ranked = sorted(
                {word for word in phrase.words if word not in STOPWORDS and share[word] <= MAX_ANCHOR_SHARE},
                key=lambda word: (share[word], -len(word)),
            )
            for anchor in ranked[:ANCHORS_PER_PHRASE]:
                self.by_anchor.setdefault(anchor, []).append((phrase, phrase.words.index(anchor)))
        self.automaton = ahocorasick.Automaton()
        for anchor in self.by_anchor:
            self.automaton.add_word(anchor, anchor)
        if len(self.automaton):
            self.automaton.make_automaton()
        self.phrase_count = len(candidates)
