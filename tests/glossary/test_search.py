"""Fuzzy search finds entries from half-remembered English and from Chinese."""

from __future__ import annotations

import pytest

from tifa.glossary.load import Glossary
from tifa.glossary.search import is_chinese, search_entries


@pytest.mark.parametrize(
    ("query", "entry_id", "field"),
    [
        ("two upholdz", "two-upholds", "id"),
        ("Two Upholds", "two-upholds", "id"),
        ("two maintenances", "two-upholds", "wrong"),
        ("chinese style modernisation", "chinese-modernization", "wrong"),
        ("chinese modernisation", "chinese-modernization", None),
        ("community of shared future", "community-with-a-shared-future-for-mankind", None),
        ("community of common destiny", "community-with-a-shared-future-for-mankind", "outdated"),
        ("两个维护", "two-upholds", "zh"),
        ("维护", "two-upholds", "zh"),
        ("两个拥护", "two-upholds", "zh"),
    ],
)
def test_finds_the_entry_among_the_first_hits(shipped: Glossary, query: str, entry_id: str, field: str | None) -> None:
    hits = search_entries(shipped.entries, query, limit=3)
    found = {hit.entry.id: hit for hit in hits}
    assert entry_id in found, [(hit.entry.id, hit.score, hit.matched) for hit in hits]
    if field is not None:
        assert found[entry_id].field == field


def test_exact_chinese_ranks_first_and_scores_100(shipped: Glossary) -> None:
    best = search_entries(shipped.entries, "两个维护")[0]
    assert (best.entry.id, best.score, best.matched) == ("two-upholds", 100.0, "两个维护")


def test_one_hit_per_entry_best_first(shipped: Glossary) -> None:
    hits = search_entries(shipped.entries, "two maintenance", limit=10)
    assert len({hit.entry.id for hit in hits}) == len(hits)
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)
    assert hits[0].entry.id == "two-upholds" and hits[0].score == 100.0


@pytest.mark.parametrize("query", ["", "   ", "qqqqzzzzxxxx"])
def test_nothing_found(shipped: Glossary, query: str) -> None:
    assert search_entries(shipped.entries, query) == []


def test_limit(shipped: Glossary) -> None:
    assert len(search_entries(shipped.entries, "development", limit=2)) == 2
    assert search_entries(shipped.entries, "development", limit=0) == []


def test_is_chinese() -> None:
    assert is_chinese("两个维护") and is_chinese("the 两个维护") and not is_chinese("Two Upholds")
