"""Exchange the glossary with terminology tools: export to TBX, CSV or tifa YAML; import TBX or CSV.

TBX (TBX-Basic, as CAT tools write it) and CSV carry each entry's Chinese and English terms,
the status of every English term (standard, accepted, wrong, outdated), the category, the
source and a note. They cannot carry the conditions on forms (``context``, ``not_before``,
``not_after``, ``until``), nor ``replace``, ``capitalized``, ``doubled`` and ``examples``:
an imported form has no conditions. Exports say so; imports are validated like any glossary.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

import yaml

# Typed by types-defusedxml where it is installed; otherwise these are untyped imports.
from defusedxml import (  # type: ignore[import-untyped, unused-ignore]
    DefusedXmlException,
    DTDForbidden,
    EntitiesForbidden,
    ExternalReferenceForbidden,
)
from defusedxml.ElementTree import DefusedXMLParser  # type: ignore[import-untyped, unused-ignore]

from tifa import __version__
from tifa.errors import GlossaryError, UsageError
from tifa.glossary.load import ID_PATTERN, Glossary
from tifa.glossary.schema import Confidence, Entry, Form, FormKind
from tifa.text import normalize_phrase


class ExchangeFormat(str, Enum):
    """The file formats the glossary is exchanged in."""

    TBX = "tbx"
    CSV = "csv"
    YAML = "yaml"


IMPORT_FORMATS = (ExchangeFormat.TBX, ExchangeFormat.CSV)
LIST_SEPARATOR = " | "
# The columns the brief of the CSV format names, then wrong_if_source, so that no flagged form is lost.
CSV_COLUMNS = (
    "id", "zh", "en", "accept", "wrong", "outdated", "category", "confidence", "source", "note", "wrong_if_source",
)  # fmt: skip
CSV_REQUIRED_COLUMNS = ("zh", "en")
NOT_CARRIED = "conditions on forms (context, not_before, not_after, until), replace, capitalized, doubled, examples"
DEFAULT_IMPORT_CONFIDENCE = Confidence.LOW
DEFAULT_IMPORT_CATEGORY = "imported"

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_ADMIN_STATUS_TYPES = frozenset({"administrativeStatus", "normativeAuthorization"})
_IF_SOURCE_MARK = "tifa: wrong_if_source"
_CONFIDENCE_NOTE = re.compile(r"confidence:\s*(high|medium|low)", re.IGNORECASE)
_MAX_ID_LENGTH = 64
_SUFFIXES = {".tbx": ExchangeFormat.TBX, ".csv": ExchangeFormat.CSV, ".yaml": ExchangeFormat.YAML}


class TermStatus(Enum):
    """The TBX administrative status of a term, and what it is to a tifa entry."""

    PREFERRED = "preferredTerm-admn-sts"  # en (or the first zh)
    ADMITTED = "admittedTerm-admn-sts"  # accept (or a further zh)
    DEPRECATED = "deprecatedTerm-admn-sts"  # wrong and wrong_if_source
    SUPERSEDED = "supersededTerm-admn-sts"  # outdated


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


@dataclass(frozen=True, slots=True)
class ExchangeWarning:
    """Something an import or export changed or left out, with where it happened when known."""

    message: str
    path: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        location = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{location}: {self.message}"


@dataclass(frozen=True, slots=True)
class ExportResult:
    """An exported glossary as text, and what the format could not carry."""

    text: str
    warnings: tuple[ExchangeWarning, ...] = ()


@dataclass(frozen=True, slots=True)
class ImportResult:
    """Entries read from a TBX or CSV file, as a tifa YAML glossary, and what was changed or left out."""

    entries: tuple[Entry, ...]
    yaml_text: str
    warnings: tuple[ExchangeWarning, ...] = ()


def format_for_path(path: Path | str, allowed: Sequence[ExchangeFormat] = tuple(ExchangeFormat)) -> ExchangeFormat:
    """Return the exchange format that ``path``'s suffix names; raise :class:`UsageError` if none does."""
    suffix = Path(path).suffix.lower()
    found = _SUFFIXES.get(".yaml" if suffix == ".yml" else suffix)
    if found is None or found not in allowed:
        names = ", ".join(item.value for item in allowed)
        raise UsageError(f"cannot tell the format from the suffix {suffix or '(none)'!r}: use --format ({names})", path)
    return found


