"""Term alignment: each source term occurrence and the target stretch that renders it, by kind of evidence."""

from __future__ import annotations

import pytest

from tifa.bilingual.align import Alignment, Rendered, align
from tifa.glossary.compile import CompiledGlossary
from tifa.segments import Segment


def aligned(glossary: CompiledGlossary, source: str, target: str) -> list[tuple[str, Rendered, str]]:
    found = align(Segment(target, 0, source), glossary)
    return [(one.zh, one.rendered, target[one.start : one.end]) for one in found if not one.inside]


def only(glossary: CompiledGlossary, source: str, target: str) -> Alignment:
    (alignment,) = [one for one in align(Segment(target, 0, source), glossary) if not one.inside]
    return alignment


@pytest.mark.parametrize(
    ("source", "target", "rendered", "written"),
    [
        ("推进中国式现代化。", "Advance Chinese modernization.", Rendered.STANDARD, "Chinese modernization"),
        (
            "推进中国式现代化。",
            "Advance the Chinese path to modernization.",
            Rendered.ACCEPTED,
            "Chinese path to modernization",
        ),
        ("推进中国式现代化。", "Advance Chinese-style modernization.", Rendered.WRONG, "Chinese-style modernization"),
        (
            "统筹推进“五位一体”总体布局。",
            "Pursue economic, political, cultural, social, and ecological advancement.",
            Rendered.EXPANDED,
            "economic, political, cultural, social, and ecological advancement",
        ),
        (
            "弘扬伟大建党精神。",
            "Carry forward the great spirit of founding the party.",
            Rendered.LITERAL,
            "great spirit of founding the party",
        ),
        (
            "全面从严治党永远在路上。",
            "The Party must always be governed fully and with rigor.",
            Rendered.REPHRASED,
            "fully and with rigor",
        ),
        ("干部要坚决做到两个维护。", "Officials must stay loyal.", Rendered.MISSING, ""),
    ],
)
def test_each_kind_of_evidence(
    shipped_glossary: CompiledGlossary, source: str, target: str, rendered: Rendered, written: str
) -> None:
    found = [entry for entry in aligned(shipped_glossary, source, target) if entry[1] is rendered]
    assert found and found[0][2] == written


def test_a_term_met_twice_takes_the_rendering_nearest_each_occurrence(shipped_glossary: CompiledGlossary) -> None:
    source = "弘扬伟大建党精神，推进中国式现代化，再次弘扬伟大建党精神。"
    target = (
        "Carry forward the great founding spirit of the Party, advance Chinese modernization, "
        "and again carry forward the great spirit of founding the party."
    )
    spirit = [
        (kind, written) for zh, kind, written in aligned(shipped_glossary, source, target) if zh == "伟大建党精神"
    ]
    assert spirit == [
        (Rendered.STANDARD, "great founding spirit of the Party"),
        (Rendered.LITERAL, "great spirit of founding the party"),
    ]


def test_a_repeated_term_rendered_once_shares_that_rendering(shipped_glossary: CompiledGlossary) -> None:
    source = "共同富裕是全体人民的共同富裕。"
    found = [one for one in align(Segment("Common prosperity is for all the people.", 0, source), shipped_glossary)]
    prosperity = [one for one in found if one.zh == "共同富裕"]
    assert [(one.rendered, one.shared) for one in prosperity] == [(Rendered.STANDARD, False), (Rendered.STANDARD, True)]


def test_a_term_inside_a_longer_one_takes_its_exact_rendering(shipped_glossary: CompiledGlossary) -> None:
    target = "We must fully understand the decisive significance of the Two Establishments."
    found = align(Segment(target, 0, "深刻领悟“两个确立”的决定性意义。"), shipped_glossary)
    inner = [one for one in found if one.zh == "两个确立"]
    assert [(one.rendered, one.inside, one.shared) for one in inner] == [(Rendered.ACCEPTED, True, True)]


def test_a_term_inside_a_longer_one_only_rephrased_is_aligned_on_its_own(shipped_glossary: CompiledGlossary) -> None:
    target = "We must deeply understand the decisive significance of the two determinations."
    found = align(Segment(target, 0, "深刻领悟“两个确立”的决定性意义。"), shipped_glossary)
    inner = [one for one in found if one.zh == "两个确立"]
    assert [(one.rendered, target[one.start : one.end]) for one in inner] == [(Rendered.WRONG, "two determinations")]


def test_without_a_source_nothing_is_aligned(shipped_glossary: CompiledGlossary) -> None:
    assert align(Segment("Advance Chinese modernization.", 0), shipped_glossary) == ()


def test_a_whole_document_in_one_segment_is_aligned_occurrence_by_occurrence(
    shipped_glossary: CompiledGlossary,
) -> None:
    # Work grows with the number of occurrences, not with its square (a table with a document per cell).
    source = "推进中国式现代化，做到两个维护。" * 1000
    target = "Advance Chinese modernization. " * 999 + "Advance Chinese-style modernization."
    found = [one for one in align(Segment(target, 0, source), shipped_glossary) if one.zh == "中国式现代化"]
    assert len(found) == 1000
    assert [one.rendered for one in found].count(Rendered.STANDARD) == 999
    assert found[-1].rendered is Rendered.WRONG
