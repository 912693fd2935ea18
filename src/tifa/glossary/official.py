"""Is a stretch that renders a term word by word official English, or an established phrase?

The literal-rendering rule (TF105) finds stretches whose words render a glossary term; these
questions keep it silent where official English or ordinary usage explains the stretch.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from array import array
from collections.abc import Callable, Iterator

from tifa.english import FUNCTION_WORDS, IRREGULAR, WORD, stem
from tifa.glossary.compile import CompiledGlossary, KeyMatch, TargetKind
from tifa.glossary.lexicon import stem_sequence


def official_or_ordinary(
    entry: int, text: str, start: int, end: int, matches: list[KeyMatch], glossary: CompiledGlossary
) -> bool:
    """True when the stretch ``text[start:end]`` (collapsed text), found for entry number ``entry``, is
    official English or an established compound; ``matches`` are the glossary's matches in ``text``."""
    if _hidden_by_listed(text, start, end, entry, matches, glossary):
        return True
    lexicon = glossary.literal_lexicon
    model = lexicon.models[entry]
    assert model is not None
    written = text[start:end]
    sequence = stem_sequence(written)
    content = frozenset(sequence) - {"and"}
    term = glossary.entries[entry]
    if sequence in model.rendering_sequences:
        # The rendering's words in other forms ("Central Commission for Disciplinary
        # Inspection", "Supervisory Law") are literal; the same words, or a plural, are not.
        # A name takes no possessive: "Xi Jinping's thought on ..." is not the name.
        return any(
            _word_forms(written, term.capitalized) == _word_forms(rendering.lower(), term.capitalized)
            for rendering in term.renderings
        )
    return (
        sequence in lexicon.rendering_runs
        or (not term.capitalized and _rewords_a_rendering(written, term.renderings))
        or lexicon.glosses_another_word(content, model)
    )


_INFLECTION = re.compile(r"(?<=\w\w\w)(?:ing|ed|es|s)$")


def _word_forms(text: str, name: bool = False) -> list[str]:
    """The content words of lower-case ``text`` as written, without inflectional endings.

    Derived forms stay apart ("disciplinary", "discipline"): a rendering's words in other
    derived forms are a literal rendering, in other inflections they are the rendering. A
    ``name`` keeps its words exactly, possessive "s" included: "two establishment" is not the
    Two Establishments, nor "Xi Jinping's thought" Xi Jinping Thought.
    """
    if name:
        return [word for word in WORD.findall(text) if word not in FUNCTION_WORDS or word == "s"]
    return [
        _INFLECTION.sub("", IRREGULAR.get(word, word)).removesuffix("e")
        for word in WORD.findall(text)
        if word not in FUNCTION_WORDS
    ]


def _hidden_by_listed(
    text: str, start: int, end: int, entry: int, matches: list[KeyMatch], glossary: CompiledGlossary
) -> bool:
    """True when a rendering or listed form covers the stretch or runs out of it, or one of the same entry overlaps it.

    The words of a rendering written in the text belong to that rendering: a stretch that takes
    some of them ("secretary at length" after "Party secretary") is not one term's rendering.
    """
    for match in _overlapping(matches, start, end):
        if match.start <= start and end <= match.end:
            return True  # the stretch is a rendering or listed form, or lies inside one
        if _has_content_words(text, match.start, start) or _has_content_words(text, end, match.end):
            return True  # it takes some of the rendering's words, not all
        if any(target.entry is glossary.entries[entry] for target in match.targets) and (
            match.targets[0].kind is TargetKind.FLAGGED or not _extends(text, start, end, match)
        ):
            # A listed form of the entry is TF101's to report. Its rendering is the entry
            # rendered, unless the stretch renders more of the term around it ("Second
            # Centenary Goal of the struggle").
            return True
    return False


class _ByEnd:
    """A segment's matches sorted by their ends, to find those overlapping a stretch without reading them all."""

    def __init__(self, matches: list[KeyMatch]) -> None:
        self.matches = matches
        self.ordered = sorted(matches, key=lambda match: match.end)
        self.ends = [match.end for match in self.ordered]
        self.longest = max((match.end - match.start for match in matches), default=0)


# The rule asks about many stretches of one segment in turn, with the same list of matches:
# the index of the last list is kept (holding the list, so that its identity stays its own).
_last_index: list[_ByEnd] = []


def _overlapping(matches: list[KeyMatch], start: int, end: int) -> Iterator[KeyMatch]:
    """The matches that overlap ``[start, end)``: those ending after ``start`` and, at most
    the longest match's length after ``end``, starting before ``end``."""
    if not _last_index or _last_index[0].matches is not matches:
        _last_index[:] = [_ByEnd(matches)]
    index = _last_index[0]
    for number in range(bisect.bisect_right(index.ends, start), len(index.ends)):
        match = index.ordered[number]
        if match.end >= end + index.longest:
            break
        if match.start < end:
            yield match


_OF_LINK = frozenset({"of", "the", "a", "an", "s"})


