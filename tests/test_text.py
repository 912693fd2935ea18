"""Normalisation keeps a map back to the original text; line/column lookup is 1-based."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tifa.text import LineIndex, NormalizedText, normalize_phrase, normalize_written

texts = st.text(alphabet=st.sampled_from(list("ab -\u2011\u2013\n\r\t\u00a0’“”İ")), max_size=60)


@given(texts)
def test_collapsed_characters_map_back_to_the_same_folded_character(text: str) -> None:
    normalized = NormalizedText.of(text)
    assert len(normalized.folded) == len(text)
    assert "  " not in normalized.collapsed
    for offset, char in enumerate(normalized.collapsed):
        assert normalized.folded[normalized.to_original(offset)] == char


@pytest.mark.parametrize(
    ("phrase", "key"),
    [
        ("Chinese-style  Modernization", "chinese style modernization"),
        ("Chinese\u2011style\nmodernization", "chinese style modernization"),
        ("the “Two Upholds”", 'the "two upholds"'),
        ("  spaced  ", "spaced"),
    ],
)
def test_normalize_phrase(phrase: str, key: str) -> None:
    assert normalize_phrase(phrase) == key


def test_normalize_written_keeps_hyphens_but_not_line_wraps() -> None:
    assert normalize_written("High-Quality\n development") == "high-quality development"
    assert normalize_written("high quality development") != normalize_written("high-quality development")
    assert normalize_written("high\u2011quality") == "high-quality"


@pytest.mark.parametrize(
    ("text", "offset", "expected"),
    [
        ("ab\ncd", 0, (1, 1)),
        ("ab\ncd", 3, (2, 1)),
        ("ab\r\ncd", 5, (2, 2)),
        ("a\rb", 2, (2, 1)),
        ("中文\nx", 1, (1, 2)),
    ],
)
def test_line_index(text: str, offset: int, expected: tuple[int, int]) -> None:
    assert LineIndex(text).position(offset) == expected


ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
wide_texts = st.text(alphabet=st.sampled_from([*"ab -\n\u00a0’İ", *ZERO_WIDTH, "Ｔ", "ｗ", "－", "０"]), max_size=60)


@given(wide_texts)
def test_zero_width_characters_vanish_and_every_offset_still_maps_back(text: str) -> None:
    normalized = NormalizedText.of(text)
    assert len(normalized.folded) == len(text)
    assert "  " not in normalized.collapsed
    assert not any(character in normalized.collapsed for character in ZERO_WIDTH)
    originals = [normalized.to_original(offset) for offset in range(len(normalized.collapsed))]
    assert originals == sorted(set(originals))  # strictly rising: one original character each
    for offset, char in enumerate(normalized.collapsed):
        assert normalized.folded[originals[offset]] == char


@given(wide_texts)
def test_matching_reads_through_zero_width_characters(text: str) -> None:
    visible = "".join(character for character in text if character not in ZERO_WIDTH)
    assert NormalizedText.of(text).collapsed == NormalizedText.of(visible).collapsed


@given(st.text(alphabet=st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E), max_size=30))
def test_full_width_ascii_is_read_as_ascii(text: str) -> None:
    narrow = unicodedata.normalize("NFKC", text)
    assert NormalizedText.of(text).collapsed == NormalizedText.of(narrow).collapsed
