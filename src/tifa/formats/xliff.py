"""XLIFF 1.2 and 2.x: each non-empty ``<target>`` is a segment, its ``<source>`` the source text.

Units marked ``translate="no"`` (directly, or through the nearest ``<group>`` or ``<file>`` that
says) hold text not meant for translation and are skipped.

The file is first parsed by ``defusedxml``, which refuses DTDs and entity declarations, so an
entity-expansion bomb is rejected before anything is expanded, and which reports malformed
XML with its line. ElementTree gives no offsets, so a small scanner then walks the raw text:
it tokenizes the (now known to be well-formed) markup, pairs each start tag with the element
ElementTree built for it (both in document order), and decodes each target's content itself:
every character of a segment's text records where its spelling (``&amp;``, ``&#x4E2D;``, a
CDATA character, a ``\\r\\n`` line break) starts and ends in the file.

Inline markup: wrappers (``<g>``, ``<mrk>``, ``<pc>``) are transparent, their content is text;
markers (``<sm/>``, ``<em/>``) vanish; placeholders and codes (``<x/>``, ``<bx/>``, ``<ex/>``,
``<ph>``, ``<bpt>``, ``<ept>``, ``<it>``, ``<sc/>``, ``<ec/>``) and their native-code content
become one space between the words around them, mapped to the tags' span; ``<cp hex="..."/>``
becomes its character. Elements from other namespaces are transparent.
"""

from __future__ import annotations

import contextlib
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tifa.errors import InputError
from tifa.formats.adapter import FileFormat
from tifa.formats.xml_tokens import Token, line_at, tokenize
from tifa.model import Span
from tifa.offsets import OffsetMap
from tifa.segments import Document, InputFormat, Segment
from tifa.suppress import find_in_notes

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

XLIFF_NAMESPACE_PREFIX = "urn:oasis:names:tc:xliff:document:"
SEPARATOR = " "
# Inline elements that stand for something outside the text (a code, a placeholder, a line
# break): each, with its content, reads as one separator between the words around it.
_CODE_ELEMENTS = frozenset({"x", "bx", "ex", "ph", "bpt", "ept", "it", "sc", "ec", "sub"})
_PREDEFINED_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_FEED_CHARACTERS = 1 << 20
# The elements whose place in the file is looked up: units (for their line), targets, notes.
_LOOKED_UP = frozenset({"unit", "trans-unit", "target", "note"})
_REFERENCE = re.compile(r"&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);")
_DECLARATION = re.compile(r"<!(?:DOCTYPE|ENTITY)")
_WRITE_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


@dataclass
class _DecodedText:
    """Characters of a target with the file span of each one's spelling."""

    pieces: list[str] = field(default_factory=list)
    offsets: OffsetMap = field(default_factory=OffsetMap)

    def __len__(self) -> int:
        return len(self.offsets)

    @property
    def text(self) -> str:
        return "".join(self.pieces)

    def add(self, char: str, start: int, end: int) -> None:
        self.pieces.append(char)
        self.offsets.add(start, end)

    def extend(self, text: str, start: int, end: int) -> None:
        """Add the characters ``text[start:end]``, each spelled as itself."""
        self.pieces.append(text[start:end])
        self.offsets.add_plain(start, end - start)


def parse_safely(text: str) -> Element:
    """Parse ``text`` with DTDs and entities refused; raise :class:`InputError` with the line."""
    import xml.etree.ElementTree as ElementTree  # the XML parsers: only when an XLIFF file is read

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import DefusedXMLParser

    parser = DefusedXMLParser(encoding="utf-8", forbid_dtd=True, forbid_entities=True, forbid_external=True)
    try:
        for start in range(0, len(text), _FEED_CHARACTERS):  # in pieces: no second copy of a large file
            parser.feed(text[start : start + _FEED_CHARACTERS].encode("utf-8"))
        root: Element = parser.close()
    except ElementTree.ParseError as error:
        line = error.position[0] if error.position else None
        message = str(error).split(": line", 1)[0]
        raise InputError(f"invalid XML: {message}", line=line) from None
    except DefusedXmlException:
        declaration = _DECLARATION.search(text)
        raise InputError(
            "DTDs and entity declarations are not accepted in XLIFF (they allow entity-expansion attacks)",
            line=line_at(text, declaration.start()) if declaration else None,
        ) from None
    return root


def _local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _is_xliff(tag: str) -> bool:
    return not tag.startswith("{") or tag[1:].startswith(XLIFF_NAMESPACE_PREFIX)


def _xliff_local_name(tag: str) -> str | None:
    """The local name of an XLIFF element (or an element in no namespace), else None."""
    return _local_name(tag) if isinstance(tag, str) and _is_xliff(tag) else None


