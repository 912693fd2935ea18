"""Property tests of the matcher: tolerant for wrong forms, never for correct renderings."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import MINI_GLOSSARY, compile_files, lint_with
from tifa.glossary.compile import CompiledGlossary, TargetKind
from tifa.glossary.inflect import phrase_variants
from tifa.glossary.schema import FormKind
from tifa.text import normalize_phrase

GLOSSARY = compile_files([MINI_GLOSSARY])
SHIPPED = compile_files(None)
FILLER = st.lists(
    st.sampled_from(["the", "county", "office", "will", "study", "and", "of", "work", "new", "plans", "in", "2025"]),
    max_size=8,
).map(" ".join)
CORRECT = st.sampled_from(
    [rendering for entry in GLOSSARY.entries for rendering in entry.renderings if entry.category != "parallel-phrases"]
)
UNCONDITIONAL_WRONG = st.sampled_from(
    [
        (form.text, entry.en)
        for entry in GLOSSARY.entries
        for form in entry.wrong
        if not (form.context or form.not_before or form.not_after)
    ]
)
SEPARATORS = st.sampled_from([" ", "  ", "\n", " \n  ", "-", "\u2011", "\u2013", "\u00a0"])


def _vary(phrase: str, data: st.DataObject) -> str:
    """Return ``phrase`` with random letter case and random separators between its words."""
    words = phrase.replace("-", " ").split(" ")
    pieces = [words[0]]
    for word in words[1:]:
        pieces.append(data.draw(SEPARATORS))
        pieces.append(word)
    return "".join(ch.upper() if data.draw(st.booleans()) else ch for ch in "".join(pieces))


@settings(max_examples=300, deadline=None)
@given(before=FILLER, rendering=CORRECT, after=FILLER)
def test_correct_renderings_are_never_flagged_as_wrong(before: str, rendering: str, after: str) -> None:
    text = f"{before} {rendering} {after}."
    assert [f for f in lint_with(GLOSSARY, text) if f.code in ("TF101", "TF102")] == []


@settings(max_examples=300, deadline=None)
@given(before=FILLER, wrong=UNCONDITIONAL_WRONG, after=FILLER, data=st.data())
def test_wrong_forms_are_found_through_case_hyphen_and_space_variants(
    before: str, wrong: tuple[str, str], after: str, data: st.DataObject
) -> None:
    form, rendering = wrong
    written = _vary(form, data)
    prefix = f"{before} " if before else ""
    text = f"{prefix}{written} {after}."
    findings = [f for f in lint_with(GLOSSARY, text) if f.code == "TF101"]
    spans = [(f.span.start, f.span.end) for f in findings]
    assert (len(prefix), len(prefix) + len(written)) in spans, (text, spans)
    found = next(f for f in findings if f.span.start == len(prefix))
    assert _without_article(found.suggestions[0]) == _without_article(rendering)


def _without_article(text: str) -> str:
    return re.sub(r"^(?:the|a|an) ", "", text.lower())


def _unconditional_variants(glossary: CompiledGlossary) -> list[tuple[CompiledGlossary, str, str]]:
    """Every variant of a wrong form that is a key of variants only, with no condition, and its entry id."""
    found = []
    for entry in glossary.entries:
        if entry.category == "parallel-phrases":
            continue
        for form in entry.wrong:
            for variant in sorted(phrase_variants(normalize_phrase(form.text))):
                number = glossary.automaton.get(variant, None)
                if number is None:
                    continue  # it stood for a correct rendering
                targets = glossary._target_groups[glossary._key_groups[number]]
                if all(
                    target.kind is TargetKind.FLAGGED
                    and target.is_variant
                    and target.condition is None
                    and target.form is not None
                    and target.form.kind is FormKind.WRONG
                    for target in targets
                ):
                    found.append((glossary, variant, entry.id))
    return found


# Inflections, singulars, numbers and possessives of the mini and the shipped glossary's forms.
VARIANTS = st.sampled_from([*_unconditional_variants(GLOSSARY), *_unconditional_variants(SHIPPED)])


@settings(max_examples=300, deadline=None)
@given(before=FILLER, variant=VARIANTS, after=FILLER, data=st.data())
def test_every_variant_of_a_wrong_form_is_found(
    before: str, variant: tuple[CompiledGlossary, str, str], after: str, data: st.DataObject
) -> None:
    glossary, phrase, entry_id = variant
    written = _vary(phrase, data)
    prefix = f"{before} " if before else ""
    text = f"{prefix}{written} {after}."
    findings = [f for f in lint_with(glossary, text) if f.code == "TF101"]
    assert any(
        (f.span.start, f.span.end) == (len(prefix), len(prefix) + len(written)) and f.entry_id == entry_id
        for f in findings
    ), (text, [(f.span.start, f.span.end, f.entry_id) for f in findings])
    # A variant's fix is never safe: the inflection may not fit the rendering.
    assert all(f.fix is None or f.fix.applicability.label != "safe" for f in findings if f.span.start == len(prefix))


SHIPPED_RENDERINGS = st.sampled_from(
    sorted(
        {
            rendering
            for entry in SHIPPED.entries
            for rendering in entry.renderings
            if entry.category != "parallel-phrases"
        }
    )
)


@settings(max_examples=300, deadline=None)
@given(before=FILLER, rendering=SHIPPED_RENDERINGS, after=FILLER)
def test_no_shipped_rendering_is_flagged_through_a_variant(before: str, rendering: str, after: str) -> None:
    prefix = f"{before} " if before else ""
    text = f"{prefix}{rendering} {after}."
    start, end = len(prefix), len(prefix) + len(rendering)
    inside = [
        f
        for f in lint_with(SHIPPED, text)
        if f.code in ("TF101", "TF102") and start <= f.span.start and f.span.end <= end
    ]
    assert inside == [], (text, [f.message for f in inside])


# Near-miss candidates: the fast integer path (short texts) and the decoding path (long texts)
# must both find exactly where two grams of one phrase agree on its start.
_PHRASE_TEXTS = [phrase.key for phrase in SHIPPED.fuzzy_index.phrases]
_PHRASE_WORDS = sorted({word for key in _PHRASE_TEXTS for word in key.split()})


def _reference_candidates(text: str) -> list[tuple[int, int]]:
    """Every place of every gram, grouped per phrase: the slow, obvious way."""
    from tifa.glossary.fuzzy import GRAM, NEEDED_GRAMS, START_SLACK

    index = SHIPPED.fuzzy_index
    starts: dict[int, list[int]] = {}
    for last, codes in index.automaton.iter(text):
        for code in codes:
            number, remainder = divmod(code, index._stride)
            starts.setdefault(number, []).append(last + remainder - index._bias)
            assert last - GRAM + 1 >= last + remainder - index._bias  # a gram never starts before its phrase
    found = []
    for number, places in starts.items():
        ordered = sorted(places)
        first = 0
        while first < len(ordered):
            last = first
            while last + 1 < len(ordered) and ordered[last + 1] - ordered[first] <= START_SLACK:
                last += 1
            if last - first + 1 >= NEEDED_GRAMS:
                found.append((number, ordered[first]))
                first = last + 1
            else:
                first += 1
    return sorted(found)


def _slip(phrase: str, data: st.DataObject) -> str:
    """Return ``phrase``, whole or cut, perhaps with one letter dropped, so that grams are missed too."""
    start = data.draw(st.integers(0, len(phrase) // 2))
    cut = phrase[start:]
    if data.draw(st.booleans()):
        where = data.draw(st.integers(0, len(cut) - 1))
        cut = cut[:where] + cut[where + 1 :]
    return cut


@settings(max_examples=300, deadline=None)
@given(data=st.data(), size=st.integers(1, 12))
def test_near_miss_candidates_agree_on_both_paths(data: st.DataObject, size: int) -> None:
    pieces = [
        _slip(data.draw(st.sampled_from(_PHRASE_TEXTS)), data)
        if data.draw(st.booleans())
        else data.draw(st.sampled_from(_PHRASE_WORDS))
        for _ in range(size)
    ]
    text = " ".join(pieces)
    index = SHIPPED.fuzzy_index
    hits = list(index.automaton.iter(text))
    expected = _reference_candidates(text)
    assert sorted(index.candidates(text)) == expected
    assert sorted(index._candidates_in_short_text(hits)) == expected
    assert sorted(index._candidates_in_long_text(hits)) == expected
