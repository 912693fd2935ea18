"""Findings as LSP diagnostics: range, severity, code, message, and a link to the rule's explanation.

The link (``codeDescription.href``) is a text file holding what ``tifa explain CODE`` prints,
written once per rule and tifa version into the cache folder, so that an editor opens the
explanation beside the text. ``data`` repeats the code, the glossary entry, the suggestions and
the command that explains the rule, for clients that show or use them.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from lsprotocol import types

from tifa import __version__
from tifa.errors import TifaError
from tifa.explain import explain
from tifa.glossary.compile import CompiledGlossary
from tifa.lsp.positions import PositionMap
from tifa.model import Finding, Severity
from tifa.rules import RULES_BY_CODE

SOURCE = "tifa"
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


class Explanations:
    """The files that hold each rule's explanation, written on first use into ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / "explain" / __version__
        self._uris: dict[str, str | None] = {}

    def uri(self, code: str, glossary: CompiledGlossary) -> str | None:
        """Return the ``file:`` URI of the explanation of rule ``code`` (None when it cannot be written)."""
        if code not in self._uris:
            self._uris[code] = self._write(code, glossary)
        return self._uris[code]

    def _write(self, code: str, glossary: CompiledGlossary) -> str | None:
        path = self.folder / f"{code}.txt"
        if not path.exists():
            try:
                text = explain(code, glossary)
            except TifaError:
                return None
            with contextlib.suppress(OSError):
                path.parent.mkdir(parents=True, exist_ok=True)
                temporary = path.with_suffix(".tmp")
                temporary.write_text(text, encoding="utf-8")
                temporary.replace(path)
        return path.as_uri() if path.exists() else None


def finding_data(finding: Finding) -> dict[str, Any]:
    """The ``data`` of a finding's diagnostic: code, rule name, entry, suggestions and the explain command."""
    rule = RULES_BY_CODE.get(finding.code)
    return {
        "code": finding.code,
        "name": rule.name if rule else None,
        "entry": finding.entry_id,
        "suggestions": list(finding.suggestions),
        "fix": None if finding.fix is None else finding.fix.applicability.label,
        "explain": f"tifa explain {finding.code}",
    }


def to_diagnostic(finding: Finding, positions: PositionMap, explain_uri: str | None) -> types.Diagnostic:
    """Return the LSP diagnostic of ``finding``."""
    return types.Diagnostic(
        range=positions.range(finding.span),
        message=finding.message,
        severity=SEVERITIES[finding.severity],
        code=finding.code,
        code_description=types.CodeDescription(href=explain_uri) if explain_uri else None,
        source=SOURCE,
        data=finding_data(finding),
    )
