"""Align the glossary terms of a segment's Chinese source to the target spans that render them.

For each glossary term in the source, the target is searched for what renders it, best evidence
first: the standard rendering, an accepted one, the entry's spelled-out meaning (``expand``), a
listed wrong or outdated form, a stretch whose words render every word of the term's Chinese
(the literal lexicon, :mod:`tifa.bilingual.stretches`), or a compact stretch that carries most
of a rendering's content words. Rare words weigh more than common ones, as in the Champollion
aligner (Ma 2006), which scores a stretch by the inverse frequency of the translated words it
shares with the other side: "supervision" says more about 监察委员会 than "work" does.

A term that occurs several times gets one span per occurrence, each as close as possible to
where the already aligned terms around it predict it (their order in the source and target).
A term inside a longer source term (党中央 in 以习近平同志为核心的党中央) is rendered by the
longer term's rendering when that is exact; otherwise it is aligned on its own.
"""

from __future__ import annotations

import functools
import math
import re
from bisect import bisect_right, insort
from collections import Counter
from dataclasses import dataclass, replace
from enum import Enum
from typing import NamedTuple
from weakref import WeakKeyDictionary

from tifa.bilingual.stretches import Word, back_references, covering, lexicon_stretches, target_tokens
from tifa.chinese import normalize_chinese
from tifa.glossary.compile import CompiledGlossary
from tifa.glossary.inflect import last_word_variants
from tifa.glossary.schema import Entry, FormKind
from tifa.segments import Segment
from tifa.text import NormalizedText, normalize_phrase


class Rendered(Enum):
    """How a source term came out in the translation, best evidence first."""

    STANDARD = "standard"
    ACCEPTED = "accepted"
    EXPANDED = "expanded"  # the entry's spelled-out meaning
    WRONG = "wrong"
    OUTDATED = "outdated"
    LITERAL = "literal"  # a word-by-word rendering of the term's Chinese no list names
    REPHRASED = "rephrased"  # the meaning spread over a compact stretch, in other grammar
    MISSING = "missing"


EXACT = frozenset({Rendered.STANDARD, Rendered.ACCEPTED, Rendered.EXPANDED, Rendered.WRONG, Rendered.OUTDATED})
_RANK = {kind: rank for rank, kind in enumerate(Rendered)}


@dataclass(frozen=True, slots=True)
class Alignment:
    """One occurrence of a glossary term in a segment's source and the target span that renders it.

    ``start`` and ``end`` index the segment's text (-1 when nothing renders the term);
    ``rendering`` is the glossary form found there, or the written words for a literal or
    rephrased stretch; ``inside`` marks a term within a longer source term; ``shared`` an
    occurrence whose span is another's: a repeated occurrence English renders once, or a term
    inside a longer term rendered as a whole.
    """

    entry: Entry
    index: int
    zh: str
    rendered: Rendered
    source_start: int  # in the normalised source (see :func:`tifa.chinese.normalize_chinese`)
    source_end: int
    start: int = -1
    end: int = -1
    rendering: str | None = None
    inside: bool = False
    shared: bool = False


class _Candidate(NamedTuple):
    kind: Rendered
    start: int  # collapsed-text offsets
    end: int
    form: str | None
    loose: bool = False  # found by a share of a rendering's words, not word by word: weaker evidence


class _Hit(NamedTuple):
    start: int
    end: int
    number: int  # the entry's index in the glossary
    inside: bool


# Official English often rephrases a formulation around its content words; that share of their
# weight must be in one compact stretch.
CONTENT_COVERAGE = 0.67


def align(segment: Segment, glossary: CompiledGlossary) -> tuple[Alignment, ...]:
    """Return an alignment for every glossary term occurrence in the segment's source, in source order."""
    if not segment.source or not len(glossary.source_terms):
        return ()
    return _align(glossary, segment.text, segment.source)


