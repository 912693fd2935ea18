"""Stretches of a target sentence that render a source term: by the literal lexicon, or by a rendering's words.

The target is read as its content words, each with its stem, its place, and what stands before
it (a comma, a sentence stop, words other than the links of a compound). A stretch lies inside
one sentence and is compact: its words render the term with at most one other content word
between two of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from tifa.english import COMPOUND_LINKS, FUNCTION_WORDS, LINKING_VERBS, MORE_PREPOSITIONS, WORD, stem
from tifa.glossary.compile import CompiledGlossary
from tifa.glossary.lattice import MIN_RENDERED_WITH_GAP, best_chain
from tifa.glossary.lexicon import LiteralModel, stem_sequence
from tifa.glossary.official import cuts_a_name, official_or_ordinary

_TOKEN = re.compile(r"[^\W_]+|[^\w\s]")
_TRANSPARENT = FUNCTION_WORDS | LINKING_VERBS | MORE_PREPOSITIONS
_STOPS = frozenset(".;:!?")
# At most this many content words that render nothing may stand between two that render the term.
MAX_FOREIGN = 1


class Word(NamedTuple):
    """A content word of the target (collapsed, lower-case text) and what stands before it."""

    stem: str
    start: int
    end: int
    sentence: int  # how many sentence stops come before it
    after_comma: bool
    linked: bool  # only the links of a compound ("of", "the", "'s", "and") stand between it and the word before


class Stretch(NamedTuple):
    """A stretch of collapsed target text that renders a term; ``literal``: word by word, nothing else inside."""

    start: int
    end: int
    literal: bool


def target_tokens(text: str) -> list[Word]:
    """Return the content words of collapsed, lower-case ``text`` (only ``. ; : ! ?`` end a sentence)."""
    words: list[Word] = []
    sentence = 0
    comma = False
    linked = True
    for match in _TOKEN.finditer(text):
        token = match.group()
        if not token[0].isalnum():
            if token == ",":
                comma = True
            elif token in _STOPS:
                sentence += 1
            continue
        if token in _TRANSPARENT:
            linked = linked and token in COMPOUND_LINKS
            continue
        words.append(Word(stem(token), match.start(), match.end(), sentence, comma, linked))
        comma, linked = False, True
    return words


def lexicon_stretches(words: list[Word], text: str, index: int, glossary: CompiledGlossary) -> list[Stretch]:
    """The stretches whose words render every word of entry ``index``'s Chinese (any order), smallest first found."""
    model = glossary.literal_lexicon.models[index]
    if model is None:
        return []
    found = []
    for cluster in _clusters(words, model):
        stretch = _smallest(words, cluster, model)
        if stretch is None:
            continue
        first, last, literal = stretch
        start, end = words[first].start, words[last].end
        if literal and (_official(index, text, start, end, glossary) or cuts_a_name(text, start, end)):
            literal = False  # official English: it renders the term
        found.append(Stretch(start, end, literal))
    return found


def _official(index: int, text: str, start: int, end: int, glossary: CompiledGlossary) -> bool:
    """True when the stretch is official English for the term.

    The monolingual rule also stays silent on a stretch that is a dictionary gloss of another
    Chinese word ("supervisory committee"); the source, which has this term, rules that out.
    """
    matches = list(glossary.matches(text))
    if not official_or_ordinary(index, text, start, end, matches, glossary):
        return False
    lexicon = glossary.literal_lexicon
    model = lexicon.models[index]
    assert model is not None
    sequence = stem_sequence(text[start:end])
    if not lexicon.glosses_another_word(frozenset(sequence) - {"and"}, model):
        return True
    return (
        any(match.start < end and start < match.end for match in matches)
        or sequence in lexicon.rendering_runs
        or sequence in model.rendering_sequences
        or any(
            sorted(sequence) == sorted(stem_sequence(rendering.lower()))
            for rendering in glossary.entries[index].renderings
        )
    )


def _clusters(words: list[Word], model: LiteralModel) -> Iterator[list[int]]:
    """Runs of words offering a sense of the term, within a sentence, with few other content words between."""
    cluster: list[int] = []
    for number, word in enumerate(words):
        if word.stem not in model.vocabulary:
            continue
        if cluster and (number - cluster[-1] - 1 > MAX_FOREIGN or words[cluster[-1]].sentence != word.sentence):
            yield cluster
            cluster = []
        cluster.append(number)
    if cluster:
        yield cluster


