"""Segments: the pieces of a file that rules look at, with exact offsets back into the file."""

from __future__ import annotations

from dataclasses import dataclass

# Stands in for text a format adapter hides from the rules (code, link targets, markup). It is
# neither a letter nor white space, so no phrase and no repetition can run across it.
MASK = "\ufffc"


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of translated text, such as a paragraph or a PO ``msgstr``.

    ``text`` has exactly the length of the file text it stands for, starting at ``offset``;
    characters the format hides from the rules are replaced by :data:`MASK`. ``source`` is the
    aligned source-language text where the format has one.
    """

    text: str
    offset: int
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """A decoded file and its segments."""

    path: str
    text: str
    encoding: str
    segments: tuple[Segment, ...]
