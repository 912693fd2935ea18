"""What an import reads from a TBX or CSV file before it becomes tifa entries, and what it warns about."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from tifa.glossary.schema import Confidence


class TermStatus(Enum):
    """The TBX administrative status of a term, and what it is to a tifa entry."""

    PREFERRED = "preferredTerm-admn-sts"  # en (or the first zh)
    ADMITTED = "admittedTerm-admn-sts"  # accept (or a further zh)
    DEPRECATED = "deprecatedTerm-admn-sts"  # wrong and wrong_if_source
    SUPERSEDED = "supersededTerm-admn-sts"  # outdated


@dataclass(frozen=True, slots=True)
class ExchangeWarning:
    """Something an import or export changed or left out, with where it happened when known."""

    message: str
    path: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        location = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{location}: {self.message}"


@dataclass
class RawTerm:
    """A term read from an exchange file, before it becomes part of an entry."""

    text: str
    status: TermStatus
    line: int
    if_source: bool = False


@dataclass
class RawEntry:
    """One concept read from an exchange file, before ids, defaults and conflicts are settled."""

    line: int
    id: str | None = None
    zh: list[RawTerm] = field(default_factory=list)
    en: list[RawTerm] = field(default_factory=list)
    category: str | None = None
    confidence: Confidence | None = None
    source: str | None = None
    note: str | None = None
    expand: str | None = None


def clean_text(text: str | None) -> str:
    """Collapse white space runs (a term in XML may be wrapped) and strip."""
    return " ".join((text or "").split())
