"""A self-contained HTML report for reviewers: totals, charts, a filterable table, the terms that go wrong most.

Everything is in the one file (inline CSS and JavaScript, a Content-Security-Policy that
forbids loading anything), so a report can be mailed or archived and opened offline. The
findings travel as one JSON blob in a ``<script type="application/json">`` element, escaped so
that no text in it can end the element; the page script renders the table a page at a time,
so a report with tens of thousands of findings opens at once.
"""

from __future__ import annotations

import html
import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from tifa import __version__
from tifa.errors import display_path
from tifa.glossary.compile import CompiledGlossary, sentence_bounds
from tifa.glossary.schema import Entry
from tifa.model import Finding, Span
from tifa.reporters import html_assets, in_report_order
from tifa.results import FileResult, RunResult
from tifa.rules import ALL_RULES
from tifa.segments import MASK, Document, Segment
from tifa.text import LineIndex

# How much of the sentence around a span the table shows on each side.
CONTEXT_CHARS = 160
_SPACE_RUN = re.compile(r"\s+")
# What may not appear raw inside a <script> element (and U+2028/2029, which old JavaScript refused).
_SCRIPT_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def script_json(data: object) -> str:
    """``data`` as JSON that is safe inside a ``<script>`` element: no ``<``, ``>``, ``&``, U+2028 or U+2029."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)


def _clean(text: str) -> str:
    return _SPACE_RUN.sub(" ", text.replace(MASK, " "))


@dataclass(frozen=True)
class _Segments:
    """The segments of one document, sorted, for finding the segment that holds a span."""

    segments: tuple[Segment, ...]
    starts: tuple[int, ...]

    @classmethod
    def of(cls, document: Document) -> _Segments:
        """The segments of ``document`` in file order."""
        ordered = tuple(sorted(document.segments, key=lambda segment: segment.file_span(0, 0).start))
        return cls(ordered, tuple(segment.file_span(0, 0).start for segment in ordered))

    def local(self, span: Span) -> tuple[Segment, int, int] | None:
        """The segment holding ``span`` and the span's start and end in the segment's text."""
        index = bisect_right(self.starts, span.start) - 1
        if index < 0:
            return None
        segment = self.segments[index]
        if span.start > segment.file_span(len(segment.text), len(segment.text)).end:
            return None  # between segments: a comment or markup (a suppression comment's finding)
        if segment.char_starts is None or segment.char_ends is None:
            start, end = span.start - segment.offset, span.end - segment.offset
        else:
            start = bisect_left(segment.char_starts, span.start)
            end = bisect_left(segment.char_ends, span.end) + 1
        if not 0 <= start <= len(segment.text):
            return None
        return segment, start, max(start, min(end, len(segment.text)))


def sentence_around(document: Document, segments: _Segments, span: Span) -> tuple[str, str, str]:
    """The text before the span in its sentence, the span's text, and the text after it (white space folded)."""
    found = segments.local(span)
    if found is None:
        text, start, end = document.text, span.start, span.end
    else:
        segment, start, end = found
        text = segment.text
    left, right = sentence_bounds(text, start, end)
    left, right = max(left, start - CONTEXT_CHARS), min(right, end + CONTEXT_CHARS)
    before = ("…" if left > 0 and left == start - CONTEXT_CHARS else "") + text[left:start].lstrip()
    after = text[end:right].rstrip() + ("…" if right == end + CONTEXT_CHARS and right < len(text) else "")
    return _clean(before), _clean(text[start:end]), _clean(after)


class _Tables:
    """Numbers for repeated strings (files, rule codes, entries), so that each finding is a short array."""

    def __init__(self, entries: dict[str, Entry]) -> None:
        self.files: list[str] = []
        self.codes = [rule.code for rule in ALL_RULES]
        self._entries = entries
        self.entry_ids: list[str] = []
        self._entry_numbers: dict[str, int] = {}

    def entry(self, entry_id: str | None) -> int:
        """The number of glossary entry ``entry_id`` (-1 for none)."""
        if entry_id is None:
            return -1
        if entry_id not in self._entry_numbers:
            self._entry_numbers[entry_id] = len(self.entry_ids)
            self.entry_ids.append(entry_id)
        return self._entry_numbers[entry_id]

    def code(self, code: str) -> int:
        """The number of rule ``code``."""
        if code not in self.codes:
            self.codes.append(code)
        return self.codes.index(code)

    def entry_objects(self) -> list[dict[str, str]]:
        """The entries numbered so far, in number order: id, Chinese, standard rendering and source."""
        objects = []
        for entry_id in self.entry_ids:
            entry = self._entries.get(entry_id)
            zh, en, source = (" / ".join(entry.zh), entry.en, entry.source) if entry else ("", "", "")
            objects.append({"id": entry_id, "zh": zh, "en": en, "source": source.strip()})
        return objects


def _rows(file_result: FileResult, file_number: int, tables: _Tables, show_suppressed: bool) -> list[list[Any]]:
    document = file_result.document
    index = LineIndex(document.text)
    segments = _Segments.of(document)
    hidden = {id(finding) for finding in file_result.suppressed} if show_suppressed else set()
    findings: tuple[Finding, ...] = file_result.findings + (file_result.suppressed if show_suppressed else ())
    rows = []
    for finding in in_report_order(findings):
        line, column = index.position(finding.span.start)
        before, matched, after = sentence_around(document, segments, finding.span)
        applicability = finding.fix.applicability.label if finding.fix is not None else ""
        suggestion = finding.suggestions[0] if finding.suggestions else ""
        rows.append(
            [
                file_number,
                line,
                column,
                tables.code(finding.code),
                int(finding.severity),
                finding.message,
                before,
                matched,
                after,
                suggestion,
                tables.entry(finding.entry_id),
                applicability,
                1 if id(finding) in hidden else 0,
            ]
        )
    return rows


def report_data(
    result: RunResult, glossary: CompiledGlossary | None, *, show_suppressed: bool = False
) -> dict[str, Any]:
    """The report's data: files, rules, entries, findings (one array each) and the errors met."""
    entries = {entry.id: entry for entry in glossary.entries} if glossary is not None else {}
    tables = _Tables(entries)
    rows: list[list[Any]] = []
    for file_result in result.files:
        tables.files.append(display_path(file_result.document.path))
        rows.extend(_rows(file_result, len(tables.files) - 1, tables, show_suppressed))
    rules = {rule.code: {"name": rule.name, "summary": rule.summary} for rule in ALL_RULES}
    return {
        "tool": f"tifa {__version__}",
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "files": tables.files,
        "codes": tables.codes,
        "rules": rules,
        "entries": tables.entry_objects(),
        "findings": rows,
        "errors": [str(error) for error in result.errors],
    }


def render(result: RunResult, glossary: CompiledGlossary | None = None, *, show_suppressed: bool = False) -> str:
    """Return the HTML report of ``result``; ``glossary`` gives each finding's entry (Chinese term, source)."""
    data = report_data(result, glossary, show_suppressed=show_suppressed)
    return html_assets.PAGE.format(
        title=html.escape(f"tifa report: {len(data['findings'])} findings in {len(data['files'])} files"),
        css=html_assets.CSS,
        data=script_json(data),
        script=html_assets.SCRIPT,
    )