# --------------------------------------------------------------------------- export


def export_glossary(glossary: Glossary, output_format: ExchangeFormat) -> ExportResult:
    """Write ``glossary`` in ``output_format``, with warnings about what that format cannot carry."""
    if output_format is ExchangeFormat.YAML:
        header = f"tifa glossary: {len(glossary.entries)} entries, exported by tifa {__version__}."
        return ExportResult(glossary_to_yaml(glossary.entries, glossary.contexts, header))
    conditioned = sum(1 for entry in glossary.entries for form in entry.forms if _has_conditions(form))
    warnings: tuple[ExchangeWarning, ...] = ()
    if conditioned:
        warnings = (
            ExchangeWarning(
                f"{output_format.value.upper()} cannot carry conditions on forms (context, not_before, not_after, "
                f"until): {conditioned} forms are exported without them"
            ),
        )
    if output_format is ExchangeFormat.TBX:
        return ExportResult(_to_tbx(glossary.entries), warnings)
    return ExportResult(_to_csv(glossary.entries), warnings)


def _has_conditions(form: Form) -> bool:
    return bool(form.context or form.not_before or form.not_after or form.until is not None)


def describe_conditions(form: Form, context_words: Sequence[str], *, context_label: str, until_label: str) -> list[str]:
    """Describe a form's conditions in words, one phrase each (none for an unconditional form).

    ``context_words`` is how the form's context is to be shown (as listed, or abbreviated).
    """
    parts = []
    if form.context:
        parts.append(f"{context_label}: " + ", ".join(context_words))
    if form.not_before:
        parts.append("not before: " + ", ".join(form.not_before))
    if form.not_after:
        parts.append("not after: " + ", ".join(form.not_after))
    if form.until is not None:
        parts.append(f"{until_label} {form.until}")
    return parts


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


def _to_tbx(entries: Sequence[Entry]) -> str:
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


def _to_csv(entries: Sequence[Entry]) -> str:
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


# --------------------------------------------------------------------------- tifa YAML


