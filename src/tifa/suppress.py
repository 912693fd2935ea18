"""Inline suppression comments: where they are in a file and what they suppress.

Syntax
    ``tifa: ignore`` suppresses every rule; ``tifa: ignore[TF101,TF201]`` the listed codes,
    rule names or code prefixes (separated by commas or spaces); either may be followed by
    `` -- reason``. ``tifa: disable`` / ``tifa: disable[...]`` starts a region that
    ``tifa: enable`` ends (at the end of the file if nothing does).

Where
    * Plain text: a line that holds only the comment (bare, after ``#`` or ``//``, or as an
      HTML comment ``<!-- ... -->``) suppresses the next non-blank line that is not itself a
      suppression comment; a comment at the end of a line of text (after ``#`` or ``//``, or an
      HTML comment) suppresses that line. The comments themselves are hidden from the rules.
    * Markdown: HTML comments outside code. On a line of its own, ``ignore`` suppresses the
      next block (paragraph, list item, heading, table row); on a line with text, that line.
    * PO: a translator comment ``# tifa: ignore[...]`` suppresses the entry's ``msgstr``.
    * XLIFF: a unit's ``<note>tifa: ignore[...]</note>`` suppresses the unit's targets.

    Each format names its finder in its :class:`~tifa.formats.adapter.FileFormat`: this module
    holds the plain-text and note finders and the parts they share; Markdown's finder lives in
    :mod:`tifa.formats.markdown`, beside the reader whose hiding of code it relies on.

A finding is suppressed when it starts inside a suppression's scope and its code matches.
Malformed comments and unknown codes suppress nothing; the linter reports them (TF902).
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from enum import Enum

from tifa.errors import UsageError
from tifa.model import Span
from tifa.segments import MASK, Document, Segment
from tifa.selection import resolve_selector


class Action(str, Enum):
    """What a suppression comment asks for."""

    IGNORE = "ignore"  # the next line or block, the line it ends, or the unit it belongs to
    DISABLE = "disable"  # from here to the next ``enable``
    ENABLE = "enable"  # end every open ``disable`` region


@dataclass(frozen=True, slots=True)
class Directive:
    """A parsed suppression comment. ``codes`` empty means every rule; ``problem`` says why it is invalid."""

    action: Action
    codes: tuple[str, ...] = ()
    reason: str | None = None
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class Suppression:
    """A suppression in force: which codes, where (``scope``), the comment's place and its reason.

    ``codes`` are the selectors as written (empty: every rule) and ``prefixes`` the code
    prefixes they stand for, in the same order.
    """

    codes: tuple[str, ...]
    prefixes: tuple[str, ...]
    scope: tuple[Span, ...]
    comment: Span
    reason: str | None = None

    def selectors_for(self, code: str) -> tuple[str, ...]:
        """Return the selectors that match rule ``code`` (``("",)`` for a suppression of every rule)."""
        if not self.codes:
            return ("",)
        return tuple(
            selector for selector, prefix in zip(self.codes, self.prefixes, strict=True) if code.startswith(prefix)
        )

    def in_scope(self, span: Span) -> bool:
        """Return True when ``span`` starts inside the suppression's scope."""
        return any(scope.start <= span.start < scope.end for scope in self.scope)


@dataclass(frozen=True, slots=True)
class InvalidSuppression:
    """A suppression comment tifa cannot use, and why."""

    comment: Span
    message: str


@dataclass(frozen=True, slots=True)
class Suppressions:
    """The suppression comments of one document.

    ``comments`` are the spans of comments that lie inside text the rules read (plain text);
    the linter hides them, so a reason is never linted as prose.
    """

    found: tuple[Suppression, ...] = ()
    invalid: tuple[InvalidSuppression, ...] = ()
    comments: tuple[Span, ...] = ()

    def in_scope(self, offsets: list[int]) -> list[tuple[int, ...]]:
        """For each offset, the indexes (in ``found``) of the suppressions whose scope holds it.

        One sweep over the offsets and the scopes, both in file order, with the scopes open at
        the current offset in a heap by their ends: n log n, not findings x suppressions.
        """
        scopes = sorted(
            (scope.start, scope.end, index) for index, found in enumerate(self.found) for scope in found.scope
        )
        result: list[tuple[int, ...]] = [()] * len(offsets)
        if not scopes:
            return result
        open_scopes: list[tuple[int, int]] = []
        following = 0
        for number in sorted(range(len(offsets)), key=offsets.__getitem__):
            offset = offsets[number]
            while following < len(scopes) and scopes[following][0] <= offset:
                heapq.heappush(open_scopes, (scopes[following][1], scopes[following][2]))
                following += 1
            while open_scopes and open_scopes[0][0] <= offset:
                heapq.heappop(open_scopes)
            if open_scopes:
                result[number] = tuple(sorted({index for _, index in open_scopes}))
        return result


NOTHING = Suppressions()

