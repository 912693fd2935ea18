"""Glob patterns of the configuration (``include``, ``exclude``, ``per-file-ignores``), matched against paths."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath


@dataclass(frozen=True, slots=True)
class Glob:
    """A glob pattern relative to the configuration's directory.

    ``*`` and ``?`` stay within one path component, ``**`` crosses components and ``[...]`` is a
    character class (``[!...]`` negated, ``a-c`` a range, a ``]`` first a member). A pattern without
    ``/`` matches any one component of the path (a file name or a directory name, as in ``*.po`` or
    ``drafts``); a pattern with ``/`` is anchored at the configuration's directory and matches the
    path or a directory above it (``docs/drafts`` covers every file below it).
    """

    pattern: str
    regex: re.Pattern[str]
    anchored: bool

    @classmethod
    def of(cls, pattern: str) -> Glob:
        """Compile ``pattern``; raise ValueError for a character class that is not closed or a backward range."""
        cleaned = pattern.strip().replace("\\", "/")
        while cleaned.startswith("./"):
            cleaned = cleaned[2:]
        cleaned = cleaned.rstrip("/")
        anchored = "/" in cleaned
        return cls(pattern, re.compile(_glob_to_regex(cleaned.lstrip("/"))), anchored)

    def matches(self, relative: PurePosixPath | None, absolute: PurePosixPath) -> bool:
        """Return True when the file (``relative`` to the configuration, None when outside it) matches."""
        if self.anchored:
            if relative is None:
                return False
            parts = relative.parts
            return any(self.regex.fullmatch("/".join(parts[:count])) for count in range(1, len(parts) + 1))
        parts = relative.parts if relative is not None else absolute.parts
        return any(self.regex.fullmatch(part) for part in parts)


def _glob_to_regex(pattern: str) -> str:
    pieces: list[str] = []
    position = 0
    while position < len(pattern):
        if pattern.startswith("**/", position):
            pieces.append("(?:.*/)?")
            position += 3
        elif pattern.startswith("**", position):
            pieces.append(".*")
            position += 2
        elif pattern[position] == "*":
            pieces.append("[^/]*")
            position += 1
        elif pattern[position] == "?":
            pieces.append("[^/]")
            position += 1
        elif pattern[position] == "[":
            piece, position = _character_class(pattern, position)
            pieces.append(piece)
        else:
            pieces.append(re.escape(pattern[position]))
            position += 1
    return "".join(pieces)


def _character_class(pattern: str, start: int) -> tuple[str, int]:
    """Return the regular expression of the class that opens at ``start``, and the position after it."""
    body = start + 1 + pattern.startswith("!", start + 1)
    close = pattern.find("]", body + 1)  # a "]" right after "[" or "[!" is a member
    if close < 0:
        raise ValueError(f"the character class at column {start + 1} has no closing ']' (write [[] for a '[')")
    members = pattern[body:close]
    parts: list[str] = []
    index = 0
    while index < len(members):
        if index + 2 < len(members) and members[index + 1] == "-":
            low, high = members[index], members[index + 2]
            if low > high:
                raise ValueError(f"the range {low}-{high} runs backwards")
            parts.append(f"{re.escape(low)}-{re.escape(high)}")
            index += 3
        else:
            parts.append(re.escape(members[index]))
            index += 1
    negation = "^" if body > start + 1 else ""
    return f"[{negation}{''.join(parts)}]", close + 1
