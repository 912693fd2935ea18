"""What a run produced: the findings of each file and the errors met, as plain values for the reporters."""

from __future__ import annotations

from dataclasses import dataclass, field

from tifa.errors import TifaError
from tifa.model import Finding
from tifa.segments import Document


@dataclass(frozen=True)
class FileResult:
    """The findings of one file (after fixing, when fixing), with the document they point into."""

    document: Document
    findings: tuple[Finding, ...]
    fixed: int = 0
    original_text: str | None = None  # the text before fixing, when anything was fixed
    suppressed: tuple[Finding, ...] = ()  # findings that suppression comments suppressed


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
