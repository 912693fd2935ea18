"""How a user's glossary combines with the shipped one: the user's entries win where they overlap.

Every house termbase lists some of the forms the shipped glossary lists. An entry with a
shipped entry's id replaces it. Beyond that, a phrase a user entry lists (a rendering or a
flagged form) is taken out of the shipped entries that list it too:

- a shipped flagged form the user lists (as a form or as a rendering) is dropped from the
  shipped entry, so the user's entry alone decides about that text;
- a shipped accepted rendering the user flags is dropped from the shipped entry;
- a shipped entry whose standard rendering the user flags is left out altogether.

What gave way is returned as :class:`GivenWay` records, which ``tifa glossary check``
reports as notes; ``tifa check`` just uses the combined glossary.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from tifa.glossary.schema import Entry, Form
from tifa.text import normalize_phrase


@dataclass(frozen=True, slots=True)
class GivenWay:
    """A shipped phrase (or a whole shipped entry) that a user entry took over."""

    user: Entry
    phrase: str
    shipped: Entry
    what: str  # "wrong form", "outdated form", "accepted rendering", "standard rendering"
    line: int | None

    def describe(self) -> str:
        """One sentence saying what the user's entry takes over."""
        consequence = (
            "the shipped entry is left out"
            if self.what == "standard rendering"
            else "it is dropped from the shipped entry"
        )
        return (
            f"entry {self.user.id!r} lists {self.phrase!r}, the {self.what} of the shipped entry "
            f"{self.shipped.id!r} ({self.shipped.path}:{self.line or self.shipped.line}): "
            f"your entry wins; {consequence}"
        )


def combine(shipped: Sequence[Entry], user: Sequence[Entry]) -> tuple[list[Entry], list[GivenWay]]:
    """The shipped entries not replaced by id, with what user entries take over removed, then the user's entries."""
    user_ids = {entry.id for entry in user}
    owners = _user_phrases(user)
    combined: list[Entry] = []
    given_way: list[GivenWay] = []
    for entry in shipped:
        if entry.id in user_ids:
            continue
        kept, lost = _give_way(entry, owners)
        given_way.extend(lost)
        if kept is not None:
            combined.append(kept)
    combined.extend(user)
    return combined, given_way


def _user_phrases(user: Iterable[Entry]) -> dict[str, tuple[Entry, bool]]:
    """Each phrase user entries list, with the first entry listing it and whether it lists it as flagged."""
    owners: dict[str, tuple[Entry, bool]] = {}
    for entry in user:
        for form in entry.forms:
            owners.setdefault(normalize_phrase(form.text), (entry, True))
        for rendering in entry.renderings:
            owners.setdefault(normalize_phrase(rendering), (entry, False))
    return owners


def _give_way(entry: Entry, owners: dict[str, tuple[Entry, bool]]) -> tuple[Entry | None, list[GivenWay]]:
    """``entry`` without the phrases user entries take over (None when its standard rendering is flagged)."""
    if not owners:
        return entry, []
    standard = owners.get(normalize_phrase(entry.en))
    if standard is not None and standard[1]:
        return None, [GivenWay(standard[0], entry.en, entry, "standard rendering", entry.line)]
    lost: list[GivenWay] = []

    def keep_form(form: Form) -> bool:
        owner = owners.get(normalize_phrase(form.text))
        if owner is None:
            return True
        lost.append(GivenWay(owner[0], form.text, entry, f"{form.kind.value.replace('_', ' ')} form", form.line))
        return False

    def keep_rendering(rendering: str) -> bool:
        owner = owners.get(normalize_phrase(rendering))
        if owner is None or not owner[1]:
            return True
        lost.append(GivenWay(owner[0], rendering, entry, "accepted rendering", entry.line))
        return False

    wrong = tuple(filter(keep_form, entry.wrong))
    wrong_if_source = tuple(filter(keep_form, entry.wrong_if_source))
    outdated = tuple(filter(keep_form, entry.outdated))
    accept = tuple(filter(keep_rendering, entry.accept))
    if not lost:
        return entry, []
    return replace(entry, wrong=wrong, wrong_if_source=wrong_if_source, outdated=outdated, accept=accept), lost
