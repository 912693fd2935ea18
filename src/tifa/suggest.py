"""Make a suggested rendering fit the text it replaces: sentence-start capitals, titles, articles."""

from __future__ import annotations

import re

_SMALL_WORDS = frozenset(
    ["a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the", "to", "with"]
)
_ARTICLE = re.compile(r"^(?:the|a|an) ", re.IGNORECASE)
_DETERMINER_BEFORE = re.compile(
    r"(?:^|\W)(?:the|a|an|this|that|these|those|its|their|our|his|her|my|your)\W*$", re.IGNORECASE
)


def _is_title_case(words: list[str]) -> bool:
    significant = [word for word in words if word.lower() not in _SMALL_WORDS]
    return len(significant) >= 2 and all(word[:1].isupper() for word in significant)


def _capitalize_parts(word: str) -> str:
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


def _title(phrase: str) -> str:
    words = phrase.split(" ")
    return " ".join(
        word if (index and word.lower() in _SMALL_WORDS) else _capitalize_parts(word)
        for index, word in enumerate(words)
    )


def match_case(rendering: str, written: str) -> str:
    """Return ``rendering`` cased like ``written``, unless the rendering has capitals of its own.

    A lower-case rendering takes a capital at a capitalised start (sentence start) and title
    case in a title-cased span; a rendering with capitals (a name) is kept as it is, except that
    an all-capitals span gives an all-capitals suggestion.
    """
    letters = [ch for ch in written if ch.isalpha()]
    if len(letters) > 1 and all(ch.isupper() for ch in letters):
        return rendering.upper()
    if rendering != rendering.lower():
        return rendering
    words = re.split(r"[\s\-\u2010\u2011]+", written)
    if _is_title_case(words):
        return _title(rendering)
    if written[:1].isupper():
        return rendering[:1].upper() + rendering[1:]
    return rendering


# How much of the text before a span decides its article.
ARTICLE_CONTEXT = 40


def text_before(text: str, start: int) -> str:
    """The text before offset ``start`` that :func:`adapt` reads: a slice of bounded length, not the whole prefix."""
    return text[max(0, start - ARTICLE_CONTEXT) : start]


def fit_article(rendering: str, text_before: str) -> str:
    """Drop a rendering's leading article when the text already has a determiner before the span."""
    if _ARTICLE.match(rendering) and _DETERMINER_BEFORE.search(text_before[-ARTICLE_CONTEXT:]):
        return _ARTICLE.sub("", rendering, count=1)
    return rendering


def adapt(rendering: str, written: str, text_before: str) -> str:
    """Return ``rendering`` as it should replace ``written`` after ``text_before``."""
    return match_case(fit_article(rendering, text_before), written)
