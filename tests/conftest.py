"""Shared fixtures: compiled glossaries and a one-line helper to lint a text."""

from __future__ import annotations

import importlib.util
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from tifa.encoding import UTF8
from tifa.formats import read_document
from tifa.glossary.compile import CompiledGlossary
from tifa.glossary.load import load_glossary
from tifa.linter import lint_document
from tifa.model import Finding
from tifa.segments import Document, Segment
from tifa.selection import RuleSelection

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent
SHARED = ROOT.parent / "shared"
MINI_GLOSSARY = DATA / "mini-glossary.yaml"

Lint = Callable[..., list[Finding]]


RUN_ALL_OPTION = "--all"
SKIPPED_BY_DEFAULT = ("slow", "network")


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--all``: also run the tests marked slow or network, as CI does."""
    parser.addoption(
        RUN_ALL_OPTION,
        action="store_true",
        help=f"also run the tests marked {' or '.join(SKIPPED_BY_DEFAULT)} (CI runs them all)",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Keep the glossary cache of test runs (and of the commands they start) out of the user's home."""
    cache = Path(tempfile.mkdtemp(prefix="tifa-test-cache-"))
    os.environ["TIFA_CACHE_DIR"] = str(cache)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Without ``--all``, skip the tests marked slow or network, so that the everyday run stays quick."""
    if config.getoption(RUN_ALL_OPTION):
        return
    skip = pytest.mark.skip(reason=f"slow or needs the network: run with {RUN_ALL_OPTION}")
    for item in items:
        if any(item.get_closest_marker(name) is not None for name in SKIPPED_BY_DEFAULT):
            item.add_marker(skip)


def compile_files(paths: list[Path] | None) -> CompiledGlossary:
    """Compile the glossary files ``paths`` (None: the shipped glossary), failing on any error."""
    loaded = load_glossary(shipped=paths)
    assert not loaded.errors, "\n".join(map(str, loaded.errors))
    return CompiledGlossary(loaded.glossary)


@pytest.fixture(scope="session")
def shipped_glossary() -> CompiledGlossary:
    """The glossary tifa ships, compiled once for the whole session."""
    return compile_files(None)


@pytest.fixture(scope="session")
def mini_glossary() -> CompiledGlossary:
    """A small fixed glossary for rule unit tests."""
    return compile_files([MINI_GLOSSARY])


def lint_with(
    glossary: CompiledGlossary, text: str, *, source: str | None = None, select: str = "ALL"
) -> list[Finding]:
    """Lint ``text`` as one plain-text file (or, with ``source``, as one bilingual segment)."""
    selection = RuleSelection.from_options([select])
    if source is None:
        document = read_document("test.txt", text.encode("utf-8"))
    else:
        document = Document("test.txt", text, UTF8, (Segment(text, 0, source),))
    return lint_document(document, glossary, selection)


@pytest.fixture
def lint_mini(mini_glossary: CompiledGlossary) -> Lint:
    """Lint a text with the mini glossary."""
    return lambda text, **options: lint_with(mini_glossary, text, **options)


@pytest.fixture
def lint_shipped(shipped_glossary: CompiledGlossary) -> Lint:
    """Lint a text with the shipped glossary."""
    return lambda text, **options: lint_with(shipped_glossary, text, **options)


def load_script(path: Path) -> ModuleType:
    """Import the script at ``path`` (a benchmark, not part of the package) as a module."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