class _GlossaryDumper(yaml.SafeDumper):
    """Indents lists under their key, as the shipped glossary files do."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        """Never write a list flush with its key."""
        super().increase_indent(flow, False)


def glossary_to_yaml(entries: Sequence[Entry], contexts: dict[str, tuple[str, ...]], header: str) -> str:
    """Write entries (and named context sets) as a tifa glossary file that ``load_glossary`` reads back."""
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    lines.append("# Format: docs/glossary-format.md")
    if contexts:
        lines.append(_dump({"contexts": {name: list(words) for name, words in contexts.items()}}).rstrip("\n"))
    if not entries:
        return "\n".join([*lines, "entries: []"]) + "\n"
    body = _dump({"entries": [_entry_data(entry, contexts) for entry in entries]})
    # A blank line between entries, as in the shipped files; skipped in the (absurd) case that a
    # multi-line string holds a line that looks like the start of an entry.
    if body.count("\n  - id: ") == len(entries):
        body = body.replace("\n  - id: ", "\n\n  - id: ")
    return "\n".join(lines) + "\n" + body


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_GlossaryDumper, allow_unicode=True, sort_keys=False, width=1_000_000)


def _entry_data(entry: Entry, contexts: dict[str, tuple[str, ...]]) -> dict[str, Any]:
    data: dict[str, Any] = {"id": entry.id, "zh": entry.zh[0] if len(entry.zh) == 1 else list(entry.zh)}
    data["en"] = entry.en
    if entry.accept:
        data["accept"] = list(entry.accept)
    for kind in FormKind:
        forms = getattr(entry, kind.value)
        if forms:
            data[kind.value] = [_form_data(form, contexts) for form in forms]
    if entry.doubled:
        data["doubled"] = list(entry.doubled)
    data["category"] = entry.category
    data["confidence"] = entry.confidence.value
    if entry.replace:
        data["replace"] = True
    if entry.capitalized:
        data["capitalized"] = True
    if entry.expand:
        data["expand"] = entry.expand
    if entry.note:
        data["note"] = entry.note
    data["source"] = entry.source
    if entry.examples.bad or entry.examples.good:
        examples = {"bad": list(entry.examples.bad), "good": list(entry.examples.good)}
        data["examples"] = {key: value for key, value in examples.items() if value}
    return data


def _form_data(form: Form, contexts: dict[str, tuple[str, ...]]) -> str | dict[str, Any]:
    if not _has_conditions(form):
        return form.text
    data: dict[str, Any] = {"form": form.text}
    if form.context:
        data["context"] = abbreviate_contexts(form.context, contexts)
    if form.not_before:
        data["not_before"] = list(form.not_before)
    if form.not_after:
        data["not_after"] = list(form.not_after)
    if form.until is not None:
        data["until"] = form.until
    return data


def abbreviate_contexts(words: tuple[str, ...], contexts: dict[str, tuple[str, ...]]) -> list[str]:
    """Write back as ``@name`` each run of context words that the loader expanded from a named set."""
    names = sorted(((name, set_words) for name, set_words in contexts.items() if set_words), key=lambda x: -len(x[1]))
    result: list[str] = []
    index = 0
    while index < len(words):
        for name, set_words in names:
            if words[index : index + len(set_words)] == set_words:
                result.append(f"@{name}")
                index += len(set_words)
                break
        else:
            result.append(words[index])
            index += 1
    return result


# --------------------------------------------------------------------------- import


@dataclass
class _RawTerm:
    """A term read from an exchange file, before it becomes part of an entry."""

    text: str
    status: TermStatus
    line: int
    if_source: bool = False


@dataclass
class _RawEntry:
    """One concept read from an exchange file, before ids, defaults and conflicts are settled."""

    line: int
    id: str | None = None
    zh: list[_RawTerm] = field(default_factory=list)
    en: list[_RawTerm] = field(default_factory=list)
    category: str | None = None
    confidence: Confidence | None = None
    source: str | None = None
    note: str | None = None
    expand: str | None = None


def import_glossary(path: Path, input_format: ExchangeFormat | None = None) -> ImportResult:
    """Read a TBX or CSV file into tifa entries and a YAML glossary text.

    ``input_format`` defaults to the one the suffix names. Malformed input raises
    :class:`GlossaryError` naming ``file:line``; entries that had to be changed or left out
    are reported as warnings.
    """
    chosen = input_format or format_for_path(path, IMPORT_FORMATS)
    if chosen not in IMPORT_FORMATS:
        raise UsageError(f"cannot import from {chosen.value}: use tbx or csv")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GlossaryError(f"cannot read: {exc.strerror or exc}", path) from None
    warnings: list[ExchangeWarning] = []
    raw_entries = _read_tbx(data, path, warnings) if chosen is ExchangeFormat.TBX else _read_csv(data, path)
    entries = _build_entries(raw_entries, path, warnings)
    header = (
        f"Imported by tifa {__version__} from {path.name}: {len(entries)} entries.\n"
        f"Review confidence (default {DEFAULT_IMPORT_CONFIDENCE.value}) and source, then run "
        "`tifa glossary check` on this file.\n"
        f"{chosen.value.upper()} does not carry {NOT_CARRIED}."
    )
    return ImportResult(tuple(entries), glossary_to_yaml(entries, {}, header), tuple(warnings))


def _clean(text: str | None) -> str:
    """Collapse white space runs (a term in XML may be wrapped) and strip."""
    return " ".join((text or "").split())


def slugify(text: str) -> str:
    """Turn ``text`` into a kebab-case id (``Xi Jinping's Thought`` → ``xi-jinpings-thought``); may be empty."""
    ascii_text = unicodedata.normalize("NFKD", text.replace("'", "")).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > _MAX_ID_LENGTH:
        cut = slug[: _MAX_ID_LENGTH + 1]  # one more, to see whether the cut falls between words
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut[:_MAX_ID_LENGTH]
    return slug


# ---- TBX


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
    return _clean("".join(element.itertext()))


def _language(element: Element) -> str:
    language = element.get(_XML_LANG) or element.get("lang") or ""
    return language.split("-")[0].split("_")[0].lower()


def _read_tbx(data: bytes, path: Path, warnings: list[ExchangeWarning]) -> list[_RawEntry]:
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


def _read_concept(
    concept: Element, lines: dict[Element, int], path: Path, warnings: list[ExchangeWarning]
) -> _RawEntry:
    raw = _RawEntry(line=lines.get(concept, 0), id=concept.get("id") or concept.get(_XML_ID))
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
) -> tuple[_RawTerm | None, list[str]]:
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
    return _RawTerm(text, status, line, if_source), sources


