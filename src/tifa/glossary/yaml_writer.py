"""Write entries as a tifa glossary YAML file, laid out as the shipped files are."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml

from tifa.glossary.conditions import has_conditions
from tifa.glossary.schema import Entry, Form, FormKind


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
    if not has_conditions(form):
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
