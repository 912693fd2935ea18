"""One run of ``tifa check``: read each file, lint it, and gather findings and errors."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field

from tifa.errors import InputError, TifaError
from tifa.files import STDIN, collect_files
from tifa.formats import read_document
from tifa.glossary.compile import CompiledGlossary
from tifa.linter import lint_document
from tifa.model import Finding
from tifa.segments import Document
from tifa.selection import RuleSelection


@dataclass(frozen=True)
class FileResult:
    """The findings of one file, with the document they point into."""

    document: Document
    findings: tuple[Finding, ...]


@dataclass
class RunResult:
    """Everything a run produced, in the order the files were given."""

    files: list[FileResult] = field(default_factory=list)
    errors: list[TifaError] = field(default_factory=list)

    @property
    def findings_count(self) -> int:
        """Total number of findings over all files."""
        return sum(len(result.findings) for result in self.files)


def read_input(name: str) -> bytes:
    """Return the bytes of file ``name`` (``-`` reads standard input)."""
    if name == STDIN:
        return sys.stdin.buffer.read()
    try:
        with open(name, "rb") as handle:
            return handle.read()
    except IsADirectoryError:
        raise InputError("is a directory", name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", name) from None


def check_paths(
    paths: Iterable[str],
    glossary: CompiledGlossary,
    selection: RuleSelection,
    input_format: str | None = None,
) -> RunResult:
    """Check every file under ``paths``; a file that cannot be read becomes an error, not a stop."""
    result = RunResult()
    for item in collect_files(paths):
        if isinstance(item, InputError):
            result.errors.append(item)
            continue
        try:
            document = read_document(item, read_input(item), input_format)
        except InputError as error:
            result.errors.append(error)
            continue
        result.files.append(FileResult(document, tuple(lint_document(document, glossary, selection))))
    return result
