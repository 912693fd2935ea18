"""The duplicated-phrase rule beyond its case file (tests/rules/cases/TF201.yaml): glossary pairs, long texts."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.conftest import Lint, compile_files, lint_with
from tifa.glossary.compile import CompiledGlossary

# Parallel pairs behind doubled words, as a glossary's `doubled` field lists them (test data).
PAIRS = """
entries:
  - id: broad-and-profound
    zh: 博大精深
    en: broad and profound
    doubled: [profound]
    category: parallel-phrases
    confidence: high
    source: "Test data."
  - id: forceful-and-effective
    zh: 有力有效
    en: forceful and effective
    doubled: [effective]
    category: parallel-phrases
    confidence: high
    source: "Test data."
  - id: standardized-and-regularized
    zh: 标准化规范化
    en: standardized and regularized
    doubled: [standardized]
    category: parallel-phrases
    confidence: medium
    source: "Test data."
"""


@pytest.fixture(scope="module")
def pairs_glossary(tmp_path_factory: pytest.TempPathFactory) -> CompiledGlossary:
    path: Path = tmp_path_factory.mktemp("glossary") / "pairs.yaml"
    path.write_text(PAIRS, encoding="utf-8")
    return compile_files([path])


@pytest.mark.parametrize(
    ("text", "source", "span", "suggestions", "applicability"),
    [
        # Without the pair in a source, the pair is suggested first; the fix only removes the copy.
        (
            "History is profound and profound.",
            None,
            "profound and profound",
            ["broad and profound", "profound"],
            "unsafe",
        ),
        # With the pair in the aligned source, a high-confidence pair is a safe fix.
        (
            "It is profound and profound.",
            "它博大精深。",
            "profound and profound",
            ["broad and profound", "profound"],
            "safe",
        ),
        # A doubled adjective: the pair goes before the noun.
        (
            "We took effective and effective measures.",
            None,
            "effective and effective measures",
            ["forceful and effective measures", "effective measures"],
            "unsafe",
        ),
        (
            "Effective and effective measures were taken.",
            "采取有力有效措施。",
            "Effective and effective measures",
            ["Forceful and effective measures", "Effective measures"],
            "safe",
        ),
        # The aligned source has no such pair: the pair is suggested, not written.
        (
            "We took effective and effective measures.",
            "采取有效措施。",
            "effective and effective measures",
            ["forceful and effective measures", "effective measures"],
            "unsafe",
        ),
        # A medium-confidence pair is never a safe fix, even with its source.
        (
            "They held standardized standardized inspections.",
            "开展标准化规范化检查。",
            "standardized standardized",
            ["standardized and regularized", "standardized"],
            "unsafe",
        ),
    ],
)
def test_doubled_pair_from_the_glossary(
    pairs_glossary: CompiledGlossary,
    text: str,
    source: str | None,
    span: str,
    suggestions: list[str],
    applicability: str,
) -> None:
    findings = lint_with(pairs_glossary, text, source=source, select="TF201")
    assert [text[finding.span.start : finding.span.end] for finding in findings] == [span]
    finding = findings[0]
    assert list(finding.suggestions) == suggestions
    assert finding.fix is not None and finding.fix.applicability.label == applicability
    written = suggestions[0] if source is not None and finding.entry_id else suggestions[-1]
    assert [edit.text for edit in finding.fix.edits] == [written]


def test_a_run_in_a_long_text_is_one_finding(lint_mini: Lint) -> None:
    """A word said three times among 60,000 words of text is one finding, found in linear time."""
    sentences = [f"Office {number} sent its report for district {number + 1} on time." for number in range(6000)]
    sentences[3000] = "The county will work work work hard this winter."
    started = time.perf_counter()
    findings = lint_mini(" ".join(sentences), select="TF201")
    assert [finding.suggestions[0] for finding in findings] == ["work"]
    assert time.perf_counter() - started < 10