def _extends(text: str, start: int, end: int, match: KeyMatch) -> bool:
    """True when the stretch appends an "of" phrase to a rendering inside it.

    "Second Centenary Goal of the struggle" renders more of 第二个百年奋斗目标 than official
    English does; "secretaries-general at length", "in all respects and advance the
    rejuvenation ..." and "built a moderately prosperous society ..." only stand next to a
    rendering or build the sentence around it.
    """
    if _has_content_words(text, start, match.start):
        return False  # a verb or modifier before a rendering is the sentence's own ("built a ...")
    after = WORD.findall(text, match.end, end)
    joins = list(itertools.takewhile(lambda word: word in FUNCTION_WORDS, after))
    return (
        len(joins) < len(after)
        and "of" in joins
        and "," not in text[match.end : end]
        and all(word in _OF_LINK for word in joins)
    )


def _has_content_words(text: str, start: int, end: int) -> bool:
    return start < end and any(word not in FUNCTION_WORDS for word in WORD.findall(text, start, end))


def _rewords_a_rendering(written: str, renderings: tuple[str, ...]) -> bool:
    """True when the stretch has a rendering's words, "and" included, moved only as English moves them.

    An adverb may move ("comprehensively deepened the reform" for "deepening reform
    comprehensively") and "of" may turn into a possessive ("the Party's leadership" for
    "leadership of the Party"). Other words keep their order: "new great project" is not "great
    new project", and "party member cadres" lacks the "and" of "Party members and cadres".
    """
    mine = stem_sequence(written)
    for rendering in renderings:
        theirs = stem_sequence(rendering.lower())
        if sorted(mine) != sorted(theirs):
            continue
        fixed, official = _without_adverbs(written), _without_adverbs(rendering.lower())
        if fixed == official or (_OF_OR_POSSESSIVE.search(written + " " + rendering) and _rotates(fixed, official)):
            return True
    return False


def _rotates(mine: list[str], theirs: list[str]) -> bool:
    """True when ``mine`` is ``theirs`` with its two parts around an "of" swapped ("the Party's leadership")."""
    return any(mine == theirs[split:] + theirs[:split] for split in range(1, len(theirs)))


_OF_OR_POSSESSIVE = re.compile(r"\bof\b|'s\b")


def _without_adverbs(text: str) -> list[str]:
    return [stem(word) for word in WORD.findall(text) if word not in FUNCTION_WORDS and not word.endswith("ly")]


# A capitalised word next, after a possessive if there is one ("People" in "People's Republic").
_CAPITALISED_AFTER = re.compile(r"(?:['’]s)?[ \t]+[A-Z]")


def cuts_a_name(text: str, start: int, end: int, *, holds_a_rendering: Callable[[], bool] | None = None) -> bool:
    """True when the stretch ends inside a run of capitalised words ("Chairman of the National ...").

    A name is one thing; the part of it a stretch takes is not a rendering of a term. A line
    in title case (a headline: "1st Party-constructing Work in Organ Seminar Held") says
    nothing of names, unless the stretch holds a rendering ("National People's Congress of
    the People's Republic of China" in a title-case dateline): there the name goes on.
    ``holds_a_rendering`` is asked only for a stretch in a title-case line (None: it holds none).
    """
    if not (_first_letter_of_last_word(text, end).isupper() and _CAPITALISED_AFTER.match(text, end) is not None):
        return False
    return not _in_title_case_line(text, start) or (holds_a_rendering is not None and holds_a_rendering())


def holds_a_rendering(matches: list[KeyMatch], start: int, end: int) -> bool:
    """True when a standard or accepted rendering among ``matches`` lies inside the stretch ``[start, end)``."""
    return any(
        start <= match.start and match.end <= end and match.targets[0].kind is TargetKind.CORRECT
        for match in _overlapping(matches, start, end)
    )


def _in_title_case_line(text: str, offset: int) -> bool:
    """True when the line around ``offset`` capitalises every word of four letters or more (at least four)."""
    breaks = _line_breaks(text)
    following = bisect.bisect_left(breaks, offset)
    line_start = breaks[following - 1] + 1 if following else 0
    line_end = breaks[following] if following < len(breaks) else len(text)
    return _title_case(text, line_start, line_end)


# A long text is asked about for every name in it: its line breaks are found once, and a
# line's answer is remembered (one line may be a whole file).
@functools.lru_cache(maxsize=16)
def _line_breaks(text: str) -> array[int]:
    breaks = array("q")
    found = text.find("\n")
    while found >= 0:
        breaks.append(found)
        found = text.find("\n", found + 1)
    return breaks


@functools.lru_cache(maxsize=64)
def _title_case(text: str, line_start: int, line_end: int) -> bool:
    long_words = _LONG_WORD.findall(text, line_start, line_end)
    return len(long_words) >= _TITLE_MIN_WORDS and all(word[:1].isupper() for word in long_words)


# A word of four letters or more, not the second part of a hyphenated word ("Party-constructing").
_LONG_WORD = re.compile(r"(?<![-\w])[^\W\d_]{4,}")
_TITLE_MIN_WORDS = 4


def _first_letter_of_last_word(text: str, end: int) -> str:
    """The first character of the last white-space separated word of ``text[:end]`` ("" if none), read backwards."""
    last = end
    while last > 0 and text[last - 1].isspace():
        last -= 1
    first = last
    while first > 0 and not text[first - 1].isspace():
        first -= 1
    return text[first : first + 1] if first < last else ""