_DIRECTIVE_START = re.compile(r"tifa:[ \t]*(?P<action>ignore|disable|enable)(?![\w-])", re.IGNORECASE)
_DIRECTIVE = re.compile(
    r"tifa:[ \t]*(?P<action>ignore|disable|enable)"
    r"(?:[ \t]*\[(?P<codes>[^\[\]]*)\])?"
    r"(?:[ \t]*--[ \t]*(?P<reason>.*?))?[ \t]*",
    re.IGNORECASE | re.DOTALL,
)
_CODE_SEPARATOR = re.compile(r"[\s,]+")
_SYNTAX = "expected 'tifa: ignore', 'tifa: ignore[CODES]', 'tifa: disable[CODES]' or 'tifa: enable', then ' -- reason'"
_MENTION = re.compile(r"tifa:", re.IGNORECASE)
_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")
# Plain text: a whole-line comment, a comment after '#' or '//' ending a line, an HTML comment.
_OWN_LINE = re.compile(r"[ \t]*(?:(?:#+|//)[ \t]*)?(?P<body>tifa:.*?)[ \t]*")
_TRAILING = re.compile(r"(?:(?<=[ \t])|^)(?:#|//)[ \t]*(?P<body>tifa:[ \t]*(?:ignore|disable|enable)(?![\w-]).*)$")
HTML_COMMENT = re.compile(r"<!--[ \t]*(?P<body>tifa:.*?)[ \t]*-->", re.IGNORECASE)


def parse_directive(body: str) -> Directive | None:
    """Parse the text of a comment; return None when it is not a suppression comment.

    A comment that starts like one (``tifa: ignore``, ``tifa: disable``, ``tifa: enable``) but
    is malformed or names an unknown rule gives a :class:`Directive` with a ``problem``.
    """
    body = body.strip()
    start = _DIRECTIVE_START.match(body)
    if start is None:
        return None
    action = Action(start.group("action").lower())
    match = _DIRECTIVE.fullmatch(body)
    if match is None:
        return Directive(action, problem=f"malformed suppression comment: {_SYNTAX}")
    codes_text = match.group("codes")
    codes = tuple(code for code in _CODE_SEPARATOR.split(codes_text or "") if code)
    reason = (match.group("reason") or "").strip() or None
    if codes_text is not None and not codes:
        return Directive(action, reason=reason, problem="empty code list in suppression comment")
    if action is Action.ENABLE and codes:
        return Directive(action, codes, reason, "'tifa: enable' takes no codes: it ends every open disabled region")
    for code in codes:
        try:
            resolve_selector(code)
        except UsageError:
            return Directive(action, codes, reason, f"unknown rule {code!r} in suppression comment")
    return Directive(action, codes, reason)


def mentions_suppression(text: str) -> bool:
    """Return True when ``text`` may hold a suppression comment (a quick test before looking closer)."""
    return _MENTION.search(text) is not None


def find_in_plain_text(document: Document) -> Suppressions:
    """Return the suppressions, invalid suppression comments and comment spans of a plain-text document."""
    return _in_text(document.text) if mentions_suppression(document.text) else NOTHING


def find_in_notes(document: Document) -> Suppressions:
    """Return the suppressions and invalid suppression comments in the unit notes of a PO or XLIFF document."""
    if any(mentions_suppression(note) for segment in document.segments for note in segment.notes):
        return _in_notes(document)
    return NOTHING


def hide_comments(segments: tuple[Segment, ...], comments: tuple[Span, ...]) -> tuple[Segment, ...]:
    """Return ``segments`` with the characters of ``comments`` replaced by masks (plain offsets only)."""
    if not comments:
        return segments
    ordered = sorted(comments)
    ends = [span.end for span in ordered]
    return tuple(_masked(segment, ordered, ends) for segment in segments)


def _masked(segment: Segment, comments: list[Span], ends: list[int]) -> Segment:
    """``segment`` with the comments that reach into it masked; ``comments`` in file order, ``ends`` theirs."""
    if segment.char_starts is not None:
        return segment
    end = segment.offset + len(segment.text)
    inside = []
    # Comments never overlap, so their ends rise in file order: skip those that end before the segment.
    for span in comments[bisect.bisect_right(ends, segment.offset) :]:
        if span.start >= end:
            break
        inside.append(span)
    if not inside:
        return segment
    characters = list(segment.text)
    for span in inside:
        for position in range(max(span.start, segment.offset), min(span.end, end)):
            if characters[position - segment.offset] not in "\r\n":
                characters[position - segment.offset] = MASK
    return replace(segment, text="".join(characters))


@dataclass(frozen=True, slots=True)
class Comment:
    """A suppression comment found in a text file."""

    span: Span  # the comment (a whole-line comment: the whole line)
    line: Span  # the line it is on, without the line break
    body: str
    own_line: bool


def line_spans(text: str) -> Iterator[Span]:
    """Yield the span of every line of ``text`` without its line break."""
    for match in _LINE.finditer(text):
        yield Span(match.start(1), match.end(1))
        if not match.group(2):
            break


