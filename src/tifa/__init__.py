"""tifa: lint and fix English translations of Chinese political texts against a glossary of standard renderings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# The one place the version is written (pyproject.toml reads it from here): looking it up in the
# installed metadata instead costs every start-up, pre-commit hooks included, some 30 ms.
__version__ = "0.1.0"

# The library API (tifa.api) is imported on first use: the command and its hooks start without it.
__all__ = [
    "Finding",
    "FixedText",
    "GlossaryError",
    "InputError",
    "Linter",
    "TextEdit",
    "TifaError",
    "UsageError",
    "__version__",
    "fix_text",
    "lint_path",
    "lint_text",
]

if TYPE_CHECKING:
    from tifa.api import (
        Finding,
        FixedText,
        GlossaryError,
        InputError,
        Linter,
        TextEdit,
        TifaError,
        UsageError,
        fix_text,
        lint_path,
        lint_text,
    )


def __getattr__(name: str) -> Any:
    """Import the library API on first use of one of its names (``tifa.Linter``, ``tifa.lint_text`` …)."""
    if name in __all__ and name != "__version__":
        from tifa import api

        return getattr(api, name)
    raise AttributeError(f"module 'tifa' has no attribute {name!r}")
