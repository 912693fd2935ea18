"""Inflected variants of a phrase's last word, so that one listed form also finds its plural, -ed and -ing."""

from __future__ import annotations

_VOWELS = frozenset("aeiou")
_SIBILANT_ENDINGS = ("s", "x", "z", "ch", "sh")
# Words with these endings are nouns or adjectives: they take a plural, never -ed or -ing.
_NOUN_ENDINGS = (
    "tion", "sion", "ment", "ness", "ity", "ism", "ist", "ance", "ence", "ship", "hood", "ology",
    "ics", "ure", "ery", "ory", "al", "ic", "ive", "ous", "ful", "less", "ary",
)  # fmt: skip


def last_word_variants(word: str) -> set[str]:
    """Return the usual inflections of an English ``word`` (lower case), without the word itself.

    Generous, but not blind: a variant that is not a real word never occurs in text and costs
    only a key in the automaton, yet -ed and -ing are not put on words whose ending marks them
    as nouns or adjectives ("modernization", "cultural"). Plurals are not made singular: the
    singular of a listed plural ("Four Comprehensives") is too often ordinary English ("four
    comprehensive exams").
    """
    if len(word) < 3 or not word.isalpha():
        return set()
    variants: set[str] = set()
    consonant_y = word.endswith("y") and word[-2] not in _VOWELS
    # plural / third person
    if consonant_y:
        variants.add(word[:-1] + "ies")
    elif word.endswith(_SIBILANT_ENDINGS):
        variants.add(word + "es")
    else:
        variants.add(word + "s")
    # past tense and participles
    if word.endswith(_NOUN_ENDINGS):
        pass
    elif word.endswith("e"):
        variants.add(word + "d")
        if not word.endswith("ee"):
            variants.add(word[:-1] + "ing")
    elif consonant_y:
        variants.add(word[:-1] + "ied")
        variants.add(word + "ing")
    elif not word.endswith("s"):
        variants.add(word + "ed")
        variants.add(word + "ing")
    variants.discard(word)
    return variants


def phrase_variants(key: str) -> set[str]:
    """Return ``key`` (a normalised phrase) with its last word inflected, without ``key`` itself."""
    head, _, last = key.rpartition(" ")
    prefix = f"{head} " if head else ""
    return {prefix + variant for variant in last_word_variants(last)}
