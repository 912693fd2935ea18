"""Turn what an import read into valid tifa entries: ids, defaults, and the glossary's conflict rules."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tifa.glossary.conflicts import PhraseOwners
from tifa.glossary.load import ID_PATTERN
from tifa.glossary.raw import ExchangeWarning, RawEntry, RawTerm, TermStatus
from tifa.glossary.schema import Confidence, Entry, Form, FormKind

DEFAULT_IMPORT_CONFIDENCE = Confidence.LOW
DEFAULT_IMPORT_CATEGORY = "imported"
_MAX_ID_LENGTH = 64
_CORRECT = frozenset({TermStatus.PREFERRED, TermStatus.ADMITTED})


@dataclass(frozen=True)
class _Prepared:
    """A raw entry that has Chinese and correct English terms, with its id settled."""

    raw: RawEntry
    entry_id: str
    zh: list[str]
    en: str
    accept: list[str]
    flagged: list[RawTerm]


def build_entries(raw_entries: Sequence[RawEntry], path: Path, warnings: list[ExchangeWarning]) -> list[Entry]:
    """Settle ids, defaults and conflicts so that the result loads as a valid glossary."""
    where = str(path)
    id_lines: dict[str, int] = {}
    owners: PhraseOwners[str] = PhraseOwners()
    prepared: list[_Prepared] = []
    for raw in raw_entries:
        item = _prepare(raw, id_lines, where, warnings)
        if item is not None:
            owners.add_renderings(item.entry_id, (item.en, *item.accept))
            prepared.append(item)
    default_category = slugify(path.stem) or DEFAULT_IMPORT_CATEGORY
    return [_entry(item, _forms(item, owners, where, warnings), path, default_category) for item in prepared]


def _prepare(raw: RawEntry, id_lines: dict[str, int], where: str, warnings: list[ExchangeWarning]) -> _Prepared | None:
    """Sort a raw entry's terms into Chinese, standard, accepted and flagged; None (with a warning) if it lacks any."""
    chinese = [term for term in raw.zh if term.status in _CORRECT]
    chinese.sort(key=lambda term: term.status is not TermStatus.PREFERRED)
    zh = _unique(term.text for term in chinese)
    correct = [term for term in raw.en if term.status in _CORRECT]
    if not zh or not correct:
        language = "Chinese" if not zh else "English"
        message = f"entry left out: it has no {language} term other than deprecated or superseded ones"
        warnings.append(ExchangeWarning(message, where, raw.line))
        return None
    correct.sort(key=lambda term: term.status is not TermStatus.PREFERRED)
    en, *accept = _unique(term.text for term in correct)
    entry_id = _entry_id(raw, en, id_lines, where, warnings)
    flagged = [term for term in raw.en if term.status not in _CORRECT]
    return _Prepared(raw, entry_id, zh, en, accept, flagged)


def _forms(
    item: _Prepared, owners: PhraseOwners[str], where: str, warnings: list[ExchangeWarning]
) -> dict[FormKind, list[Form]]:
    """The entry's flagged forms by kind, leaving out (with a warning) those that break a conflict rule."""
    forms: dict[FormKind, list[Form]] = {kind: [] for kind in FormKind}
    own_texts: set[str] = set()
    for term in item.flagged:
        if term.text in own_texts:
            continue
        owner = owners.rendering_owner(term.text)
        if owner is not None:
            owner_text = "this entry" if owner == item.entry_id else f"entry {owner!r}"
            reason = f"it is a correct rendering in {owner_text}"
            warnings.append(_left_out(item, term, reason, where))
            continue
        kind = _form_kind(term)
        other = owners.claim_form(item.entry_id, term.text, kind)
        if other is not None:
            warnings.append(_left_out(item, term, f"entry {other!r} already lists it", where))
            continue
        own_texts.add(term.text)
        forms[kind].append(Form(term.text, kind, line=term.line))
    return forms


def _left_out(item: _Prepared, term: RawTerm, reason: str, where: str) -> ExchangeWarning:
    message = f"entry {item.entry_id!r}: the flagged term {term.text!r} is left out: {reason}"
    return ExchangeWarning(message, where, term.line)


def _form_kind(term: RawTerm) -> FormKind:
    if term.status is TermStatus.SUPERSEDED:
        return FormKind.OUTDATED
    return FormKind.WRONG_IF_SOURCE if term.if_source else FormKind.WRONG


def _entry(item: _Prepared, forms: dict[FormKind, list[Form]], path: Path, default_category: str) -> Entry:
    """The entry, with the defaults an exchange file leaves to tifa filled in."""
    raw = item.raw
    return Entry(
        id=item.entry_id,
        zh=tuple(item.zh),
        en=item.en,
        accept=tuple(item.accept),
        wrong=tuple(forms[FormKind.WRONG]),
        wrong_if_source=tuple(forms[FormKind.WRONG_IF_SOURCE]),
        outdated=tuple(forms[FormKind.OUTDATED]),
        category=slugify(raw.category or "") or default_category,
        confidence=raw.confidence or DEFAULT_IMPORT_CONFIDENCE,
        source=raw.source or f"Imported from {path.name}, which gives no source.",
        note=raw.note,
        expand=raw.expand,
        path=str(path),
        line=raw.line,
    )


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