class _Scanner:
    """Decodes element contents from the raw text, using the token list aligned with the tree."""

    def __init__(self, text: str, root: Element) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.elements = list(root.iter())
        self.tag_tokens = self.tokens.tags()
        names = self.tokens.names
        unsupported = InputError("could not read the XML structure (unsupported markup)", line=1)
        if len(self.tag_tokens) != len(self.elements):
            raise unsupported
        self.token_index: dict[int, int] = {}  # only for the elements whose offsets are asked for
        for element, index in zip(self.elements, self.tag_tokens, strict=True):
            name = _local_name(element.tag)
            if name != names[index].rsplit(":", 1)[-1]:
                raise unsupported
            if name in _LOOKED_UP:
                self.token_index[id(element)] = index

    def content_offset(self, element: Element) -> int:
        """The file offset right after ``element``'s start tag, where its content starts."""
        return self.tokens[self.token_index[id(element)]].end

    def line_of(self, element: Element) -> int:
        """The 1-based line of ``element``'s start tag."""
        return line_at(self.text, self.tokens[self.token_index[id(element)]].start)

    def _matching_end(self, index: int) -> int:
        """The index of the token that closes the element whose start tag is token ``index``."""
        if self.tokens[index].kind == "empty":
            return index
        depth = 0
        for position in range(index, len(self.tokens)):
            kind = self.tokens[position].kind
            if kind == "start":
                depth += 1
            elif kind == "end":
                depth -= 1
                if depth == 0:
                    return position
        raise InputError("unclosed element", line=line_at(self.text, self.tokens[index].start))

    def decode_content(self, element: Element) -> _DecodedText:
        """Decode the text content of ``element`` with inline markup handled as the module says."""
        decoded = _DecodedText()
        first = self.token_index[id(element)]
        last = self._matching_end(first)
        pending: tuple[int, int] | None = None  # span of code markup waiting to become a separator
        position = first + 1
        while position < last:
            token = self.tokens[position]
            if token.kind in ("start", "empty"):
                element_here = self.elements[bisect_left(self.tag_tokens, position)]
                name = _xliff_local_name(element_here.tag)
                if name in _CODE_ELEMENTS:
                    closing = self._matching_end(position)
                    if len(decoded):
                        pending = (pending[0] if pending else token.start, self.tokens[closing].end)
                    position = closing + 1
                    continue
                if name == "cp":
                    if pending is not None:
                        decoded.add(SEPARATOR, *pending)
                        pending = None
                    decoded.add(_code_point(element_here, self.text, token.start), token.start, token.end)
            elif token.kind in ("text", "cdata"):
                cdata = (token.start + len("<![CDATA["), token.end - len("]]>"))
                # Character data is never empty, CDATA may be: the separator goes before any text.
                if pending is not None and (token.kind == "text" or cdata[0] < cdata[1]):
                    decoded.add(SEPARATOR, *pending)
                    pending = None
                if token.kind == "text":
                    self._decode_text(token, decoded)
                else:
                    _add_raw(self.text, *cdata, decoded)
            position += 1
        return decoded

    def _decode_text(self, token: Token, decoded: _DecodedText) -> None:
        text = self.text
        position = token.start
        while position < token.end:
            reference_start = text.find("&", position, token.end)
            stop = token.end if reference_start < 0 else reference_start
            _add_raw(text, position, stop, decoded)
            if reference_start < 0:
                return
            reference = _REFERENCE.match(text, reference_start, token.end)
            if reference is None:
                raise InputError("invalid entity reference", line=line_at(text, reference_start))
            decoded.add(_resolve(reference.group(1), text, reference_start), reference_start, reference.end())
            position = reference.end()


def _add_raw(text: str, start: int, end: int, decoded: _DecodedText) -> None:
    """Add ``text[start:end]`` character by character, reading CR LF and lone CR as LF (as XML does)."""
    position = start
    while position < end:
        carriage_return = text.find("\r", position, end)
        stop = end if carriage_return < 0 else carriage_return
        decoded.extend(text, position, stop)
        if carriage_return < 0:
            return
        width = 2 if text.startswith("\n", carriage_return + 1) and carriage_return + 1 < end else 1
        decoded.add("\n", carriage_return, carriage_return + width)
        position = carriage_return + width


def _resolve(name: str, text: str, offset: int) -> str:
    if name.startswith("#x"):
        value = int(name[2:], 16)
    elif name.startswith("#"):
        value = int(name[1:])
    elif name in _PREDEFINED_ENTITIES:
        return _PREDEFINED_ENTITIES[name]
    else:
        raise InputError(f"undefined entity &{name};", line=line_at(text, offset))
    if value > 0x10FFFF:
        raise InputError(f"invalid character reference &{name};", line=line_at(text, offset))
    return chr(value)


def _code_point(element: Element, text: str, offset: int) -> str:
    try:
        return chr(int(element.get("hex", ""), 16))
    except (ValueError, OverflowError):
        raise InputError(f"invalid <cp hex={element.get('hex')!r}/>", line=line_at(text, offset)) from None


