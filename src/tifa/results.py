"""What a run produced: the findings of each file and the errors met, as plain values for the reporters."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace

from tifa.errors import TifaError
from tifa.model import Applicability, Finding, Fix, Severity, Span
from tifa.segments import Document


@dataclass(frozen=True)
class FileResult:
    """The findings of one file (after fixing, when fixing), with the document they point into."""

    document: Document
    findings: tuple[Finding, ...]
    fixed: int = 0
    original_text: str | None = None  # the text before fixing, when anything was fixed
    suppressed: tuple[Finding, ...] = ()  # findings that suppression comments suppressed


def counted(file_result: FileResult) -> FileResult:
    """What a run keeps of a file whose report is already printed: what its closing line needs.

    The document keeps its path, encoding and format but not its text or segments, and each
    finding becomes a shared stand-in with only its code, severity and fix applicability; the
    closing line, ``--statistics`` and the exit status come out as from the whole result,
    while a run over many files holds a few bytes per finding instead of every document.
    """
    return FileResult(
        replace(file_result.document, text="", segments=()),
        tuple(_stand_in(finding) for finding in file_result.findings),
        file_result.fixed,
        suppressed=tuple(_stand_in(finding) for finding in file_result.suppressed),
    )


def _stand_in(finding: Finding) -> Finding:
    return _stand_in_for(finding.code, finding.severity, None if finding.fix is None else finding.fix.applicability)


@functools.cache
def _stand_in_for(code: str, severity: Severity, applicability: Applicability | None) -> Finding:
    fix = None if applicability is None else Fix("", (), applicability)
    return Finding(code, Span(0, 0), "", severity, fix=fix)


@dataclass
class RunResult:
    """Everything a run produced, in the order the files were given."""

    files: list[FileResult] = field(default_factory=list)
    errors: list[TifaError] = field(default_factory=list)

    @property
    def findings_count(self) -> int:
        """Total number of findings over all files."""
        return sum(len(result.findings) for result in self.files)

    @property
    def fixed_count(self) -> int:
        """Total number of findings fixed over all files."""
        return sum(result.fixed for result in self.files)
