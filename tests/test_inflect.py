"""Inflected variants of a form's last word."""

from __future__ import annotations

import pytest

from tifa.glossary.inflect import last_word_variants, phrase_variants


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("maintenance", {"maintenances", "maintenanced"}),
        ("safeguards", {"safeguard"}),
        ("policy", {"policies", "policied", "policying"}),
        ("establishment", {"establishments", "establishmented", "establishmenting"}),
        ("approach", {"approaches", "approached", "approaching"}),
        ("deploy", {"deploys", "deployed", "deploying"}),
        ("agencies", {"agency"}),
    ],
)
def test_last_word_variants_include(word: str, expected: set[str]) -> None:
    assert expected <= last_word_variants(word)


def test_short_and_non_alphabetic_words_have_no_variants() -> None:
    assert last_word_variants("of") == set()
    assert last_word_variants("2024") == set()


def test_phrase_variants_only_change_the_last_word() -> None:
    variants = phrase_variants("two maintenance")
    assert "two maintenances" in variants
    assert all(variant.startswith("two ") for variant in variants)
    assert "two maintenance" not in variants
