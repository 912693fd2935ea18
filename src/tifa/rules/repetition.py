"""Duplicated phrases (TF201): the same phrase twice in a row, where the Chinese had two parallel phrases.

The text is read as words and marks; a word seen again within a few words may start a second
copy of a phrase, which is then classified (see ``_classify``). Each rule's documentation is in
its ``RuleInfo``.
"""

from __future__ import annotations

import re
import sys
from array import array
from collections.abc import Iterator
from typing import NamedTuple

from tifa.glossary.compile import CompiledGlossary
from tifa.glossary.schema import Confidence, Entry
from tifa.model import Applicability, Edit, Finding, Fix, Severity, Span
from tifa.rules.base import Example, RuleInfo
from tifa.segments import DocumentContext, Segment
from tifa.suggest import match_case
from tifa.text import lower_same_length

DUPLICATED = RuleInfo(
    "TF201",
    "duplicated-phrase",
    'a phrase repeated back to back: "set an example and set an example", "the the"',
    Severity.ERROR,
    doc="""
    What it does
        Finds a phrase of one to six words repeated back to back within a sentence, with nothing,
        "and" or a comma between ("set an example and set an example", "take the lead, take the
        lead", "the the"); an adjective doubled before its noun ("effective and effective
        measures"); and a phrase whose second copy repeats only its head word with nothing of its
        own after it ("important instructions and instructions"). A phrase said three or more
        times in a row is one finding.

    Why is this bad?
        Chinese official prose pairs near-synonymous phrases (走在前、作表率, 有力有效); machine
        translation renders both with the same English words. The sentence then says one thing
        twice and loses half of what the Chinese said.

    What stays silent
        English doubles words on purpose: "more and more", "step by step", "had had", "that that";
        a noun before its compound ("paint and paint brushes", "the military and the military
        strategy"); a second copy with a modifier of its own ("public oversight and oversight
        through public opinion"); an adjective that ends a clause ("dark areas become bright and
        bright areas become dark"); a noun phrase said again as the subject of a new clause ("the
        plan and the plan has been published"); a name after its common noun ("the section Section
        4"), unless it is an article ("the The Party Review").

    Fix safety
        Removing the second copy is unsafe (the source may have meant two things). Where the
        glossary knows the Chinese pair behind the doubled phrase (an entry's ``doubled`` field), its
        rendering is suggested first; the fix puts it in place only when the segment's aligned
        source contains that pair, and is safe only for a high-confidence entry.
    """,
    example=Example(
        "Offices must set an example and set an example.",
        fixed="Offices must set an example.",
    ),
)
RULES = (DUPLICATED,)