# ---- CSV


def _read_csv(data: bytes, path: Path) -> list[_RawEntry]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise GlossaryError("not valid UTF-8", path, line) from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    entries: list[_RawEntry] = []
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
    return [item for item in (_clean(part) for part in cell.split("|")) if item]


def _csv_entry(cells: dict[str, str], path: Path, line: int) -> _RawEntry:
    raw = _RawEntry(line=line, id=_clean(cells.get("id")) or None)
    raw.zh = [_RawTerm(text, TermStatus.PREFERRED, line) for text in _split(cells["zh"])]
    raw.en = [_RawTerm(text, TermStatus.PREFERRED, line) for text in _split(cells["en"])]
    columns = (
        ("accept", TermStatus.ADMITTED, False),
        ("wrong", TermStatus.DEPRECATED, False),
        ("wrong_if_source", TermStatus.DEPRECATED, True),
        ("outdated", TermStatus.SUPERSEDED, False),
    )
    for column, status, if_source in columns:
        raw.en.extend(_RawTerm(text, status, line, if_source) for text in _split(cells.get(column, "")))
    confidence = _clean(cells.get("confidence")).lower()
    if confidence:
        try:
            raw.confidence = Confidence(confidence)
        except ValueError:
            raise GlossaryError(f"confidence must be high, medium or low, not {confidence!r}", path, line) from None
    raw.category = _clean(cells.get("category")) or None
    raw.source = _clean(cells.get("source")) or None
    raw.note = (cells.get("note") or "").strip() or None
    return raw


# ---- from raw entries to entries


