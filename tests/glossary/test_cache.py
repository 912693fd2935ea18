"""The per-user glossary cache: the same glossary, faster, and never stale or fatal."""

from __future__ import annotations

import gc
import importlib
import io
import os
import pickle
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import MINI_GLOSSARY, lint_with
from tifa.glossary import cache as cache_module
from tifa.glossary.cache import load_compiled_glossary
from tifa.glossary.compile import CompiledGlossary
from tifa.glossary.schema import Entry

TEXT = (
    "The county studied the two maintenances and the Global Developmnet Initiative, and cadres "
    "set an example and set an example."
)


def _load(cache_dir: Path, extra: list[Path] | None = None) -> CompiledGlossary:
    compiled, errors = load_compiled_glossary(extra or [], shipped=[MINI_GLOSSARY], cache_dir=cache_dir)
    assert not errors and compiled is not None
    return compiled


def test_a_cached_glossary_finds_what_a_fresh_one_finds(tmp_path: Path) -> None:
    fresh = _load(tmp_path)
    assert len(list(tmp_path.glob("glossary-*.pickle"))) == 1
    cached = _load(tmp_path)
    assert cached is not fresh
    expected = lint_with(fresh, TEXT)
    assert {finding.code for finding in expected} >= {"TF101", "TF201", "TF301"}
    assert lint_with(cached, TEXT) == expected


def test_entries_survive_pickling_unchanged() -> None:
    loaded, _ = load_compiled_glossary([], shipped=[MINI_GLOSSARY], cache_dir=None)
    assert loaded is not None
    for entry in loaded.entries:
        copy = pickle.loads(pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL))
        assert isinstance(copy, Entry)
        assert copy == entry and copy.location == entry.location


def test_an_edited_glossary_file_is_compiled_again(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "- id: county-pilot\n  zh: 试点县\n  en: pilot county\n  category: test\n  confidence: high\n"
        "  source: Test data.\n  wrong: [experiment county]\n",
        encoding="utf-8",
    )
    cache = tmp_path / "cache"
    first = _load(cache, [extra])
    assert [f.code for f in lint_with(first, "An experiment county was named.")] == ["TF101"]
    extra.write_text(extra.read_text(encoding="utf-8").replace("experiment county", "trial county"), encoding="utf-8")
    second = _load(cache, [extra])
    assert lint_with(second, "An experiment county was named.") == []
    assert [f.code for f in lint_with(second, "A trial county was named.")] == ["TF101"]


def test_a_broken_cache_file_is_rebuilt(tmp_path: Path) -> None:
    _load(tmp_path)
    (cache_file,) = tmp_path.glob("glossary-*.pickle")
    cache_file.write_bytes(b"not a pickle")
    rebuilt = _load(tmp_path)
    assert lint_with(rebuilt, TEXT)
    assert cache_file.read_bytes() != b"not a pickle"


def test_loading_leaves_the_garbage_collector_as_it_was(tmp_path: Path) -> None:
    assert gc.isenabled()
    _load(tmp_path)
    _load(tmp_path)
    assert gc.isenabled()
    gc.disable()
    try:
        _load(tmp_path)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_every_tifa_module_whose_classes_the_cache_holds_keys_it(shipped_glossary: CompiledGlossary) -> None:
    # A class pickled from a module left out of the key would be read back from a cache that
    # an older version of that module wrote.
    shipped_glossary.fuzzy_index  # noqa: B018 - the cached copy holds both
    shipped_glossary.literal_lexicon  # noqa: B018
    modules: set[str] = set()

    class Recorder(pickle.Unpickler):
        def find_class(self, module: str, name: str) -> Any:
            modules.add(module)
            return super().find_class(module, name)

    Recorder(io.BytesIO(pickle.dumps(shipped_glossary, protocol=pickle.HIGHEST_PROTOCOL))).load()
    keyed = {path.resolve() for path in cache_module._CODE_FILES}
    tifa_modules = {module for module in modules if module.split(".")[0] == "tifa"}
    assert {"tifa.glossary.compile", "tifa.glossary.entry_sets"} <= tifa_modules
    assert {
        module for module in tifa_modules if Path(importlib.import_module(module).__file__ or "").resolve() not in keyed
    } == set()


def test_the_parts_only_some_rules_use_are_loaded_when_first_asked_for(tmp_path: Path) -> None:
    fresh = _load(tmp_path)
    (core,) = tmp_path.glob("glossary-*.pickle")
    assert sorted(path.name.removeprefix(core.stem) for path in tmp_path.glob("glossary-*.part")) == [
        ".fuzzy_index.part",
        ".literal_lexicon.part",
    ]
    cached = _load(tmp_path)
    assert "fuzzy_index" not in vars(cached) and "literal_lexicon" not in vars(cached)
    assert lint_with(cached, TEXT) == lint_with(fresh, TEXT)  # TF301 loads the near-miss index
    assert "fuzzy_index" in vars(cached)
    # The index points at the glossary's own entries, not at copies of them.
    entries = {id(entry) for entry in cached.entries}
    assert all(id(phrase.entry) in entries for phrase in cached.fuzzy_index.phrases)
    cached.load_parts()
    assert cached.literal_lexicon.models == fresh.literal_lexicon.models


def test_a_missing_part_is_built_instead(tmp_path: Path) -> None:
    fresh = _load(tmp_path)
    for part in tmp_path.glob("glossary-*.part"):
        part.unlink()
    cached = _load(tmp_path)
    assert lint_with(cached, TEXT) == lint_with(fresh, TEXT)
    assert cached.literal_lexicon.models == fresh.literal_lexicon.models


@pytest.mark.skipif(not hasattr(os, "fork"), reason="processes are forked on POSIX only")
def test_a_fork_loads_the_parts_first_so_that_the_workers_share_them(tmp_path: Path) -> None:
    _load(tmp_path)
    cached = _load(tmp_path)
    assert "literal_lexicon" not in vars(cached)
    child = os.fork()
    if child == 0:  # pragma: no cover - the child only reports
        os._exit(0 if "literal_lexicon" in vars(cached) and "fuzzy_index" in vars(cached) else 1)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
