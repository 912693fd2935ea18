"""Apply fixes: choose non-overlapping edits, splice them in, re-lint, repeat to a fixed point.

A fix never loses data: :func:`write_atomically` writes a temporary file beside the original
and renames it over, keeping the encoding, byte-order mark, line endings and permissions, and
refuses when the file changed since it was read.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from tifa.encoding import TextEncoding
from tifa.errors import InputError
from tifa.model import Applicability, Edit, Finding

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
    chosen: list[Edit] = []
    applied: list[Finding] = []
    ordered = sorted(
        (finding for finding in findings if finding.fix is not None),
        key=lambda finding: (finding.span.start, -_safety(finding), finding.span.end, finding.code),
    )
    for finding in ordered:
        assert finding.fix is not None
        edits = finding.fix.edits
        if any(_overlaps(edit, other) for edit in edits for other in chosen):
            continue
        chosen.extend(edits)
        applied.append(finding)
    pieces = []
    position = 0
    for edit in sorted(chosen, key=lambda edit: (edit.span.start, edit.span.end)):
        pieces.append(text[position : edit.span.start])
        pieces.append(edit.text)
        position = edit.span.end
    pieces.append(text[position:])
    return "".join(pieces), applied


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
        findings = lint(text)
    return FixResult(text, sum(map(len, passes)), tuple(findings), tuple(passes))


def write_atomically(path: str, text: str, encoding: TextEncoding, original: bytes) -> None:
    """Write ``text`` to ``path`` encoded like the original, replacing the file in one rename.

    Raises :class:`InputError` naming the file when it is read-only, changed since it was read
    (its bytes differ from ``original``), or cannot be written.
    """
    target = Path(path)
    try:
        mode = target.stat().st_mode
        # Write bits are checked too: root may write anywhere, but a read-only file says "leave me".
        if not os.access(target, os.W_OK) or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
            raise InputError("cannot fix: the file is read-only", path)
        if target.read_bytes() != original:
            raise InputError("cannot fix: the file changed while tifa was checking it", path)
        data = encoding.encode(text)
        descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tifa", dir=target.parent)
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temporary, mode & 0o7777)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise InputError(f"cannot fix: {exc.strerror or exc}", path) from None
