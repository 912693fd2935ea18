"""Bilingual tables (TSV and CSV): the target cell of each row is a segment, the source cell its source.

TSV cells are never quoted (a quote is an ordinary character), so a cell is a plain stretch of
the file. CSV cells may be quoted (RFC 4180): a quoted cell may hold delimiters and line breaks,
and ``""`` stands for one quote; for such a cell every character of the segment text records
where its spelling starts and ends in the file. The scanner is the module's own, because the
``csv`` module gives no offsets; the tests check it against ``csv`` cell by cell.

A first row is a header when a cell names a column (``zh``, ``source``, ``en``, ``target``,
``translation``...) or when a column that is Chinese in the data rows is not Chinese in the
first row. Columns are chosen by :class:`TableOptions` (a header name or a 1-based number);
by default the source is the first Chinese column and the target the column a header names
``en``/``target``, else the other column with the most Latin letters. Every row must have as
many cells as the first one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tifa.errors import InputError
from tifa.formats.adapter import FileFormat, TableOptions
from tifa.model import Span
from tifa.segments import Document, InputFormat, Segment
from tifa.suppress import find_in_notes
from tifa.text import LineIndex

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_SOURCE_NAMES = frozenset(
    {"zh", "zh-cn", "zh_cn", "zh-hans", "zh-hans-cn", "zho", "chi", "cn", "chinese", "source", "src", "source text"}
    | {"中文", "原文", "汉语", "源文"}
)
_TARGET_NAMES = frozenset(
    {"en", "en-us", "en_us", "en-gb", "en_gb", "eng", "english", "target", "tgt", "target text", "translation"}
    | {"英文", "译文", "英语"}
)
_OTHER_NAMES = frozenset({"id", "key", "no", "no.", "#", "note", "notes", "comment", "comments", "context", "status"})
_CSV_DELIMITERS = (",", ";", "\t")
_NEEDS_CSV_QUOTING = frozenset('",;\t\r\n')


@dataclass(frozen=True, slots=True)
class _Cell:
    """A cell's value, the file offset of its first character, and per-character spans if escaped."""

    value: str
    start: int
    char_starts: tuple[int, ...] | None = None
    char_ends: tuple[int, ...] | None = None


@dataclass(frozen=True, slots=True)
class _Row:
    line: int
    cells: tuple[_Cell, ...]


def _is_line_break(char: str) -> bool:
    return char in "\r\n"


def _skip_line_break(text: str, position: int) -> int:
    if text.startswith("\r\n", position):
        return position + 2
    return position + 1 if position < len(text) and _is_line_break(text[position]) else position


