"""English words as every rule sees them: function words, number words and one stemmer.

Rules compare English by *stems* so that "maintenance", "maintenances" and "maintaining"
count as one word, and by *content* so that "the", "of" and "'s" never decide a match. The
stemmer is the Snowball English (Porter2) stemmer from the ``snowballstemmer`` package, with
irregular forms the stemmer cannot know and a light derivational fold on top ("socialist",
"socialism" → one stem; "supervisory", "supervision" → one stem), because machine
translation picks any derived form of a dictionary sense.
"""

from __future__ import annotations

import functools
import re

import snowballstemmer

# Articles, prepositions, conjunctions and possessive endings: machine translation inserts
# and drops them freely, so they never count as a word of a rendering.
FUNCTION_WORDS = frozenset(
    """
    a an the of in on at by for with from to into and or as 's s its their our his her this that these those
    itself themselves oneself ourselves himself herself
    """.split()
)
# What joins the words of a compound rendered word by word: "carbon peak and carbon
# neutrality", "governance of the party", "the Party's building".
COMPOUND_LINKS = frozenset("a an the of 's s and".split())
# Function words plus the commonest words that tell no formulation from another.
STOPWORDS = frozenset(
    """
    a an the and or of in on at by for with from to into as is are be been was were it its this that these
    those our their his her we they all any each every other new more most such than then there here
    """.split()
)

NUMBER_WORDS = {
    "0": "zero", "1": "one", "2": "two", "3": "three", "4": "four", "5": "five", "6": "six", "7": "seven",
    "8": "eight", "9": "nine", "10": "ten", "11": "eleven", "12": "twelve", "20": "twenty", "100": "hundred",
}  # fmt: skip
ORDINALS = {
    "first": "one", "second": "two", "third": "three", "fourth": "four", "fifth": "five", "sixth": "six",
    "seventh": "seven", "eighth": "eight", "ninth": "nine", "tenth": "ten", "twentieth": "twenty",
    "1st": "one", "2nd": "two", "3rd": "three", "4th": "four", "5th": "five", "6th": "six", "20th": "twenty",
}  # fmt: skip

# Forms the Snowball stemmer leaves apart from their base word.
IRREGULAR = {
    "built": "build", "fought": "fight", "held": "hold", "taken": "take", "took": "take", "made": "make",
    "brought": "bring", "bought": "buy", "sought": "seek", "thought": "thought", "led": "lead", "kept": "keep",
    "won": "win", "grown": "grow", "grew": "grow", "drawn": "draw", "drew": "draw", "given": "give", "gave": "give",
    "chosen": "choose", "chose": "choose", "set": "set", "laid": "lay", "stood": "stand", "understood": "understand",
    "men": "man", "women": "woman", "people": "people", "children": "child", "lives": "life", "feet": "foot",
    "better": "good", "best": "good", "worse": "bad", "worst": "bad", "greater": "great", "greatest": "great",
}  # fmt: skip

# Derivational endings folded after stemming, longest first: "socialist"/"socialism" →
# "social", "supervisori" → "supervis", "disciplinari" → "disciplin".
_DERIVATIONAL = ("ist", "ism", "ori", "ari", "iti")
_MIN_STEM = 4

_stemmer = snowballstemmer.stemmer("english")

WORD = re.compile(r"[^\W_]+")


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Return the stem of a lower-case English ``word`` ("maintenances" → "mainten").

    Digits and ordinals become number words ("6", "sixth" → "six"), irregular forms their base
    ("built" → "build"), and derived forms share a stem ("socialist", "socialism").
    """
    if word in NUMBER_WORDS:
        return NUMBER_WORDS[word]
    if word in ORDINALS:
        return ORDINALS[word]
    word = IRREGULAR.get(word, word)
    stemmed: str = _stemmer.stemWord(word)
    for ending in _DERIVATIONAL:
        if stemmed.endswith(ending) and len(stemmed) - len(ending) >= _MIN_STEM:
            return stemmed[: -len(ending)]
    return stemmed


def content_stems(text: str) -> frozenset[str]:
    """Return the stems of the content words of a lower-case ``text``."""
    return frozenset(stem(word) for word in WORD.findall(text) if word not in FUNCTION_WORDS)


def is_function_word(word: str) -> bool:
    """Return True for a lower-case word that never counts as a word of a rendering."""
    return word in FUNCTION_WORDS
