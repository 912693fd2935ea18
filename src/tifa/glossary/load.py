"""Read glossary YAML files into validated :class:`Entry` values, naming ``file:line`` on every error."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from tifa.errors import GlossaryError, UnknownDisabledEntryError, UnreadableGlossaryError
from tifa.glossary.conflicts import conflict_errors
from tifa.glossary.precedence import GivenWay, combine
from tifa.glossary.schema import Confidence, Entry, Examples, Form, FormKind
from tifa.glossary.shipped import shipped_glossary_files
from tifa.reading import FileReadError, read_regular_file
from tifa.text import normalize_phrase

ENTRY_KEYS = frozenset(
    {
        "id", "zh", "en", "category", "source", "confidence", "accept", "wrong",
        "wrong_if_source", "outdated", "doubled", "replace", "capitalized", "expand", "note",
        "examples",
    }
)  # fmt: skip
REQUIRED_KEYS = ("id", "zh", "en", "category", "source", "confidence")
_YEAR = re.compile(r"[0-9]{1,4}")  # until: a year as YAML writes an integer, not 0x7E0 nor 4,300 digits
FORM_KEYS = frozenset({"form", "context", "not_before", "not_after", "until"})
EXAMPLE_KEYS = frozenset({"bad", "good"})
_YAML_TRUE = frozenset({"true", "yes", "on", "y"})
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

try:  # libyaml parses several times faster; fall back to the pure-Python parser
    _YamlLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _YamlLoader = yaml.SafeLoader


@dataclass
class Glossary:
    """Validated entries from one or more files, in load order, plus named context sets."""

    entries: tuple[Entry, ...]
    contexts: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def by_id(self) -> dict[str, Entry]:
        """Return the entries keyed by id."""
        return {entry.id: entry for entry in self.entries}


class _FileReader:
    """Turns the YAML nodes of one file into entries, collecting every error it meets."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.errors: list[GlossaryError] = []
        self.raw_contexts: dict[str, tuple[list[str], int]] = {}

    def error(self, node: yaml.Node | None, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else None
        self.errors.append(GlossaryError(message, self.path, line))

    def read(self) -> list[tuple[Entry, dict[str, yaml.Node]]]:
        try:
            text = read_regular_file(str(self.path)).decode("utf-8-sig")
        except (FileReadError, UnicodeDecodeError) as exc:
            self.errors.append(UnreadableGlossaryError(f"cannot read glossary: {_reason(exc)}", self.path))
            return []
        try:
            root = yaml.compose(text, Loader=_YamlLoader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark is not None else None
            problem = exc.problem or exc.context or "invalid YAML"
            self.errors.append(UnreadableGlossaryError(f"invalid YAML: {problem}", self.path, line))
            return []
        except yaml.YAMLError as exc:
            self.errors.append(UnreadableGlossaryError(f"invalid YAML: {exc}", self.path))
            return []
        if root is None:
            return []
        entry_nodes: yaml.Node | None = root
        if isinstance(root, yaml.MappingNode):
            top = self.mapping(root, frozenset({"entries", "contexts"}), "glossary file")
            entry_nodes = top.get("entries")
            if "contexts" in top:
                self.read_contexts(top["contexts"])
            if entry_nodes is None:
                if "contexts" not in top:
                    self.error(root, "glossary file has no 'entries' list")
                return []
        if not isinstance(entry_nodes, yaml.SequenceNode):
            self.error(entry_nodes, "'entries' must be a list of entries")
            return []
        results = []
        for node in entry_nodes.value:
            read = self.entry(node)
            if read is not None:
                results.append(read)
        return results

    def read_contexts(self, node: yaml.Node) -> None:
        for name_node, value_node in self.pairs(node, "contexts"):
            name = name_node.value
            words = self.string_list(value_node, f"context set {name!r}")
            if words:
                self.raw_contexts[name] = (words, name_node.start_mark.line + 1)

    def pairs(self, node: yaml.Node, what: str) -> list[tuple[yaml.ScalarNode, yaml.Node]]:
        if not isinstance(node, yaml.MappingNode):
            self.error(node, f"{what} must be a mapping")
            return []
        result = []
        seen: set[str] = set()
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                self.error(key, f"{what}: keys must be plain strings")
                continue
            if key.value in seen:
                self.error(key, f"{what}: key {key.value!r} is given twice")
                continue
            seen.add(key.value)
            result.append((key, value))
        return result

    def mapping(self, node: yaml.Node, allowed: frozenset[str], what: str) -> dict[str, yaml.Node]:
        result = {}
        for key, value in self.pairs(node, what):
            if key.value not in allowed:
                self.error(key, f"{what}: unknown key {key.value!r} (allowed: {', '.join(sorted(allowed))})")
                continue
            result[key.value] = value
        return result

    def string(self, node: yaml.Node, what: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
            self.error(node, f"{what} must be a string")
            return None
        if not node.value.strip():
            self.error(node, f"{what} must not be empty")
            return None
        if node.value != node.value.strip():
            self.error(node, f"{what} has leading or trailing white space")
            return None
        return str(node.value)

    def string_list(self, node: yaml.Node, what: str, *, allow_single: bool = False) -> list[str]:
        if allow_single and isinstance(node, yaml.ScalarNode):
            value = self.string(node, what)
            return [] if value is None else [value]
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, f"{what} must be a list of strings")
            return []
        values = []
        for item in node.value:
            value = self.string(item, f"an item of {what}")
            if value is not None:
                values.append(value)
        return values

    def boolean(self, node: yaml.Node, what: str) -> bool:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:bool":
            self.error(node, f"{what} must be true or false")
            return False
        return node.value.lower() in _YAML_TRUE

    def form(self, node: yaml.Node, kind: FormKind, entry_id: str) -> Form | None:
        what = f"entry {entry_id!r}: {kind.value}"
        line = node.start_mark.line + 1
        if isinstance(node, yaml.ScalarNode):
            text = self.form_text(node, what)
            return None if text is None else Form(text, kind, line=line)
        fields = self.mapping(node, FORM_KEYS, f"a form in {what}")
        if "form" not in fields:
            self.error(node, f"a form in {what} needs a 'form' key")
            return None
        text = self.form_text(fields["form"], what)
        until = None
        if "until" in fields:
            if kind is not FormKind.OUTDATED:
                self.error(fields["until"], f"{what}: 'until' is only allowed on outdated forms")
            elif not (isinstance(fields["until"], yaml.ScalarNode) and fields["until"].tag.endswith(":int")):
                self.error(fields["until"], f"{what}: 'until' must be a year")
            elif not _YEAR.fullmatch(fields["until"].value):
                self.error(fields["until"], f"{what}: 'until' must be a year, not {fields['until'].value[:12]!r}")
            else:
                until = int(fields["until"].value)
        conditions = {
            key: tuple(self.string_list(fields[key], f"{key} of a form in {what}"))
            for key in ("context", "not_before", "not_after")
            if key in fields
        }
        if text is None:
            return None
        return Form(text, kind, until=until, line=line, **conditions)

    def entry(self, node: yaml.Node) -> tuple[Entry, dict[str, yaml.Node]] | None:
        fields = self.mapping(node, ENTRY_KEYS, "entry")
        missing = [key for key in REQUIRED_KEYS if key not in fields]
        if missing:
            self.error(node, f"entry is missing required field(s): {', '.join(missing)}")
            return None
        errors_before = len(self.errors)
        entry_id = self.entry_id(fields["id"])
        what = f"entry {entry_id!r}"
        zh = self.string_list(fields["zh"], f"{what}: zh", allow_single=True)
        en = self.string(fields["en"], f"{what}: en")
        category = self.string(fields["category"], f"{what}: category")
        source = self.string(fields["source"], f"{what}: source")
        confidence = self.confidence(fields["confidence"], what)
        forms = {kind: self.forms(fields.get(kind.value), kind, entry_id) for kind in FormKind}
        examples = self.examples(fields["examples"], what) if "examples" in fields else Examples()
        optional_text = {key: self.string(fields[key], f"{what}: {key}") for key in ("expand", "note") if key in fields}
        if len(self.errors) > errors_before or en is None or category is None or source is None or not zh:
            return None
        entry = Entry(
            id=entry_id,
            zh=tuple(zh),
            en=en,
            category=category,
            source=source,
            confidence=confidence,
            accept=self.optional_list(fields, "accept", what),
            wrong=forms[FormKind.WRONG],
            wrong_if_source=forms[FormKind.WRONG_IF_SOURCE],
            outdated=forms[FormKind.OUTDATED],
            doubled=self.optional_list(fields, "doubled", what),
            replace=self.optional_flag(fields, "replace", what),
            capitalized=self.optional_flag(fields, "capitalized", what),
            expand=optional_text.get("expand"),
            note=optional_text.get("note"),
            examples=examples,
            path=str(self.path),
            line=node.start_mark.line + 1,
        )
        return entry, fields

    def entry_id(self, node: yaml.Node) -> str:
        """The entry's id (``?`` when it is not a string); an id that is not kebab-case is an error."""
        entry_id = self.string(node, "id") or "?"
        if entry_id != "?" and not ID_PATTERN.fullmatch(entry_id):
            self.error(node, f"id {entry_id!r} must be kebab-case (lower-case letters, digits, hyphens)")
        return entry_id

    def confidence(self, node: yaml.Node, what: str) -> Confidence:
        """The entry's confidence; low when it is missing or invalid (an error)."""
        text = self.string(node, f"{what}: confidence")
        if text is None:
            return Confidence.LOW
        try:
            return Confidence(text)
        except ValueError:
            self.error(node, f"{what}: confidence must be high, medium or low")
            return Confidence.LOW

    def form_text(self, node: yaml.Node, what: str) -> str | None:
        """The text of a form; an error when it is nothing but dashes, hyphens and spaces (it could never match)."""
        text = self.string(node, f"a form in {what}")
        if text is not None and not normalize_phrase(text):
            self.error(node, f"a form in {what}: {text!r} is only dashes or spaces, which matching ignores")
            return None
        return text

    def forms(self, node: yaml.Node | None, kind: FormKind, entry_id: str) -> tuple[Form, ...]:
        """The valid forms of one kind (none when the key is absent)."""
        items = self.form_nodes(node, f"entry {entry_id!r}: {kind.value}")
        return tuple(form for item in items if (form := self.form(item, kind, entry_id)) is not None)

    def examples(self, node: yaml.Node, what: str) -> Examples:
        """The entry's bad and good example sentences."""
        fields = self.mapping(node, EXAMPLE_KEYS, f"{what}: examples")
        bad = tuple(self.string_list(fields["bad"], "examples.bad")) if "bad" in fields else ()
        good = tuple(self.string_list(fields["good"], "examples.good")) if "good" in fields else ()
        return Examples(bad=bad, good=good)

    def optional_list(self, fields: dict[str, yaml.Node], key: str, what: str) -> tuple[str, ...]:
        """The strings listed under ``key``, or none when the entry does not have it."""
        return tuple(self.string_list(fields[key], f"{what}: {key}")) if key in fields else ()

    def optional_flag(self, fields: dict[str, yaml.Node], key: str, what: str) -> bool:
        """The boolean under ``key``, or False when the entry does not have it."""
        return self.boolean(fields[key], f"{what}: {key}") if key in fields else False

    def form_nodes(self, node: yaml.Node | None, what: str) -> list[yaml.Node]:
        if node is None:
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, f"{what} must be a list")
            return []
        return list(node.value)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "not valid UTF-8"
    if isinstance(exc, FileReadError):
        return exc.reason
    return str(exc)


@dataclass
class LoadResult:
    """The outcome of loading glossary files: a glossary and every error met."""

    glossary: Glossary
    errors: list[GlossaryError]
    given_way: list[GivenWay] = field(default_factory=list)


def load_glossary(
    shipped: Sequence[Path] | None = None,
    extra: Sequence[Path] = (),
    disabled: Iterable[str] = (),
) -> LoadResult:
    """Load the shipped glossary (or ``shipped`` files) and then ``extra`` user files.

    An entry in an extra file replaces a shipped entry with the same id, and its phrases win
    over the shipped forms they overlap (see :mod:`tifa.glossary.precedence`); ids listed in
    ``disabled`` are dropped. Every problem is collected as a :class:`GlossaryError`.
    """
    errors: list[GlossaryError] = []
    contexts: dict[str, tuple[list[str], str, int]] = {}
    layers: list[list[tuple[Entry, dict[str, yaml.Node]]]] = []
    for paths in (shipped_glossary_files() if shipped is None else shipped, extra):
        layer: list[tuple[Entry, dict[str, yaml.Node]]] = []
        seen: dict[str, Entry] = {}
        for path in paths:
            reader = _FileReader(Path(path))
            for entry, fields in reader.read():
                if entry.id in seen:
                    reader.error(
                        fields["id"], f"duplicate id {entry.id!r} (first defined at {seen[entry.id].location})"
                    )
                    continue
                seen[entry.id] = entry
                layer.append((entry, fields))
            errors.extend(reader.errors)
            for name, (words, line) in reader.raw_contexts.items():
                contexts[name] = (words, str(path), line)
        layers.append(layer)
    known = {entry.id: entry for layer in layers for entry, _ in layer}
    for entry_id in disabled:
        if known.pop(entry_id, None) is None:
            errors.append(
                UnknownDisabledEntryError(
                    f"disable: no glossary entry {entry_id!r}{_closest_id(entry_id, known)}", entry_id
                )
            )
    left_out = set(disabled)
    shipped_entries, user_entries = ([entry for entry, _ in layer if entry.id not in left_out] for layer in layers)
    merged, given_way = combine(shipped_entries, user_entries)
    resolved_contexts = {name: tuple(words) for name, (words, _, _) in contexts.items()}
    entries = tuple(_resolve_contexts(entry, resolved_contexts, errors) for entry in merged)
    errors.extend(conflict_errors(entries))
    return LoadResult(Glossary(entries, resolved_contexts), errors, given_way)


def _closest_id(entry_id: str, entries: dict[str, Entry]) -> str:
    """Return a "did you mean" hint naming the entry id closest to a mistyped one, if any is close."""
    from rapidfuzz import fuzz, process

    best = process.extractOne(entry_id, entries.keys(), scorer=fuzz.ratio, score_cutoff=80)
    return f" (did you mean {best[0]!r}?)" if best else ""


def _resolve_contexts(entry: Entry, contexts: dict[str, tuple[str, ...]], errors: list[GlossaryError]) -> Entry:
    """Expand ``@name`` references in the entry's form conditions."""

    def expand(form: Form) -> Form:
        if not any(word.startswith("@") for word in form.context):
            return form
        words: list[str] = []
        for word in form.context:
            if not word.startswith("@"):
                words.append(word)
            elif word[1:] in contexts:
                words.extend(contexts[word[1:]])
            else:
                errors.append(GlossaryError(f"entry {entry.id!r}: unknown context set {word!r}", entry.path, form.line))
        return form._replace(context=tuple(words))

    return replace(
        entry,
        wrong=tuple(map(expand, entry.wrong)),
        wrong_if_source=tuple(map(expand, entry.wrong_if_source)),
        outdated=tuple(map(expand, entry.outdated)),
    )
