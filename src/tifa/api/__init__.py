"""tifa as a library: a :class:`Linter` for texts and files, findings as values and plain dicts.

Everything here is also reachable from the top-level package (``tifa.Linter``,
``tifa.lint_text`` …), which imports it on first use so that ``import tifa`` stays cheap.
"""

from __future__ import annotations

from tifa.api.findings import FINDING_KEYS, Finding, TextEdit
from tifa.api.glossary_source import GlossarySource
from tifa.api.linter import FixedText, Linter, default_linter, fix_text, lint_path, lint_text
from tifa.errors import GlossaryError, InputError, TifaError, UsageError

__all__ = [
    "FINDING_KEYS",
    "Finding",
    "FixedText",
    "GlossaryError",
    "GlossarySource",
    "InputError",
    "Linter",
    "TextEdit",
    "TifaError",
    "UsageError",
    "default_linter",
    "fix_text",
    "lint_path",
    "lint_text",
]
