"""Placeholders and markup written in segment text: printf and brace placeholders, HTML-like tags.

PO files and bilingual tables carry them as text ("%d inspection teams", "{name}", "<b>");
XLIFF marks inline codes up as elements, which its reader lists per segment
(:attr:`tifa.segments.Segment.inline_codes`).
"""

from __future__ import annotations

import re
from collections import Counter

_PLACEHOLDER = re.compile(
    r"%\([A-Za-z_]\w*\)[-+#0]*\d*(?:\.\d+)?[sdifgGxXoecr]"  # %(name)s
    r"|%(?:\d+\$)?[-+#0]*\d*(?:\.\d+)?[sdifgGxXoecu@]"  # %s, %1$s, %.2f, %@
    r"|\{\{[^{}]*\}\}"  # {{ name }}
    r"|\{[A-Za-z_0-9][\w.:!\[\]]*\}|\{\}"  # {name}, {0}, {}
)
_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")  # <b>, </b>, <br/>


def placeholders(text: str, *, tags: bool = True) -> Counter[str]:
    """The placeholders written in ``text``, and unless ``tags`` is False its HTML-like tags, with their counts.

    In XLIFF, markup is inline elements; text that looks like a tag there is text.
    """
    text = text.replace("%%", "")
    found = Counter(match.group() for match in _PLACEHOLDER.finditer(text))
    if tags:
        found.update(match.group() for match in _TAG.finditer(text))
    return found


def differences(source: Counter[str], target: Counter[str]) -> tuple[list[str], list[str]]:
    """What the target lacks of the source's codes, and what it adds, each sorted."""
    return sorted((source - target).elements()), sorted((target - source).elements())
