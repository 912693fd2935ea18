"""Context judged per document: a Party or state text is one throughout."""

from __future__ import annotations

from tests.conftest import Lint
from tifa.glossary.compile import CompiledGlossary
from tifa.segments import Segment

PARTY_OPENING = (
    "The Standing Committee of the county Party committee met on Monday. Party members and officials "
    "discussed the work of the Central Commission for Discipline Inspection and the county government."
)
ORDINARY_OPENING = (
    "The harbour festival opened on Monday with a parade. Sailors and their families "
    "walked along the quay while the band played."
)
# No Party or state word in this sentence: only its document can say what it means.
LONE_SENTENCE = "The county must keep fighting the four winds this year."


def _segments(*paragraphs: str) -> list[Segment]:
    return [Segment(text, 0) for text in paragraphs]


def test_a_document_dense_with_party_words_is_a_party_text(shipped_glossary: CompiledGlossary) -> None:
    assert shipped_glossary.document_context(_segments(PARTY_OPENING, LONE_SENTENCE)).party_text


def test_ordinary_english_is_not_a_party_text(shipped_glossary: CompiledGlossary) -> None:
    assert not shipped_glossary.document_context(_segments(ORDINARY_OPENING, LONE_SENTENCE)).party_text


def test_lower_case_party_in_machine_translation_counts_through_renderings(shipped_glossary: CompiledGlossary) -> None:
    # MT writes "party" in lower case; the glossary renderings of two or more words still signal.
    text = (
        "the party committee of the city held a meeting. the Central Commission for Discipline Inspection "
        "and the National Commission of Supervision reported on rural revitalization."
    )
    assert shipped_glossary.document_context(_segments(text)).party_text


def test_a_configuration_can_declare_every_file_a_party_text(shipped_glossary: CompiledGlossary) -> None:
    assert shipped_glossary.document_context(_segments(ORDINARY_OPENING), declared=True).party_text


def test_a_context_condition_holds_anywhere_in_a_party_text(lint_shipped: Lint) -> None:
    in_party_text = lint_shipped(f"{PARTY_OPENING}\n\n{LONE_SENTENCE}\n", select="TF101")
    assert [finding.suggestions[0] for finding in in_party_text] == ["four forms of decadence"]


def test_the_same_sentence_elsewhere_stays_silent(lint_shipped: Lint) -> None:
    assert lint_shipped(f"{ORDINARY_OPENING}\n\n{LONE_SENTENCE}\n", select="TF101") == []
    assert lint_shipped(f"{LONE_SENTENCE}\n") == []


def test_the_density_test_counts_signals_across_the_whole_document(shipped_glossary: CompiledGlossary) -> None:
    # Two signals up front do not make a long document a Party text: one per 500 words is needed.
    long_ordinary = " ".join([ORDINARY_OPENING] * 400)  # some 8,000 words
    assert not shipped_glossary.document_context(_segments(PARTY_OPENING, long_ordinary)).party_text
    # The same signals spread through the document do.
    spread = [PARTY_OPENING if index % 10 == 0 else ORDINARY_OPENING * 2 for index in range(60)]
    assert shipped_glossary.document_context(_segments(*spread)).party_text
