"""Hover: the glossary entry behind a flagged span, or behind a standard rendering anywhere in the text.

The hover shows the entry's Chinese term, its standard rendering, the accepted forms, its
note and its source; over a finding, the finding's code and message come first.
"""

from __future__ import annotations

from collections.abc import Iterator

from tifa.glossary.compile import TargetKind
from tifa.glossary.schema import Entry
from tifa.lsp.project import Linted
from tifa.model import Finding, Span
from tifa.rules import RULES_BY_CODE
from tifa.text import NormalizedText


def entry_markdown(entry: Entry) -> str:
    """The hover text of a glossary entry, in Markdown."""
    lines = [f"**{entry.en}** — {' / '.join(entry.zh)}", ""]
    if entry.accept:
        lines.append("Accepted: " + "; ".join(f"“{form}”" for form in entry.accept) + "  ")
    if entry.note:
        lines.append(f"Note: {entry.note.strip()}  ")
    lines.append(f"Source: {entry.source.strip()}  ")
    lines.append(f"Glossary entry `{entry.id}` ({entry.category}, {entry.confidence.value} confidence)")
    return "\n".join(lines)


def finding_markdown(finding: Finding, entry: Entry | None) -> str:
    """The hover text of a finding: its code, rule name and message, then its glossary entry if it has one."""
    rule = RULES_BY_CODE.get(finding.code)
    name = f" ({rule.name})" if rule else ""
    head = f"**{finding.code}**{name} [{finding.severity.label}]: {finding.message}"
    if finding.suggestions:
        head += "  \nSuggested: " + "; ".join(f"“{text}”" for text in finding.suggestions)
    head += f"  \n`tifa explain {finding.code}` tells more."
    return head if entry is None else f"{head}\n\n---\n\n{entry_markdown(entry)}"


def renderings_at(linted: Linted, offset: int) -> Iterator[tuple[Span, Entry]]:
    """Yield the standard or accepted renderings (with their entries) whose text covers ``offset``."""
    glossary = linted.setup.glossary
    for segment in linted.document.segments:
        first = segment.file_span(0, min(1, len(segment.text))).start
        last = segment.file_span(len(segment.text), len(segment.text)).end
        if not first <= offset <= last:
            continue
        normalized = NormalizedText.of(segment.text)
        for match in glossary.matches(normalized.collapsed):
            start, end = normalized.to_original(match.start), normalized.to_original(match.end - 1) + 1
            span = segment.file_span(start, end)
            if span.start <= offset < span.end:
                for target in match.targets:
                    if target.kind is TargetKind.CORRECT:
                        yield span, target.entry


def hover_at(linted: Linted, offset: int) -> tuple[Span, str] | None:
    """The hover at ``offset``: over a finding its text, else over a rendering its entry's; None elsewhere."""
    for finding in linted.findings:
        if finding.span.start <= offset < finding.span.end:
            return finding.span, finding_markdown(finding, linted.setup.entry(finding.entry_id))
    found = list(renderings_at(linted, offset))
    if not found:
        return None
    # The longest rendering at the place wins ("Xi Jinping Thought" inside a longer name).
    span = max((span for span, _ in found), key=lambda item: item.end - item.start)
    entries = list(dict.fromkeys(entry for other, entry in found if other == span))
    return span, "\n\n---\n\n".join(entry_markdown(entry) for entry in entries)
