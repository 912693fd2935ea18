"""Near misses (TF301): text close to, but not, a glossary rendering or wrong form.

Candidates come from the glossary's fuzzy index (:mod:`tifa.glossary.fuzzy`): a place where
two of a phrase's rarest character 7-grams (one, for a name with only two) agree on where the
phrase would start. Only the window of words there is scored, with rapidfuzz, and a score
counts as a near miss only when the difference is a slip (see :func:`classify_difference`).
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_left
from collections.abc import Iterator

from tifa.english import STOPWORDS
from tifa.glossary.compile import CompiledGlossary
from tifa.glossary.fuzzy import NAME_PARTICLES, FuzzyPhrase, comparable
from tifa.model import Applicability, Edit, Finding, Fix, Severity
from tifa.rules.base import Example, RuleInfo
from tifa.segments import DocumentContext, Segment
from tifa.suggest import adapt, text_before
from tifa.text import NormalizedText

NEAR_MISS = RuleInfo(
    "TF301",
    "near-miss",
    'text close to a rendering or wrong form: "Xi Jinping Thougth on Socialism …", "Chinese-stlye modernization"',
    Severity.WARNING,
    doc="""
    What it does
        Finds phrases that differ from a standard rendering (or from a known wrong rendering) by a
        typo, a dropped or added word, another article or preposition, or another word order —
        "Xi Jinping Thougth on Socialism …", "people centered development" — and suggests the
        standard rendering, saying what differs and how similar the text is.

    Why is this bad?
        Post-editors and machine translation rarely reproduce a wrong rendering letter for letter;
        an exact list cannot enumerate every slip, and a misspelt formulation is still wrong.

    Fix safety
        Always unsafe: similarity is evidence, not proof. Only the places where two of a glossary
        phrase's rarest character grams appear at the right distance are scored, short or
        common-word phrases need a higher similarity, British and American spellings count as the
        same, and text that is exactly a rendering, a listed form or a spelling variant of one is
        left to the exact rules.
    """,
    example=Example(
        "The plenum studied Xi Jinping Thougth on Socialism with Chinese Characteristics for a New Era.",
        fixed="The plenum studied Xi Jinping Thought on Socialism with Chinese Characteristics for a New Era.",
    ),
)
RULES = (NEAR_MISS,)

_WORD = re.compile(r"\w+(?:'\w+)*")
_PUNCTUATION = re.compile(r"[^\w\s'-]")
_SPELLING_MARGIN = 6
# A name needs this many content words before one word missing or added inside it is a slip
# rather than another, shorter or longer, name.
MIN_CONTENT_FOR_GAP = 4
# A word added, dropped or misplaced at the edge lowers the aligned window's score by this much at most.
_ALIGNMENT_MARGIN = 25


def check(segment: Segment, glossary: CompiledGlossary, context: DocumentContext) -> Iterator[Finding]:
    """Yield a finding for each near miss of a glossary phrase in ``segment``."""
    index = glossary.fuzzy_index
    normalized = NormalizedText.of(segment.text)
    text = normalized.collapsed
    candidates = index.candidates(text)
    if not candidates:
        return
    words = [match.span() for match in _WORD.finditer(text)]
    word_starts = [begin for begin, _ in words]
    found: list[tuple[float, int, int, FuzzyPhrase, str]] = []
    for number, start in candidates:
        phrase = index.phrases[number]
        aligned = min(bisect_left(word_starts, start), len(words) - 1)
        if aligned > 0 and start - words[aligned - 1][0] < words[aligned][0] - start:
            aligned -= 1
        scored = _score_phrase(normalized, segment.text, words, aligned, phrase, glossary)
        if scored is not None:
            found.append(scored)
    reported: list[tuple[int, int]] = []
    for score, window_start, window_end, phrase, difference in sorted(found, key=lambda item: (-item[0], item[1])):
        if any(window_start < end and start_ < window_end for start_, end in reported):
            continue
        reported.append((window_start, window_end))
        yield _finding(segment, normalized, window_start, window_end, phrase, score, difference)


def _score_phrase(
    normalized: NormalizedText,
    original: str,
    words: list[tuple[int, int]],
    aligned_start: int,
    phrase: FuzzyPhrase,
    glossary: CompiledGlossary,
) -> tuple[float, int, int, FuzzyPhrase, str] | None:
    # rapidfuzz is imported only where a text has candidates: most small files have none.
    from rapidfuzz import fuzz

    index = glossary.fuzzy_index
    text = normalized.collapsed
    length = len(phrase.words)
    if aligned_start >= 0 and aligned_start + length <= len(words):
        # One cheap look at the aligned window first: most candidates are far from the phrase.
        aligned = text[words[aligned_start][0] : words[aligned_start + length - 1][1]]
        if glossary.is_exact_key(aligned):
            return None
        far = not fuzz.ratio(aligned, phrase.key, score_cutoff=phrase.threshold - _ALIGNMENT_MARGIN)
        if far and not (phrase.name_like and sorted(aligned.split()) == sorted(phrase.key.split())):
            return None
    renderings = index.rendering_keys[phrase.entry.id]
    best: tuple[float, int, int, FuzzyPhrase, str] | None = None
    for first in (aligned_start, aligned_start - 1, aligned_start + 1):
        for size in (length, length - 1, length + 1):
            if first < 0 or size < 1 or first + size > len(words):
                continue
            window_start, window_end = words[first][0], words[first + size - 1][1]
            raw = text[window_start:window_end]
            if glossary.is_exact_key(raw):
                return None  # the exact rules own this text: it is correct or a listed form
            # Cheap test first: most windows are nowhere near the phrase. British spellings differ
            # by a letter or two, so the margin keeps them for the exact test below.
            rough = fuzz.ratio(raw, phrase.key, score_cutoff=phrase.threshold - _SPELLING_MARGIN)
            same_words = phrase.name_like and sorted(raw.split()) == sorted(phrase.key.split())
            if not rough and not same_words:
                continue
            window = comparable(raw)
            if window in renderings:
                return None  # a spelling variant of a rendering
            if not set(_PUNCTUATION.findall(window)) <= set(_PUNCTUATION.findall(phrase.key)):
                continue  # a near miss does not run across punctuation the phrase does not have
            score = fuzz.ratio(window, phrase.key)
            if score < phrase.threshold and not same_words:
                continue
            # Inflections and small words matter only where the text, too, is written as a name.
            written = original[normalized.to_original(window_start) : normalized.to_original(window_end - 1) + 1]
            name_like = phrase.name_like and _written_as_name(written)
            window_words = _WORD.findall(window)
            if (
                not phrase.is_rendering
                and (set(window_words) - set(phrase.words)) & index.rendering_words[phrase.entry.id]
            ):
                continue  # it departs from the wrong form towards the right one: not that mistake
            capitalized = {word.lower() for word in _WORD.findall(written) if word[:1].isupper()}
            difference = classify_difference(window_words, list(phrase.words), name_like, capitalized)
            if difference is not None and (best is None or score > best[0]):
                best = (score, window_start, window_end, phrase, difference)
    return best


def _written_as_name(written: str) -> bool:
    content = [word for word in written.split() if word.lower() not in STOPWORDS]
    return bool(content) and sum(1 for word in content if word[:1].isupper()) * 2 > len(content)


_SUFFIXES = ("ies", "es", "s", "ed", "ing", "er", "d")


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _without_possessive(word: str) -> str:
    return word[:-2] if word.endswith("'s") else word


_INFLECTIONS = ("s", "es", "d", "ed", "ing", "er", "ers")


def _inflects(word: str, base: str) -> bool:
    """Return True when ``word`` is ``base`` with a regular English ending."""
    if word.startswith(base) and word[len(base) :] in _INFLECTIONS:
        return True
    if base.endswith("y") and word in (base[:-1] + "ies", base[:-1] + "ied"):
        return True
    return base.endswith("e") and word == base[:-1] + "ing"


def _same_lemma(first: str, second: str) -> bool:
    return first == second or _inflects(first, second) or _inflects(second, first) or _stem(first) == _stem(second)


def _is_typo(written: str, standard: str) -> bool:
    """Return True when ``written`` is ``standard`` with one slip (two in a long word).

    Slips are insertions, deletions, substitutions and swaps of adjacent letters; a word that is
    only cut short (at the edge of an excerpt) is not a slip.
    """
    from rapidfuzz.distance import OSA

    if min(len(written), len(standard)) < 5:
        return False
    if standard.startswith(written) or standard.endswith(written):
        return False
    allowed = 1 if len(standard) < 8 else 2
    return OSA.distance(written, standard, score_cutoff=allowed) <= allowed


def classify_difference(
    written: list[str], standard: list[str], name_like: bool, capitalized: frozenset[str] | set[str] = frozenset()
) -> str | None:
    """Return how ``written`` words differ from ``standard`` ones as a near miss, or None if they do not.

    A near miss differs by typos, or — in a name-like rendering — by word order, by the
    inflection of a word written with a capital (in ``capitalized``), by articles and
    prepositions, or (in a name of at least MIN_CONTENT_FOR_GAP content words) by one word
    missing or added inside it. A different content word, a word missing or added at either
    end, "and" for a comma, or no difference at all is not a near miss.
    """
    written = [word for word in written if word != "and"]
    standard = [word for word in standard if word != "and"]
    if sorted(written) == sorted(standard) and written != standard:
        content = [word for word in written if word not in STOPWORDS]
        return "the word order differs" if name_like and len(content) >= 3 else None
    matcher = difflib.SequenceMatcher(a=written, b=standard, autojunk=False)
    opcodes = matcher.get_opcodes()
    if opcodes and (opcodes[0][0] in ("insert", "delete") or opcodes[-1][0] in ("insert", "delete")):
        return None
    parts = []
    long_name = name_like and sum(1 for word in standard if word not in STOPWORDS) >= MIN_CONTENT_FOR_GAP
    content_gaps = 0
    for operation, a_start, a_end, b_start, b_end in opcodes:
        mine, theirs = written[a_start:a_end], standard[b_start:b_end]
        if operation == "equal":
            continue
        if operation == "replace" and len(mine) == len(theirs):
            for ours, standard_word in zip(mine, theirs, strict=True):
                if _without_possessive(ours) == _without_possessive(standard_word):
                    continue  # a possessive is grammar, not a different rendering
                if _same_lemma(ours, standard_word):
                    if name_like and ours in capitalized:
                        parts.append(f'"{ours}" instead of "{standard_word}"')
                elif _is_typo(ours, standard_word) or (
                    name_like and ours in NAME_PARTICLES and standard_word in NAME_PARTICLES
                ):
                    parts.append(f'"{ours}" instead of "{standard_word}"')
                else:
                    return None
        elif name_like and all(word in NAME_PARTICLES for word in mine + theirs):
            if mine and theirs:
                parts.append(f'"{" ".join(mine)}" instead of "{" ".join(theirs)}"')
            elif mine:
                parts.append(f'extra "{" ".join(mine)}"')
            else:
                parts.append(f'missing "{" ".join(theirs)}"')
        elif long_name and operation in ("insert", "delete") and len(mine) + len(theirs) == 1 and not content_gaps:
            content_gaps += 1  # one word dropped or added inside a long name, never more
            parts.append(f'extra "{mine[0]}"' if mine else f'missing "{theirs[0]}"')
        else:
            return None
    return "; ".join(parts) or None


def _finding(
    segment: Segment,
    normalized: NormalizedText,
    start: int,
    end: int,
    phrase: FuzzyPhrase,
    score: float,
    difference: str,
) -> Finding:
    original_start, original_end = normalized.to_original(start), normalized.to_original(end - 1) + 1
    written = segment.text[original_start:original_end]
    entry = phrase.entry
    before = text_before(segment.text, original_start)
    # A slip in an accepted rendering is corrected to that rendering first; a wrong form to the standard.
    candidates = (phrase.text, entry.en) if phrase.is_rendering else (entry.en,)
    suggestions = tuple(dict.fromkeys(adapt(text, written, before) for text in candidates))
    kind = "the standard rendering" if phrase.is_rendering else "the known mistranslation"
    message = f'"{" ".join(written.split())}" is close to {kind} "{phrase.text}" ({score:.0f}% similar: {difference})'
    if not phrase.is_rendering:
        message += f'; the standard rendering of {entry.zh[0]} is "{entry.en}"'
    span = segment.file_span(original_start, original_end)
    fix = None
    if phrase.is_rendering or entry.replace:
        fix = Fix(f'Replace with "{suggestions[0]}"', (Edit(span, suggestions[0]),), Applicability.UNSAFE)
    return Finding(
        code=NEAR_MISS.code,
        span=span,
        message=message,
        severity=NEAR_MISS.severity,
        suggestions=suggestions,
        fix=fix,
        entry_id=entry.id,
    )
