"""Where the glossary shipped with tifa lies: its YAML files and the literal lexicon's supplement.

Kept apart from the loader so that the glossary cache can name these files (its key covers
them) without importing the YAML parser on every start-up.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def shipped_glossary_dir() -> Path:
    """Return the folder of the glossary shipped with tifa (inside the wheel, or the source tree)."""
    packaged = resources.files("tifa") / "data" / "glossary"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "glossary"


def shipped_glossary_files() -> list[Path]:
    """Return the shipped glossary files in a stable order."""
    return sorted(shipped_glossary_dir().glob("*.yaml"))


def default_supplement_path() -> Path:
    """Return the supplement shipped with tifa's glossary."""
    return shipped_glossary_dir() / "lexicon" / "supplement.yaml"
