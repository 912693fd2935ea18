"""Find glossary entries from Chinese (a substring of ``zh``) or from a half-remembered English rendering."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tifa.glossary.schema import Entry

DEFAULT_LIMIT = 5
# Below this score a fuzzy hit is more likely noise than the entry meant.
MIN_SCORE = 60.0
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True, slots=True)
class SearchHit:
    """An entry found by a search, how well it matched (0-100) and the form that matched."""

    entry: Entry
    score: float
    field: str  # id, zh, en, accept, wrong, wrong_if_source or outdated
    matched: str


def is_chinese(query: str) -> bool:
    """Whether ``query`` contains Chinese characters (and is searched in ``zh``)."""
    return _HAN.search(query) is not None


def search_entries(entries: Sequence[Entry], query: str, limit: int = DEFAULT_LIMIT) -> list[SearchHit]:
    """Return the best ``limit`` entries for ``query``, best first, one hit per entry."""
    query = query.strip()
    if not query or limit < 1:
        return []
    hits = _search_chinese(entries, query) if is_chinese(query) else _search_english(entries, query)
    best: dict[str, SearchHit] = {}
    for hit in hits:  # best first: keep each entry's first hit
        best.setdefault(hit.entry.id, hit)
    return list(best.values())[:limit]


def _search_chinese(entries: Sequence[Entry], query: str) -> list[SearchHit]:
    """Substring hits score by how much of the Chinese form the query covers; close misses follow."""
    from rapidfuzz import fuzz  # here, not above: tifa check imports this module for a default value

    hits = []
    for entry in entries:
        for zh in entry.zh:
            if query in zh:
                hits.append(SearchHit(entry, round(100.0 * len(query) / len(zh), 1), "zh", zh))
            else:
                score = fuzz.ratio(query, zh)
                if score >= MIN_SCORE:
                    # A near miss ranks below every substring hit of the same coverage.
                    hits.append(SearchHit(entry, round(score * 0.9, 1), "zh", zh))
    return sorted(hits, key=lambda hit: (-hit.score, len(hit.matched)))


def _search_english(entries: Sequence[Entry], query: str) -> list[SearchHit]:
    """Fuzzy hits over every rendering, flagged form and id; ties go to the closer whole string."""
    from rapidfuzz import fuzz, process, utils

    choices: list[str] = []
    owners: list[tuple[Entry, str, str]] = []
    for entry in entries:
        forms = (
            ("id", (entry.id.replace("-", " "),)),
            ("en", (entry.en,)),
            ("accept", entry.accept),
            ("wrong", tuple(form.text for form in entry.wrong)),
            ("wrong_if_source", tuple(form.text for form in entry.wrong_if_source)),
            ("outdated", tuple(form.text for form in entry.outdated)),
        )
        for field, texts in forms:
            for text in texts:
                choices.append(text)
                owners.append((entry, field, entry.id if field == "id" else text))
    processed_query = utils.default_process(query)
    found = process.extract(
        processed_query,
        choices,
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=None,
        score_cutoff=MIN_SCORE,
    )
    ranked = []
    for _, score, index in found:
        entry, field, matched = owners[index]
        closeness = fuzz.ratio(processed_query, utils.default_process(choices[index]))
        ranked.append((score, closeness, SearchHit(entry, round(score, 1), field, matched)))
    ranked.sort(key=lambda item: (-item[0], -item[1]))
    return [hit for _, _, hit in ranked]
