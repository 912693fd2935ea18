"""Duplicated phrases: the same phrase twice in a row, where the Chinese had two parallel phrases.

What it does
    Finds a phrase of one to six words repeated back to back within a sentence, with nothing,
    "and" or a comma between ("set an example and set an example", "take the lead, take the
    lead", "the the").

Why is this bad?
    Chinese official prose pairs near-synonymous phrases (走在前、作表率); machine translation
    renders both with the same English words. The sentence then says one thing twice and
    loses half of what the Chinese said.

Fix safety
    Removing the second copy is unsafe (the source may have meant two things). Where the
    glossary knows the Chinese pair behind the doubled phrase, its rendering is suggested first;
    the fix puts it in place only when the segment's aligned source contains that pair.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tifa.glossary.compile import CompiledGlossary
from tifa.glossary.schema import Confidence, Entry
from tifa.model import Applicability, Edit, Finding, Fix, Severity
from tifa.rules import RuleInfo
from tifa.rules.casing import match_case
from tifa.segments import DocumentContext, Segment
from tifa.text import lower_same_length

DUPLICATED = RuleInfo("TF201", "duplicated-phrase", "a phrase repeated back to back", Severity.ERROR)
RULES = (DUPLICATED,)

MAX_WORDS = 6
_TOKEN = re.compile(r"\w+(?:['\u2019]\w+)*|[^\w\s]")
_SEPARATORS: tuple[tuple[str, ...], ...] = ((), ("and",), (",",), (",", "and"))
# Words English doubles on purpose: "that that", "had had", "bye bye".
_ADJACENT_OK = frozenset(
    [
        "that",
        "had",
        "her",
        "bye",
        "so",
        "no",
        "yes",
        "very",
        "now",
        "there",
        "well",
        "blah",
        "tut",
        "chop",
        "knock",
        "ha",
        "ho",
        "hush",
        "bla",
        "la",
        "cha",
        "boo",
        "pom",
        "tsk",
    ]
)
# "more and more", "again and again", "round and round", "on and on".
_COORDINATED_OK = frozenset(
    [
        "more",
        "less",
        "fewer",
        "again",
        "over",
        "round",
        "on",
        "through",
        "by",
        "out",
        "up",
        "down",
        "back",
        "in",
        "off",
        "around",
        "years",
        "hours",
        "days",
        "months",
        "weeks",
        "miles",
        "times",
        "ages",
        "neck",
    ]
)
VERB_MARKERS = frozenset(["to", "must", "should", "will", "shall", "can", "could", "may", "might", "would"])
FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "its",
        "it",
        "their",
        "our",
        "his",
        "her",
        "my",
        "your",
        "we",
        "they",
        "he",
        "she",
        "i",
        "you",
        "and",
        "or",
        "but",
        "nor",
        "so",
        "yet",
        "as",
        "than",
        "if",
        "when",
        "while",
        "because",
        "although",
        "though",
        "whether",
        "of",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "to",
        "into",
        "onto",
        "upon",
        "about",
        "over",
        "under",
        "between",
        "among",
        "through",
        "during",
        "before",
        "after",
        "above",
        "below",
        "across",
        "against",
        "along",
        "around",
        "without",
        "within",
        "toward",
        "towards",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "not",
        "no",
        "also",
        "too",
        "very",
        "more",
        "most",
        "less",
        "such",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "where",
        "all",
        "each",
        "every",
        "both",
        "either",
        "neither",
        "any",
        "some",
        "other",
        "another",
        "same",
        "only",
        "even",
        "just",
        "there",
        "here",
    ]
)


def check(segment: Segment, glossary: CompiledGlossary, context: DocumentContext) -> Iterator[Finding]:
    """Yield a finding for each phrase repeated back to back in ``segment``."""
    folded = lower_same_length(segment.text)
    tokens = _TOKEN.findall(folded)
    last_seen: dict[str, int] = {}
    hits: list[tuple[int, int, int]] = []
    resume_at = 0
    for index, token in enumerate(tokens):
        previous = last_seen.get(token)
        last_seen[token] = index
        if previous is None or index < resume_at or index - previous > MAX_WORDS + 2:
            continue
        found = _repetition_at(tokens, previous, index)
        if found is not None:
            length, _ = found
            end = _end_of_copies(tokens, previous, length, index + length)
            hits.append((previous, length, end))
            resume_at = end
    if not hits:
        return
    positions = [match.span() for match in _TOKEN.finditer(folded)]
    for first, length, end in hits:
        yield _finding(segment, glossary, positions, first, length, end)


def _end_of_copies(tokens: list[str], first: int, length: int, end: int) -> int:
    """Return the token index after the last copy, following further copies ("X, X and X")."""
    phrase = tokens[first : first + length]
    while True:
        for separator in _SEPARATORS[1:]:
            start = end + len(separator)
            if tuple(tokens[end:start]) == separator and tokens[start : start + length] == phrase:
                end = start + length
                break
        else:
            return end


def _is_word(token: str) -> bool:
    return token[0].isalnum() or token[0] == "_"


def _repetition_at(tokens: list[str], first: int, second: int) -> tuple[int, tuple[str, ...]] | None:
    """Return ``(length, separator)`` when the phrase at ``first`` repeats at ``second``."""
    gap = second - first
    for separator in _SEPARATORS:
        length = gap - len(separator)
        if not 1 <= length <= MAX_WORDS or second + length > len(tokens):
            continue
        if tuple(tokens[first + length : second]) != separator:
            continue
        phrase = tokens[first : first + length]
        if phrase != tokens[second : second + length] or not all(map(_is_word, phrase)):
            continue
        if all(word.isdigit() for word in phrase) or _is_deliberate(tokens, first, length, separator):
            continue
        return length, separator
    return None


def _is_deliberate(tokens: list[str], first: int, length: int, separator: tuple[str, ...]) -> bool:
    """Return True for repetitions that are good English rather than a collapsed Chinese pair."""
    word = tokens[first]
    if not separator:
        return length == 1 and word in _ADJACENT_OK
    if length == 1:
        if separator != ("and",) or word in _COORDINATED_OK or (word.endswith("er") and len(word) > 4):
            return True
        # "public oversight and oversight ...": the first copy ends a longer phrase.
        before = tokens[first - 1] if first else ""
        if before and _is_word(before) and before not in FUNCTION_WORDS:
            return True
    # "the military and the military strategy": the second copy starts a longer phrase, unless
    # the first copy follows "to" or a modal, when both are verbs ("to strengthen and strengthen Party building").
    after_index = first + 2 * length + len(separator)
    after = tokens[after_index] if after_index < len(tokens) else ""
    before = tokens[first - 1] if first else ""
    return bool(after) and _is_word(after) and after not in FUNCTION_WORDS and before not in VERB_MARKERS


def _finding(
    segment: Segment,
    glossary: CompiledGlossary,
    positions: list[tuple[int, int]],
    first: int,
    length: int,
    end_token: int,
) -> Finding:
    start = positions[first][0]
    end = positions[end_token - 1][1]
    first_copy = segment.text[start : positions[first + length - 1][1]]
    phrase_key = " ".join(_TOKEN.findall(lower_same_length(first_copy)))
    pairs: list[Entry] = list(glossary.doubled.get(phrase_key, ()))
    span = segment.file_span(start, end)
    suggestions = tuple(dict.fromkeys([*(match_case(pair.en, first_copy) for pair in pairs), first_copy]))
    source_pair = next(
        (pair for pair in pairs if segment.source is not None and any(zh in segment.source for zh in pair.zh)), None
    )
    if source_pair is not None:
        replacement = match_case(source_pair.en, first_copy)
        safety = Applicability.SAFE if source_pair.confidence is Confidence.HIGH else Applicability.UNSAFE
        fix = Fix(f'Write "{replacement}" ({source_pair.zh[0]})', (Edit(span, replacement),), safety)
    else:
        fix = Fix("Remove the repeated copies", (Edit(span, first_copy),), Applicability.UNSAFE)
    hint = ""
    if pairs:
        hint = "; e.g. " + ", ".join(f'{pair.zh[0]} "{pair.en}"' for pair in pairs)
    written = " ".join(first_copy.split())
    return Finding(
        code=DUPLICATED.code,
        span=span,
        message=f'"{written}" is repeated: the Chinese probably had two different parallel phrases{hint}',
        severity=DUPLICATED.severity,
        suggestions=suggestions,
        fix=fix,
        entry_id=source_pair.id if source_pair else None,
    )
