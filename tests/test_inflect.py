"""Variants of a listed wrong form: inflections, singulars, numbers and possessives."""

from __future__ import annotations

import pytest

from tifa.glossary.inflect import (
    MAX_VARIANTS,
    last_word_variants,
    numeral_variants,
    phrase_variants,
    possessive_variants,
    singular,
    verb_variants,
)


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


def test_a_noun_phrase_only_changes_its_last_word() -> None:
    variants = phrase_variants("two maintenance")
    assert "two maintenances" in variants
    assert all(variant.startswith(("two ", "2 ")) for variant in variants)
    assert "two maintenance" not in variants


@pytest.mark.parametrize(
    ("form", "variant"),
    [
        ("administer the party strictly", "administering the party strictly"),
        ("administer the party strictly", "administered the party strictly"),
        ("administer the party strictly", "administers the party strictly"),
        ("strictly administer the party", "strictly administering the party"),
        ("build a socialist modernized country", "building a socialist modernized country"),
        ("build a socialist modernized country", "built a socialist modernized country"),
        ("listen to the party's command", "listening to the party's command"),
        ("tell good chinese stories", "telling good chinese stories"),  # a known verb before no determiner
        ("implement policies by city", "implementing policies by city"),  # "-ment", yet a verb
        ("let the party rest assured", "letting the party rest assured"),
        ("guarantee delivery", "guaranteeing delivery"),
        ("goal of the second century", "goals of the second century"),  # the head of an "of" phrase
    ],
)
def test_words_before_the_last_are_inflected_where_they_can_be(form: str, variant: str) -> None:
    assert variant in phrase_variants(form)


def test_coordinated_verbs_change_together() -> None:
    variants = phrase_variants("rule the army by law and rule the army strictly")
    assert "ruling the army by law and ruling the army strictly" in variants
    assert "ruled the army by law and ruled the army strictly" in variants


@pytest.mark.parametrize(
    ("form", "unchanged"),
    [
        ("build a socialist modernized country", "socialist"),  # a modifier keeps its form
        ("build a socialist modernized country", "modernized"),
        ("rule the army by law", "army"),  # a noun before a preposition is no verb
        ("great revival of the chinese nation", "great"),
        ("belt and road strategy", "belt"),
    ],
)
def test_modifiers_keep_their_form(form: str, unchanged: str) -> None:
    position = form.split(" ").index(unchanged)
    assert all(variant.split(" ")[position] == unchanged for variant in phrase_variants(form) if " " in variant)


def test_irregular_and_doubled_verb_forms() -> None:
    assert {"built", "building", "builds"} <= verb_variants("build")
    assert {"planned", "planning"} <= verb_variants("plan")
    assert {"controlled", "controlling"} <= verb_variants("control")
    assert {"guaranteed", "guaranteeing"} <= verb_variants("guarantee")
    assert "builded" not in verb_variants("build")


def test_a_plural_is_not_pluralised_again() -> None:
    assert "maintenanceses" not in last_word_variants("maintenances")
    assert "congresses" in last_word_variants("congress")


@pytest.mark.parametrize(
    ("plural", "expected"),
    [
        ("stabilities", "stability"),
        ("confidences", "confidence"),
        ("awarenesses", "awareness"),
        ("maintenances", "maintenance"),
        ("stabilizations", "stabilization"),
        ("comprehensives", None),  # an adjective: "four comprehensive exams"
        ("ensures", None),  # a verb: "the six ensure that"
        ("winds", None),  # a noun, but often the first of a compound: "four wind turbines"
        ("safeguards", None),
    ],
)
def test_singular_only_for_abstract_nouns(plural: str, expected: str | None) -> None:
    assert singular(plural) == expected


def test_singular_and_plural_both_ways() -> None:
    assert "four self confidence" in phrase_variants("four self confidences")
    assert "four self confidences" in phrase_variants("four self confidence")
    assert "six stability" in phrase_variants("six stabilities")


def test_no_singular_for_one_word_or_ordinary_english() -> None:
    assert "stability" not in phrase_variants("stabilities")  # one content word: just a word
    assert "four comprehensive" not in phrase_variants("four comprehensives")
    assert "six ensure" not in phrase_variants("six ensures")


@pytest.mark.parametrize(
    ("form", "variant"),
    [
        ("six stabilities", "6 stabilities"),
        ("6 stabilities", "six stabilities"),
        ("spirit of the 20th national congress", "spirit of the twentieth national congress"),
        ("the twentieth national congress", "the 20th national congress"),
        ("21st century maritime silk road", "twenty first century maritime silk road"),
        ("twenty first century maritime silk road", "21st century maritime silk road"),
        ("three stricts and three solids", "3 stricts and 3 solids"),
        ("the party's 19th six plenary session", "the party's nineteenth six plenary session"),
    ],
)
def test_numbers_swap_between_digits_and_words(form: str, variant: str) -> None:
    assert variant in numeral_variants(form)
    assert variant in phrase_variants(form)


def test_a_form_without_numbers_has_no_number_variant() -> None:
    assert numeral_variants("chinese style modernization") == set()


@pytest.mark.parametrize(
    ("form", "variant"),
    [
        ("the party's leadership", "leadership of the party"),
        ("people's troops", "troops of the people"),
        ("people's troops", "troops of people"),
        ("leadership of the party", "party's leadership"),
        ("line of the masses", "masses' line"),
    ],
)
def test_possessive_and_of_swap_for_two_content_words(form: str, variant: str) -> None:
    assert variant in possessive_variants(form)
    assert variant in phrase_variants(form)


@pytest.mark.parametrize(
    "form", ["basic route of the party", "xi jinping's cultural thought", "the party's strong army goal", "one of the"]
)
def test_no_possessive_swap_for_other_forms(form: str) -> None:
    assert possessive_variants(form) == set()


def test_variants_are_bounded() -> None:
    long_form = "do a good job of the six stabilities and implement the six guarantees and build the new ones"
    variants = phrase_variants(long_form)
    assert 0 < len(variants) <= MAX_VARIANTS
    assert long_form not in variants
