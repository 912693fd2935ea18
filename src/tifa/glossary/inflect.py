"""Variants of a listed wrong form: what machine translation also writes for the same literal rendering.

A form found only as listed misses most of its occurrences: machine translation inflects it
("administering the party strictly"), writes its number in digits ("6 stabilities"), puts a
plural in the singular ("four self-confidence") and turns a possessive round ("leadership of
the Party"). :func:`phrase_variants` returns those variants of one form, bounded so that a large
glossary keeps a small automaton:

* the last word (the head of a noun phrase, or a verb) takes its plural, -ed and -ing;
* a word before the last takes -s, -ed and -ing when it is a verb (a known one, or one followed
  by its object's article or preposition), and its plural when it heads an "of" phrase; other
  words are modifiers and keep their form (see :func:`_middle_word_variants`);
* a plural last word is made singular only when the form has at least two content words and the
  singular ends as an abstract noun ("-ity", "-ence", "-tion"...), see :func:`singular`;
* numbers are swapped between digits and words, all of them at once ("20th" ↔ "twentieth");
* a form of exactly two content words swaps its possessive and "of" ("the party's leadership" ↔
  "leadership of the party").

Variants are never combined with one another, and a form has at most :data:`MAX_VARIANTS`.
Whether a variant may stand (it never does for a correct rendering) is decided by the compiler.
"""

from __future__ import annotations

import functools
import re

from tifa.english import (
    ABSTRACT_NOUN_ENDINGS,
    CARDINAL_NUMERALS,
    FUNCTION_WORDS,
    IRREGULAR_PLURALS,
    IRREGULAR_VERB_FORMS,
    NOUN_OR_ADJECTIVE_ENDINGS,
    ORDINAL_NUMERALS,
    POLITICAL_VERBS,
)

MAX_VARIANTS = 16
_VOWELS = frozenset("aeiou")
_SIBILANT_ENDINGS = ("s", "x", "z", "ch", "sh")
# A final consonant that is doubled before -ed and -ing after one short vowel: in one syllable
# ("plan", "set"), and in the stressed endings of longer verbs ("control", "commit", "prefer").
_DOUBLED = frozenset("bdglmnprt")
_STRESSED_ENDINGS = ("ol", "el", "it", "fer", "cur", "pel")
_COORDINATORS = frozenset(("and", "or"))
# What starts a verb's object: articles, possessive and demonstrative words ("administer the",
# "strengthen its"); and, after the first word of a form, a preposition ("listen to").
_DETERMINERS = frozenset("the a an its their our his her this that these those".split())
_PREPOSITIONS = FUNCTION_WORDS - _DETERMINERS - _COORDINATORS - {"of", "as", "'s", "s"}
_NUMERAL_OF = {**CARDINAL_NUMERALS, **ORDINAL_NUMERALS}
_WORDS_OF = {words: numeral for numeral, words in _NUMERAL_OF.items()}
_LONGEST_NUMBER = max(words.count(" ") + 1 for words in _WORDS_OF)
_NUMBER_TOKENS = frozenset(_NUMERAL_OF) | {word for words in _WORDS_OF for word in words.split(" ")}
_POSSESSIVE = re.compile(r"(?:(?:the|a|an) )?([^\W_]+)(?:'s|') ([^\W_]+)")
_OF = re.compile(r"(?:(?:the|a|an) )?([^\W_]+) of (?:(the|a|an) )?([^\W_]+)")


def _plural(word: str) -> str:
    """Return the plural (or third person) of ``word``, which is ``word`` itself if it already looks plural."""
    if word in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[word]
    if word.endswith("y") and word[-2] not in _VOWELS:
        return word[:-1] + "ies"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word  # "maintenances", not "maintenanceses"
    if word.endswith(_SIBILANT_ENDINGS):
        return word + "es"
    return word + "s"


def _doubles_final_consonant(word: str) -> bool:
    """Return True when the last consonant may double before -ed and -ing ("plan", "control", "commit")."""
    return (
        word[-1] in _DOUBLED
        and word[-2] in _VOWELS
        and word[-3] not in _VOWELS
        and (len(word) <= 4 or word.endswith(_STRESSED_ENDINGS))
    )


