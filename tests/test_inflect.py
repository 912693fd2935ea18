"""Inflected variants of a form's last word."""

from __future__ import annotations

import pytest

from tifa.glossary.inflect import last_word_variants, phrase_variants


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("maintenance", {"maintenances"}),
        ("policy", {"policies", "policied", "policying"}),
        ("establishment", {"establishments"}),
        ("approach", {"approaches", "approached", "approaching"}),
        ("deploy", {"deploys", "deployed", "deploying"}),
    ],
)
def test_last_word_variants_include(word: str, expected: set[str]) -> None:
    assert expected <= last_word_variants(word)


@pytest.mark.parametrize("noun", ["modernization", "establishment", "consciousness", "cultural", "security"])
def test_nouns_and_adjectives_take_no_verb_endings(noun: str) -> None:
    assert not {variant for variant in last_word_variants(noun) if variant.endswith(("ed", "ing"))}


def test_plurals_are_not_made_singular() -> None:
    assert "comprehensive" not in last_word_variants("comprehensives")
    assert "safeguard" not in last_word_variants("safeguards")


def test_short_and_non_alphabetic_words_have_no_variants() -> None:
    assert last_word_variants("of") == set()
    assert last_word_variants("2024") == set()


def test_phrase_variants_only_change_the_last_word() -> None:
    variants = phrase_variants("two maintenance")
    assert "two maintenances" in variants
    assert all(variant.startswith("two ") for variant in variants)
    assert "two maintenance" not in variants