@functools.lru_cache(maxsize=256)  # every bilingual rule asks for the same segment's alignment
def _align(glossary: CompiledGlossary, text: str, source_text: str) -> tuple[Alignment, ...]:
    source = normalize_chinese(source_text)
    hits = _hits(source, glossary)
    if not hits:
        return ()
    normalized = NormalizedText.of(text)
    aligner = _Aligner(glossary, normalized, len(source), Counter(hit.number for hit in hits))
    found: dict[_Hit, Alignment] = {}
    by_start: dict[int, list[_Hit]] = {}
    longest = max(hit.end - hit.start for hit in hits)
    # Longer terms first: a term inside one takes the rendering of the nearest around it when that is exact.
    for hit in sorted(hits, key=lambda hit: (hit.start - hit.end, hit.start)):
        outer = _nearest_around(hit, by_start, longest, found) if hit.inside else None
        by_start.setdefault(hit.start, []).append(hit)
        entry = glossary.entries[hit.number]
        zh = source[hit.start : hit.end]
        if outer is not None and outer.rendered in EXACT:
            found[hit] = replace(
                outer,
                entry=entry,
                index=hit.number,
                zh=zh,
                source_start=hit.start,
                source_end=hit.end,
                inside=True,
                shared=True,
            )
            continue
        found[hit] = aligner.place(hit, entry, zh)
    rendered: dict[int, Alignment] = {}
    for alignment in found.values():
        if alignment.rendered is not Rendered.MISSING:
            rendered.setdefault(alignment.index, alignment)
    return tuple(_shared(found[hit], rendered) for hit in hits)


def _nearest_around(
    hit: _Hit, by_start: dict[int, list[_Hit]], longest: int, found: dict[_Hit, Alignment]
) -> Alignment | None:
    """The alignment of the shortest term already placed that encloses ``hit`` (terms are at most ``longest`` long)."""
    around = [
        other
        for start in range(max(hit.start - longest, 0), hit.start + 1)
        for other in by_start.get(start, ())
        if _encloses(other, hit)
    ]
    return found[min(around, key=lambda other: other.end - other.start)] if around else None


def _shared(alignment: Alignment, rendered: dict[int, Alignment]) -> Alignment:
    """A repeated occurrence nothing more renders shares the rendering of an aligned one (English says it once)."""
    other = rendered.get(alignment.index) if alignment.rendered is Rendered.MISSING else None
    if other is None:
        return alignment
    return replace(
        other,
        zh=alignment.zh,
        source_start=alignment.source_start,
        source_end=alignment.source_end,
        inside=alignment.inside,
        shared=True,
    )


def _hits(source: str, glossary: CompiledGlossary) -> list[_Hit]:
    """Every term occurrence in ``source``; where several forms of one entry overlap, the longest.

    Read by start, longest first, a term lies inside a longer one when an earlier one reaches
    as far as it does.
    """
    spans = sorted(
        ((last + 1 - length, last + 1, numbers) for last, (length, numbers) in glossary.source_terms.iter(source)),
        key=lambda span: (span[0], -span[1]),
    )
    kept_until: dict[int, int] = {}  # entry → where the last occurrence kept for it ends
    hits: list[_Hit] = []
    reach = -1
    for start, end, numbers in spans:
        inside = reach >= end
        reach = max(reach, end)
        for number in dict.fromkeys(numbers):
            if kept_until.get(number, -1) <= start:
                kept_until[number] = end
                hits.append(_Hit(start, end, number, inside))
    hits.sort()
    return hits


class _Pool:
    """One entry's candidates, best evidence first and, within a kind of evidence, by position."""

    def __init__(self, candidates: list[_Candidate]) -> None:
        groups: dict[tuple[int, bool], list[_Candidate]] = {}
        for candidate in candidates:
            groups.setdefault((_RANK[candidate.kind], candidate.loose), []).append(candidate)
        self.groups = [sorted(group, key=_middle) for _, group in sorted(groups.items())]
        self.middles = [[_middle(candidate) for candidate in group] for group in self.groups]

    def take(self, expected: float, taken: list[tuple[int, int]]) -> _Candidate | None:
        """Remove and return the free candidate of the best evidence nearest ``expected``, if any."""
        for group, middles in zip(self.groups, self.middles, strict=True):
            right = bisect_right(middles, expected)
            left = right - 1
            while left >= 0 or right < len(group):
                nearer_left = right >= len(group) or (
                    left >= 0 and expected - middles[left] <= middles[right] - expected
                )
                index = left if nearer_left else right
                if not _overlaps_any(group[index], taken):
                    del middles[index]
                    return group.pop(index)
                if nearer_left:
                    left -= 1
                else:
                    right += 1
        return None