MAX_WORDS = 6
_TOKEN = re.compile(r"\w+(?:['\u2019]\w+)*|[^\w\s]")
_SEPARATORS: tuple[tuple[str, ...], ...] = ((), ("and",), (",",), (",", "and"))
# Words English doubles on purpose: "that that", "had had", "bye bye".
_ADJACENT_OK = frozenset(
    "that had her bye so no yes very now there well blah tut chop knock ha ho hush bla la cha boo pom tsk".split()
)
# "more and more", "again and again", "round and round", "on and on", "miles and miles".
_COORDINATED_OK = frozenset(
    """
    more less fewer again over round on through by out up down back in off around neck so such
    years hours days months weeks miles times ages
    """.split()
)
VERB_MARKERS = frozenset("to must should will shall can could may might would".split())
FUNCTION_WORDS = frozenset(
    """
    a an the this that these those its it their our his her my your we they he she i you
    and or but nor so yet as than if when while because although though whether
    of in on at by for with from to into onto upon about over under between among through during before after
    above below across against along around without within toward towards
    is are was were be been being has have had do does did will would shall should can could may might must
    not no also too very more most less such which who whom whose what where all each every both either neither
    any some other another same only even just there here
    """.split()
)
# Verbs after which an adjective ends a clause: "dark areas become bright and bright areas ...".
_COPULAS = frozenset(
    """
    is are was were be been being become becomes became becoming remain remains remained seem seems seemed
    appear appears appeared look looks looked stay stays stayed get gets got grow grows grew turn turns turned
    """.split()
)
# Endings that mark a word as an adjective (MT doubles 有力有效 into "effective and effective").
_ADJECTIVE_ENDINGS = ("ive", "ous", "ful", "ible", "able", "ical", "ific", "istic", "atic", "ized", "ised", "cient")
# Nouns with those endings, used before a compound of their own ("archive and archive files").
_NOUNS_LIKE_ADJECTIVES = frozenset(
    """
    archive directive initiative objective alternative executive relative representative derivative incentive
    motive perspective narrative native primitive explosive detective additive drive
    table cable variable executable vegetable deliverable receivable payable timetable constable syllable
    chemical musical periodical
    """.split()
)
# Common adjectives without such an ending that machine translation doubles (博大精深 → "profound").
_PLAIN_ADJECTIVES = frozenset(
    "profound important significant excellent urgent strict solid firm strong deep broad heavy arduous".split()
)
# Words that open a noun phrase.
_DETERMINERS = frozenset("the a an this that these those its their our his her my your every each".split())
# Verbs that make a noun phrase before them the subject of a clause.
_FINITE_VERBS = frozenset(
    "is are was were has have had will would shall should can could may might must does did do".split()
)
# What may follow a head word doubled without a modifier of its own ("... instructions and instructions.").
_CLAUSE_WORDS = frozenset(["and", "or", "but"])
_CLAUSE_MARKS = frozenset(",;:.!?)\"'\u201d\u2019")
_ARTICLES = frozenset(["the", "a", "an"])
# Marks after which a sentence starts with a capital.
_SENTENCE_ENDS = frozenset(".!?:;\"'\u201c\u2018(")
# Marks that may open a phrase right before its first word: '"the the"', "(set an example and ...".
_OPENING_MARKS = frozenset("(\"'[\u201c\u2018")


class _Hit(NamedTuple):
    """A doubling: the copies run from token ``first``; ``start`` and ``end`` bound the span."""

    start: int  # first token of the span: ``first``, or the modifier before a doubled head word
    first: int  # first token of the first copy
    length: int  # words in one copy
    copies_end: int  # token after the last copy
    end: int  # token after the span: ``copies_end``, or after the noun of a doubled adjective


_LONG_TEXT = 1 << 16


class _Positions:
    """The ``(start, end)`` offsets of a text's tokens, in two arrays rather than a list of tuples."""

    def __init__(self, folded: str) -> None:
        self._starts = array("q")
        self._ends = array("q")
        for match in _TOKEN.finditer(folded):
            self._starts.append(match.start())
            self._ends.append(match.end())

    def __getitem__(self, index: int) -> tuple[int, int]:
        return self._starts[index], self._ends[index]


