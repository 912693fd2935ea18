"""The glossary's conflict rules, in one place for the loader, ``tifa glossary check`` and import.

1. A flagged form (wrong, wrong_if_source, outdated) must not be a correct rendering (``en``
   or ``accept``) of any entry, its own included: tifa would flag what it recommends.
2. A wrong or outdated form belongs to one entry: two entries flagging the same text would
   give two pieces of advice. ``wrong_if_source`` forms are exempt, because the aligned
   Chinese source tells such entries apart.

Phrases are compared as :func:`~tifa.text.normalize_phrase` normalises them. The loader
reports a broken rule as an error (and ``glossary check`` reports the loader's errors); an
import leaves the offending term out with a warning.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Generic, TypeVar

from tifa.errors import GlossaryError
from tifa.glossary.schema import Entry, FormKind
from tifa.text import normalize_phrase

Owner = TypeVar("Owner")


class PhraseOwners(Generic[Owner]):
    """Which entry (an :class:`Entry`, or an id while importing) each rendering and flagged form belongs to."""

    def __init__(self) -> None:
        self._renderings: dict[str, Owner] = {}
        self._forms: dict[str, Owner] = {}

    def add_renderings(self, owner: Owner, renderings: Iterable[str]) -> None:
        """Record the correct renderings of ``owner``; a rendering stays with the first entry that has it."""
        for rendering in renderings:
            self._renderings.setdefault(normalize_phrase(rendering), owner)

    def rendering_owner(self, form_text: str) -> Owner | None:
        """Rule 1: the entry whose correct rendering ``form_text`` is, if any (a flagged form must have none)."""
        return self._renderings.get(normalize_phrase(form_text))

    def claim_form(self, owner: Owner, form_text: str, kind: FormKind) -> Owner | None:
        """Rule 2: record that ``owner`` flags ``form_text``; return another entry that already does, if any."""
        if kind is FormKind.WRONG_IF_SOURCE:
            return None
        other = self._forms.setdefault(normalize_phrase(form_text), owner)
        return None if other == owner else other


def conflict_errors(entries: Sequence[Entry]) -> list[GlossaryError]:
    """Every break of the conflict rules among ``entries``, as errors at the form's line."""
    errors: list[GlossaryError] = []
    owners: PhraseOwners[Entry] = PhraseOwners()
    for entry in entries:
        owners.add_renderings(entry, entry.renderings)
    for entry in entries:
        for form in entry.forms:
            owner = owners.rendering_owner(form.text)
            if owner is not None:
                where = "this entry" if owner is entry else f"entry {owner.id!r} ({owner.location})"
                message = f"entry {entry.id!r}: {form.kind.value} form {form.text!r} is a correct rendering in {where}"
                errors.append(GlossaryError(message, entry.path, form.line))
            other = owners.claim_form(entry, form.text, form.kind)
            if other is not None:
                message = (
                    f"entry {entry.id!r}: form {form.text!r} is also listed by entry {other.id!r} ({other.location})"
                )
                errors.append(GlossaryError(message, entry.path, form.line))
    return errors
