"""The "ignore here" edit: a suppression comment for one finding, written in the file's own syntax.

Plain text and Markdown get a comment at the end of the finding's line (``# tifa: ignore[CODE]``,
``<!-- tifa: ignore[CODE] -->``); a PO entry gets a translator comment above it; an XLIFF unit a
``<note>`` (1.2) or ``<notes><note>`` (2.x). Where such a comment is already there, the code is
added to its list. Tables (TSV, CSV) have no comment syntax: they get no edit. See
:mod:`tifa.suppress` for what each comment suppresses.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tifa.model import Edit, Finding, Span
from tifa.segments import Document, InputFormat

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BRACKETED = re.compile(r"tifa:[ \t]*ignore[ \t]*\[(?P<codes>[^\[\]]*)\]", re.IGNORECASE)


def _line_around(text: str, offset: int) -> Span:
    """The line that holds ``offset``, without its line break."""
    start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    found = _LINE_BREAK.search(text, offset)
    return Span(start, found.start() if found else len(text))


def _line_break(text: str) -> str:
    found = _LINE_BREAK.search(text)
    return found.group() if found else "\n"


def _extend_existing(text: str, region: Span, code: str) -> Edit | None:
    """An edit adding ``code`` to a ``tifa: ignore[...]`` comment inside ``region``; None if there is none."""
    found = _BRACKETED.search(text, region.start, region.end)
    if found is None:
        return None
    codes = found.group("codes")
    insertion = f",{code}" if codes.strip() else code
    at = found.end("codes")
    return Edit(Span(at, at), insertion)


def _end_of_line(comment: str) -> Callable[[Document, Finding], Edit | None]:
    def edit(document: Document, finding: Finding) -> Edit | None:
        """The comment at the end of the finding's line, or the code added to the one there."""
        line = _line_around(document.text, finding.span.start)
        existing = _extend_existing(document.text, line, finding.code)
        if existing is not None:
            return existing
        return Edit(Span(line.end, line.end), comment.format(code=finding.code))

    return edit


def _po_entry(document: Document, finding: Finding) -> Edit | None:
    """A translator comment on the PO entry of ``finding``: the lines above its msgstr up to a blank line."""
    text = document.text
    start = _line_around(text, finding.span.start).start
    while start > 0:
        previous = _line_around(text, start - 1)
        if not text[previous.start : previous.end].strip():
            break
        start = previous.start
    entry = Span(start, finding.span.start)
    existing = _extend_existing(text, entry, finding.code)
    if existing is not None:
        return existing
    return Edit(Span(start, start), f"# tifa: ignore[{finding.code}]{_line_break(text)}")


_UNIT_1 = re.compile(r"</(?:\w+:)?trans-unit\s*>")
_UNIT_2_START = re.compile(r"<(?:\w+:)?unit\b[^>]*>")
_NOTES_START = re.compile(r"\s*<(?:\w+:)?notes\s*>")


def _xliff_unit(document: Document, finding: Finding) -> Edit | None:
    """A ``<note>`` in the XLIFF unit of ``finding`` (1.2: before ``</trans-unit>``; 2.x: first in ``<unit>``)."""
    text = document.text
    note = f"<note>tifa: ignore[{finding.code}]</note>"
    closing = _UNIT_1.search(text, finding.span.start)
    unit_2 = list(_UNIT_2_START.finditer(text, 0, finding.span.start))
    if closing is not None and (not unit_2 or "</unit" not in text[finding.span.start : closing.start()]):
        return Edit(Span(closing.start(), closing.start()), note)
    if not unit_2:
        return None
    unit = unit_2[-1]
    notes = _NOTES_START.match(text, unit.end())
    if notes is not None:
        return Edit(Span(notes.end(), notes.end()), note)
    return Edit(Span(unit.end(), unit.end()), f"<notes>{note}</notes>")


IGNORE_EDITS: dict[InputFormat, Callable[[Document, Finding], Edit | None]] = {
    InputFormat.TEXT: _end_of_line("  # tifa: ignore[{code}]"),
    InputFormat.MARKDOWN: _end_of_line(" <!-- tifa: ignore[{code}] -->"),
    InputFormat.PO: _po_entry,
    InputFormat.XLIFF: _xliff_unit,
}


def ignore_edit(document: Document, finding: Finding) -> Edit | None:
    """The edit that suppresses ``finding`` where it is, or None where the format has no comments (TSV, CSV)."""
    writer = IGNORE_EDITS.get(document.format)
    return writer(document, finding) if writer is not None else None