# A stretch that leaves one word of the term unrendered still carries its meaning if it renders this many others.
MIN_RENDERED_TO_CARRY = 2


def _smallest(words: list[Word], cluster: list[int], model: LiteralModel) -> tuple[int, int, bool] | None:
    """The smallest part of ``cluster`` that renders the term as well as all of it, and whether it is literal.

    A literal rendering renders every word of the term (a long one may miss one, as TF105 has
    it); a stretch that renders all but one word of a term of three or more carries its meaning
    without being literal ("strict self-governance of the Party" for 全面从严治党).
    """
    with_gap = MIN_RENDERED_WITH_GAP
    best = _renders(words, cluster, model, with_gap)
    if best <= 0:
        with_gap = MIN_RENDERED_TO_CARRY
        best = _renders(words, cluster, model, with_gap)
        if best <= 0:
            return None
    low, high = 0, len(cluster) - 1
    while low < high and _renders(words, cluster[low + 1 : high + 1], model, with_gap) == best:
        low += 1
    while high > low and _renders(words, cluster[low:high], model, with_gap) == best:
        high -= 1
    first, last = cluster[low], cluster[high]
    inside = words[first + 1 : last + 1]
    literal = (
        with_gap == MIN_RENDERED_WITH_GAP
        and last - first == high - low
        and len({word.stem for word in words[first : last + 1]}) >= 2
        and (model.enumerates or not any(word.after_comma for word in inside))
        and (last > first + 1 or inside[0].linked)
    )
    return first, last, literal


def _renders(words: list[Word], chosen: list[int], model: LiteralModel, with_gap: int) -> int:
    """How many English words render the term in ``chosen`` (less a gap), or 0 when they do not render it.

    A chain may leave one word of the term unrendered if it renders ``with_gap`` others.
    """
    stems = frozenset(words[number].stem for number in chosen)
    best = 0
    for lattice in model.lattices:
        if not stems <= lattice.vocabulary:
            continue
        rendered, gaps, cost = best_chain(lattice, stems, len(chosen))
        enough = rendered >= 2 or (cost >= 2 and lattice.numbered) or (rendered == 1 and len(lattice.edges) <= 2)
        if enough and (gaps == 0 or rendered >= with_gap):
            best = max(best, cost - gaps)
    return best


def covering(
    words: list[Word], rendering: str, weights: dict[str, float], default: float, share: float
) -> Stretch | None:
    """The shortest compact stretch of one sentence with ``share`` of the weight of the rendering's content words.

    ``weights`` gives each stem its weight (rarer words weigh more), ``default`` the weight of a
    stem it does not list.
    """
    wanted = {stem(word): 0.0 for word in WORD.findall(rendering.lower()) if word not in _TRANSPARENT}
    if not wanted:
        return None
    for stem_ in wanted:
        wanted[stem_] = weights.get(stem_, default)
    needed = share * sum(wanted.values()) - 1e-9
    positions = [number for number, word in enumerate(words) if word.stem in wanted]
    span = 2 * len(wanted) + 3
    best: tuple[int, int] | None = None
    for left, first in enumerate(positions):
        covered: set[str] = set()
        weight = 0.0
        for index in range(left, len(positions)):
            last = positions[index]
            if last - first >= span or words[last].sentence != words[first].sentence:
                break
            if words[last].stem not in covered:
                covered.add(words[last].stem)
                weight += wanted[words[last].stem]
            if weight >= needed:
                if best is None or last - first < best[1] - best[0]:
                    best = (first, last)
                break
    if best is None:
        return None
    return Stretch(words[best[0]].start, words[best[1]].end, False)


_BACK_REFERENCE = re.compile(r"(?<!\w)(?:this|that|these|those|such|the same)\s+([^\W_]+)")


def back_references(text: str, index: int, glossary: CompiledGlossary) -> list[Stretch]:
    """Phrases that refer back to the term by its head word: "this system" for 人民代表大会制度.

    Official English names a formulation once and then refers to it; the head of a Chinese
    term is its last word, so the word must render the last word of the term.
    """
    model = glossary.literal_lexicon.models[index]
    if model is None:
        return []
    closing = frozenset().union(*(lattice.closing for lattice in model.lattices))
    return [
        Stretch(match.start(), match.end(), False)
        for match in _BACK_REFERENCE.finditer(text)
        if stem(match.group(1)) in closing
    ]
