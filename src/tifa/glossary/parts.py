"""The parts of a compiled glossary that only some rules use, built or loaded the first time one asks.

They are the near-miss index (TF301) and the literal lexicon (TF105, which reads it only in
Party texts and in bilingual segments). The glossary cache (:mod:`tifa.glossary.cache`) stores
each in a file of its own, so that a run whose rules never ask for one never reads it.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from tifa.glossary.fuzzy import FuzzyIndex
    from tifa.glossary.lexicon import LiteralLexicon
    from tifa.glossary.schema import Entry

LAZY_PARTS = ("fuzzy_index", "literal_lexicon")


class StoredParts(Protocol):
    """Where a cached glossary's lazy parts are stored."""

    def load(self, name: str, glossary: LazyParts) -> object | None:
        """Return the stored part ``name`` of ``glossary``, or None when it cannot be read."""
        ...


class LazyParts:
    """The lazy parts of a compiled glossary of ``entries`` (a base of ``CompiledGlossary``)."""

    entries: tuple[Entry, ...]

    @functools.cached_property
    def fuzzy_index(self) -> FuzzyIndex:
        """The near-miss index, loaded from the cache or built the first time a rule needs it."""
        from tifa.glossary.fuzzy import FuzzyIndex

        stored = self._stored_part("fuzzy_index")
        return stored if isinstance(stored, FuzzyIndex) else FuzzyIndex(self.entries)

    @functools.cached_property
    def literal_lexicon(self) -> LiteralLexicon:
        """The literal lexicon of every entry, loaded from the cache or built the first time a rule needs it."""
        from tifa.glossary.lexicon import LiteralLexicon

        stored = self._stored_part("literal_lexicon")
        return stored if isinstance(stored, LiteralLexicon) else LiteralLexicon.build(self.entries)

    def keep_parts_in(self, parts: StoredParts | None) -> None:
        """Load the lazy parts from ``parts`` when they are first needed (None: build them)."""
        self._parts = parts

    def load_parts(self) -> None:
        """Load or build every lazy part now (before processes are forked, so that they share them)."""
        for name in LAZY_PARTS:
            getattr(self, name)

    def _stored_part(self, name: str) -> object | None:
        parts: StoredParts | None = self.__dict__.get("_parts")
        return None if parts is None else parts.load(name, self)
