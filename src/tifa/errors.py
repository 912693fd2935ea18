"""Errors that tifa reports to the user as one line, never as a traceback."""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """Process exit statuses of the ``tifa`` command."""

    OK = 0
    FINDINGS = 1
    ERROR = 2


class TifaError(Exception):
    """A problem with the user's input: a file, a glossary or an option.

    ``str()`` gives the one-line message, prefixed with ``path:line:`` when known.
    """

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = None if path is None else str(path)
        self.line = line

    def __str__(self) -> str:
        location = ""
        if self.path is not None:
            location = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        return f"{location}{self.message}"


class InputError(TifaError):
    """A file to check could not be read or parsed."""


class GlossaryError(TifaError):
    """A glossary file is invalid."""


class UnreadableGlossaryError(GlossaryError):
    """A glossary file that cannot be read, or is not YAML at all."""


class UnknownDisabledEntryError(GlossaryError):
    """An entry id to disable that no glossary file defines (the caller knows where it was listed)."""


class UsageError(TifaError):
    """The command line or configuration asks for something impossible."""
