"""Compile a glossary once into a single Aho-Corasick automaton and the tables the rules need.

Every flagged form (with its inflected variants) and every correct rendering that could hide a
flagged form becomes one key of one automaton, so a text is scanned once, in time linear in its
length and nearly independent of the glossary's size.
"""

from __future__ import annotations

import functools
import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, NamedTuple

import ahocorasick

from tifa.chinese import normalize_chinese
from tifa.glossary.inflect import phrase_variants
from tifa.glossary.parts import LazyParts
from tifa.glossary.schema import Entry, Form
from tifa.segments import DocumentContext, Segment
from tifa.text import NormalizedText, normalize_phrase, normalize_written

if TYPE_CHECKING:
    from tifa.glossary.load import Glossary


class TargetKind(Enum):
    """What a matched key means."""

    FLAGGED = "flagged"  # a wrong, wrong-if-source or outdated form
    CORRECT = "correct"  # a standard or accepted rendering


# Targets and conditions are named tuples, not dataclasses: the glossary cache holds a great
# many of them, and tuples unpickle several times faster.
class Target(NamedTuple):
    """One meaning of an automaton key: a flagged form of an entry, or a rendering of it."""

    kind: TargetKind
    entry: Entry
    form: Form | None
    is_variant: bool  # found through an inflection of the listed form
    condition: _Condition | None = None


class _Condition(NamedTuple):
    """Compiled context conditions of one form."""

    context: str | None  # a regular expression, see _context_pattern
    not_before: frozenset[str]
    not_after: frozenset[str]


@dataclass(frozen=True, slots=True)
class KeyMatch:
    """A whole-word occurrence of an automaton key in collapsed normalised text."""

    start: int
    end: int
    targets: tuple[Target, ...]


_WORD_AFTER = re.compile(r"\W*(\w+)")
# The context sets whose words mark a Party or state text, and how densely they must occur.
DOCUMENT_SIGNALS = ("party", "state")
MIN_SIGNALS = 2
WORDS_PER_SIGNAL = 500
_SENTENCE_END = (". ", "! ", "? ", '." ', '?" ', '!" ')
# The hyphenation check only holds for standard renderings long enough to be unmistakable.
_MIN_WORDS_FOR_SPELLING_CHECK = 3


_GAP = r"[\s\-\u2010\u2011\u2013]+"


def _context_pattern(words: tuple[str, ...]) -> str:
    """Return one regular expression over original text that finds any of the context words.

    A word written with capitals must appear with those capitals ("Party" is a signal, "party"
    is not); a lower-case word matches in any case. Spaces and hyphens inside a phrase match
    any run of spaces or hyphens.
    """
    alternatives = []
    for word in sorted(set(words), key=len, reverse=True):
        body = _GAP.join(re.escape(part) for part in re.split(_GAP, word.strip()) if part)
        alternatives.append(body if word != word.lower() else f"(?i:{body})")
    return r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)"


# Context patterns are compiled on first use: a cached glossary would otherwise compile every one
# of them again at each start-up, though a run meets only a few.
_compiled_context = functools.lru_cache(maxsize=None)(re.compile)


