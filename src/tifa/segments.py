"""Segments: the pieces of a file that rules look at, with exact offsets back into the file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from tifa.encoding import TextEncoding
from tifa.model import Span

# Stands in for text a format adapter hides from the rules (code, link targets, markup). It is
# neither a letter nor white space, so no phrase and no repetition can run across it.
MASK = "\ufffc"


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of translated text, such as a paragraph or a PO ``msgstr``.

    In the simple case ``text`` is the file text starting at ``offset``, with characters the
    format hides from the rules replaced by :data:`MASK`. Formats whose text is escaped or
    wrapped in the file (a PO string, XML) give ``char_starts`` and ``char_ends`` instead: the
    file offsets where each character of ``text`` starts and ends (tuples, or the two views of
    a compact :class:`~tifa.offsets.OffsetMap`). ``source`` is the aligned source-language
    text where the format has one; ``unit`` names the translation unit.
    ``notes`` are the unit's comments for translators (PO translator comments, XLIFF notes),
    where suppression comments live; ``note_offsets`` gives the file offset where each note's
    text starts (empty when unknown).
    """

    text: str
    offset: int
    source: str | None = None
    char_starts: Sequence[int] | None = None
    char_ends: Sequence[int] | None = None
    unit: str | None = None
    notes: tuple[str, ...] = ()
    note_offsets: tuple[int, ...] = ()
    inline_codes: tuple[tuple[str, ...], tuple[str, ...]] | None = None

    def file_span(self, start: int, end: int) -> Span:
        """Return the file span of the segment text ``[start, end)``."""
        if self.char_starts is None or self.char_ends is None:
            return Span(self.offset + start, self.offset + end)
        if start >= end:
            position = self.char_starts[start] if start < len(self.text) else self.char_ends[-1]
            return Span(position, position)
        return Span(self.char_starts[start], self.char_ends[end - 1])


class InputFormat(str, Enum):
    """The file formats tifa reads (see :mod:`tifa.formats` for each one's suffixes and reader)."""

    TEXT = "text"
    MARKDOWN = "markdown"
    PO = "po"
    XLIFF = "xliff"
    TSV = "tsv"
    CSV = "csv"


@dataclass(frozen=True, slots=True)
class Document:
    """A decoded file and its segments."""

    path: str
    text: str
    encoding: TextEncoding
    segments: tuple[Segment, ...]
    format: InputFormat = InputFormat.TEXT


@dataclass(frozen=True, slots=True)
class DocumentContext:
    """What rules know about the whole document a segment belongs to.

    ``party_text`` is True when the document as a whole is a Party or state text (decided from
    the density of Party and state vocabulary across it, or declared by configuration): there,
    forms that are ordinary English elsewhere ("four winds") are read as the formulations they
    render, in every sentence, and probable literal renderings are looked for.
    """

    party_text: bool = False