def _middle(candidate: _Candidate) -> float:
    return (candidate.start + candidate.end) / 2


def _overlaps_any(candidate: _Candidate, taken: list[tuple[int, int]]) -> bool:
    """True when the candidate overlaps one of the sorted, disjoint ``taken`` spans."""
    index = bisect_right(taken, (candidate.start, math.inf))
    before = taken[index - 1] if index else None
    return (before is not None and before[1] > candidate.start) or (
        index < len(taken) and taken[index][0] < candidate.end
    )


def _encloses(outer: _Hit, inner: _Hit) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and outer.end - outer.start > inner.end - inner.start


class _Aligner:
    """Places the terms of one segment, remembering the spans already taken and the anchors found."""

    def __init__(
        self, glossary: CompiledGlossary, normalized: NormalizedText, source_length: int, occurrences: Counter[int]
    ) -> None:
        self.glossary = glossary
        self.occurrences = occurrences  # of each entry in the source
        self.normalized = normalized
        self.text = normalized.collapsed
        self.source_length = max(source_length, 1)
        self.taken: dict[int, list[tuple[int, int]]] = {}
        self.anchors: list[tuple[float, float]] = []
        self._tokens: list[Word] | None = None  # read only when a term needs a stretch
        self._pools: dict[int, _Pool] = {}  # each entry's candidates, for its every occurrence

    def place(self, hit: _Hit, entry: Entry, zh: str) -> Alignment:
        """Align one occurrence of a term: the best free candidate nearest where the anchors predict it."""
        pool = self._pools.get(hit.number)
        if pool is None:
            pool = self._pools[hit.number] = _Pool(self._candidates(hit.number, entry))
        taken = self.taken.setdefault(hit.number, [])
        best = pool.take(self._expected((hit.start + hit.end) / 2), taken)
        if best is None:
            return Alignment(entry, hit.number, zh, Rendered.MISSING, hit.start, hit.end, inside=hit.inside)
        insort(taken, (best.start, best.end))
        if best.kind in EXACT:
            insort(self.anchors, ((hit.start + hit.end) / 2, (best.start + best.end) / 2))
        start = self.normalized.to_original(best.start)
        end = self.normalized.to_original(best.end - 1) + 1
        return Alignment(entry, hit.number, zh, best.kind, hit.start, hit.end, start, end, best.form, hit.inside)

    def _expected(self, source_middle: float) -> float:
        """Where in the target a term at ``source_middle`` should be, between the anchors around it."""
        anchors = self.anchors
        index = bisect_right(anchors, (source_middle, math.inf))
        x0, y0 = anchors[index - 1] if index else (0.0, 0.0)
        x1, y1 = anchors[index] if index < len(anchors) else (float(self.source_length), float(len(self.text)))
        if x1 <= x0:
            return y0
        return y0 + (y1 - y0) * (source_middle - x0) / (x1 - x0)

    def _candidates(self, index: int, entry: Entry) -> list[_Candidate]:
        found = [
            _Candidate(kind, match.start(), match.end(), text)
            for kind, text, key, needed in _entry_forms(self.glossary, index)
            if needed in self.text
            for match in _phrase_pattern(key).finditer(self.text)
        ]
        # Stretches are looked for only when the forms cannot render every occurrence of the term.
        if sum(candidate.kind is not Rendered.WRONG for candidate in found) >= self.occurrences[index]:
            return found
        found.extend(self._stretch_candidates(index, entry))
        return found

    def _stretch_candidates(self, index: int, entry: Entry) -> list[_Candidate]:
        """Literal and rephrased stretches: the lexicon's, then those with most of a rendering's words."""
        if self._tokens is None:
            self._tokens = target_tokens(self.text)
        found = [
            _Candidate(Rendered.LITERAL if stretch.literal else Rendered.REPHRASED, stretch.start, stretch.end, None)
            for stretch in lexicon_stretches(self._tokens, self.text, index, self.glossary)
        ]
        found.extend(
            _Candidate(Rendered.REPHRASED, stretch.start, stretch.end, None)
            for stretch in back_references(self.text, index, self.glossary)
        )
        weights = _weights(self.glossary)
        rarest = math.log(1 + len(self.glossary.entries))  # a stem no entry's Chinese offers
        for kind, texts in ((Rendered.REPHRASED, entry.renderings), (Rendered.EXPANDED, _expansions(entry))):
            for text in texts:
                stretch = covering(self._tokens, text, weights, rarest, CONTENT_COVERAGE)
                if stretch is not None:
                    found.append(_Candidate(kind, stretch.start, stretch.end, text, loose=True))
        return [
            candidate._replace(form=candidate.form or self.text[candidate.start : candidate.end]) for candidate in found
        ]


