"""The glossary's data model: entries of standard renderings and the forms tifa flags."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple


class Confidence(Enum):
    """How well an entry's standard rendering is attested in official English."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class FormKind(Enum):
    """What a listed form is to its entry."""

    WRONG = "wrong"
    WRONG_IF_SOURCE = "wrong_if_source"
    OUTDATED = "outdated"


# Forms and examples are named tuples: a glossary has many of them, and the compiled-glossary
# cache loads tuples several times faster than dataclasses.
class Form(NamedTuple):
    """A rendering the glossary flags, with the conditions under which it fires."""

    text: str
    kind: FormKind
    context: tuple[str, ...] = ()  # the sentence must contain one of these (already expanded)
    not_before: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()
    until: int | None = None
    line: int | None = None


class Examples(NamedTuple):
    """Sentences an entry must flag (``bad``) and leave alone (``good``)."""

    bad: tuple[str, ...] = ()
    good: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Entry:
    """One formulation: its Chinese forms, standard rendering, alternatives and known errors."""

    id: str
    zh: tuple[str, ...]
    en: str
    category: str
    source: str
    confidence: Confidence
    accept: tuple[str, ...] = ()
    wrong: tuple[Form, ...] = ()
    wrong_if_source: tuple[Form, ...] = ()
    outdated: tuple[Form, ...] = ()
    doubled: tuple[str, ...] = ()
    replace: bool = False
    capitalized: bool = False
    expand: str | None = None
    note: str | None = None
    examples: Examples = Examples()  # noqa: RUF009 - an immutable named tuple, safe to share
    path: str = "<glossary>"
    line: int = 0

    def __reduce__(self) -> tuple[type[Entry], tuple[object, ...]]:
        # Rebuilt by one call with the field values: the glossary cache holds thousands of
        # entries, and this loads faster than the default slot-by-slot state.
        return (Entry, tuple(getattr(self, name) for name in self.__slots__))

    @property
    def renderings(self) -> tuple[str, ...]:
        """The standard rendering followed by every accepted one."""
        return (self.en, *self.accept)

    @property
    def forms(self) -> tuple[Form, ...]:
        """Every flagged form of the entry, of all kinds."""
        return (*self.wrong, *self.wrong_if_source, *self.outdated)

    @property
    def location(self) -> str:
        """``path:line`` of the entry's definition."""
        return f"{self.path}:{self.line}"
