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
# Forms of "be": a literal rendering of a slogan ("green waters and green mountains are gold
# and silver mountains") puts them where the Chinese had 就是 or nothing at all.
LINKING_VERBS = frozenset("is are was were be been being".split())
# Prepositions beyond the commonest ones in FUNCTION_WORDS.
MORE_PREPOSITIONS = frozenset(
    "over under about among amongst through throughout towards toward within upon across between against via according"
    " accordance".split()
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

_CHINESE_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_number(text: str) -> int | None:
    """The value of a Chinese number below 1,000 (十九 → 19, 二十 → 20, 一百 → 100), or None."""
    total = current = 0
    for character in text:
        if character in _CHINESE_DIGITS:
            if current:
                return None  # two digits in a row ("九二" is a year, not a number)
            current = _CHINESE_DIGITS[character]
        elif character in "十百":
            total += (current or 1) * (10 if character == "十" else 100)
            current = 0
        else:
            return None
    value = total + current
    return value or None


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


# British spellings that machine translation and official English both use, read as American
# ones so that "modernisation" and "modernization" share a stem.
_BRITISH = re.compile(r"isation(?=s?$)|^centre(?=s?$)|^defence(?=s?$)|^programme(?=s?$)")
_AMERICAN = {"isation": "ization", "centre": "center", "defence": "defense", "programme": "program"}


def _american(match: re.Match[str]) -> str:
    return _AMERICAN[match.group()]


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Return the stem of a lower-case English ``word`` ("maintenances" → "mainten").

    Digits become number words ("6" → "six"; ordinals stay apart: "second" is not 两), irregular forms their base
    ("built" → "build"), and derived forms share a stem ("socialist", "socialism").
    """
    word = NUMBER_WORDS.get(word, word)
    word = IRREGULAR.get(word, word)
    word = _BRITISH.sub(_american, word)
    stemmed: str = _stemmer.stemWord(word)
    for ending in _DERIVATIONAL:
        if stemmed.endswith(ending) and len(stemmed) - len(ending) >= _MIN_STEM:
            return stemmed[: -len(ending)]
    return stemmed


def content_stems(text: str) -> frozenset[str]:
    """Return the stems of the content words of a lower-case ``text``."""
    return frozenset(stem(word) for word in WORD.findall(text) if word not in FUNCTION_WORDS)


# Word lists of the glossary matcher's tolerance (tifa.glossary.inflect): what a listed wrong
# form may also be written as.

# Words with these endings are nouns or adjectives: they take a plural, never -ed or -ing.
NOUN_OR_ADJECTIVE_ENDINGS = (
    "tion", "sion", "ment", "ness", "ity", "ism", "ance", "ence", "ship", "hood", "ology",
    "ics", "ure", "ery", "ory", "al", "ic", "ive", "ous", "ful", "less", "ary",
)  # fmt: skip
# Endings that mark an abstract noun and nothing else: a number word before one in the singular
# ("six stability") is not English, unlike one before an adjective ("four comprehensive exams")
# or a verb ("the six ensure that").
ABSTRACT_NOUN_ENDINGS = (
    "tion", "sion", "ment", "ness", "ity", "ism", "ance", "ence", "ancy", "ency", "ship", "hood",
)  # fmt: skip
# The inflections a regular rule cannot make: past tense and participles of verbs, plurals.
IRREGULAR_VERB_FORMS = {
    "build": ("built",), "fight": ("fought",), "hold": ("held",), "take": ("took", "taken"),
    "make": ("made",), "bring": ("brought",), "buy": ("bought",), "seek": ("sought",), "lead": ("led",),
    "keep": ("kept",), "win": ("won",), "grow": ("grew", "grown"), "draw": ("drew", "drawn"),
    "give": ("gave", "given"), "choose": ("chose", "chosen"), "lay": ("laid",), "stand": ("stood",),
    "understand": ("understood",), "run": ("ran",), "write": ("wrote", "written"), "speak": ("spoke", "spoken"),
    "hear": ("heard",), "teach": ("taught",), "think": ("thought",), "set": (), "put": (), "cut": (),
    "uphold": ("upheld",), "undertake": ("undertook", "undertaken"), "strive": ("strove", "striven"),
    "break": ("broke", "broken"), "rise": ("rose", "risen"), "see": ("saw", "seen"),
    "go": ("went", "gone", "goes"), "do": ("did", "done", "does"), "get": ("got", "gotten"), "spread": (),
    "meet": ("met",), "tell": ("told",), "say": ("said",), "feel": ("felt",), "sell": ("sold",), "sit": ("sat",),
    "let": (),
}  # fmt: skip
IRREGULAR_PLURALS = {"man": "men", "woman": "women", "child": "children", "life": "lives", "foot": "feet"}

_UNITS = "zero one two three four five six seven eight nine".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINAL_WORDS = {
    "one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth", "nine": "ninth",
    "twelve": "twelfth",
}  # fmt: skip


def _cardinal(number: int) -> str:
    if number < 10:
        return _UNITS[number]
    if number < 20:
        return _TEENS[number - 10]
    tens, units = divmod(number, 10)
    return _TENS[tens] + (f" {_UNITS[units]}" if units else "")


def _ordinal(number: int) -> str:
    *head, last = _cardinal(number).split(" ")
    if last in _ORDINAL_WORDS:
        last = _ORDINAL_WORDS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return " ".join((*head, last))


def _suffix(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


def ordinal(number: int) -> str:
    """The ordinal of ``number`` in digits: 1st, 2nd, 3rd, 11th, 19th, 22nd."""
    return f"{number}{_suffix(number)}"


def ordinal_words(number: int) -> str:
    """The ordinal of ``number`` below 100 in words: "sixth", "nineteenth", "twenty first"."""
    return _ordinal(number)


# Numerals and the number words machine translation writes for them, as matching keys (a hyphen
# reads as a space): "6" ↔ "six", "21" ↔ "twenty one", "20th" ↔ "twentieth".
CARDINAL_NUMERALS = {str(number): _cardinal(number) for number in range(100)}
ORDINAL_NUMERALS = {ordinal(number): _ordinal(number) for number in range(1, 100)}
# Verbs that head the verb phrases of political texts ("administer the Party strictly"), whatever
# their ending says ("implement", "ensure" end like nouns); the matcher inflects them anywhere.
POLITICAL_VERBS = frozenset(
    """
    accelerate achieve adhere administer adopt advance apply attain beat boost build carry combat
    consolidate construct crack create cultivate deepen defend develop do eliminate enhance ensure
    establish expand explore fight forge foster govern grasp guarantee guard handle hold implement
    improve insist integrate launch lead learn listen maintain make manage obey oppose optimize
    overcome persist practice practise prevent promote protect punish pursue push raise rectify reduce
    reform resolve revitalize run safeguard secure seek serve solve speak stabilize stick strengthen
    strive study supervise support tackle take tell unite uphold win
    """.split()
)
