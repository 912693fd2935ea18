"""Normalise Chinese source text for term matching: traditional to simplified, full-width forms, quotes."""

from __future__ import annotations

import functools
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import opencc

# Quotation and title marks are left out of matching: sources write 共建“一带一路” and 共建一带一路 alike.
_DROPPED = dict.fromkeys(map(ord, "“”‘’\"'「」『』《》〈〉"), None)
_MAPPED = str.maketrans({"、": ",", "，": ",", "；": ";", "：": ":", "　": " "})


@functools.cache
def _to_simplified() -> opencc.OpenCC:
    import opencc  # only where there is Chinese text to read: English files never need it

    return opencc.OpenCC("t2s")


@functools.lru_cache(maxsize=64)  # the rules of one segment all ask for its source
def normalize_chinese(text: str) -> str:
    """Return ``text`` in simplified characters, with full-width forms folded and quotes dropped."""
    folded = unicodedata.normalize("NFKC", text).translate(_MAPPED).translate(_DROPPED)
    return str(_to_simplified().convert(folded))
