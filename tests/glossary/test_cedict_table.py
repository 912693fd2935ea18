"""CC-CEDICT read once per process and kept beside the compiled glossaries between processes."""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

from tifa.glossary import dictionary
from tifa.glossary.dictionary import CedictTable, cedict_cached_in, cedict_table
from tifa.glossary.lexicon import _compounds_within


@pytest.fixture
def fresh_process() -> Iterator[None]:
    """Forget the table this process has read, as a new process would not have it."""
    kept = dict(dictionary._READ)
    dictionary._READ.clear()
    yield
    dictionary._READ.clear()
    dictionary._READ.update(kept)


def test_the_table_has_every_headwords_glosses_and_the_headwords_of_each_compound_sense() -> None:
    table = cedict_table()
    assert table.lines["市议会"] == ["city council"]
    assert table.compounds[frozenset({"citi", "council"})] == frozenset({"市议会"})
    assert all(len(sense) >= 2 for sense in table.compounds)


def test_compounds_are_those_whose_words_are_all_in_the_vocabulary() -> None:
    found = _compounds_within(frozenset({"citi", "council", "fort"}))
    assert found[frozenset({"citi", "council"})] == frozenset({"市议会"})
    assert all(sense <= {"citi", "council", "fort"} for sense in found)


def test_a_later_process_reads_the_kept_table_instead_of_parsing(tmp_path: Path, fresh_process: None) -> None:
    with cedict_cached_in(tmp_path):
        parsed = cedict_table()
    [kept] = tmp_path.glob("cedict-*.pickle")
    dictionary._READ.clear()
    marked = CedictTable({"记号": ["a marker only the kept file has"]}, {})
    kept.write_bytes(pickle.dumps(marked))
    with cedict_cached_in(tmp_path):
        assert cedict_table() == marked
    dictionary._READ.clear()
    for number, age in enumerate((3000, 2000)):
        older = tmp_path / f"cedict-old{number}.pickle"
        older.write_bytes(b"the table of another tifa version")
        os.utime(older, (older.stat().st_atime, older.stat().st_mtime - age))
    kept.write_bytes(b"not a pickle")
    with cedict_cached_in(tmp_path):
        assert cedict_table() == parsed  # a broken file is parsed again and replaced
    assert sorted(path.name for path in tmp_path.glob("cedict-*.pickle")) == sorted([kept.name, "cedict-old1.pickle"])


@pytest.mark.usefixtures("fresh_process")
def test_without_a_folder_nothing_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    cedict_table()
    assert not list(tmp_path.iterdir())
