"""Gettext PO and POT files: each translated ``msgstr`` is a segment, its ``msgid`` the source.

The file is read by a small strict tokenizer (polib gives no offsets). Every character of a
segment's text records where its spelling starts and ends in the file, so a finding inside
``"the two " "maintenances"`` or after an escape such as ``\\"`` points at the right column.
Obsolete entries (``#~``), the header (empty ``msgid``) and empty ``msgstr`` are skipped;
fuzzy entries are skipped unless asked for. Anything that is not well-formed PO raises
:class:`~tifa.errors.InputError` with the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from tifa.errors import InputError
from tifa.formats.adapter import FileFormat
from tifa.offsets import OffsetMap
from tifa.segments import InputFormat, Segment
from tifa.suppress import find_in_notes

_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?[ \t]*")
_SIMPLE_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    '"': '"',
    "\\": "\\",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    "'": "'",
    "?": "?",
}
_PLAIN_RUN = re.compile(r'[^"\\]+')
_OCTAL_DIGITS = "01234567"
_HEX_DIGITS = "0123456789abcdefABCDEF"
_WRITE_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"})


@dataclass
class _Text:
    """A PO string value (possibly spread over several quoted lines) with the file span of each character."""

    line: int
    pieces: list[str] = field(default_factory=list)
    offsets: OffsetMap = field(default_factory=OffsetMap)

    @property
    def value(self) -> str:
        if len(self.pieces) > 1:
            self.pieces[:] = ["".join(self.pieces)]
        return self.pieces[0] if self.pieces else ""

    def add(self, char: str, start: int, end: int) -> None:
        self.pieces.append(char)
        self.offsets.add(start, end)

    def extend(self, content: str, start: int, end: int, shift: int) -> None:
        """Add ``content[start:end]``, each character spelled as itself at file offset ``shift`` + index."""
        self.pieces.append(content[start:end])
        self.offsets.add_plain(shift + start, end - start)


@dataclass
class _Entry:
    """One PO entry as read so far."""

    comments: list[str] = field(default_factory=list)
    comment_offsets: list[int] = field(default_factory=list)  # file offset of each comment's text
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False
    msgctxt: _Text | None = None
    msgid: _Text | None = None
    msgid_plural: _Text | None = None
    msgstr: _Text | None = None
    plural_msgstrs: list[_Text] = field(default_factory=list)

    @property
    def has_keywords(self) -> bool:
        return self.msgctxt is not None or self.msgid is not None

    @property
    def is_complete(self) -> bool:
        return self.msgid is not None and (self.msgstr is not None or bool(self.plural_msgstrs))


class _Parser:
    """Reads a PO file line by line into entries; raises InputError on anything malformed."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.entries: list[_Entry] = []
        self.entry = _Entry()
        self.current: _Text | None = None  # the value that continuation strings extend

    def parse(self) -> Iterator[_Entry]:
        """Yield each entry as soon as the line after it closes it, so that only one is held at a time."""
        for line_number, line_start, content in _lines(self.text):
            self._parse_line(line_number, line_start, content)
            if self.entries:
                yield from self.entries
                self.entries.clear()
        self._finish_entry(at_line=None)
        yield from self.entries

    def _parse_line(self, line_number: int, line_start: int, content: str) -> None:
        indent = len(content) - len(content.lstrip(" \t"))
        body = content[indent:]
        if not body:
            return
        if body.startswith("#~"):
            self._obsolete_line(line_number)
        elif body.startswith("#"):
            self._comment_line(line_number, body, line_start + indent)
        elif body.startswith('"'):
            if self.current is None:
                raise InputError("a string with no keyword before it (msgid, msgstr...)", line=line_number)
            _read_string(content, indent, line_start, line_number, self.current)
        else:
            keyword = _KEYWORD.match(body)
            if keyword is None or not body[keyword.end() :].startswith('"'):
                raise InputError(
                    f"expected a keyword (msgid, msgstr...), a quoted string or a comment, found {_preview(body)}",
                    line=line_number,
                )
            value = self._start_field(keyword.group(1), keyword.group(2), line_number)
            _read_string(content, indent + keyword.end(), line_start, line_number, value)
            self.current = value

    def _obsolete_line(self, line_number: int) -> None:
        if self.entry.has_keywords and not self.entry.obsolete:
            self._finish_entry(at_line=line_number)
        self.entry.obsolete = True
        self.current = None

    def _comment_line(self, line_number: int, body: str, body_offset: int) -> None:
        if self.entry.has_keywords or self.entry.obsolete:
            self._finish_entry(at_line=line_number)
        self.current = None
        kind = body[1:2]
        if kind == ",":
            self.entry.flags.update(flag.strip() for flag in body[2:].split(","))
        elif kind not in (".", ":", "|"):
            skipped = 2 if body.startswith("# ") else 1
            self.entry.comments.append(body[skipped:])
            self.entry.comment_offsets.append(body_offset + skipped)

    def _start_field(self, keyword: str, index: str | None, line_number: int) -> _Text:
        entry = self.entry
        if entry.obsolete:
            self._finish_entry(at_line=line_number)
            entry = self.entry
        value = _Text(line_number)
        if index is not None and keyword != "msgstr":
            raise InputError(f"{keyword} cannot have an index", line=line_number)
        if keyword in ("msgctxt", "msgid"):
            if entry.is_complete:
                self._finish_entry(at_line=line_number)
                entry = self.entry
            elif entry.msgid is not None:
                raise InputError(
                    f"{keyword} before the msgstr of the msgid on line {entry.msgid.line}", line=line_number
                )
            if keyword == "msgctxt":
                if entry.msgctxt is not None:
                    raise InputError("a second msgctxt before the msgid", line=line_number)
                entry.msgctxt = value
            else:
                entry.msgid = value
        elif entry.msgid is None:
            raise InputError(f"{keyword} without a msgid before it", line=line_number)
        elif keyword == "msgid_plural":
            if entry.msgid_plural is not None or entry.is_complete:
                raise InputError("msgid_plural must follow the msgid, once", line=line_number)
            entry.msgid_plural = value
        elif index is None:
            if entry.msgid_plural is not None:
                raise InputError("an entry with msgid_plural needs msgstr[0], msgstr[1]...", line=line_number)
            if entry.msgstr is not None:
                raise InputError("a second msgstr for the same msgid", line=line_number)
            entry.msgstr = value
        else:
            if entry.msgid_plural is None:
                raise InputError(f"msgstr[{index}] in an entry without msgid_plural", line=line_number)
            if int(index) != len(entry.plural_msgstrs):
                raise InputError(
                    f"msgstr[{index}] out of order: expected msgstr[{len(entry.plural_msgstrs)}]", line=line_number
                )
            entry.plural_msgstrs.append(value)
        return value

    def _finish_entry(self, *, at_line: int | None) -> None:
        """Close the current entry; ``at_line`` is the line that closes it (None: end of file)."""
        entry = self.entry
        if entry.has_keywords and not entry.is_complete:
            where = "the file ends" if at_line is None else f"line {at_line} comes"
            if entry.msgid is None:
                assert entry.msgctxt is not None
                raise InputError(f"msgctxt without a msgid ({where} first)", line=entry.msgctxt.line)
            raise InputError(f"msgid without msgstr ({where} before its msgstr)", line=entry.msgid.line)
        if entry.has_keywords:
            self.entries.append(entry)
        self.entry = _Entry()
        self.current = None


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield ``(line number, offset of the line, line without its line break)``."""
    for line_number, match in enumerate(_LINE.finditer(text), start=1):
        if match.start() == len(text) and line_number > 1 and not match.group(1):
            break
        yield line_number, match.start(), match.group(1)
        if not match.group(2):
            break


def _preview(body: str) -> str:
    return repr(body[:30] + ("…" if len(body) > 30 else ""))


def _read_string(content: str, quote: int, line_start: int, line_number: int, value: _Text) -> None:
    """Decode the quoted string that starts at ``content[quote]`` onto the end of ``value``."""
    position = quote + 1
    while position < len(content):
        plain = _PLAIN_RUN.match(content, position)
        if plain:
            value.extend(content, position, plain.end(), line_start)
            position = plain.end()
            continue
        char = content[position]
        if char == '"':
            rest = content[position + 1 :].strip(" \t")
            if rest:
                raise InputError(
                    f"unexpected text after the closing quote: {_preview(rest)} (an unescaped quote?)",
                    line=line_number,
                )
            return
        decoded, length = _escape_at(content, position, line_number)  # char is a backslash
        value.add(decoded, line_start + position, line_start + position + length)
        position += length
    raise InputError("unterminated string: missing closing quote", line=line_number)


def _escape_at(content: str, position: int, line_number: int) -> tuple[str, int]:
    """Decode the escape sequence at ``content[position]`` (a backslash); return (char, length)."""
    if position + 1 >= len(content):
        raise InputError("unterminated string: a backslash ends the line", line=line_number)
    code = content[position + 1]
    if code in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[code], 2
    if code in _OCTAL_DIGITS:
        digits = code
        while len(digits) < 3 and position + 1 + len(digits) < len(content):
            following = content[position + 1 + len(digits)]
            if following not in _OCTAL_DIGITS:
                break
            digits += following
        return chr(int(digits, 8)), 1 + len(digits)
    if code == "x":
        digits = ""
        while position + 2 + len(digits) < len(content) and content[position + 2 + len(digits)] in _HEX_DIGITS:
            digits += content[position + 2 + len(digits)]
        if not digits or int(digits, 16) > 0x10FFFF:
            raise InputError(f"invalid hexadecimal escape \\x{digits}", line=line_number)
        return chr(int(digits, 16)), 2 + len(digits)
    raise InputError(f"unknown escape sequence \\{code}", line=line_number)


def _parse(text: str) -> Iterator[_Entry]:
    return _Parser(text).parse()


def read_segments(text: str, *, include_fuzzy: bool = False) -> list[Segment]:
    """Return a segment for every translated ``msgstr`` (and ``msgstr[n]``) of a PO file.

    ``source`` is the ``msgid`` (the ``msgid_plural`` for plural forms after the first) and
    ``unit`` is ``"line N"``, the line of the ``msgid``; ``notes`` are the entry's translator
    comments (``# ...`` lines, without the ``#`` and one space). The header, obsolete entries, empty
    translations and (unless ``include_fuzzy``) fuzzy entries are skipped.
    """
    segments: list[Segment] = []
    for entry in _parse(text):
        assert entry.msgid is not None
        if entry.obsolete or not entry.msgid.value or ("fuzzy" in entry.flags and not include_fuzzy):
            continue
        unit = f"line {entry.msgid.line}"
        translations = [entry.msgstr] if entry.msgstr is not None else entry.plural_msgstrs
        for index, translation in enumerate(translations):
            if not translation.value.strip():
                continue
            source = entry.msgid if index == 0 or entry.msgid_plural is None else entry.msgid_plural
            offsets = translation.offsets
            segments.append(
                Segment(
                    translation.value,
                    offsets.start(0),
                    source=source.value,
                    char_starts=offsets.starts,
                    char_ends=offsets.ends,
                    unit=unit,
                    notes=tuple(entry.comments),
                    note_offsets=tuple(entry.comment_offsets),
                )
            )
    return segments


def escape_text(text: str) -> str:
    """Escape ``text`` for writing inside a PO string: backslash, quote, newline, tab, CR."""
    return text.translate(_WRITE_ESCAPES)


FORMAT = FileFormat(
    InputFormat.PO,
    suffixes=(".po", ".pot"),
    read=lambda text, options: read_segments(text, include_fuzzy=options.include_fuzzy),
    find_suppressions=find_in_notes,
    escape=escape_text,
)
