"""Source terms (TF401): a Chinese formulation in the source whose standard rendering is not in the translation.

:func:`term_uses` says, for each fixed formulation in a segment's source, how the translation
renders it; the consistency report reads the same.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

from tifa.chinese import normalize_chinese
from tifa.glossary.compile import CompiledGlossary
from tifa.glossary.inflect import last_word_variants
from tifa.glossary.schema import Confidence, Entry, FormKind
from tifa.model import Finding, Severity
from tifa.rules.base import Example, RuleInfo
from tifa.segments import DocumentContext, Segment
from tifa.text import NormalizedText, normalize_phrase

MISSING = RuleInfo(
    "TF401",
    "missing-standard-rendering",
    "a fixed formulation in the Chinese source whose rendering is not in the translation",
    Severity.WARNING,
    doc="""
    What it does
        Where a segment has its Chinese source (PO, XLIFF, bilingual TSV/CSV) and the source holds a
        fixed formulation of the glossary (numbered formulations, theory, Party building, named
        initiatives and institutions; three characters or more), checks that the translation has
        the term's standard or an accepted rendering, or at least two thirds of its content words.
        Traditional and simplified characters, full-width punctuation and quotation marks in the
        source are all read alike.

    Why is this bad?
        A translation that drops or paraphrases a fixed formulation loses the formulation: readers
        who know "the Two Upholds" will not recognise it in "safeguarding the leader's authority".

    Fix safety
        No fix: where the rendering should go in the sentence is for a translator to decide. A
        translation that has one of the term's known wrong renderings is reported by TF101/TF102
        (which name the Chinese term) rather than here.
    """,
    example=Example("Officials must safeguard the core.", source="干部要坚决做到两个维护。"),
)
RULES = (MISSING,)

# Shorter Chinese terms (精神, 干部) have many good renderings in context; only longer, fixed
# formulations are required to appear in their standard form.
MIN_TERM_LENGTH = 3
# Fixed formulations and names must keep their rendering; descriptive policy vocabulary
# (economy, ecology, law, society ...) is often rephrased by official translators themselves.
REQUIRED_CATEGORIES = frozenset(
    {
        "numbered-formulations",
        "ideology",
        "party-building",
        "discipline",
        "initiatives",
        "hk-macao-taiwan",
        "party-institutions",
        "state-organs",
    }
)


class Rendered(Enum):
    """How a source term came out in the translation."""

    STANDARD = "standard"
    ACCEPTED = "accepted"
    WRONG = "wrong"
    OUTDATED = "outdated"
    REPHRASED = "rephrased"  # the content words of a rendering, in other grammar
    MISSING = "missing"


@dataclass(frozen=True, slots=True)
class TermUse:
    """One glossary term found in a segment's source, and what the translation made of it."""

    entry: Entry
    zh: str
    rendered: Rendered
    rendering: str | None  # the glossary form found in the translation


@functools.lru_cache(maxsize=65536)
def _phrase_pattern(key: str) -> re.Pattern[str]:
    """A whole-word pattern for ``key`` that also takes inflections of its first and last words."""
    words = key.split(" ")

    def alternatives(word: str) -> str:
        return "(?:" + "|".join(map(re.escape, sorted({word, *last_word_variants(word)}, key=len, reverse=True))) + ")"

    parts = [re.escape(word) for word in words]
    parts[0] = alternatives(words[0])
    parts[-1] = alternatives(words[-1])
    return re.compile(r"(?<!\w)" + " ".join(parts) + r"(?!\w)")


def _first_found(target: str, forms: tuple[str, ...]) -> str | None:
    for form in forms:
        if _phrase_pattern(normalize_phrase(form)).search(target):
            return form
    return None


def term_uses(segment: Segment, glossary: CompiledGlossary) -> list[TermUse]:
    """Return each glossary term in the segment's source with how the translation rendered it."""
    if not segment.source or not len(glossary.source_terms):
        return []
    source = normalize_chinese(segment.source)
    hits = [
        (last + 1 - length, last + 1, tuple(glossary.entries[number] for number in numbers))
        for last, (length, numbers) in glossary.source_terms.iter(source)
    ]
    # A term inside a longer term (党中央 in 以习近平同志为核心的党中央) is rendered as part of it.
    longest = [
        hit
        for hit in hits
        if not any(
            other[0] <= hit[0] and hit[1] <= other[1] and other[1] - other[0] > hit[1] - hit[0] for other in hits
        )
    ]
    target = NormalizedText.of(segment.text).collapsed
    uses: list[TermUse] = []
    seen: set[str] = set()
    for start, end, entries in longest:
        for entry in entries:
            if entry.id in seen:
                continue
            seen.add(entry.id)
            uses.append(_use(entry, source[start:end], target))
    return uses


_WORD = re.compile(r"\w+")
_ENDINGS = ("ies", "es", "s", "ed", "ing")
_SMALL = frozenset("a an the of in on at by for with from to into and or as its their our".split())
# Official English often rephrases a formulation around its content words ("kept the major
# indicators within the appropriate range"); that much of them must be there.
CONTENT_COVERAGE = 0.67


def _stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def _content_stems(text: str) -> set[str]:
    return {_stem(word) for word in _WORD.findall(text) if word not in _SMALL}


def _conveyed(entry: Entry, target_stems: set[str]) -> str | None:
    """Return the rendering whose content words the translation mostly has, rephrased or not."""
    for rendering in entry.renderings:
        stems = _content_stems(normalize_phrase(rendering))
        if stems and len(stems & target_stems) >= CONTENT_COVERAGE * len(stems):
            return rendering
    return None


def _use(entry: Entry, zh: str, target: str) -> TermUse:
    if _first_found(target, (entry.en,)):
        return TermUse(entry, zh, Rendered.STANDARD, entry.en)
    accepted = _first_found(target, entry.accept)
    if accepted is not None:
        return TermUse(entry, zh, Rendered.ACCEPTED, accepted)
    wrong = _first_found(target, tuple(form.text for form in (*entry.wrong, *entry.wrong_if_source)))
    if wrong is not None:
        return TermUse(entry, zh, Rendered.WRONG, wrong)
    outdated = _first_found(target, tuple(form.text for form in entry.forms if form.kind is FormKind.OUTDATED))
    if outdated is not None:
        return TermUse(entry, zh, Rendered.OUTDATED, outdated)
    rephrased = _conveyed(entry, _content_stems(target))
    if rephrased is not None:
        return TermUse(entry, zh, Rendered.REPHRASED, rephrased)
    return TermUse(entry, zh, Rendered.MISSING, None)


def check(segment: Segment, glossary: CompiledGlossary, context: DocumentContext) -> Iterator[Finding]:
    """Yield a finding for each source term whose rendering the translation lacks."""
    for use in term_uses(segment, glossary):
        if use.rendered is not Rendered.MISSING:
            continue
        if len(use.zh) < MIN_TERM_LENGTH or use.entry.confidence is Confidence.LOW:
            continue
        if use.entry.category not in REQUIRED_CATEGORIES:
            continue
        entry = use.entry
        yield Finding(
            code=MISSING.code,
            span=segment.file_span(0, len(segment.text)),
            message=f'the source has {use.zh}, but the translation has neither its standard rendering "{entry.en}"'
            + (" nor an accepted one" if entry.accept else ""),
            severity=MISSING.severity,
            suggestions=(entry.en,),
            entry_id=entry.id,
        )
