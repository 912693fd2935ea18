"""Turn what an import read into valid tifa entries: ids, defaults, and the glossary's conflict rules."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from tifa.glossary.load import ID_PATTERN
from tifa.glossary.raw import ExchangeWarning, RawEntry, RawTerm, TermStatus
from tifa.glossary.schema import Confidence, Entry, Form, FormKind
from tifa.text import normalize_phrase

DEFAULT_IMPORT_CONFIDENCE = Confidence.LOW
DEFAULT_IMPORT_CATEGORY = "imported"
_MAX_ID_LENGTH = 64


def build_entries(raw_entries: Sequence[RawEntry], path: Path, warnings: list[ExchangeWarning]) -> list[Entry]:
    """Settle ids, defaults and conflicts so that the result loads as a valid glossary."""
    default_category = slugify(path.stem) or DEFAULT_IMPORT_CATEGORY
    where = str(path)
    entries: list[Entry] = []
    id_lines: dict[str, int] = {}
    rendering_owner: dict[str, str] = {}
    prepared: list[tuple[RawEntry, str, str, list[str], list[str], list[RawTerm]]] = []
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


def _entry_id(raw: RawEntry, en: str, id_lines: dict[str, int], where: str, warnings: list[ExchangeWarning]) -> str:
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


def slugify(text: str) -> str:
    """Turn ``text`` into a kebab-case id (``Xi Jinping's Thought`` → ``xi-jinpings-thought``); may be empty."""
    ascii_text = unicodedata.normalize("NFKD", text.replace("'", "")).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > _MAX_ID_LENGTH:
        cut = slug[: _MAX_ID_LENGTH + 1]  # one more, to see whether the cut falls between words
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut[:_MAX_ID_LENGTH]
    return slug
