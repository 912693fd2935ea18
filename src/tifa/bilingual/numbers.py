"""Numbers in a Chinese source and in its English translation, read as values.

Chinese writes large numbers in units of 万 (10⁴) and 亿 (10⁸), percentages as 5% or 百分之五,
and dates with 年, 月 and 日; English writes thousands, millions, billions and trillions,
"percent" and month names. Both sides are read as values so that 3.5万 matches 35,000 and
"35 thousand", 2.6亿 matches "260 million", and 3月 matches "March".
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from tifa.english import CARDINAL_NUMERALS, ORDINAL_NUMERALS

_ANY_NUMBER = re.compile(r"[0-9０-９]|百分之")
_CHINESE_UNITS = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3}
_SOURCE_NUMBER = re.compile(
    r"(?<![\d.])(\d+(?:,\d{3})*(?:\.\d+)?)\s*(?:多|余)?\s*(万亿|亿|万|千)?(月|(?=\s*[-—–~至到]\s*\d+\s*月))?"
)
_PERCENT_WORDS = re.compile(r"百分之([零〇一二两三四五六七八九十点]+)")
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_TARGET_NUMBER = re.compile(
    r"(?<![\d.])(\d+(?:,\d{3})*(?:\.\d+)?)(?:st|nd|rd|th)?(?:\s*-?\s*(thousand|million|billion|trillion))?",
    re.IGNORECASE,
)
_WORD_NUMBERS = {words: int(digits) for digits, words in CARDINAL_NUMERALS.items()} | {
    words: int(digits.rstrip("stndrh")) for digits, words in ORDINAL_NUMERALS.items()
}
_TARGET_WORDS = re.compile(
    r"(?<![\w-])("
    + "|".join(sorted((re.escape(words).replace(r"\ ", "[ -]") for words in _WORD_NUMBERS), key=len, reverse=True))
    + r")(?![\w-])(?:\s+(thousand|million|billion|trillion))?",
    re.IGNORECASE,
)
_DECADE = re.compile(r"(?<!\d)(\d\d)(\d0)s\b")
_MONTHS = "january february march april may june july august september october november december".split()
_MONTH = re.compile(r"\b(" + "|".join(_MONTHS) + r")\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number of the source: as written, its value, and whether it names a month (3月)."""

    written: str
    value: float
    month: bool = False


def source_quantities(source: str) -> list[Quantity]:
    """The numbers written in digits in ``source`` (and percentages in words), with their values."""
    text = unicodedata.normalize("NFKC", source)
    found = []
    for match in _SOURCE_NUMBER.finditer(text):
        value = float(match.group(1).replace(",", ""))
        scale = _CHINESE_UNITS.get(match.group(2) or "", 1.0)
        month = match.group(3) is not None and 1 <= value <= 12  # 3月, or 1 in a range of months (1—2月)
        found.append(Quantity(match.group().strip(), value * scale, month))
    for match in _PERCENT_WORDS.finditer(text):
        percent = _chinese_number(match.group(1))
        if percent is not None:
            found.append(Quantity(match.group(), percent))
    return found


def _chinese_number(written: str) -> float | None:
    """The value of a Chinese numeral below a thousand, with 点 for the decimal point (三十五点六 = 35.6)."""
    whole, _, decimals = written.partition("点")
    value = 0
    pending = 0
    for character in whole:
        if character == "十":
            value += (pending or 1) * 10
            pending = 0
        elif character in _DIGITS:
            pending = pending * 10 + _DIGITS[character] if pending and not value else _DIGITS[character]
        else:
            return None
    value += pending
    if not all(character in _DIGITS for character in decimals):
        return None
    fraction = "".join(str(_DIGITS[character]) for character in decimals)
    return float(f"{value}.{fraction}") if fraction else float(value)


def target_values(target: str) -> tuple[set[float], set[int]]:
    """The numbers of an English ``target`` (in digits or words, with their scale words) and its months."""
    values: set[float] = set()
    for value, scale in _target_numbers(target):
        values.add(value)
        values.add(value * scale)
    months = {_MONTHS.index(match.group(1).lower()) + 1 for match in _MONTH.finditer(target)}
    for match in _DECADE.finditer(target):  # 20世纪80年代: "the 1980s"
        values.update((float(match.group(2)), float(int(match.group(1)) + 1)))
    return values, months


def _target_numbers(target: str) -> Iterator[tuple[float, float]]:
    for match in _TARGET_NUMBER.finditer(target):
        yield float(match.group(1).replace(",", "")), _SCALES.get((match.group(2) or "").lower(), 1.0)
    for match in _TARGET_WORDS.finditer(target):
        words = re.sub(r"[ -]+", " ", match.group(1).lower())
        yield float(_WORD_NUMBERS[words]), _SCALES.get((match.group(2) or "").lower(), 1.0)


def missing_quantities(source: str, target: str) -> list[Quantity]:
    """The source's numbers that the target has neither as a value nor (for a month) by name."""
    if not _ANY_NUMBER.search(source):
        return []
    quantities = source_quantities(source)
    if not quantities:
        return []
    values, months = target_values(target)
    return [
        quantity
        for quantity in quantities
        if not any(math.isclose(quantity.value, value, rel_tol=1e-9) for value in values)
        and not (quantity.month and int(quantity.value) in months)
    ]
