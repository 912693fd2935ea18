"""Apply fixes: choose non-overlapping edits, splice them in, re-lint, repeat to a fixed point.

A fix never loses data: :func:`write_atomically` (in :mod:`tifa.writing`) writes through
symbolic links, keeps the encoding, byte-order mark, line endings, owner, group, mode and hard
links, and refuses when the file changed since it was read.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tifa.model import Applicability, Edit, Finding
from tifa.writing import write_atomically

__all__ = ["FixResult", "apply_fixes", "fix_to_fixed_point", "fixable", "write_atomically"]

# Each pass fixes what does not overlap; a few passes settle any realistic text, and the
# bound keeps a rule that keeps re-proposing a fix from looping forever.
MAX_PASSES = 10


@dataclass(frozen=True)
class FixResult:
    """A text after fixing, how many findings were fixed, and what remains."""

    text: str
    fixed: int
    remaining: tuple[Finding, ...]
    # The findings fixed in each pass, with spans into the text that pass read.
    applied: tuple[tuple[Finding, ...], ...] = ()


def fixable(findings: Iterable[Finding], threshold: Applicability) -> list[Finding]:
    """Return the findings whose fix is at least as safe as ``threshold``."""
    return [
        finding
        for finding in findings
        if finding.fix is not None
        and finding.fix.applicability is not Applicability.DISPLAY_ONLY
        and finding.fix.applicability >= threshold
    ]


def apply_fixes(text: str, findings: Iterable[Finding]) -> tuple[str, int]:
    """Apply the fixes of ``findings`` that do not overlap; return the new text and how many were applied.

    Fixes are taken in file order (safer fixes first at the same place); a fix whose edits
    overlap an already chosen one waits for the next pass. Adjacent edits do not overlap.
    """
    new_text, applied = splice_fixes(text, findings)
    return new_text, len(applied)


def splice_fixes(text: str, findings: Iterable[Finding]) -> tuple[str, list[Finding]]:
    """Like :func:`apply_fixes`, but return the findings whose fixes were applied."""
    chosen = _ChosenEdits()
    applied: list[Finding] = []
    ordered = sorted(
        (finding for finding in findings if finding.fix is not None),
        key=lambda finding: (finding.span.start, -_safety(finding), finding.span.end, finding.code),
    )
    for finding in ordered:
        assert finding.fix is not None
        edits = finding.fix.edits
        if any(chosen.conflicts(edit) for edit in edits) or _conflict_among(edits):
            continue
        for edit in edits:
            chosen.add(edit)
        applied.append(finding)
    pieces = []
    position = 0
    for edit in chosen.edits:
        pieces.append(text[position : edit.span.start])
        pieces.append(edit.text)
        position = edit.span.end
    pieces.append(text[position:])
    return "".join(pieces), applied


class _ChosenEdits:
    """Edits that do not conflict, kept in file order, so that a new edit is checked against its neighbours only.

    Chosen edits never overlap, so their ends rise with their starts: the edits a new one could
    conflict with are the run that starts at or before its end and ends at or after its start.
    """

    def __init__(self) -> None:
        self.edits: list[Edit] = []
        self._starts: list[int] = []

    def conflicts(self, edit: Edit) -> bool:
        """True when ``edit`` overlaps a chosen edit (an insertion: touches one)."""
        index = bisect_right(self._starts, edit.span.end)
        while index > 0 and self.edits[index - 1].span.end >= edit.span.start:
            index -= 1
            if _overlaps(edit, self.edits[index]):
                return True
        return False

    def add(self, edit: Edit) -> None:
        """Choose ``edit`` (which conflicts with no chosen edit)."""
        index = bisect_right(self._starts, edit.span.start)
        self._starts.insert(index, edit.span.start)
        self.edits.insert(index, edit)


def _safety(finding: Finding) -> int:
    return int(finding.fix.applicability) if finding.fix is not None else -1


def _overlaps(first: Edit, second: Edit) -> bool:
    if first.span.overlaps(second.span):
        return True
    # An insertion conflicts with another edit at or around its point; adjacent replacements do not.
    return any(
        edit.span.start == edit.span.end and other.span.start <= edit.span.start <= other.span.end
        for edit, other in ((first, second), (second, first))
    )


def _conflict_among(edits: tuple[Edit, ...]) -> bool:
    """True when two edits of one fix conflict (a fix is applied whole or not at all)."""
    return len(edits) > 1 and any(_overlaps(one, other) for number, one in enumerate(edits) for other in edits[:number])


def fix_to_fixed_point(text: str, lint: Callable[[str], list[Finding]], threshold: Applicability) -> FixResult:
    """Lint and fix ``text`` repeatedly until no fix at ``threshold`` applies (at most :data:`MAX_PASSES`)."""
    passes: list[tuple[Finding, ...]] = []
    findings = lint(text)
    for _ in range(MAX_PASSES):
        candidates = fixable(findings, threshold)
        if not candidates:
            break
        new_text, applied = splice_fixes(text, candidates)
        if not applied or new_text == text:
            break
        text = new_text
        passes.append(tuple(applied))
        findings = candidates = []  # the old text's findings go before the new text is linted
        findings = lint(text)
    return FixResult(text, sum(map(len, passes)), tuple(findings), tuple(passes))