_HAN = re.compile(r"[\u3400-\u9fff]")
_HAN_ASIDE = re.compile(r"\([^)]*[\u3400-\u9fff][^)]*\)")


# Per glossary (held weakly: a language server may load a new one): each entry's forms to look for.
_FORMS: WeakKeyDictionary[CompiledGlossary, dict[int, tuple[tuple[Rendered, str, str, str], ...]]] = WeakKeyDictionary()


def _entry_forms(glossary: CompiledGlossary, index: int) -> tuple[tuple[Rendered, str, str, str], ...]:
    """Each form of an entry to look for: its kind, text, matching key, and a word the text must contain.

    The words between the first and the last are matched exactly, so a text without the middle
    one (or, in a form of one or two words, without the first three letters of its last word
    but one) cannot hold the form; most forms are passed over by that one substring test.
    """
    known = _FORMS.setdefault(glossary, {})
    if index in known:
        return known[index]
    entry = glossary.entries[index]
    forms = (
        (Rendered.STANDARD, (entry.en,)),
        (Rendered.ACCEPTED, entry.accept),
        (Rendered.EXPANDED, _expansions(entry)),
        (Rendered.WRONG, tuple(form.text for form in (*entry.wrong, *entry.wrong_if_source))),
        (Rendered.OUTDATED, tuple(form.text for form in entry.forms if form.kind is FormKind.OUTDATED)),
    )
    found = []
    for kind, texts in forms:
        for text in texts:
            key = normalize_phrase(text)
            words = key.split(" ")
            found.append((kind, text, key, words[len(words) // 2] if len(words) >= 3 else ""))
    known[index] = tuple(found)
    return known[index]


def _expansions(entry: Entry) -> tuple[str, ...]:
    """The English of the entry's ``expand``: its parts around a dash without Chinese, asides in Chinese dropped."""
    if not entry.expand:
        return ()
    parts = (_HAN_ASIDE.sub("", part).strip() for part in re.split(r"\s[—–]\s", entry.expand))
    return tuple(part for part in parts if part and not _HAN.search(part))


@functools.lru_cache(maxsize=65536)
def _phrase_pattern(key: str) -> re.Pattern[str]:
    """A whole-word pattern for ``key`` that also takes inflections of its first and last words."""
    words = key.split(" ")

    def alternatives(word: str) -> str:
        return "(?:" + "|".join(map(re.escape, sorted({word, *last_word_variants(word)}, key=len, reverse=True))) + ")"

    parts = [re.escape(word) for word in words]
    parts[0] = alternatives(words[0])
    parts[-1] = alternatives(words[-1])
    return re.compile(r"(?<!\w)" + " ".join(parts) + r"(?!\w)")


@functools.lru_cache(maxsize=4)
def _weights(glossary: CompiledGlossary) -> dict[str, float]:
    """Each stem's weight: how rare it is among the entries' lexicon words (inverse entry frequency)."""
    total = len(glossary.entries)
    return {stem_: math.log(1 + total / (1 + size)) for stem_, size in glossary.literal_lexicon.entry_masks.sizes()}
