"""Numbers of a Chinese source and its translation, read as values."""

from __future__ import annotations

import pytest

from tifa.bilingual.numbers import missing_quantities, source_quantities, target_values


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("3.5万", 35_000),
        ("2.6亿", 260_000_000),
        ("1.2万亿元", 1.2e12),
        ("400多万", 4_000_000),
        ("５．２％", 5.2),
        ("百分之五", 5),
        ("百分之三十五点六", 35.6),
        ("1,200吨", 1200),
    ],
)
def test_source_values(source: str, value: float) -> None:
    (quantity,) = source_quantities(source)
    assert quantity.value == pytest.approx(value)


def test_a_month_of_the_source_is_read_as_a_month() -> None:
    assert [(quantity.value, quantity.month) for quantity in source_quantities("2024年3月5日")] == [
        (2024, False),
        (3, True),
        (5, False),
    ]


@pytest.mark.parametrize(
    ("target", "value"),
    [
        ("35,000 people", 35_000),
        ("35 thousand people", 35_000),
        ("260 million", 260_000_000),
        ("1.2 trillion yuan", 1.2e12),
        ("twenty-one cities", 21),
        ("the fourteenth plan", 14),
        ("the 20th Congress", 20),
    ],
)
def test_target_values(target: str, value: float) -> None:
    values, _ = target_values(target)
    assert any(found == pytest.approx(value) for found in values)


@pytest.mark.parametrize(
    ("source", "target", "missing"),
    [
        ("产量增至3.5万吨。", "Output grew to 3,500 tonnes.", ["3.5万"]),
        ("产量增至3.5万吨。", "Output grew to 35,000 tonnes.", []),
        ("会议于3月5日开幕。", "The session opened on March 5.", []),
        ("会议于3月5日开幕。", "The session opened on May 5.", ["3月"]),
        ("二十国集团", "G20", []),
        ("1—2月出口增长。", "Exports grew in January-February.", []),
        ("20世纪80年代", "the 1980s", []),
        ("G20峰会", "the G20 summit", []),
    ],
)
def test_missing_quantities(source: str, target: str, missing: list[str]) -> None:
    assert [quantity.written for quantity in missing_quantities(source, target)] == missing
