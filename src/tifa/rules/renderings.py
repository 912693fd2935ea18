"""Renderings the glossary knows: wrong and outdated forms, and misspelt standard forms (TF101-TF104).

One pass of the compiled automaton finds every glossary form in a segment; each form found
is reported by the rule its kind belongs to. Each rule's documentation is in its ``RuleInfo``.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator

from tifa.chinese import normalize_chinese
from tifa.glossary.compile import CompiledGlossary, KeyMatch, Target, TargetKind, condition_holds
from tifa.glossary.schema import Confidence, Entry, FormKind
from tifa.model import Applicability, Edit, Finding, Fix, Severity, Span
from tifa.rules.base import Example, RuleInfo
from tifa.segments import DocumentContext, Segment
from tifa.suggest import adapt, text_before
from tifa.text import NormalizedText, normalize_phrase, normalize_written

WRONG = RuleInfo(
    "TF101",
    "wrong-rendering",
    'a literal or mistaken rendering the glossary lists: "two safeguards" → Two Upholds',
    Severity.ERROR,
    severity_note="warning for low-confidence entries",
    doc="""
    What it does
        Finds the wrong renderings the glossary lists for each formulation ("two maintenances",
        "Chinese-style modernization", "leader cadres") in one pass of the compiled automaton, with
        their inflected, singular and possessive variants, and suggests the standard rendering.
        Forms that are also ordinary English fire only in the context the glossary gives them (a
        telling word in the sentence, a Party or state text, or the Chinese term in the aligned
        source). A wrong form inside a standard or accepted rendering is never reported.

    Why is this bad?
        Official English renders Party and state formulations in fixed ways; a literal rendering
        ("two maintenances") hides the formulation from readers who know the official one.

    Fix safety
        Safe when the entry is high confidence, marked ``replace``, the form is listed as written
        and belongs to one entry; unsafe for inflected variants, medium confidence and forms that
        several entries list; suggestion only for low-confidence entries and entries not marked
        ``replace``. Low-confidence entries give warnings, not errors.
    """,
    example=Example(
        "The meeting urged officials to achieve the two maintenances.",
        fixed="The meeting urged officials to achieve the Two Upholds.",
    ),
)
OUTDATED = RuleInfo(
    "TF102",
    "outdated-rendering",
    'a rendering official English used once and has replaced: "community of common destiny"',
    Severity.WARNING,
    doc="""
    What it does
        Finds renderings official English once used and has since replaced ("community of common
        destiny for mankind", official until 2015) and suggests the current one, saying until when
        the old one was official where the glossary knows.

    Why is this bad?
        A text that mixes old and current renderings reads as if it named two things; readers
        searching for the current rendering miss the old one.

    Fix safety
        Unsafe where the entry is marked ``replace`` (a quotation of an old document may keep the
        rendering it was published with); suggestion only otherwise.
    """,
    example=Example(
        "China proposed building a community of common destiny for mankind.",
        fixed="China proposed building a community with a shared future for mankind.",
    ),
)
SPELLING = RuleInfo(
    "TF103",
    "rendering-spelling",
    'a standard rendering with other hyphenation or spacing: "high quality development"',
    Severity.WARNING,
    doc="""
    What it does
        Finds a standard rendering written with other hyphenation or spacing than the glossary's
        ("high quality development", "high–quality development" with an en dash) and suggests it
        as the glossary writes it, in the text's casing. Non-breaking hyphens and line breaks
        are not deviations.

    Why is this bad?
        A formulation written two ways in one publication looks like two formulations, and
        searches for the standard form miss the other.

    Fix safety
        Safe for high-confidence entries, unsafe otherwise.
    """,
    example=Example(
        "The province pursued high quality development.",
        fixed="The province pursued high-quality development.",
    ),
)
CAPITALIZATION = RuleInfo(
    "TF104",
    "rendering-capitalization",
    'a name official English always capitalises, written otherwise: "global development initiative"',
    Severity.WARNING,
    doc="""
    What it does
        Finds formulations the glossary marks as always capitalised in official English (the
        names of initiatives, numbered formulations such as "Two Upholds") written with other
        capitals ("global development initiative", "Global development Initiative") and
        suggests the official capitals. A heading in all capitals is a style, not an error.

    Why is this bad?
        The capitals tell the reader that the words are a fixed name; written in lower case
        they read as an ordinary description.

    Fix safety
        Safe for high-confidence entries, unsafe otherwise.
    """,
    example=Example(
        "China proposed the global development initiative in 2021.",
        fixed="China proposed the Global Development Initiative in 2021.",
    ),
)
RULES = (WRONG, OUTDATED, SPELLING, CAPITALIZATION)


def check(segment: Segment, glossary: CompiledGlossary, context: DocumentContext) -> Iterator[Finding]:
    """Yield findings for the glossary forms in ``segment``."""
    normalized = NormalizedText.of(segment.text)
    matches = list(glossary.matches(normalized.collapsed))
    if not matches:
        return
    source = normalize_chinese(segment.source) if segment.source else None
    correct = [match for match in matches if match.targets[0].kind is TargetKind.CORRECT]
    flagged = [match for match in matches if match.targets[0].kind is TargetKind.FLAGGED]
    for match, inside in zip(correct, _inside_another(correct), strict=True):
        if not inside:
            yield from _check_written_form(match, segment, normalized, glossary)
    kept: list[tuple[KeyMatch, tuple[Target, ...]]] = []
    protectors = _Cover(sorted(correct, key=_outer_first))
    earlier = _Cover([])
    for match in sorted(flagged, key=_outer_first):
        if protectors.covers(match) or earlier.covers(match):
            continue
        live = tuple(
            target
            for target in match.targets
            if _written_as_listed_acronym(target, match, segment.text, normalized)
            and (
                _source_has(target.entry, source, glossary)
                or (
                    _needs_no_source(target)
                    and condition_holds(
                        target.condition,
                        normalized,
                        segment.text,
                        match.start,
                        match.end,
                        party_text=context.party_text,
                    )
                )
            )
        )
        if live:
            kept.append((match, live))
            earlier.add(match)
    # A listed form beats a variant that overlaps it, as it does for the same key: a variant is a guess.
    listed = _Overlaps([match for match, targets in kept if not targets[0].is_variant])
    for match, targets in kept:
        if targets[0].is_variant and listed.overlaps(match):
            continue
        yield _flagged_finding(match, targets, segment, normalized)


def _outer_first(match: KeyMatch) -> tuple[int, int]:
    return match.start, match.start - match.end


class _Cover:
    """Spans in file order (longest first at one start), asked whether one strictly contains a later span.

    A span contains a later one when it starts at or before it, ends at or after it and is
    longer; spans that start before the asked one need only reach its end, those that start
    with it must pass it. Each question costs O(1) after the spans before it are added.
    """

    def __init__(self, spans: list[KeyMatch]) -> None:
        self._waiting = spans  # added when a question reaches their start
        self._next = 0
        self._start = -1
        self._end_here = -1  # the furthest end of the spans that start at ``_start``
        self._end_before = -1  # the furthest end of the spans that start before it

    def add(self, span: KeyMatch) -> None:
        """Add ``span``, which starts at or after every span added before."""
        if span.start != self._start:
            self._end_before = max(self._end_before, self._end_here)
            self._start, self._end_here = span.start, span.end
        else:
            self._end_here = max(self._end_here, span.end)

    def covers(self, span: KeyMatch) -> bool:
        """True when a span added so far (or waiting, starting at or before ``span``) strictly contains ``span``."""
        while self._next < len(self._waiting) and self._waiting[self._next].start <= span.start:
            self.add(self._waiting[self._next])
            self._next += 1
        if span.start != self._start:
            return max(self._end_before, self._end_here) >= span.end
        return self._end_before >= span.end or self._end_here > span.end


def _inside_another(matches: list[KeyMatch]) -> list[bool]:
    """For each match, whether another match of the list strictly contains it."""
    order = sorted(range(len(matches)), key=lambda number: _outer_first(matches[number]))
    inside = [False] * len(matches)
    cover = _Cover([])
    for number in order:
        inside[number] = cover.covers(matches[number])
        cover.add(matches[number])
    return inside


class _Overlaps:
    """Matches in file order, asked whether any overlaps a given span (bisection over a running maximum of ends)."""

    def __init__(self, matches: list[KeyMatch]) -> None:
        ordered = sorted(matches, key=lambda match: match.start)
        self._starts = [match.start for match in ordered]
        self._furthest = list(itertools.accumulate((match.end for match in ordered), max))

    def overlaps(self, span: KeyMatch) -> bool:
        """True when a match starts before the end of ``span`` and ends after its start."""
        index = bisect.bisect_left(self._starts, span.end)
        return index > 0 and self._furthest[index - 1] > span.start


def _written_as_listed_acronym(target: Target, match: KeyMatch, text: str, normalized: NormalizedText) -> bool:
    """True unless the form is an acronym ("NCP") and the text writes it otherwise ("ncp", an identifier)."""
    form = target.form.text if target.form is not None else ""
    if not (form.isupper() and form.isalpha()):
        return True
    start, end = _original_span(match, normalized)
    return text[start:end].isupper()


def _needs_no_source(target: Target) -> bool:
    return target.form is None or target.form.kind is not FormKind.WRONG_IF_SOURCE


def _source_has(entry: Entry, source: str | None, glossary: CompiledGlossary) -> bool:
    """True when the (normalised) aligned source holds one of the entry's Chinese forms.

    Such a source settles what the English means: context conditions, written for English-only
    text, are not needed, and forms wrong only for this source term apply.
    """
    return source is not None and any(zh in source for zh in glossary.normalized_zh[entry.id])


def _original_span(match: KeyMatch, normalized: NormalizedText) -> tuple[int, int]:
    return normalized.to_original(match.start), normalized.to_original(match.end - 1) + 1


def _check_written_form(
    match: KeyMatch, segment: Segment, normalized: NormalizedText, glossary: CompiledGlossary
) -> Iterator[Finding]:
    """Report a standard rendering written with other hyphenation or spacing, or other capitals."""
    key = normalized.collapsed[match.start : match.end]
    check_spelling = key in glossary.spelling_keys
    check_case = key in glossary.capitalized_keys
    if not (check_spelling or check_case):
        return
    start, end = _original_span(match, normalized)
    written = segment.text[start:end]
    entry = next(
        (target.entry for target in match.targets if normalize_phrase(target.entry.en) == key), match.targets[0].entry
    )
    safety = Applicability.SAFE if entry.confidence is Confidence.HIGH else Applicability.UNSAFE
    span = segment.file_span(start, end)
    if check_spelling and normalize_written(written) not in glossary.written_renderings(key):
        rule = SPELLING
        suggestion = adapt(entry.en, written, text_before(segment.text, start))
        message = f'"{_one_line(written)}" differs from the standard form "{entry.en}" in hyphenation or spacing'
    elif check_case and not written.isupper() and not glossary.has_standard_case(key, written):
        rule = CAPITALIZATION
        suggestion = entry.en
        message = f'"{_one_line(written)}" is capitalised as "{entry.en}" in official English'
    else:
        return
    yield Finding(
        code=rule.code,
        span=span,
        message=message,
        severity=rule.severity,
        suggestions=(suggestion,),
        fix=Fix(f'Write "{suggestion}"', (Edit(span, suggestion),), safety),
        entry_id=entry.id,
    )


def _flagged_finding(
    match: KeyMatch, targets: tuple[Target, ...], segment: Segment, normalized: NormalizedText
) -> Finding:
    start, end = _original_span(match, normalized)
    written = segment.text[start:end]
    before = text_before(segment.text, start)
    entries: list[Entry] = []
    for target in targets:
        if target.entry not in entries:
            entries.append(target.entry)
    target = targets[0]
    entry = target.entry
    assert target.form is not None
    suggestions = tuple(dict.fromkeys(adapt(candidate.en, written, before) for candidate in entries))
    span = segment.file_span(start, end)
    zh = "/".join(entry.zh[:2])
    is_outdated = target.form.kind is FormKind.OUTDATED
    if is_outdated:
        until = f" (official English until {target.form.until})" if target.form.until else ""
        message = (
            f'"{_one_line(written)}" is an outdated rendering of {zh}{until}; official English now has "{entry.en}"'
        )
        rule = OUTDATED
        severity = Severity.WARNING
    else:
        message = (
            f'"{_one_line(written)}" is a literal or mistaken rendering of {zh}; the standard rendering is "{entry.en}"'
        )
        rule = WRONG
        severity = Severity.WARNING if entry.confidence is Confidence.LOW else Severity.ERROR
    return Finding(
        code=rule.code,
        span=span,
        message=message,
        severity=severity,
        suggestions=suggestions,
        fix=_fix_for(entries, target, span, suggestions[0], is_outdated),
        entry_id=entry.id,
    )


def _fix_for(entries: list[Entry], target: Target, span: Span, suggestion: str, is_outdated: bool) -> Fix | None:
    entry = target.entry
    if not entry.replace or entry.confidence is Confidence.LOW:
        return None
    certain = len(entries) == 1 and entry.confidence is Confidence.HIGH and not target.is_variant and not is_outdated
    safety = Applicability.SAFE if certain else Applicability.UNSAFE
    return Fix(f'Replace with "{suggestion}"', (Edit(span, suggestion),), safety)


def _one_line(text: str) -> str:
    return " ".join(text.split())
