"""The literal lexicon: dictionary senses, lattices, chains and the models of entries."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tifa.english import stem
from tifa.glossary.compile import CompiledGlossary
from tifa.glossary.dictionary import MAX_SENSE_STEMS, Dictionary, gloss_senses, rendering_senses
from tifa.glossary.lattice import MIN_RENDERED_WITH_GAP, best_chain, build_lattice, fewest_words, words_needed
from tifa.glossary.lexicon import build_model, readable_forms, stem_sequence
from tifa.glossary.schema import Confidence, Entry
from tifa.rules.literal_windows import windows
from tifa.text import NormalizedText


def _senses(*glosses: str) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(stem_sequence(gloss)) - {"and"} for gloss in glosses)


DICTIONARY = Dictionary(
    {
        "战斗": _senses("fight", "battle", "combat"),
        "堡垒": _senses("fortress", "bastion"),
        "共产党": _senses("Communist Party"),
        "共产党人": _senses("communists"),
        "人": _senses("people", "person"),
        "秘书": _senses("secretary"),
        "秘书长": _senses("secretary-general"),
        "长": _senses("long", "length", "head"),
        "建设": _senses("construction", "building"),
    },
    optional=frozenset("的个"),
    droppable=frozenset({"建设"}),
)


def _stems(phrase: str) -> frozenset[str]:
    return frozenset(stem_sequence(phrase)) - {"and"}


def _entry(zh: tuple[str, ...], en: str = "standard rendering") -> Entry:
    return Entry(id="x", zh=zh, en=en, category="test", source="test", confidence=Confidence.HIGH)


@pytest.mark.parametrize(("size", "needed"), [(1, 1), (2, 2), (3, 2), (4, 3), (5, 3), (8, 5)])
def test_a_long_gloss_needs_three_fifths_of_its_words(size: int, needed: int) -> None:
    assert words_needed(frozenset(str(number) for number in range(size))) == needed


def test_a_chain_of_two_words_renders_a_two_word_term() -> None:
    lattice = build_lattice("战斗堡垒", DICTIONARY)
    assert best_chain(lattice, _stems("battle fortress")).rendered == 2
    assert best_chain(lattice, _stems("fighting bastion")).rendered == 2
    assert best_chain(lattice, _stems("battle plan")).gaps == 1  # "plan" renders nothing: a gap at best


def test_one_english_word_cannot_render_two_chinese_words() -> None:
    lattice = build_lattice("战斗战斗", DICTIONARY)
    assert best_chain(lattice, _stems("battle")).rendered == -1
    assert best_chain(lattice, _stems("battle"), words=2).rendered == 2  # "battle ... battle"


def test_a_character_of_a_longer_word_is_not_read_alone_unless_the_rest_is_a_word() -> None:
    # 长 in 秘书长: 秘书 is a word, so 长 may stand alone; but 秘 and 书 never do.
    secretary_general = build_lattice("秘书长", DICTIONARY)
    starts = {start for start, edges in enumerate(secretary_general.edges) if edges}
    assert starts == {0, 2}
    # 人 in 共产党人 is 共产党 + 人: "communist party people" renders two words.
    communists = build_lattice("共产党人", DICTIONARY)
    assert best_chain(communists, _stems("communist party people")).rendered == 2


def test_untranslated_characters_and_droppable_words_may_be_skipped() -> None:
    lattice = build_lattice("战斗的堡垒建设", DICTIONARY)
    assert best_chain(lattice, _stems("battle fortress")).rendered == 2


def test_a_term_of_characters_no_dictionary_knows_builds_without_error() -> None:
    lattice = build_lattice("的个", DICTIONARY)
    assert lattice.opening == frozenset() and lattice.closing == frozenset()
    assert build_model(_entry(("敂頇瓡",)), DICTIONARY) is None


def test_an_abbreviation_is_read_only_when_dictionary_words_cover_it() -> None:
    forms = ("战斗堡垒", "战堡", "战斗堡")
    assert readable_forms(forms, DICTIONARY) == ("战斗堡垒", "战斗堡")  # 战斗堡 is a part, not an abbreviation
    assert readable_forms(("战斗建设堡垒", "战斗堡垒"), DICTIONARY) == ("战斗建设堡垒", "战斗堡垒")


def test_renderings_keep_their_and() -> None:
    assert stem_sequence("Party members and cadres") == ("parti", "member", "and", "cadr")
    model = build_model(_entry(("战斗堡垒",), "fighting bastion"), DICTIONARY)
    assert model is not None and model.rendering_sequences == (("fight", "bastion"),)


def test_the_fewest_words_a_term_needs_counts_each_rendered_word_once() -> None:
    assert fewest_words(build_lattice("战斗堡垒", DICTIONARY)) == 2
    assert fewest_words(build_lattice("战斗的堡垒建设", DICTIONARY)) == 2  # 的 and 建设 may go unsaid
    assert fewest_words(build_lattice("共产党战斗堡垒", DICTIONARY)) == 4  # "Communist Party" needs both words


_TERMS = ("战斗堡垒", "共产党人战斗堡垒", "秘书长战斗堡垒建设", "共产党的秘书长", "战斗战斗堡垒堡垒共产党人")
_WORDS = sorted({stem for senses in DICTIONARY.glosses.values() for sense in senses for stem in sense} | {"plan"})


@given(
    term=st.sampled_from(_TERMS),
    stems=st.frozensets(st.sampled_from(_WORDS), min_size=1, max_size=8),
    extra_words=st.integers(min_value=0, max_value=4),
)
def test_no_accepted_chain_uses_fewer_words_than_the_fewest(term: str, stems: frozenset[str], extra_words: int) -> None:
    lattice = build_lattice(term, DICTIONARY)
    words = len(stems) + extra_words
    chain = best_chain(lattice, stems, words)
    accepted = (chain.rendered >= 2 or (chain.cost >= 2 and lattice.numbered)) and (
        chain.gaps == 0 or chain.rendered >= MIN_RENDERED_WITH_GAP
    )
    fewest = fewest_words(lattice)
    if accepted:
        assert fewest is not None and chain.cost >= fewest


def test_every_shipped_entry_fits_the_words_of_its_listed_literal_forms(shipped_glossary: CompiledGlossary) -> None:
    """The run-length filter of the literal rule never drops a listed form the lexicon recognises."""
    lexicon = shipped_glossary.literal_lexicon
    checked = 0
    for index, entry in enumerate(shipped_glossary.entries):
        model = lexicon.models[index]
        if model is None:
            continue
        for form in entry.wrong:
            stems = stem_sequence(form.text.lower())
            words = len([stem for stem in stems if stem != "and"])
            for lattice in model.lattices:
                chain = best_chain(lattice, frozenset(stems) - {"and"}, words)
                if chain.rendered >= 2 and chain.gaps == 0:
                    checked += 1
                    needed = lexicon.needs_more_than[min(words, len(lexicon.needs_more_than) - 1)]
                    assert not needed >> index & 1, (entry.id, form.text)
    assert checked > 100


def test_a_count_of_congresses_reads_as_digits_or_an_ordinal_and_a_numbered_term_does_not() -> None:
    session = build_lattice("十九届", DICTIONARY)
    assert any(frozenset({"19th"}) in senses for _, senses in session.edges[0])
    sessions = build_lattice("两会", DICTIONARY)
    assert not any(frozenset({"second"}) in senses for edges in sessions.edges for _, senses in edges)


def test_a_gloss_of_two_words_joined_by_and_needs_both() -> None:
    # "politics and law" (政法) is two things: "political" alone is no rendering of it.
    assert set(gloss_senses("politics and law")) == {frozenset({"polit", "law"})}
    assert set(gloss_senses("to fight; to engage in combat")) == {frozenset({"fight"}), frozenset({"engag", "combat"})}


def test_a_verb_keeps_its_sense_before_a_preposition_but_not_before_a_particle() -> None:
    # "to insist on" is still insisting; "to stand for" is not standing.
    assert set(gloss_senses("to insist on; to persist in")) == {
        frozenset({stem("insist")}),
        frozenset({stem("persist")}),
    }
    assert set(gloss_senses("to stand for; to give up")) == set()


@pytest.mark.parametrize(
    ("term", "phrase"),
    [
        ("社会主义初级阶段", "preliminary stage of socialism"),
        ("十个坚持", "ten adherences"),
        ("新发展格局", "new development layout"),
        ("底线思维", "bottom-line mindset"),
        ("台湾当局", "Taiwan government"),
        ("共同富裕", "joint richness"),
        ("乡村振兴", "countryside rejuvenation"),
    ],
)
def test_the_supplement_gives_senses_machine_translation_renders_terms_with(
    shipped_glossary: CompiledGlossary, term: str, phrase: str
) -> None:
    index = next(index for index, entry in enumerate(shipped_glossary.entries) if term in entry.zh)
    found = windows(NormalizedText.of(phrase).collapsed, shipped_glossary.literal_lexicon, 1 << index)
    assert any(candidate.entry == index for _, candidates, _ in found for candidate in candidates)


def test_a_gloss_that_explains_a_word_is_no_sense_to_render_it_with() -> None:
    line = "to stand guard; a traditional festival held to mark the harvest season in the countryside"
    assert len(set(gloss_senses(line))) == 2
    assert set(rendering_senses(line)) == {frozenset({"stand", "guard"})}
    assert all(len(sense) <= MAX_SENSE_STEMS for sense in rendering_senses(line))


def test_a_word_ending_in_a_suffix_may_be_rendered_as_the_word_before_it() -> None:
    dictionary = Dictionary(
        {"共同体": _senses("community"), "共同": _senses("common", "joint"), "命运": _senses("destiny", "fate")},
        optional=frozenset(),
    )
    lattice = build_lattice("命运共同体", dictionary)
    assert best_chain(lattice, _stems("common destiny")).rendered == 2
    assert best_chain(lattice, _stems("community of destiny")).rendered == 2


def test_a_per_lexicon_cache_is_its_lexicons_own_and_goes_with_it() -> None:
    import gc

    from tifa.glossary.lexicon import LiteralLexicon, PerLexicon

    def lexicon() -> LiteralLexicon:
        return LiteralLexicon((), {}, {}, frozenset())

    cache: PerLexicon[str, int] = PerLexicon()
    first, second = lexicon(), lexicon()
    cache(first)["a"] = 1
    assert cache(second) == {}
    cache(second)["b"] = 2
    assert cache(first) == {"a": 1}
    assert cache(second) == {"b": 2}
    del first
    gc.collect()
    assert len(cache._by_lexicon) == 1
