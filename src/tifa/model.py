"""The values tifa passes between its stages: spans, edits, fixes and findings.

Everything here is immutable and free of I/O. Offsets are half-open ``[start, end)``
indexes of Unicode code points into the decoded text of one file.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from enum import IntEnum


class Severity(IntEnum):
    """How serious a finding is; higher is worse."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    @property
    def label(self) -> str:
        """The lower-case name used in output and configuration."""
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        """Return the severity named by ``text`` (``info``, ``warning`` or ``error``)."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (expected info, warning or error)") from None


class Applicability(IntEnum):
    """How safely a fix can be applied without a human looking at it."""

    DISPLAY_ONLY = 0  # shown as a suggestion, never written
    UNSAFE = 1  # written only with --unsafe-fixes
    SAFE = 2  # written by --fix

    @property
    def label(self) -> str:
        """The lower-case name used in output."""
        return self.name.lower().replace("_", "-")


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open range ``[start, end)`` of code-point offsets into a file's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def overlaps(self, other: Span) -> bool:
        """Return True when the two spans share at least one code point."""
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text at ``span`` with ``text`` (an empty text deletes)."""

    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class Fix:
    """A set of edits that together correct one finding."""

    title: str
    edits: tuple[Edit, ...]
    applicability: Applicability

    def __post_init__(self) -> None:
        object.__setattr__(self, "title", _shared(self.title))


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in one file."""

    code: str
    span: Span
    message: str
    severity: Severity
    suggestions: tuple[str, ...] = ()
    fix: Fix | None = None
    entry_id: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", _shared(self.message))


def _shared(text: str) -> str:
    """``text`` as the one copy of equal text that is still in use.

    The same wrong rendering recurs through a document, and each finding of it says the same:
    its findings share one message rather than each holding a copy.
    """
    return sys.intern(text) if type(text) is str else text
