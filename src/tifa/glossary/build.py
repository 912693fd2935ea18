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
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# Ids a termbase numbers its records with: "c3", "te-0001", "entry-12", "id-7a".
_RECORD_ID = re.compile(r"(?:[a-z]{1,3}|entry|term|concept|record|id)(?:-?[0-9][a-z0-9]*)+")


@dataclass(frozen=True)
class _Prepared:
    """A raw entry that has Chinese and correct English terms, with its id settled."""

    raw: RawEntry
    entry_id: str
    zh: list[str]
    en: str
    accept: list[str]
    flagged: list[RawTerm]


def build_entries(
    raw_entries: Sequence[RawEntry], path: Path, warnings: list[ExchangeWarning], existing: Sequence[Entry] = ()
) -> list[Entry]:
    """Settle ids, defaults and conflicts so that the result loads as a valid glossary.

    ``existing`` are the entries of the user's other glossaries, which the imported ones will
    be loaded with: their ids are not reused, and a flagged term that contradicts one of them
    is left out. (Shipped entries need no such care: a user's entry wins over them.)
    """
    where = str(path)
    id_lines: dict[str, str] = {entry.id: f"entry {entry.id!r} at {entry.location}" for entry in existing}
    owners: PhraseOwners[str] = PhraseOwners()
    for entry in existing:
        owners.add_renderings(entry.id, entry.renderings)
        for form in entry.forms:
            owners.claim_form(entry.id, form.text, form.kind)
    prepared: list[_Prepared] = []
    for raw in raw_entries:
        item = _prepare(raw, id_lines, where, warnings)
        if item is not None:
            owners.add_renderings(item.entry_id, (item.en, *item.accept))
            prepared.append(item)
    default_category = slugify(path.stem) or DEFAULT_IMPORT_CATEGORY
    return [_entry(item, _forms(item, owners, where, warnings), path, default_category) for item in prepared]


def _prepare(raw: RawEntry, id_lines: dict[str, str], where: str, warnings: list[ExchangeWarning]) -> _Prepared | None:
    """Sort a raw entry's terms into Chinese, standard, accepted and flagged; None (with a warning) if it lacks any."""
    chinese = [term for term in raw.zh if term.status in _CORRECT and _HAN.search(term.text)]
    chinese.sort(key=lambda term: term.status is not TermStatus.PREFERRED)
    zh = _unique(term.text for term in chinese)
    correct = [term for term in raw.en if term.status in _CORRECT]
    missing = _missing_terms(raw, zh, correct)
    if missing is not None:
        warnings.append(ExchangeWarning(f"entry left out: {missing}", where, raw.line))
        return None
    correct.sort(key=lambda term: term.status is not TermStatus.PREFERRED)
    en, *accept = _unique(term.text for term in correct)
    entry_id = _entry_id(raw, en, id_lines, where, warnings)
    flagged = [term for term in raw.en if term.status not in _CORRECT]
    return _Prepared(raw, entry_id, zh, en, accept, flagged)


def _missing_terms(raw: RawEntry, zh: list[str], correct: list[RawTerm]) -> str | None:
    """Why an entry cannot be imported (no usable Chinese or English term), or None when it can."""
    if not zh:
        if not raw.zh:
            return "it has no Chinese term"
        if not any(_HAN.search(term.text) for term in raw.zh):
            return f"its Chinese term {raw.zh[0].text!r} has no Chinese characters"
        return "it has no Chinese term other than deprecated or superseded ones"
    if not correct:
        if not raw.en:
            return "it has no English term"
        return "it has no English term other than deprecated or superseded ones"
    return None


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


def _entry_id(raw: RawEntry, en: str, id_lines: dict[str, str], where: str, warnings: list[ExchangeWarning]) -> str:
    """A readable id: the file's own id when it reads as words, else one made from the English rendering."""
    given = (raw.id or "").strip()
    if given.startswith("_") and ID_PATTERN.fullmatch(given[1:]):
        given = given[1:]  # tifa's TBX export writes ids that start with a digit this way
    base = given if _readable_id(given) else slugify(en) or slugify(given) or "entry"
    entry_id = base
    number = 2
    while entry_id in id_lines:
        entry_id = f"{base}-{number}"
        number += 1
    if entry_id != base:
        warnings.append(
            ExchangeWarning(
                f"id {base!r} is already used by {id_lines[base]}: this one is {entry_id!r}", where, raw.line
            )
        )
    id_lines[entry_id] = f"the entry at line {raw.line}"
    return entry_id


def _readable_id(given: str) -> bool:
    """Whether a termbase's id is a tifa id made of words (``two-upholds``), not a record number (``TE-0001``)."""
    if not ID_PATTERN.fullmatch(given):
        return False
    words = given.split("-")
    return sum(word.isalpha() for word in words) * 2 > len(words) and not _RECORD_ID.fullmatch(given)


def slugify(text: str) -> str:
    """Turn ``text`` into a kebab-case id (``Xi Jinping's Thought`` → ``xi-jinpings-thought``); may be empty."""
    ascii_text = unicodedata.normalize("NFKD", text.replace("'", "")).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > _MAX_ID_LENGTH:
        cut = slug[: _MAX_ID_LENGTH + 1]  # one more, to see whether the cut falls between words
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut[:_MAX_ID_LENGTH]
    return slug