def _build_entries(raw_entries: Sequence[_RawEntry], path: Path, warnings: list[ExchangeWarning]) -> list[Entry]:
    """Settle ids, defaults and conflicts so that the result loads as a valid glossary."""
    default_category = slugify(path.stem) or DEFAULT_IMPORT_CATEGORY
    where = str(path)
    entries: list[Entry] = []
    id_lines: dict[str, int] = {}
    rendering_owner: dict[str, str] = {}
    prepared: list[tuple[_RawEntry, str, str, list[str], list[str], list[_RawTerm]]] = []
    for raw in raw_entries:
        chinese = [term for term in raw.zh if term.status in {TermStatus.PREFERRED, TermStatus.ADMITTED}]
        chinese.sort(key=lambda term: term.status is not TermStatus.PREFERRED)
        zh = _unique(term.text for term in chinese)
        correct = [term for term in raw.en if term.status in {TermStatus.PREFERRED, TermStatus.ADMITTED}]
        if not zh or not correct:
            language = "Chinese" if not zh else "English"
            message = f"entry left out: it has no {language} term other than deprecated or superseded ones"
            warnings.append(ExchangeWarning(message, where, raw.line))
            continue
        correct.sort(key=lambda term: term.status is not TermStatus.PREFERRED)
        en, *accept = _unique(term.text for term in correct)
        entry_id = _entry_id(raw, en, id_lines, where, warnings)
        for rendering in (en, *accept):
            rendering_owner.setdefault(normalize_phrase(rendering), entry_id)
        flagged = [term for term in raw.en if term.status in {TermStatus.DEPRECATED, TermStatus.SUPERSEDED}]
        prepared.append((raw, entry_id, en, accept, zh, flagged))
    form_owner: dict[str, str] = {}
    for raw, entry_id, en, accept, zh, flagged in prepared:
        forms: dict[FormKind, list[Form]] = {kind: [] for kind in FormKind}
        own_texts: set[str] = set()
        for term in flagged:
            key = normalize_phrase(term.text)
            if term.text in own_texts:
                continue
            owner = rendering_owner.get(key)
            if owner is not None:
                owner_text = "this entry" if owner == entry_id else f"entry {owner!r}"
                warnings.append(
                    ExchangeWarning(
                        f"entry {entry_id!r}: the flagged term {term.text!r} is left out: it is a correct rendering "
                        f"in {owner_text}",
                        where,
                        term.line,
                    )
                )
                continue
            if term.status is TermStatus.SUPERSEDED:
                kind = FormKind.OUTDATED
            else:
                kind = FormKind.WRONG_IF_SOURCE if term.if_source else FormKind.WRONG
            if kind is not FormKind.WRONG_IF_SOURCE:
                other = form_owner.setdefault(key, entry_id)
                if other != entry_id:
                    warnings.append(
                        ExchangeWarning(
                            f"entry {entry_id!r}: the flagged term {term.text!r} is left out: entry {other!r} "
                            "already lists it",
                            where,
                            term.line,
                        )
                    )
                    continue
            own_texts.add(term.text)
            forms[kind].append(Form(term.text, kind, line=term.line))
        entries.append(
            Entry(
                id=entry_id,
                zh=tuple(zh),
                en=en,
                accept=tuple(accept),
                wrong=tuple(forms[FormKind.WRONG]),
                wrong_if_source=tuple(forms[FormKind.WRONG_IF_SOURCE]),
                outdated=tuple(forms[FormKind.OUTDATED]),
                category=slugify(raw.category or "") or default_category,
                confidence=raw.confidence or DEFAULT_IMPORT_CONFIDENCE,
                source=raw.source or f"Imported from {path.name}, which gives no source.",
                note=raw.note,
                expand=raw.expand,
                path=where,
                line=raw.line,
            )
        )
    return entries


def _unique(texts: Iterable[str]) -> list[str]:
    """Keep the first of equal texts, in order."""
    return list(dict.fromkeys(texts))


def _entry_id(raw: _RawEntry, en: str, id_lines: dict[str, int], where: str, warnings: list[ExchangeWarning]) -> str:
    given = (raw.id or "").strip()
    if given.startswith("_") and ID_PATTERN.fullmatch(given[1:]):
        given = given[1:]  # tifa's TBX export writes ids that start with a digit this way
    base = given if ID_PATTERN.fullmatch(given) else slugify(given) or slugify(en) or "entry"
    entry_id = base
    number = 2
    while entry_id in id_lines:
        entry_id = f"{base}-{number}"
        number += 1
    if entry_id != base:
        warnings.append(
            ExchangeWarning(
                f"id {base!r} is already used by the entry at line {id_lines[base]}: this one is {entry_id!r}",
                where,
                raw.line,
            )
        )
    id_lines[entry_id] = raw.line
    return entry_id
