"""Precision: official English and ordinary English must give no finding at all."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.conftest import DATA, SHARED, Lint

OFFICIAL = SHARED / "corpus" / "official"
BILINGUAL = SHARED / "corpus" / "bilingual" / "official.tsv"


def _describe(text: str, findings: list) -> list[str]:  # type: ignore[type-arg]
    return [
        f"{finding.code} {text[finding.span.start : finding.span.end]!r}: {finding.message}" for finding in findings
    ]


def test_ordinary_english_gives_no_finding(lint_shipped: Lint) -> None:
    text = (DATA / "ordinary-english.txt").read_text(encoding="utf-8")
    problems = []
    for line in text.splitlines():
        problems.extend(_describe(line, lint_shipped(line)))
    assert problems == []


@pytest.mark.skipif(not OFFICIAL.is_dir(), reason="shared official corpus not available")
@pytest.mark.parametrize(
    "path", sorted(OFFICIAL.glob("*.txt")) if OFFICIAL.is_dir() else [], ids=lambda path: path.name
)
def test_official_english_gives_no_finding(path: Path, lint_shipped: Lint) -> None:
    text = path.read_text(encoding="utf-8")
    assert _describe(text, lint_shipped(text)) == []


@pytest.mark.skipif(not BILINGUAL.is_file(), reason="shared bilingual corpus not available")
def test_official_translations_with_their_source_give_no_finding(lint_shipped: Lint) -> None:
    with BILINGUAL.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows
    problems = []
    for row in rows:
        problems.extend(_describe(row["en"], lint_shipped(row["en"], source=row["zh"])))
    assert problems == []
