"""TBX (TBX-Basic, as CAT tools write it): export tifa entries, and read concepts back for an import."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

# Typed by types-defusedxml where it is installed; otherwise these are untyped imports.
from defusedxml import (  # type: ignore[import-untyped, unused-ignore]
    DefusedXmlException,
    DTDForbidden,
    EntitiesForbidden,
    ExternalReferenceForbidden,
)
from defusedxml.ElementTree import DefusedXMLParser  # type: ignore[import-untyped, unused-ignore]

from tifa import __version__
from tifa.errors import GlossaryError
from tifa.glossary.conditions import describe_conditions
from tifa.glossary.raw import ExchangeWarning, RawEntry, RawTerm, TermStatus, clean_text
from tifa.glossary.schema import Confidence, Entry, Form, FormKind

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_ADMIN_STATUS_TYPES = frozenset({"administrativeStatus", "normativeAuthorization"})
_IF_SOURCE_MARK = "tifa: wrong_if_source"
_CONFIDENCE_NOTE = re.compile(r"confidence:\s*(high|medium|low)", re.IGNORECASE)

# Status values other tools write (TBX v2 and v3, TBX-Basic, normativeAuthorization), lower-cased
# and without the "-admn-sts" and "term" endings.
_STATUS_BY_NAME = {
    "preferred": TermStatus.PREFERRED,
    "standardized": TermStatus.PREFERRED,
    "admitted": TermStatus.ADMITTED,
    "legal": TermStatus.ADMITTED,
    "regulated": TermStatus.ADMITTED,
    "deprecated": TermStatus.DEPRECATED,
    "notrecommended": TermStatus.DEPRECATED,
    "superseded": TermStatus.SUPERSEDED,
    "obsolete": TermStatus.SUPERSEDED,
}


def _condition_note(form: Form) -> str | None:
    """Describe a form's conditions for a human reading the TBX file."""
    parts = describe_conditions(
        form, form.context, context_label="only in a sentence with one of", until_label="official English until"
    )
    return "tifa condition, not carried by TBX: " + "; ".join(parts) if parts else None


def _sub(parent: Element, tag: str, text: str | None = None, **attributes: str) -> Element:
    element = ElementTree.SubElement(parent, tag, attributes)
    element.text = text
    return element


def _xml_id(entry_id: str) -> str:
    """An entry id as an XML ID, which cannot start with a digit; import strips the underscore."""
    return f"_{entry_id}" if entry_id[0].isdigit() else entry_id


