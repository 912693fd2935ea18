"""Glob patterns of the configuration (``include``, ``exclude``, ``per-file-ignores``), matched against paths."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath


@dataclass(frozen=True, slots=True)
class Glob:
    """A glob pattern relative to the configuration's directory.

    ``*`` and ``?`` stay within one path component, ``**`` crosses components and ``[...]``
    is a character class. A pattern without ``/`` matches any one component of the path (a
    file name or a directory name, as in ``*.po`` or ``drafts``); a pattern with ``/`` is
    anchored at the configuration's directory and matches the path or a directory above it
    (``docs/drafts`` covers every file below it).
    """

    pattern: str
    regex: re.Pattern[str]
    anchored: bool

    @classmethod
    def of(cls, pattern: str) -> Glob:
        """Compile ``pattern``."""
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
        elif pattern[position] == "[" and (close := pattern.find("]", position + 2)) > 0:
            inside = pattern[position + 1 : close]
            negated = inside.startswith("!")
            pieces.append(f"[{'^' if negated else ''}{re.escape(inside[1:] if negated else inside)}]")
            position = close + 1
        else:
            pieces.append(re.escape(pattern[position]))
            position += 1
    return "".join(pieces)
