"""Markdown: prose blocks as segments; code, link targets, HTML comments and front matter hidden.

Each heading, list item, table row and paragraph is its own segment, so no rule reads across
the end of a heading or a paragraph. Hidden text is replaced by :data:`~tifa.segments.MASK`
characters, so offsets still point into the original file.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from tifa.formats.adapter import FileFormat
from tifa.model import Span
from tifa.segments import MASK, Document, InputFormat, Segment
from tifa.suppress import (
    HTML_COMMENT,
    NOTHING,
    Comment,
    Suppressions,
    line_spans,
    mentions_suppression,
    resolve_comments,
)

_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?^(?:---|\.\.\.)[ \t]*$", re.DOTALL | re.MULTILINE)
_HIDDEN_INLINE = re.compile(
    r"(?P<code>(?P<ticks>`+).+?(?P=ticks))"  # inline code
    r"|(?P<comment><!--.*?-->)"  # HTML comment (may span lines)
    r"|(?P<target>\]\([^)\s]*(?:\s+\"[^\"]*\")?\))"  # link or image target, with an optional title
    r"|(?P<autolink><(?:https?|mailto|ftp):[^>\s]*>)"
    r"|(?P<tag></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)",  # inline HTML tag
    re.DOTALL,
)
_REFERENCE_DEFINITION = re.compile(r"^[ ]{0,3}\[[^\]]+\]:\s*\S+.*$")
_BLOCK_START = re.compile(r"^[ ]{0,3}(?:#{1,6}(?:[ \t]|$)|[-*+][ \t]|\d{1,9}[.)][ \t]|\||>)")
_HEADING_OR_TABLE = re.compile(r"^[ ]{0,3}(?:#{1,6}(?:[ \t]|$)|\|)")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")


def _mask(match: re.Match[str]) -> str:
    # Keep line breaks so that line structure (and blank lines) survive masking.
    return re.sub(r"[^\r\n]", MASK, match.group())


def _mask_lines(lines: list[str], start: int, end: int) -> None:
    for index in range(start, end):
        lines[index] = re.sub(r"[^\r\n]", MASK, lines[index])


def hide_markup(text: str) -> str:
    """Return ``text`` with code, comments, link targets and front matter replaced by masks."""
    text = _FRONT_MATTER.sub(_mask, text, count=1)
    lines = [line for line in _LINE.findall(text) if line]
    fence: str | None = None
    fence_start = 0
    previous_blank = True
    for index, line in enumerate(lines):
        stripped = line.rstrip("\r\n")
        if fence is not None:
            if stripped.strip().startswith(fence) and not stripped.strip().strip(fence[0]):
                _mask_lines(lines, fence_start, index + 1)
                fence = None
            continue
        opening = _FENCE.match(stripped)
        if opening:
            fence, fence_start = opening.group(1), index
            continue
        if (previous_blank and stripped.startswith(("    ", "\t"))) or _REFERENCE_DEFINITION.match(stripped):
            _mask_lines(lines, index, index + 1)
            continue  # an indented code block continues while lines stay indented
        previous_blank = not stripped.strip()
    if fence is not None:  # an unclosed fence runs to the end of the file
        _mask_lines(lines, fence_start, len(lines))
    return _HIDDEN_INLINE.sub(_mask, "".join(lines))


def read_segments(text: str) -> list[Segment]:
    """Split a Markdown file into prose segments."""
    masked = hide_markup(text)
    segments: list[Segment] = []
    block_start: int | None = None
    position = 0
    for line in _LINE.findall(masked):
        if not line:
            break
        content = line.rstrip("\r\n")
        is_blank = not content.strip() or not any(ch.isalnum() for ch in content)
        starts_block = bool(_BLOCK_START.match(content))
        if block_start is not None and (is_blank or starts_block):
            _append_block(segments, masked, block_start, position)
            block_start = None
        if not is_blank:
            if block_start is None:
                block_start = position
            if _HEADING_OR_TABLE.match(content):  # headings and table rows stand alone
                _append_block(segments, masked, block_start, position + len(content))
                block_start = None
        position += len(line)
    if block_start is not None:
        _append_block(segments, masked, block_start, len(masked))
    return segments


def _append_block(segments: list[Segment], masked: str, start: int, end: int) -> None:
    block = masked[start:end].rstrip("\r\n")
    if any(ch.isalnum() for ch in block):
        segments.append(Segment(block, start))


def find_suppressions(document: Document) -> Suppressions:
    """Return the suppressions and invalid suppression comments of a Markdown document.

    Suppression comments are HTML comments outside code and front matter; on a line of their
    own they cover the next block, on a line with text that line.
    """
    if not mentions_suppression(document.text):
        return NOTHING
    text = document.text
    candidates = list(HTML_COMMENT.finditer(text))
    # A comment inside code (fenced, indented, inline) or front matter is not a comment: probe
    # where the Markdown reader hides text by putting plain letters in the comments' place.
    probe = list(text)
    for candidate in candidates:
        probe[candidate.start() : candidate.end()] = "x" * (candidate.end() - candidate.start())
    visible = hide_markup("".join(probe))
    line_starts = [line.start for line in line_spans(text)]
    comments: list[Comment] = []
    for candidate in candidates:
        if visible[candidate.start()] == MASK:
            continue
        line_start = line_starts[bisect_right(line_starts, candidate.start()) - 1]
        line_end = _line_end(text, candidate.end())
        line = Span(line_start, line_end)
        own_line = not text[line_start : candidate.start()].strip() and not text[candidate.end() : line_end].strip()
        span = Span(candidate.start(), candidate.end())
        comments.append(Comment(span, line, candidate.group("body"), own_line))
    block_starts = [(segment.offset, segment.file_span(0, len(segment.text))) for segment in document.segments]

    def next_block(comment: Comment) -> Span | None:
        return next((span for offset, span in block_starts if offset >= comment.span.end), None)

    return resolve_comments(comments, next_block, len(text))


def _line_end(text: str, position: int) -> int:
    ends = [index for index in (text.find("\n", position), text.find("\r", position)) if index >= 0]
    return min(ends, default=len(text))


FORMAT = FileFormat(
    InputFormat.MARKDOWN,
    suffixes=(".md", ".markdown"),
    read=lambda text, options: read_segments(text),
    find_suppressions=find_suppressions,
)