def write_tbx(entries: Sequence[Entry]) -> str:
    """Write ``entries`` as a TBX-Basic file; forms lose their conditions, each keeping a note of them."""
    martif = Element("martif", {"type": "TBX-Basic", _XML_LANG: "en"})
    header = _sub(martif, "martifHeader")
    file_description = _sub(header, "fileDesc")
    _sub(_sub(file_description, "titleStmt"), "title", "tifa glossary")
    source_description = _sub(file_description, "sourceDesc")
    _sub(source_description, "p", f"Exported by tifa {__version__}: {len(entries)} entries.")
    _sub(
        source_description,
        "p",
        "TBX cannot carry tifa's conditions on forms (context, not_before, not_after, until): such forms "
        "are listed without them, each with a note, and a glossary imported from this file has none. "
        "Also not carried: replace, capitalized, doubled, examples.",
    )
    _sub(_sub(header, "encodingDesc"), "p", "TBXBasicXCSV02.xcs", type="XCSURI")
    body = _sub(_sub(martif, "text"), "body")
    for entry in entries:
        term_entry = _sub(body, "termEntry", id=_xml_id(entry.id))
        _sub(term_entry, "descrip", entry.category, type="subjectField")
        _sub(term_entry, "note", f"confidence: {entry.confidence.value}")
        if entry.note:
            _sub(term_entry, "note", entry.note)
        chinese = _sub(term_entry, "langSet", **{_XML_LANG: "zh"})
        for index, zh in enumerate(entry.zh):
            _tbx_term(chinese, zh, TermStatus.PREFERRED if index == 0 else TermStatus.ADMITTED)
        english = _sub(term_entry, "langSet", **{_XML_LANG: "en"})
        if entry.expand:
            _sub(english, "descrip", entry.expand, type="definition")
        preferred = _tbx_term(english, entry.en, TermStatus.PREFERRED)
        _sub(preferred, "admin", entry.source, type="source")
        for accepted in entry.accept:
            _tbx_term(english, accepted, TermStatus.ADMITTED)
        for form in entry.forms:
            status = TermStatus.SUPERSEDED if form.kind is FormKind.OUTDATED else TermStatus.DEPRECATED
            term = _tbx_term(english, form.text, status)
            if form.kind is FormKind.WRONG_IF_SOURCE:
                _sub(term, "note", f"wrong only where the Chinese source contains the term ({_IF_SOURCE_MARK})")
            if (note := _condition_note(form)) is not None:
                _sub(term, "note", note)
    ElementTree.indent(martif, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(martif, encoding="unicode") + "\n"


def _tbx_term(lang_set: Element, text: str, status: TermStatus) -> Element:
    term_group = _sub(lang_set, "tig")
    _sub(term_group, "term", text)
    _sub(term_group, "termNote", status.value, type="administrativeStatus")
    return term_group


class _LineRecordingBuilder:
    """A tree builder that records the line each element starts on, for messages."""

    def __init__(self) -> None:
        self.builder = TreeBuilder()
        self.lines: dict[Element, int] = {}
        self.current_line: Callable[[], int] = lambda: 0

    def start(self, tag: str, attributes: dict[str, str]) -> Element:
        """Open an element and note its line."""
        element = self.builder.start(tag, attributes)
        self.lines[element] = self.current_line()
        return element

    def end(self, tag: str) -> Element:
        """Close the current element."""
        return self.builder.end(tag)

    def data(self, data: str) -> None:
        """Add text to the current element."""
        self.builder.data(data)

    def close(self) -> Element:
        """Return the root element."""
        return self.builder.close()


def _parse_xml(data: bytes, path: Path) -> tuple[Element, dict[Element, int]]:
    """Parse XML safely: no entity expansion, no external references; errors name file:line."""
    builder = _LineRecordingBuilder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    expat = parser.parser
    builder.current_line = lambda: int(expat.CurrentLineNumber)
    try:
        parser.feed(data)
        root = parser.close()
    except ParseError as exc:
        reason = re.sub(r": line \d+, column \d+$", "", str(exc))
        raise GlossaryError(f"invalid XML: {reason}", path, exc.position[0]) from None
    except EntitiesForbidden:
        raise GlossaryError(
            "the file declares XML entities; tifa does not expand them (they can be an entity-expansion attack)",
            path,
            expat.CurrentLineNumber,
        ) from None
    except (DTDForbidden, ExternalReferenceForbidden):
        raise GlossaryError(
            "the file refers to external XML resources; tifa does not load them", path, expat.CurrentLineNumber
        ) from None
    except DefusedXmlException as exc:
        raise GlossaryError(f"unsafe XML refused: {exc}", path, expat.CurrentLineNumber) from None
    if not isinstance(root, Element):
        raise GlossaryError("invalid XML: no root element", path)
    return root, builder.lines


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(element: Element) -> str:
    return clean_text("".join(element.itertext()))


def _language(element: Element) -> str:
    language = element.get(_XML_LANG) or element.get("lang") or ""
    return language.split("-")[0].split("_")[0].lower()


def read_tbx(data: bytes, path: Path, warnings: list[ExchangeWarning]) -> list[RawEntry]:
    """Read the concepts of a TBX file (v2 or v3); malformed or unsafe XML raises :class:`GlossaryError`."""
    root, lines = _parse_xml(data, path)
    if _local(root.tag) not in {"martif", "tbx"}:
        raise GlossaryError(
            f"not a TBX file: the root element is <{_local(root.tag)}>, not <martif> or <tbx>", path, lines.get(root)
        )
    concepts = [element for element in root.iter() if _local(element.tag) in {"termEntry", "conceptEntry"}]
    return [_read_concept(concept, lines, path, warnings) for concept in concepts]


def _children(element: Element, *names: str) -> Iterator[Element]:
    return (child for child in element if _local(child.tag) in names)


def _typed(element: Element, name: str, type_: str) -> Iterator[Element]:
    """Children ``<name type="type_">``, also inside a ``<nameGrp>``."""
    for child in element:
        local = _local(child.tag)
        if local == name and child.get("type") == type_:
            yield child
        elif local == f"{name}Grp":
            yield from (item for item in _children(child, name) if item.get("type") == type_)


def _read_concept(concept: Element, lines: dict[Element, int], path: Path, warnings: list[ExchangeWarning]) -> RawEntry:
    raw = RawEntry(line=lines.get(concept, 0), id=concept.get("id") or concept.get(_XML_ID))
    raw.category = next((_text(item) for item in _typed(concept, "descrip", "subjectField") if _text(item)), None)
    concept_sources = [_text(item) for item in _typed(concept, "admin", "source")]
    notes = []
    for note in _children(concept, "note"):
        text = "".join(note.itertext()).strip()  # a note keeps its line breaks
        if match := _CONFIDENCE_NOTE.fullmatch(text):
            raw.confidence = Confidence(match.group(1).lower())
        elif text:
            notes.append(text)
    english_sources: list[str] = []
    for lang_set in _children(concept, "langSet", "langSec"):
        language = _language(lang_set)
        if language not in {"zh", "en"}:
            continue
        terms = [
            _read_term(container, lines, path, warnings) for container in _children(lang_set, "tig", "ntig", "termSec")
        ]
        if language == "zh":
            raw.zh.extend(term for term, _ in terms if term is not None)
            continue
        definitions = [_text(item) for item in _typed(lang_set, "descrip", "definition")]
        raw.expand = raw.expand or next((text for text in definitions if text), None)
        english_sources.extend(_text(item) for item in _typed(lang_set, "admin", "source"))
        for term, term_sources in terms:
            if term is None:
                continue
            raw.en.append(term)
            # The source of the preferred term attests the standard rendering: it goes first.
            if term.status is TermStatus.PREFERRED:
                english_sources[:0] = term_sources
            else:
                english_sources.extend(term_sources)
    raw.source = next((source for source in [*english_sources, *concept_sources] if source), None)
    raw.note = "\n".join(notes) or None
    return raw


def _read_term(
    container: Element, lines: dict[Element, int], path: Path, warnings: list[ExchangeWarning]
) -> tuple[RawTerm | None, list[str]]:
    """Read a tig, ntig or termSec: its term, status, whether tifa marked it wrong-if-source, its sources."""
    line = lines.get(container, 0)
    term_element = next((item for item in container.iter() if _local(item.tag) == "term"), None)
    text = _text(term_element) if term_element is not None else ""
    if not text:
        warnings.append(ExchangeWarning("a term without text is left out", str(path), line))
        return None, []
    status = TermStatus.ADMITTED
    for item in container.iter():
        if _local(item.tag) == "termNote" and item.get("type") in _ADMIN_STATUS_TYPES:
            name = _text(item).lower().removesuffix("-admn-sts").removesuffix("term")
            if name in _STATUS_BY_NAME:
                status = _STATUS_BY_NAME[name]
            else:
                warnings.append(
                    ExchangeWarning(f"unknown status {_text(item)!r} of {text!r}: read as admitted", str(path), line)
                )
    if_source = any(_local(item.tag) == "note" and _IF_SOURCE_MARK in _text(item) for item in container.iter())
    sources = [_text(item) for item in container.iter() if _local(item.tag) == "admin" and item.get("type") == "source"]
    return RawTerm(text, status, line, if_source), sources
