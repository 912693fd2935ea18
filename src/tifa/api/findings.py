"""Findings as the library hands them out: located by line and column, and convertible to plain dicts.

:class:`Finding` carries exactly what one object of ``tifa check --format json`` carries, under
the same names; :meth:`Finding.to_dict` gives that object and :meth:`Finding.from_dict` reads
it back, so findings travel as JSON, JSON Lines or table rows and come back as values.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from tifa.errors import InputError, display_path
from tifa.model import Finding as RawFinding
from tifa.reporters import in_report_order
from tifa.reporters.json import finding_object
from tifa.text import LineIndex

# The keys of one finding in ``--format json``, in the order it prints them.
FINDING_KEYS = (
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "code",
    "name",
    "severity",
    "message",
    "suggestions",
    "entry",
    "fix",
    "applicability",
)
EDIT_KEYS = ("line", "column", "end_line", "end_column", "content")
_INTEGER_KEYS = ("line", "column", "end_line", "end_column")


@dataclass(frozen=True, slots=True)
class TextEdit:
    """One edit of a fix: replace ``[line:column, end_line:end_column)`` with ``content``.

    Lines and columns are 1-based; columns count Unicode code points; the end is exclusive.
    """

    line: int
    column: int
    end_line: int
    end_column: int
    content: str

    def to_dict(self) -> dict[str, Any]:
        """Return the edit as ``--format json`` prints it."""
        return {key: getattr(self, key) for key in EDIT_KEYS}


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding in one file or text, as ``tifa check --format json`` reports it.

    ``severity`` is ``error``, ``warning`` or ``info``; ``applicability`` is ``safe``,
    ``unsafe``, ``display-only`` or None (no fix); ``fix`` is None or the edits of the fix.
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str | None
    severity: str
    message: str
    suggestions: tuple[str, ...] = ()
    entry: str | None = None
    fix: tuple[TextEdit, ...] | None = None
    applicability: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the finding as a plain dict with the keys and values of ``--format json``."""
        data = {key: getattr(self, key) for key in FINDING_KEYS}
        data["suggestions"] = list(self.suggestions)
        data["fix"] = None if self.fix is None else [edit.to_dict() for edit in self.fix]
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Finding:
        """Read a finding from a dict with the keys of ``--format json`` (other keys are ignored).

        Raises :class:`~tifa.errors.InputError` when a key is missing or a value has the wrong type.
        """
        missing = [key for key in FINDING_KEYS if key not in data]
        if missing:
            raise InputError(f"a finding needs the keys {', '.join(missing)}")
        _check_integers(data, "finding")
        fix = data["fix"]
        if fix is not None and not isinstance(fix, Iterable):
            raise InputError(f"a finding's fix must be a list of edits or null, not {fix!r}")
        return cls(
            path=str(data["path"]),
            line=data["line"],
            column=data["column"],
            end_line=data["end_line"],
            end_column=data["end_column"],
            code=str(data["code"]),
            name=_optional_text(data["name"]),
            severity=str(data["severity"]),
            message=str(data["message"]),
            suggestions=tuple(str(suggestion) for suggestion in data["suggestions"] or ()),
            entry=_optional_text(data["entry"]),
            fix=None if fix is None else tuple(_edit(edit) for edit in fix),
            applicability=_optional_text(data["applicability"]),
        )


def _edit(data: Mapping[str, Any]) -> TextEdit:
    missing = [key for key in EDIT_KEYS if key not in data]
    if missing:
        raise InputError(f"an edit needs the keys {', '.join(missing)}")
    _check_integers(data, "edit")
    return TextEdit(data["line"], data["column"], data["end_line"], data["end_column"], str(data["content"]))


def _check_integers(data: Mapping[str, Any], what: str) -> None:
    for key in _INTEGER_KEYS:
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, int):
            raise InputError(f"{what} key {key!r} must be an integer, not {value!r}")


def _optional_text(value: Any) -> str | None:
    return None if value is None else str(value)


def located(path: str, text: str, findings: Iterable[RawFinding]) -> list[Finding]:
    """Return ``findings`` (spans into ``text``, the text of ``path``) located, in report order."""
    index = LineIndex(text)
    shown = display_path(path)
    return [Finding.from_dict(finding_object(shown, index, finding)) for finding in in_report_order(tuple(findings))]