def _quoted_cell(text: str, position: int, lines: LineIndex) -> tuple[_Cell, int]:
    """Read the quoted cell whose opening quote is at ``position``; return it and the offset after it."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    escaped = False
    scan = position + 1
    while True:
        quote = text.find('"', scan)
        if quote < 0:
            raise InputError("unterminated quoted cell: missing closing quote", line=lines.position(position)[0])
        chars.extend(text[scan:quote])
        starts.extend(range(scan, quote))
        ends.extend(range(scan + 1, quote + 1))
        if text.startswith('""', quote):
            chars.append('"')
            starts.append(quote)
            ends.append(quote + 2)
            escaped = True
            scan = quote + 2
            continue
        after = quote + 1
        break
    value = "".join(chars)
    if escaped:
        return _Cell(value, position + 1, tuple(starts), tuple(ends)), after
    return _Cell(value, position + 1), after


def _scan_rows(text: str, delimiter: str, *, quoting: bool) -> list[_Row]:
    """Split ``text`` into rows of cells with offsets; blank lines are skipped."""
    lines = LineIndex(text)
    rows: list[_Row] = []
    position = 0
    length = len(text)
    while position < length:
        row_start = position
        cells: list[_Cell] = []
        while True:
            if quoting and text.startswith('"', position):
                cell, position = _quoted_cell(text, position, lines)
                if position < length and text[position] != delimiter and not _is_line_break(text[position]):
                    raise InputError(
                        'unexpected text after the closing quote of a cell (a quote inside a cell is written "")',
                        line=lines.position(position)[0],
                    )
            else:
                end = position
                while end < length and text[end] != delimiter and not _is_line_break(text[end]):
                    end += 1
                cell = _Cell(text[position:end], position)
                position = end
            cells.append(cell)
            if position < length and text[position] == delimiter:
                position += 1
                continue
            position = _skip_line_break(text, position)
            break
        if len(cells) > 1 or cells[0].value.strip() or text.startswith('"', row_start):
            rows.append(_Row(lines.position(row_start)[0], tuple(cells)))
    return rows


def _guess_csv_delimiter(text: str) -> str:
    """The delimiter among ``,`` ``;`` tab that the first non-blank lines use consistently."""
    sample = [line for line in text.splitlines() if line.strip()][:5]
    if not sample:
        return ","
    for candidate in _CSV_DELIMITERS:
        counts = {line.count(candidate) for line in sample}
        if len(counts) == 1 and counts.pop() > 0:
            return candidate
    first = sample[0]
    return max(_CSV_DELIMITERS, key=lambda candidate: first.count(candidate))


def _column_name(cell: _Cell) -> str:
    return cell.value.strip().lower()


def _cjk_share(rows: list[_Row], column: int) -> float:
    values = [row.cells[column].value for row in rows if row.cells[column].value.strip()]
    return sum(1 for value in values if _CJK.search(value)) / len(values) if values else 0.0


def _is_header(first: _Row, data: list[_Row]) -> bool:
    names = {_column_name(cell) for cell in first.cells}
    if names & (_SOURCE_NAMES | _TARGET_NAMES):
        return True
    if names <= _OTHER_NAMES | {""}:
        return bool(data) and any(name for name in names)
    return any(
        _cjk_share(data, column) >= 0.5 and cell.value.strip() and not _CJK.search(cell.value)
        for column, cell in enumerate(first.cells)
    )


def _resolve_column(choice: str | int, header: _Row | None, width: int, option: str) -> int:
    """The 0-based index of the column the user named by header name or 1-based number."""
    if isinstance(choice, str) and choice.strip().isdigit():
        choice = int(choice.strip())
    if isinstance(choice, int):
        if not 1 <= choice <= width:
            raise InputError(f"{option} {choice}: the table has {width} columns")
        return choice - 1
    if header is None:
        raise InputError(f"{option} {choice!r}: the table has no header row with column names")
    for index, cell in enumerate(header.cells):
        if _column_name(cell) == choice.strip().lower():
            return index
    names = ", ".join(repr(cell.value.strip()) for cell in header.cells)
    raise InputError(f"{option} {choice!r}: no such column (the header has {names})", line=header.line)


def _named_column(header: _Row | None, names: frozenset[str], exclude: int | None) -> int | None:
    if header is None:
        return None
    return next(
        (index for index, cell in enumerate(header.cells) if _column_name(cell) in names and index != exclude), None
    )


def _choose_columns(options: TableOptions, header: _Row | None, data: list[_Row], width: int) -> tuple[int | None, int]:
    """Return ``(source column or None, target column)`` as 0-based indexes."""
    target: int | None = None
    source: int | None = None
    if options.target_column is not None:
        target = _resolve_column(options.target_column, header, width, "target column")
    if options.source_column is not None:
        source = _resolve_column(options.source_column, header, width, "source column")
    if source is None:
        source = _named_column(header, _SOURCE_NAMES, target)
        if source is None:
            source = next(
                (column for column in range(width) if column != target and _cjk_share(data, column) >= 0.5), None
            )
    if target is None:
        target = _named_column(header, _TARGET_NAMES, source)
    if target is None:
        letters = {
            column: sum(len(_LATIN_LETTER.findall(row.cells[column].value)) for row in data)
            for column in range(width)
            if column != source and _cjk_share(data, column) < 0.5
        }
        best = max(letters, key=lambda column: (letters[column], -column), default=None)
        if best is None or letters[best] == 0:
            raise InputError("no column with English text found; choose the target column by name or number")
        target = best
    if source == target:
        raise InputError(f"the source and target columns are the same (column {target + 1})")
    return source, target


def read_table(text: str, options: TableOptions, *, quoting: bool) -> list[Segment]:
    """Return one segment per non-empty target cell of a delimited table.

    ``quoting`` reads CSV quoting; without it (TSV) quotes are ordinary characters.
    """
    delimiter = options.delimiter or ("\t" if not quoting else _guess_csv_delimiter(text))
    rows = _scan_rows(text, delimiter, quoting=quoting)
    if not rows:
        return []
    width = len(rows[0].cells)
    for row in rows[1:]:
        if len(row.cells) != width:
            raise InputError(
                f"row has {len(row.cells)} cells but the first row (line {rows[0].line}) has {width}", line=row.line
            )
    header = rows[0] if _is_header(rows[0], rows[1:]) else None
    data = rows[1:] if header is not None else rows
    if not data:
        return []
    source, target = _choose_columns(options, header, data, width)
    segments: list[Segment] = []
    for row in data:
        cell = row.cells[target]
        if not cell.value.strip():
            continue
        source_text = row.cells[source].value if source is not None else None
        segments.append(
            Segment(
                cell.value,
                cell.start,
                source=source_text or None,
                char_starts=cell.char_starts,
                char_ends=cell.char_ends,
                unit=f"line {row.line}",
            )
        )
    return segments


def read_tsv(text: str, options: TableOptions | None = None) -> list[Segment]:
    """Read a bilingual TSV file (tab-delimited, no quoting) into segments."""
    return read_table(text, options or TableOptions(), quoting=False)


def read_segments(text: str, options: TableOptions | None = None) -> list[Segment]:
    """Read a bilingual CSV file (RFC 4180 quoting; delimiter guessed unless given) into segments."""
    return read_table(text, options or TableOptions(), quoting=True)


def escape_csv_text(text: str, *, quoted: bool = True) -> str:
    """Escape ``text`` for a CSV cell: double its quotes in a quoted cell.

    In an unquoted cell, text that would need quoting (a quote, delimiter or line break)
    raises :class:`InputError`.
    """
    if quoted:
        return text.replace('"', '""')
    if _NEEDS_CSV_QUOTING.intersection(text):
        raise InputError(f"{text!r} would need quoting in an unquoted CSV cell")
    return text


def escape_tsv_text(text: str) -> str:
    """Return ``text`` for a TSV cell; a tab or line break (which TSV cannot hold) raises InputError."""
    if "\t" in text or "\n" in text or "\r" in text:
        raise InputError(f"{text!r} cannot be written into a TSV cell (it has a tab or line break)")
    return text


def escape_csv_at(document: Document, span: Span, text: str) -> str:
    """Escape ``text`` for writing over ``span`` of a CSV document, as the cell it lies in needs.

    In a quoted cell quotes are doubled; in an unquoted cell, text that would need quoting
    raises :class:`InputError`.
    """
    segment = next(
        (
            segment
            for segment in document.segments
            if segment.offset <= span.start <= segment.file_span(0, len(segment.text)).end
        ),
        None,
    )
    quoted = segment is not None and segment.offset > 0 and document.text[segment.offset - 1] == '"'
    return escape_csv_text(text, quoted=quoted)


TSV_FORMAT = FileFormat(
    InputFormat.TSV,
    suffixes=(".tsv",),
    read=lambda text, options: read_tsv(text, options.table),
    find_suppressions=find_in_notes,
    escape=escape_tsv_text,
)
CSV_FORMAT = FileFormat(
    InputFormat.CSV,
    suffixes=(".csv",),
    read=lambda text, options: read_segments(text, options.table),
    find_suppressions=find_in_notes,
    escape=escape_csv_text,
    escape_at=escape_csv_at,
)