def plain_text(element: Element) -> str:
    """The text of ``element`` with inline markup removed and code content dropped (no separators)."""
    pieces = [element.text or ""]
    for child in element:
        name = _xliff_local_name(child.tag)
        if name == "cp":
            with contextlib.suppress(ValueError, OverflowError):
                pieces.append(chr(int(child.get("hex", ""), 16)))
        elif name not in _CODE_ELEMENTS:
            pieces.append(plain_text(child))
        pieces.append(child.tail or "")
    return "".join(pieces)


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if _xliff_local_name(child.tag) == name]


def _translation_pairs(root: Element) -> list[tuple[Element, Element | None, Element]]:
    """``(unit, source, target)`` for every target of a translatable unit, in document order.

    A unit is left out when it, or the nearest ``<file>`` or ``<group>`` around it that says,
    has ``translate="no"``: its text is not for translation (code, names kept as they are).
    """
    version = root.get("version", "")
    namespace = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else ""
    is_two = version.startswith("2") or namespace.endswith(":2.0")
    pairs: list[tuple[Element, Element | None, Element]] = []
    unit_name = "unit" if is_two else "trans-unit"

    def walk(element: Element, translatable: bool) -> None:
        for child in element:
            flag = child.get("translate")
            child_translatable = translatable if flag is None else flag.strip().lower() != "no"
            if _xliff_local_name(child.tag) != unit_name:
                walk(child, child_translatable)
                continue
            if not child_translatable:
                continue
            for holder in _children(child, "segment") if is_two else [child]:
                sources = _children(holder, "source")
                for target in _children(holder, "target"):
                    pairs.append((child, sources[0] if sources else None, target))

    walk(root, root.get("translate", "yes").strip().lower() != "no")
    return pairs


def unit_notes(unit: Element) -> list[Element]:
    """The ``<note>`` elements of a unit: 1.2 ``<trans-unit><note>``, 2.x ``<unit><notes><note>``."""
    return [
        *_children(unit, "note"),
        *(note for notes in _children(unit, "notes") for note in _children(notes, "note")),
    ]


def read_segments(text: str) -> list[Segment]:
    """Return a segment for every non-empty target of an XLIFF 1.2 or 2.x file.

    ``source`` is the unit's (or 2.x segment's) source text without inline markup; ``unit`` is
    the unit ``id``; ``notes`` are the texts of the unit's notes. Raises :class:`InputError` for
    invalid XML, a DTD or entity declaration, or a document that is not XLIFF.
    """
    root = parse_safely(text)
    if _xliff_local_name(root.tag) != "xliff":
        raise InputError(f"not an XLIFF document: the root element is <{_local_name(root.tag)}>", line=1)
    scanner = _Scanner(text, root)
    segments: list[Segment] = []
    for unit, source, target in _translation_pairs(root):
        decoded = scanner.decode_content(target)
        target_text = decoded.text
        if not target_text.strip():
            continue
        notes = unit_notes(unit)
        segments.append(
            Segment(
                target_text,
                decoded.offsets.start(0),
                source=None if source is None else plain_text(source),
                char_starts=decoded.offsets.starts,
                char_ends=decoded.offsets.ends,
                unit=unit.get("id") or f"line {scanner.line_of(unit)}",
                notes=tuple("".join(note.itertext()) for note in notes),
                note_offsets=tuple(scanner.content_offset(note) for note in notes),
                inline_codes=(inline_codes(source) if source is not None else (), inline_codes(target)),
            )
        )
    return segments


_INLINE_ELEMENTS = _CODE_ELEMENTS | {"g", "pc"}


def inline_codes(element: Element) -> tuple[str, ...]:
    """The inline codes inside ``element`` as ``name#id`` (wrappers included; an end code by the id it ends), sorted."""
    return tuple(
        sorted(
            f"{name}#{child.get('id') or child.get('startRef') or child.get('rid') or ''}"
            for child in element.iter()
            if child is not element and (name := _xliff_local_name(child.tag) or "") in _INLINE_ELEMENTS
        )
    )


def escape_text(text: str) -> str:
    """Escape ``text`` for writing as XML character data: ``&``, ``<`` and ``>``."""
    return text.translate(_WRITE_ESCAPES)


def escape_at(document: Document, span: Span, text: str) -> str:
    """Escape ``text`` for writing over ``span``; a span across markup (a tag, a placeholder, CDATA) raises.

    Writing over markup would delete it, so such a span raises :class:`InputError`.
    """
    if "<" in document.text[span.start : span.end]:
        raise InputError("the text to replace runs across XML markup")
    return escape_text(text)


FORMAT = FileFormat(
    InputFormat.XLIFF,
    suffixes=(".xlf", ".xliff", ".sdlxliff", ".mqxliff"),
    read=lambda text, options: read_segments(text),
    find_suppressions=find_in_notes,
    escape=escape_text,
    escape_at=escape_at,
)
