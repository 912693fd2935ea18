"""Errors that tifa reports to the user as one line, never as a traceback."""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path


def display_path(path: str) -> str:
    """``path`` as tifa prints it: bytes of a file name that are not UTF-8 become ``\\xNN`` escapes.

    Python keeps such bytes as lone surrogates (``surrogateescape``), which no UTF-8 output can
    hold; every reporter and every error message prints paths through this function.
    """
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path_bytes(path).decode("utf-8", "backslashreplace")
    return path


def path_bytes(path: str) -> bytes:
    """The bytes of file name ``path`` (its undecodable bytes restored), for percent-encoding in a URI."""
    try:
        return path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that no undecodable byte stands for
        return path.encode("utf-8", "backslashreplace")


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

    def __reduce__(self) -> tuple[type[TifaError], tuple[str, str | None, int | None]]:
        # Errors cross process boundaries (Dask workers): keep the file and line, not only the message.
        return type(self), (self.message, self.path, self.line)

    def __str__(self) -> str:
        location = ""
        if self.path is not None:
            path = display_path(self.path)
            location = f"{path}:{self.line}: " if self.line is not None else f"{path}: "
        return f"{location}{self.message}"


class InputError(TifaError):
    """A file to check could not be read or parsed."""


class GlossaryError(TifaError):
    """A glossary file is invalid."""


class UnreadableGlossaryError(GlossaryError):
    """A glossary file that cannot be read, or is not YAML at all."""


class UnknownDisabledEntryError(GlossaryError):
    """An entry id to disable that no glossary file defines (the caller knows where it was listed)."""

    def __init__(self, message: str, entry_id: str) -> None:
        super().__init__(message)
        self.entry_id = entry_id


class UsageError(TifaError):
    """The command line or configuration asks for something impossible."""
