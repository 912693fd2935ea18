"""The English-words module: stems, Chinese numbers and ordinals."""

from __future__ import annotations

import pytest

from tifa.english import chinese_number, ordinal, ordinal_words, stem


@pytest.mark.parametrize(
    ("text", "value"),
    [("十", 10), ("十九", 19), ("二十", 20), ("二十一", 21), ("两", 2), ("一百", 100), ("一百二十", 120), ("十四", 14)],
)
def test_a_chinese_number_has_its_value(text: str, value: int) -> None:
    assert chinese_number(text) == value


@pytest.mark.parametrize("text", ["九二", "千", "", "十x"])
def test_digits_in_a_row_or_other_characters_are_no_number(text: str) -> None:
    assert chinese_number(text) is None


@pytest.mark.parametrize(
    ("number", "written"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (11, "11th"), (12, "12th"), (19, "19th"), (22, "22nd")]
)
def test_an_ordinal_in_digits(number: int, written: str) -> None:
    assert ordinal(number) == written


def test_digits_stem_to_number_words_and_ordinals_stay_apart() -> None:
    assert stem("6") == stem("six") == "six"
    assert stem("19th") == "19th" and stem("second") != stem("two")


def test_an_ordinal_in_words() -> None:
    assert [ordinal_words(number) for number in (1, 2, 6, 12, 19, 20, 21)] == [
        "first", "second", "sixth", "twelfth", "nineteenth", "twentieth", "twenty first",
    ]  # fmt: skip
