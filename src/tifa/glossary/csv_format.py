"""CSV: export tifa entries one a row, and read rows back for an import."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

from tifa.errors import GlossaryError
from tifa.glossary.raw import RawEntry, RawTerm, TermStatus, clean_text
from tifa.glossary.schema import Confidence, Entry

LIST_SEPARATOR = " | "
# The columns the brief of the CSV format names, then wrong_if_source, so that no flagged form is lost.
CSV_COLUMNS = (
    "id", "zh", "en", "accept", "wrong", "outdated", "category", "confidence", "source", "note", "wrong_if_source",
)  # fmt: skip
CSV_REQUIRED_COLUMNS = ("zh", "en")


def write_csv(entries: Sequence[Entry]) -> str:
    """Write ``entries`` as CSV with the columns of :data:`CSV_COLUMNS`; lists are joined with ' | '."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for entry in entries:
        cells = {
            "id": entry.id,
            "zh": _join(entry, entry.zh),
            "en": entry.en,
            "accept": _join(entry, entry.accept),
            "wrong": _join(entry, [form.text for form in entry.wrong]),
            "outdated": _join(entry, [form.text for form in entry.outdated]),
            "category": entry.category,
            "confidence": entry.confidence.value,
            "source": entry.source,
            "note": entry.note or "",
            "wrong_if_source": _join(entry, [form.text for form in entry.wrong_if_source]),
        }
        writer.writerow([cells[column] for column in CSV_COLUMNS])
    return buffer.getvalue()


def _join(entry: Entry, items: Iterable[str]) -> str:
    values = list(items)
    for value in values:
        if "|" in value:
            raise GlossaryError(
                f"entry {entry.id!r}: {value!r} contains '|', the CSV list separator", entry.path, entry.line
            )
    return LIST_SEPARATOR.join(values)


def read_csv(data: bytes, path: Path) -> list[RawEntry]:
    """Read the rows of a CSV glossary (a header row first); malformed input raises :class:`GlossaryError`."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise GlossaryError("not valid UTF-8", path, line) from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    entries: list[RawEntry] = []
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise GlossaryError(f"invalid CSV: {exc}", path, line) from None
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = _csv_header(row, path, line)
            continue
        if len(row) != len(header):
            raise GlossaryError(f"the row has {len(row)} fields, the header {len(header)}", path, line)
        entries.append(_csv_entry(dict(zip(header, row, strict=True)), path, line))
    if header is None:
        raise GlossaryError(
            f"the CSV file is empty: it needs a header row with at least {', '.join(CSV_REQUIRED_COLUMNS)}", path, 1
        )
    return entries


def _csv_header(row: list[str], path: Path, line: int) -> list[str]:
    names = [cell.strip().lower() for cell in row]
    unknown = [name for name in names if name not in CSV_COLUMNS]
    if unknown:
        raise GlossaryError(
            f"unknown column(s) {', '.join(map(repr, unknown))} in the header (known: {', '.join(CSV_COLUMNS)})",
            path,
            line,
        )
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise GlossaryError(f"column(s) {', '.join(map(repr, repeated))} given twice in the header", path, line)
    missing = [name for name in CSV_REQUIRED_COLUMNS if name not in names]
    if missing:
        raise GlossaryError(
            f"the header row lacks the required column(s) {', '.join(missing)} (it has: {', '.join(names)})",
            path,
            line,
        )
    return names


def _split(cell: str) -> list[str]:
    return [item for item in (clean_text(part) for part in cell.split("|")) if item]


def _csv_entry(cells: dict[str, str], path: Path, line: int) -> RawEntry:
    raw = RawEntry(line=line, id=clean_text(cells.get("id")) or None)
    raw.zh = [RawTerm(text, TermStatus.PREFERRED, line) for text in _split(cells["zh"])]
    raw.en = [RawTerm(text, TermStatus.PREFERRED, line) for text in _split(cells["en"])]
    columns = (
        ("accept", TermStatus.ADMITTED, False),
        ("wrong", TermStatus.DEPRECATED, False),
        ("wrong_if_source", TermStatus.DEPRECATED, True),
        ("outdated", TermStatus.SUPERSEDED, False),
    )
    for column, status, if_source in columns:
        raw.en.extend(RawTerm(text, status, line, if_source) for text in _split(cells.get(column, "")))
    confidence = clean_text(cells.get("confidence")).lower()
    if confidence:
        try:
            raw.confidence = Confidence(confidence)
        except ValueError:
            raise GlossaryError(f"confidence must be high, medium or low, not {confidence!r}", path, line) from None
    raw.category = clean_text(cells.get("category")) or None
    raw.source = clean_text(cells.get("source")) or None
    raw.note = (cells.get("note") or "").strip() or None
    return raw
