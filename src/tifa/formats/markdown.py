"""Markdown: prose blocks (footnotes included) as segments; code, link targets, HTML comments and front matter hidden.

Each heading, list item, table row and paragraph is its own segment, so no rule reads across
the end of a heading or a paragraph. Hidden text is replaced by :data:`~tifa.segments.MASK`
characters, so offsets still point into the original file.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


@cache
def _parser() -> MarkdownIt:
    """The Markdown parser, made when the first Markdown file is read (markdown-it costs start-up).

    CommonMark blocks, footnote definitions and tables; raw HTML is read as such, so that comments are found.
    """
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    return MarkdownIt("commonmark", {"html": True}).use(footnote_plugin).enable("table")


_CODE_BLOCKS = frozenset({"fence", "code_block"})
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?^(?:---|\.\.\.)[ \t]*$", re.DOTALL | re.MULTILINE)
_HIDDEN_INLINE = re.compile(
    r"(?P<code>(?P<ticks>`+).+?(?P=ticks))"  # inline code
    r"|(?P<comment><!--.*?-->)"  # HTML comment (may span lines)
    r"|(?P<footnote>\[\^[^\]\s]+\]:?)"  # a footnote's mark, or the label opening its definition
    r"|(?P<target>\]\([^)\s]*(?:\s+\"[^\"]*\")?\))"  # link or image target, with an optional title
    r"|(?P<autolink><(?:https?|mailto|ftp):[^>\s]*>)"
    r"|(?P<tag></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)",  # inline HTML tag
    re.DOTALL,
)
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
    """Return ``text`` with code, comments, link targets, reference definitions and front matter masked.

    The block structure comes from markdown-it-py, a CommonMark parser, with its footnote
    plugin: fenced and indented code is hidden by the lines the parser gives it, and so is
    every line it gives no block (link reference definitions), while footnote definitions
    (``[^2]: ...``) are prose like any paragraph. Masking keeps every character's offset.
    """
    text = _FRONT_MATTER.sub(_mask, text, count=1)
    lines = [line for line in _LINE.findall(text) if line]
    in_block = [False] * len(lines)
    for token in _parser().parse(text):
        if token.map is None:
            continue
        start, end = token.map
        for index in range(start, min(end, len(lines))):
            in_block[index] = True
        if token.type in _CODE_BLOCKS:
            _mask_lines(lines, start, min(end, len(lines)))
    for index, line in enumerate(lines):
        if not in_block[index] and line.strip():
            _mask_lines(lines, index, index + 1)
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