def _text_comments(text: str, line: Span) -> list[Comment]:
    content = text[line.start : line.end]
    if "tifa:" not in content.lower():
        return []
    own = _OWN_LINE.fullmatch(content)
    if own is not None and _DIRECTIVE_START.match(own.group("body")):
        return [Comment(line, line, own.group("body"), own_line=True)]
    for html in HTML_COMMENT.finditer(content):
        if not content[: html.start()].strip() and not content[html.end() :].strip():
            return [Comment(line, line, html.group("body"), own_line=True)]
    comments = [
        Comment(Span(line.start + html.start(), line.start + html.end()), line, html.group("body"), own_line=False)
        for html in HTML_COMMENT.finditer(content)
    ]
    trailing = _TRAILING.search(content)
    if trailing is not None and not any(comment.span.start <= line.start + trailing.start() for comment in comments):
        comments.append(Comment(Span(line.start + trailing.start(), line.end), line, trailing.group("body"), False))
    return comments


def _in_text(text: str) -> Suppressions:
    lines = list(line_spans(text))
    comments: list[Comment] = []
    comment_lines: set[int] = set()
    for index, line in enumerate(lines):
        found = _text_comments(text, line)
        comments.extend(found)
        if any(comment.own_line for comment in found):
            comment_lines.add(index)
    line_numbers = {line.start: index for index, line in enumerate(lines)}

    def next_line(comment: Comment) -> Span | None:
        for index in range(line_numbers[comment.line.start] + 1, len(lines)):
            line = lines[index]
            if index not in comment_lines and text[line.start : line.end].strip():
                return line
        return None

    suppressions = resolve_comments(comments, next_line, len(text))
    return replace(suppressions, comments=tuple(comment.span for comment in comments))


def resolve_comments(
    comments: list[Comment], next_scope: Callable[[Comment], Span | None], text_length: int
) -> Suppressions:
    """Turn the comments of a text file, in file order, into suppressions with their scopes.

    ``next_scope`` gives the scope of a comment on a line of its own (the next line or block).
    """
    found: list[Suppression] = []
    invalid: list[InvalidSuppression] = []
    open_regions: list[tuple[Comment, Directive]] = []
    for comment in comments:
        directive = parse_directive(comment.body)
        if directive is None:
            continue
        if directive.problem is not None:
            invalid.append(InvalidSuppression(comment.span, directive.problem))
        elif directive.action is Action.DISABLE:
            open_regions.append((comment, directive))
        elif directive.action is Action.ENABLE:
            if not open_regions:
                invalid.append(InvalidSuppression(comment.span, "'tifa: enable' without a 'tifa: disable' before it"))
            for opening, opening_directive in open_regions:
                found.append(_suppression(opening_directive, (Span(opening.span.end, comment.span.start),), opening))
            open_regions.clear()
        else:
            scope = next_scope(comment) if comment.own_line else comment.line
            found.append(_suppression(directive, () if scope is None else (scope,), comment))
    for opening, opening_directive in open_regions:
        found.append(_suppression(opening_directive, (Span(opening.span.end, text_length),), opening))
    found.sort(key=lambda suppression: suppression.comment)
    return Suppressions(tuple(found), tuple(invalid))


def _suppression(directive: Directive, scope: tuple[Span, ...], comment: Comment | Span) -> Suppression:
    prefixes = tuple(resolve_selector(code) for code in directive.codes)
    where = comment if isinstance(comment, Span) else comment.span
    return Suppression(directive.codes, prefixes, scope, where, directive.reason)


def _in_notes(document: Document) -> Suppressions:
    """Suppressions in PO translator comments and XLIFF notes: each covers its unit's segments."""
    found: list[Suppression] = []
    invalid: list[InvalidSuppression] = []
    for first, scope in _units(document.segments):
        for index, note in enumerate(first.notes):
            base = first.note_offsets[index] if index < len(first.note_offsets) else first.offset
            for line in line_spans(note):
                body = note[line.start : line.end]
                directive = parse_directive(body)
                if directive is None:
                    continue
                start = min(base + line.start + len(body) - len(body.lstrip()), len(document.text))
                comment = Span(start, min(start + len(body.strip()), len(document.text)))
                if directive.problem is not None:
                    invalid.append(InvalidSuppression(comment, directive.problem))
                elif directive.action is not Action.IGNORE:
                    message = f"'tifa: {directive.action.value}' does not work in a note: use 'tifa: ignore'"
                    invalid.append(InvalidSuppression(comment, message))
                else:
                    found.append(_suppression(directive, scope, comment))
    return Suppressions(tuple(found), tuple(invalid))


def _units(segments: tuple[Segment, ...]) -> Iterator[tuple[Segment, tuple[Span, ...]]]:
    """Group consecutive segments of the same unit: yield the first and the spans of all."""
    group: list[Segment] = []
    for segment in segments:
        if group and (segment.unit != group[0].unit or segment.notes != group[0].notes):
            yield group[0], tuple(item.file_span(0, len(item.text)) for item in group)
            group = []
        group.append(segment)
    if group:
        yield group[0], tuple(item.file_span(0, len(item.text)) for item in group)