def _compile_condition(form: Form) -> _Condition | None:
    if not (form.context or form.not_before or form.not_after):
        return None
    return _Condition(
        context=_context_pattern(form.context) if form.context else None,
        not_before=frozenset(normalize_phrase(word) for word in form.not_before),
        not_after=frozenset(normalize_phrase(word) for word in form.not_after),
    )


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the bounds of the sentence of ``text`` that holds ``[start, end)``."""
    return _sentence_index(text).bounds(start, end)


class SentenceIndex:
    """Where each sentence-ending mark stands in one text, found once, so that each look-up is a bisection."""

    def __init__(self, text: str) -> None:
        self._marks: list[tuple[int, array[int]]] = []
        for mark in _SENTENCE_END:
            positions = array("q")
            found = text.find(mark)
            while found >= 0:
                positions.append(found)
                found = text.find(mark, found + 1)
            self._marks.append((len(mark), positions))
        self._length = len(text)

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """The sentence around ``[start, end)``: from the last mark ending by ``start`` to the first from ``end``."""
        left = 0
        right = self._length
        for length, positions in self._marks:
            before = bisect_right(positions, start - length)
            if before:
                left = max(left, positions[before - 1] + length - 1)
            after = bisect_left(positions, end)
            if after < len(positions):
                right = min(right, positions[after] + 1)
        return left, right


@functools.lru_cache(maxsize=16)
def _sentence_index(text: str) -> SentenceIndex:
    return SentenceIndex(text)


def condition_holds(
    condition: _Condition | None,
    normalized: NormalizedText,
    original: str,
    start: int,
    end: int,
    *,
    party_text: bool = False,
) -> bool:
    """Return True when a form's conditions allow a match at ``[start, end)`` of collapsed text.

    ``original`` is the text that ``normalized`` was made from; context words are looked for in
    the original sentence, so that their capitals count. In a Party or state text
    (``party_text``) the context condition holds in every sentence; the conditions on the
    neighbouring words still apply.
    """
    if condition is None:
        return True
    text = normalized.collapsed
    if condition.not_before:
        after = _WORD_AFTER.match(text, end)
        if after is not None and after.group(1) in condition.not_before:
            return False
    if condition.not_after and _word_before(text, start) in condition.not_after:
        return False
    if condition.context is not None and not party_text:
        left, right = sentence_bounds(text, start, end)
        original_left = normalized.to_original(left)
        original_right = normalized.to_original(right - 1) + 1 if right > left else original_left
        return _context_in(condition.context, original, original_left, original_right)
    return True


def _is_word_character(character: str) -> bool:
    return character.isalnum() or character == "_"


def _word_before(text: str, start: int) -> str:
    """The last word (``\\w+``) of ``text[:start]``, read backwards from ``start``; "" when there is none."""
    end = start
    while end > 0 and not _is_word_character(text[end - 1]):
        end -= 1
    begin = end
    while begin > 0 and _is_word_character(text[begin - 1]):
        begin -= 1
    return text[begin:end]


@functools.lru_cache(maxsize=1024)
def _context_in(pattern: str, original: str, left: int, right: int) -> bool:
    """True when context ``pattern`` occurs in ``original[left:right]``; remembered, for the many matches
    of one long sentence."""
    return _compiled_context(pattern).search(original, left, right) is not None


class CompiledGlossary(LazyParts):
    """A glossary ready for matching: build once per run, then scan any number of texts."""

    def __init__(self, glossary: Glossary) -> None:
        self.entries = glossary.entries
        signal_words = [word for name in DOCUMENT_SIGNALS for word in glossary.contexts.get(name, ())]
        self._document_signals = _context_pattern(tuple(signal_words)) if signal_words else None
        flagged, correct, written_forms, cased_forms = self._collect_keys()
        self.spelling_keys = frozenset(
            key
            for entry in self.entries
            if "-" in entry.en and (key := normalize_phrase(entry.en)).count(" ") + 1 >= _MIN_WORDS_FOR_SPELLING_CHECK
        )
        # Capitalisation is checked only where every rendering with that key has capitals.
        self.capitalized_keys = frozenset(
            key
            for entry in self.entries
            if entry.capitalized
            for rendering in (entry.en,)  # short accepted forms ("the General Office") are often generic
            if (key := normalize_phrase(rendering)) in cased_forms
            and all(written[1:] != written[1:].lower() for written in cased_forms[key])
        )
        self._rendering_keys = frozenset(correct)
        # Written forms are kept only for the keys whose hyphens or capitals are checked.
        self._written_renderings = {key: frozenset(written_forms[key]) for key in self.spelling_keys}
        self._cased_renderings = {key: frozenset(cased_forms[key]) for key in self.capitalized_keys}
        # Every rendering is matched too: what it contains is never reported on its own, and the
        # literal-rendering rule leaves the renderings it finds alone.
        self._build_automaton([*flagged.items(), *correct.items()])

    def _collect_keys(
        self,
    ) -> tuple[dict[str, list[Target]], dict[str, list[Target]], dict[str, set[str]], dict[str, set[str]]]:
        """The flagged and the correct keys with their targets, and each rendering key's written and cased forms."""
        written_forms: dict[str, set[str]] = {}
        cased_forms: dict[str, set[str]] = {}
        self.doubled: dict[str, tuple[Entry, ...]] = {}
        flagged: dict[str, list[Target]] = {}
        correct: dict[str, list[Target]] = {}
        for entry in self.entries:
            # One target object per form (and one for an entry's renderings), shared by all its
            # keys, so that the cached glossary holds each once.
            for form in entry.forms:
                key = normalize_phrase(form.text)
                as_listed = Target(TargetKind.FLAGGED, entry, form, False, _compile_condition(form))
                inflected = as_listed._replace(is_variant=True)
                flagged.setdefault(key, []).append(as_listed)
                for variant in phrase_variants(key):
                    flagged.setdefault(variant, []).append(inflected)
            rendering_target = Target(TargetKind.CORRECT, entry, None, False)
            for rendering in entry.renderings:
                key = normalize_phrase(rendering)
                correct.setdefault(key, []).append(rendering_target)
                written_forms.setdefault(key, set()).add(normalize_written(rendering))
                cased_forms.setdefault(key, set()).add(_capital_first(normalize_written(rendering, keep_case=True)))
            for phrase in entry.doubled:
                key = normalize_phrase(phrase)
                self.doubled[key] = (*self.doubled.get(key, ()), entry)
        # A variant never stands for a correct rendering, and a listed form beats a variant.
        for key in list(flagged):
            if key in correct:
                del flagged[key]
                continue
            listed = [target for target in flagged[key] if not target.is_variant]
            if listed:
                flagged[key] = listed
        return flagged, correct, written_forms, cased_forms

    def _build_automaton(self, keys: list[tuple[str, list[Target]]]) -> None:
        """Compile ``keys`` into one automaton.

        An automaton value is a plain integer, the key's number, which indexes the key's length
        and target group in two flat arrays. A C automaton pickles each object value on its own
        (values holding entries would copy every entry into the cache many times); integers and
        arrays load with no Python object per key at all.
        """
        self._target_groups: list[tuple[Target, ...]] = []
        self._key_lengths = array("L")
        self._key_groups = array("L")
        self.automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        numbers: dict[tuple[int, ...], int] = {}
        for key, targets in keys:
            self.automaton.add_word(key, len(self._key_lengths))
            self._key_lengths.append(len(key))
            self._key_groups.append(self._target_group(targets, numbers))
        if len(self.automaton):
            self.automaton.make_automaton()

    def _target_group(self, targets: list[Target], numbers: dict[tuple[int, ...], int]) -> int:
        """Return the index of this tuple of targets, adding it once (a form's variants share one)."""
        signature = tuple(map(id, targets))
        if signature not in numbers:
            numbers[signature] = len(self._target_groups)
            self._target_groups.append(tuple(targets))
        return numbers[signature]

    def document_context(self, segments: Iterable[Segment], *, declared: bool = False) -> DocumentContext:
        """Return what rules should know about the document made of ``segments``.

        A document is a Party or state text when it has at least :data:`MIN_SIGNALS` signals
        and one per :data:`WORDS_PER_SIGNAL` words, or when the configuration declares it one.
        A signal is a Party or state word (the glossary's ``party`` and ``state`` context sets)
        or a rendering of a glossary entry of two or more words ("Central Commission for
        Discipline Inspection"): machine translation often writes "party" in lower case.
        """
        if declared:
            return DocumentContext(party_text=True)
        segments = tuple(segments)
        words = sum(segment.text.count(" ") + 1 for segment in segments)
        # Counting stops as soon as the document has enough signals: most Party texts are
        # settled by their first paragraphs.
        needed = max(MIN_SIGNALS, -(-words // WORDS_PER_SIGNAL))
        pattern = _compiled_context(self._document_signals) if self._document_signals else None
        signals = 0
        for segment in segments:
            if pattern is not None:
                signals += sum(1 for _ in pattern.finditer(segment.text))
            collapsed = NormalizedText.of(segment.text).collapsed
            signals += sum(
                1
                for match in self.matches(collapsed)
                if match.targets[0].kind is TargetKind.CORRECT and " " in collapsed[match.start : match.end]
            )
            if signals >= needed:
                return DocumentContext(party_text=True)
        return DocumentContext(party_text=False)

    @functools.cached_property
    def normalized_zh(self) -> dict[str, tuple[str, ...]]:
        """Each entry's Chinese forms, normalised as sources are (by entry id), computed once."""
        return {entry.id: tuple(normalize_chinese(zh) for zh in entry.zh) for entry in self.entries}

    @functools.cached_property
    def source_terms(self) -> ahocorasick.Automaton:
        """An automaton over the normalised Chinese forms of every entry, values ``(length, entry indexes)``."""
        position = {entry.id: number for number, entry in enumerate(self.entries)}
        by_form: dict[str, list[Entry]] = {}
        for entry in self.entries:
            for zh in self.normalized_zh[entry.id]:
                by_form.setdefault(zh, []).append(entry)
        automaton = ahocorasick.Automaton()
        for form, entries in by_form.items():
            automaton.add_word(form, (len(form), tuple(position[entry.id] for entry in entries)))
        if len(automaton):
            automaton.make_automaton()
        return automaton

    def has_standard_case(self, key: str, written: str) -> bool:
        """Return True when ``written`` (a match of ``key``, one of ``capitalized_keys``) is cased as a rendering.

        A capital at the start is always allowed (sentence starts, headings).
        """
        return _capital_first(normalize_written(written, keep_case=True)) in self._cased_renderings.get(
            key, frozenset()
        )

    def is_exact_key(self, key: str) -> bool:
        """Return True when ``key`` (normalised text) is exactly a rendering or a flagged form of some entry."""
        # Every automaton key is a flagged form or a rendering; the flagged forms are all in it.
        return key in self._rendering_keys or self.automaton.exists(key)

    def written_renderings(self, key: str) -> frozenset[str]:
        """Return every rendering with matching key ``key`` (one of ``spelling_keys``), as written (case folded)."""
        return self._written_renderings.get(key, frozenset())

    def matches(self, collapsed: str) -> tuple[KeyMatch, ...]:
        """Return what :meth:`find` yields for ``collapsed``, remembered: the document context and two rules ask."""
        return _matches(self, collapsed)

    def find(self, collapsed: str) -> Iterator[KeyMatch]:
        """Yield every whole-word occurrence of a key in ``collapsed`` normalised text."""
        if not len(self.automaton):
            return
        groups, lengths, key_groups = self._target_groups, self._key_lengths, self._key_groups
        for last, number in self.automaton.iter(collapsed):
            start = last + 1 - lengths[number]
            if _is_whole_word(collapsed, start, last + 1):
                yield KeyMatch(start, last + 1, groups[key_groups[number]])


@functools.lru_cache(maxsize=4096)
def _matches(glossary: CompiledGlossary, collapsed: str) -> tuple[KeyMatch, ...]:
    return tuple(glossary.find(collapsed))


def _capital_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _is_whole_word(text: str, start: int, end: int) -> bool:
    return (start == 0 or not text[start - 1].isalnum()) and (end >= len(text) or not text[end].isalnum())
