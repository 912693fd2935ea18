"""Fixtures shared by the glossary tooling tests: the shipped glossary, loaded once."""

from __future__ import annotations

import pytest

from tifa.glossary.load import Glossary, load_glossary


@pytest.fixture(scope="session")
def shipped() -> Glossary:
    """The shipped glossary as loaded (not compiled)."""
    loaded = load_glossary()
    assert not loaded.errors, "\n".join(map(str, loaded.errors))
    return loaded.glossary