@functools.lru_cache(maxsize=65536)
def verb_variants(word: str) -> frozenset[str]:
    """Return the past tense, participles and third person of ``word`` if its ending allows a verb.

    Words whose ending marks a noun or an adjective ("modernization", "cultural") have none, and
    neither have forms that are inflected already ("building", "adopted"), unless they are known
    verbs (:data:`POLITICAL_VERBS`: "implement", "ensure").
    """
    if len(word) < 2 or not word.isalpha():
        return frozenset()
    if word not in POLITICAL_VERBS and word.endswith((*NOUN_OR_ADJECTIVE_ENDINGS, "ing", "ed")):
        return frozenset()
    variants = {_plural(word)} if word not in IRREGULAR_PLURALS else {word + "s"}
    if word in IRREGULAR_VERB_FORMS:
        if any(form.endswith("s") for form in IRREGULAR_VERB_FORMS[word]):  # "does", "goes"
            variants = set()
        if word.endswith("e") and not word.endswith("ee"):
            stem = word[:-1]  # "make" → "making"
        elif len(word) > 2 and _doubles_final_consonant(word):
            stem = word + word[-1]  # "win" → "winning"
        else:
            stem = word
        return frozenset(variants | set(IRREGULAR_VERB_FORMS[word]) | {stem + "ing"})
    if word.endswith("ee"):
        variants |= {word + "d", word + "ing"}
    elif word.endswith("e"):
        variants |= {word + "d", word[:-1] + "ing"}
    elif word.endswith("y") and word[-2] not in _VOWELS:
        variants |= {word[:-1] + "ied", word + "ing"}
    elif not word.endswith("s"):
        variants |= {word + "ed", word + "ing"}
        if len(word) > 2 and _doubles_final_consonant(word):
            variants |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return frozenset(variants)


@functools.lru_cache(maxsize=65536)
def last_word_variants(word: str) -> frozenset[str]:
    """Return the usual inflections of an English ``word`` (lower case), without the word itself.

    Generous, but not blind: a variant that is not a real word never occurs in text and costs
    only a key in the automaton, yet -ed and -ing are not put on words whose ending marks them
    as nouns or adjectives ("modernization", "cultural"). Plurals are not made singular here:
    the singular of a listed plural ("Four Comprehensives") is too often ordinary English ("four
    comprehensive exams"); :func:`singular` makes the few that are not.
    """
    if len(word) < 3 or not word.isalpha():
        return frozenset()
    return (verb_variants(word) | {_plural(word)}) - {word}


def singular(word: str) -> str | None:
    """Return the singular of the plural ``word`` when that singular can only be an abstract noun.

    "stabilities" → "stability", "self-confidences" (its last word) → "confidence"; but none for
    "comprehensives" ("four comprehensive exams" is ordinary English), "ensures" (a verb: "the six
    ensure that") or "winds": after a number word, a singular that is not an abstract noun is
    usually an adjective, a verb or the first noun of a compound ("four wind turbines").

    An abstract noun can head a compound too ("two confirmation calls"); that is rare in
    ordinary English, and a listed form's conditions (``not_before``, ``context``) hold for its
    singular as for every variant, so an entry that meets such a compound says so there.
    """
    for plural_ending, singular_ending in (("ies", "y"), ("es", ""), ("s", "")):
        if word.endswith(plural_ending):
            candidate = word[: len(word) - len(plural_ending)] + singular_ending
            if candidate.endswith(ABSTRACT_NOUN_ENDINGS) and _plural(candidate) == word:
                return candidate
    return None