class _Tokens:
    """The words and punctuation marks of a lower-cased segment text, with their offsets on demand."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = folded = lower_same_length(text)
        if len(folded) < _LONG_TEXT:
            self.words: list[str] = _TOKEN.findall(folded)
        else:  # one string object per distinct word: a long text of few words stays small
            self.words = [sys.intern(match.group()) for match in _TOKEN.finditer(folded)]
        self._positions: _Positions | None = None

    def positions(self) -> _Positions:
        """Return the ``(start, end)`` offsets of every token (computed once, when first needed)."""
        if self._positions is None:
            self._positions = _Positions(self.folded)
        return self._positions

    def same_copies(self, first: int, second: int, length: int) -> bool:
        """Return True when the copies at ``first`` and ``second`` are written alike, but for the case of
        their first letters in an article or where the first copy opens a sentence ("The the", "the The
        Review"); "CUPS and cups", "_Exit and _exit" and "the section Section 2" (a name after its common
        noun) are two words."""
        positions = self.positions()
        one = [self.text[slice(*positions[index])] for index in range(first, first + length)]
        two = [self.text[slice(*positions[index])] for index in range(second, second + length)]
        if one[1:] != two[1:] or one[0][1:] != two[0][1:]:
            return False
        if one[0] == two[0] or self.words[first] in _ARTICLES:  # "read the The Party Review"
            return True
        return first == 0 or self.words[first - 1] in _SENTENCE_ENDS

    def in_columns(self, first: int, second: int) -> bool:
        """Return True when a tab or a run of spaces within a line separates tokens ``first`` and
        ``second``: table cells ("html      html DTD"), not a phrase said twice."""
        positions = self.positions()
        gap = self.text[positions[first][1] : positions[second][0]]
        return "\n" not in gap and ("\t" in gap or "   " in gap)

    def ends_clause(self, index: int) -> bool:
        """Return True when token ``index`` ends the text, or is "and", or is a clause mark before a space."""
        if index >= len(self.words) or self.words[index] in _CLAUSE_WORDS:
            return True
        if self.words[index] not in _CLAUSE_MARKS:
            return False
        after = self.positions()[index][1]
        following = self.folded[after : after + 1]
        return not following or following.isspace() or following in _CLAUSE_MARKS

    def continues_word(self, index: int) -> bool:
        """Return True when token ``index`` is a mark that joins the word before it to more ("C++",
        "cups-filters", "Release.gpg", "bool()"): that word is not the copy it looks like."""
        if index >= len(self.words) or _is_word(self.words[index]) or self.ends_clause(index):
            return False
        positions = self.positions()
        return positions[index][0] == positions[index - 1][1]

    def joined_before(self, index: int) -> bool:
        """Return True when token ``index`` is joined to a mark before it ("cost-effective", "left-to-right")."""
        if index == 0 or _is_word(self.words[index - 1]) or self.words[index - 1] in _OPENING_MARKS:
            return False
        positions = self.positions()
        return positions[index - 1][1] == positions[index][0]


def check(segment: Segment, glossary: CompiledGlossary, context: DocumentContext) -> Iterator[Finding]:
    """Yield one finding for each run of a phrase repeated back to back in ``segment``."""
    text = _Tokens(segment.text)
    tokens = text.words
    last_seen: dict[str, int] = {}
    hits: list[_Hit] = []
    resume_at = 0
    for index, token in enumerate(tokens):
        previous = last_seen.get(token)
        last_seen[token] = index
        if previous is None or index < resume_at or index - previous > MAX_WORDS + 2:
            continue
        hit = _repetition_at(text, previous, index)
        if hit is not None:
            hits.append(hit)
            resume_at = hit.end
    for hit in hits:
        yield _finding(segment, glossary, text.positions(), hit)


def _is_adjective(word: str) -> bool:
    """Return True when the lower-case ``word`` looks like an adjective ("effective", "arduous")."""
    if word in _PLAIN_ADJECTIVES:
        return True
    return len(word) > 5 and word.endswith(_ADJECTIVE_ENDINGS) and word not in _NOUNS_LIKE_ADJECTIVES


def _end_of_copies(tokens: list[str], first: int, length: int, end: int) -> int:
    """Return the token index after the last copy, following further copies ("X, X and X", "X X X")."""
    phrase = tokens[first : first + length]
    while True:
        for separator in _SEPARATORS:
            start = end + len(separator)
            if tuple(tokens[end:start]) == separator and tokens[start : start + length] == phrase:
                end = start + length
                break
        else:
            return end


def _is_word(token: str) -> bool:
    return token[0].isalnum() or token[0] == "_"


def _is_content(token: str) -> bool:
    return bool(token) and _is_word(token) and token not in FUNCTION_WORDS


def _repetition_at(text: _Tokens, first: int, second: int) -> _Hit | None:
    """Return the doubling when the phrase at ``first`` repeats at ``second``, else None."""
    tokens = text.words
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
        if length > 1 and "and" in (phrase[0], phrase[-1]):
            continue  # "X and X and ...": the copies are X, with "and" between
        if not text.same_copies(first, second, length) or (not separator and text.in_columns(second - 1, second)):
            continue
        if all(word.isdigit() for word in phrase):
            continue
        hit = _classify(text, first, length, separator)
        if hit is not None:
            return hit
    return None


def _classify(text: _Tokens, first: int, length: int, separator: tuple[str, ...]) -> _Hit | None:
    """Return the doubling at ``first`` with its span, or None for good English repetition."""
    tokens = text.words
    word = tokens[first]
    copies_end = _end_of_copies(tokens, first, length, first + 2 * length + len(separator))
    if text.continues_word(copies_end) or text.joined_before(first):
        return None
    plain = _Hit(first, first, length, copies_end, copies_end)
    if not separator:
        return None if length == 1 and word in _ADJACENT_OK else plain
    before = tokens[first - 1] if first else ""
    after = tokens[copies_end] if copies_end < len(tokens) else ""
    if length == 1:
        if separator != ("and",) or word in _COORDINATED_OK or (word.endswith("er") and len(word) > 4):
            return None
        if _is_adjective(word):
            # "effective and effective measures"; but "areas become bright and bright areas become dark".
            if not _is_content(after):
                return plain
            return None if before in _COPULAS else plain._replace(end=copies_end + 1)
        if _is_content(before):
            # "important instructions and instructions": the second copy has nothing of its own;
            # "public oversight and oversight through public opinion": it has.
            if text.ends_clause(copies_end):
                return plain._replace(start=first - 1)
            return None
    noun_phrase = word in _DETERMINERS
    if noun_phrase and after in _FINITE_VERBS:
        # "uploaded the package and the package has moved": the second copy is the subject of a new clause.
        return None
    # "the military and the military strategy": the second copy starts a longer phrase, unless
    # the first copy follows "to" or a modal, when both are verbs ("to strengthen and strengthen Party
    # building"); a copy that starts with an article is no verb ("access to the backup, the backup manifest").
    return None if _is_content(after) and (before not in VERB_MARKERS or noun_phrase) else plain


def _finding(segment: Segment, glossary: CompiledGlossary, positions: _Positions, hit: _Hit) -> Finding:
    text = segment.text
    start = positions[hit.start][0]
    end = positions[hit.end - 1][1]
    copy_start = positions[hit.first][0]
    copy_end = positions[hit.first + hit.length - 1][1]
    first_copy = text[copy_start:copy_end]
    prefix = text[start:copy_start]  # the modifier of a doubled head word
    suffix = text[positions[hit.copies_end - 1][1] : end]  # the noun after a doubled adjective
    phrase_key = " ".join(_TOKEN.findall(lower_same_length(first_copy)))
    pairs: list[Entry] = list(glossary.doubled.get(phrase_key, ()))
    span = segment.file_span(start, end)
    kept = prefix + first_copy + suffix
    renderings = {pair.id: match_case(prefix + pair.en + suffix, kept) for pair in pairs}
    suggestions = tuple(dict.fromkeys([*renderings.values(), kept]))
    source_pair = next(
        (pair for pair in pairs if segment.source is not None and any(zh in segment.source for zh in pair.zh)), None
    )
    from_source = None if source_pair or not segment.source else _from_source(segment, glossary, first_copy, kept, span)
    hint = "; e.g. " + ", ".join(f'{pair.zh[0]} "{pair.en}"' for pair in pairs) if pairs else ""
    if source_pair is not None:
        replacement = renderings[source_pair.id]
        safety = Applicability.SAFE if source_pair.confidence is Confidence.HIGH else Applicability.UNSAFE
        fix = Fix(f'Write "{replacement}" ({source_pair.zh[0]})', (Edit(span, replacement),), safety)
    elif from_source is not None:
        suggestions, fix, hint = from_source
    else:
        fix = Fix("Remove the repeated copies", (Edit(span, kept),), Applicability.UNSAFE)
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


def _from_source(
    segment: Segment, glossary: CompiledGlossary, first_copy: str, kept: str, span: Span
) -> tuple[tuple[str, ...], Fix, str] | None:
    """Suggestions, fix and hint from a parallel pair of the segment's source whose members came out alike.

    One member's English is kept; the other's is the glossary's standard rendering (the fix is
    then safe for a high-confidence entry) or a dictionary gloss (unsafe: not an official rendering).
    """
    from tifa.bilingual.pairs import distinct_renderings  # only for a segment with a source: start-up counts

    assert segment.source is not None
    found = distinct_renderings(" ".join(first_copy.split()), segment.source, glossary)
    if found is None:
        return None
    prefix, _, suffix = kept.partition(first_copy)
    distinct = [match_case(prefix + phrase + suffix, kept) for phrase in found.phrases]
    safety = Applicability.SAFE if found.official else Applicability.UNSAFE
    pair = "、".join(found.zh)
    fix = Fix(f'Write "{distinct[0]}" ({pair})', (Edit(span, distinct[0]),), safety)
    return tuple(dict.fromkeys([*distinct, kept])), fix, f"; the source has {pair}"