def numeral_variants(key: str) -> set[str]:
    """Return ``key`` with all its numbers in digits, and with all in words ("6" ↔ "six", "20th" ↔ "twentieth")."""
    words = key.split(" ")
    if _NUMBER_TOKENS.isdisjoint(words):
        return set()
    as_words = [_NUMERAL_OF.get(word, word) for word in words]
    as_digits: list[str] = []
    position = 0
    while position < len(words):
        for size in range(min(_LONGEST_NUMBER, len(words) - position), 0, -1):
            numeral = _WORDS_OF.get(" ".join(words[position : position + size]))
            if numeral is not None:
                as_digits.append(numeral)
                position += size
                break
        else:
            as_digits.append(words[position])
            position += 1
    return {" ".join(as_words), " ".join(as_digits)} - {key}


def possessive_variants(key: str) -> set[str]:
    """Swap possessive and "of" in a form of two content words ("the party's leadership" ↔ "leadership of the party").

    A form of more content words is left alone: which of them the possessive governs is unknown.
    """
    if (match := _POSSESSIVE.fullmatch(key)) is not None:
        owner, owned = match.groups()
        if _is_content(owner) and _is_content(owned):
            return {f"{owned} of the {owner}", f"{owned} of {owner}"}
    elif (match := _OF.fullmatch(key)) is not None:
        owned, _, owner = match.groups()
        if _is_content(owner) and _is_content(owned):
            return {f"{owner}' {owned}" if owner.endswith("s") else f"{owner}'s {owned}"}
    return set()


def _is_content(word: str) -> bool:
    return word not in FUNCTION_WORDS and not word.isdigit()


def _middle_word_variants(words: list[str]) -> list[str]:
    """Inflect the words before the last that can be inflected: verbs, and nouns that head a phrase.

    A word takes -s, -ed and -ing when it is a known verb (:data:`POLITICAL_VERBS`), comes right
    before a determiner, where a verb meets its object ("administer the party strictly"), or is the
    first word and comes before a preposition ("listen to"; further in, "the army by law" is a
    noun's). Verbs coordinated by "and" or "or" also change together ("building ... and
    implementing"). A word right before "of" heads a noun phrase and takes only
    its plural ("goals of the struggle"). Other words are modifiers and keep their form.
    """
    verbs: list[int] = []
    found: list[str] = []
    for position, word in enumerate(words[:-1]):
        if word in FUNCTION_WORDS or word in _NUMBER_TOKENS:
            continue
        following = words[position + 1]
        takes_object = following in _DETERMINERS or (position == 0 and following in _PREPOSITIONS)
        if word in POLITICAL_VERBS or (takes_object and verb_variants(word)):
            verbs.append(position)
        elif following == "of" and len(word) > 2 and word.isalpha() and (plural := _plural(word)) != word:
            found.append(" ".join((*words[:position], plural, *words[position + 1 :])))
    for position in verbs:
        for variant in sorted(verb_variants(words[position])):
            found.append(" ".join((*words[:position], variant, *words[position + 1 :])))
    if len(verbs) > 1:
        for suffix in ("ing", "ed", "s"):
            joint = list(words)
            for position in verbs:
                joint[position] = next(
                    (form for form in sorted(verb_variants(words[position])) if form.endswith(suffix)), words[position]
                )
            found.append(" ".join(joint))
    return found


def phrase_variants(key: str) -> set[str]:
    """Return the variants of ``key`` (a normalised wrong form), without ``key`` itself.

    At most :data:`MAX_VARIANTS`, chosen in this order: the last word inflected (and made
    singular where :func:`singular` allows it), numbers swapped, possessive swapped, the other
    words inflected.
    """
    words = key.split(" ")
    head, last = words[:-1], words[-1]
    ordered = [" ".join((*head, variant)) for variant in sorted(last_word_variants(last))]
    content_words = sum(1 for word in words if word not in FUNCTION_WORDS)
    plain = singular(last) if content_words >= 2 else None
    if plain is not None:
        ordered.append(" ".join((*head, plain)))
    ordered += sorted(numeral_variants(key))
    ordered += sorted(possessive_variants(key))
    ordered += _middle_word_variants(words)
    variants: list[str] = []
    for variant in dict.fromkeys(ordered):
        if variant != key and len(variants) < MAX_VARIANTS:
            variants.append(variant)
    return set(variants)
