"""Check glossary files: what loading reports, and how a user's files interact with the shipped glossary.

Beyond the loader's errors, a user's entries get a note when they replace a shipped entry,
when they take a phrase over from a shipped entry (see :mod:`tifa.glossary.precedence`), when
one of their flagged forms contains or lies inside a shipped phrase, or when their Chinese is a
shipped entry's too; and a warning when a flagged form lies inside a shipped rendering, where
it would never be reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tifa.errors import GlossaryError, UnreadableGlossaryError
from tifa.glossary.load import Glossary, load_glossary
from tifa.glossary.precedence import GivenWay
from tifa.glossary.schema import Entry, Form
from tifa.glossary.shipped import shipped_glossary_files
from tifa.model import Severity
from tifa.text import normalize_phrase

# A form that overlaps many shipped ones is reported with the first few only.
MAX_OVERLAPS_PER_FORM = 3


@dataclass(frozen=True, slots=True)
class GlossaryProblem:
    """One thing ``tifa glossary check`` reports, at ``path:line``."""

    severity: Severity
    message: str
    path: str
    line: int | None = None

    def __str__(self) -> str:
        location = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{location}: {self.severity.label}: {self.message}"


@dataclass
class LintReport:
    """The outcome of checking glossary files."""

    files: list[Path]
    problems: list[GlossaryProblem] = field(default_factory=list)
    unreadable: list[GlossaryError] = field(default_factory=list)
    entries: int = 0

    def count(self, severity: Severity) -> int:
        """How many problems have ``severity``."""
        return sum(1 for problem in self.problems if problem.severity is severity)

    @property
    def clean(self) -> bool:
        """No error and no warning (notes do not count)."""
        return not self.unreadable and all(problem.severity is Severity.INFO for problem in self.problems)


def lint_glossaries(user_files: Sequence[Path] = (), disabled: Sequence[str] = ()) -> LintReport:
    """Check the shipped glossary (no ``user_files``) or the user's files against the shipped one, less ``disabled``."""
    checking_shipped = not user_files
    files = shipped_glossary_files() if checking_shipped else [Path(path) for path in user_files]
    report = LintReport(files)
    if checking_shipped:
        loaded = load_glossary(shipped=files, disabled=disabled)
    else:
        loaded = load_glossary(extra=files, disabled=disabled)
    for error in loaded.errors:
        if isinstance(error, UnreadableGlossaryError):
            report.unreadable.append(error)
        else:
            report.problems.append(_from_error(error))
    if checking_shipped:
        report.entries = len(loaded.glossary.entries)
        return report
    user_paths = {str(path) for path in files}
    user_entries = [entry for entry in loaded.glossary.entries if entry.path in user_paths]
    report.entries = len(user_entries)
    shipped = load_glossary().glossary
    already_reported = {(error.path, error.line) for error in loaded.errors}
    for problem in _compare_with_shipped(user_entries, shipped, loaded.given_way):
        if (problem.path, problem.line) not in already_reported or problem.severity is Severity.INFO:
            report.problems.append(problem)
    report.problems.sort(key=lambda problem: (problem.path, problem.line or 0))
    return report


def _from_error(error: GlossaryError) -> GlossaryProblem:
    return GlossaryProblem(Severity.ERROR, error.message, error.path or "<glossary>", error.line)


def _compare_with_shipped(
    user_entries: Sequence[Entry], shipped: Glossary, given_way: Sequence[GivenWay]
) -> Iterator[GlossaryProblem]:
    shipped_by_id = shipped.by_id()
    user_ids = {entry.id for entry in user_entries}
    # A shipped entry the user replaces no longer takes part in matching.
    active = [entry for entry in shipped.entries if entry.id not in user_ids]
    shipped_phrases = [
        (normalize_phrase(text), what, text, entry, line) for entry in active for what, text, line in _phrases(entry)
    ]
    shipped_zh: dict[str, Entry] = {}
    for entry in active:
        for zh in entry.zh:
            shipped_zh.setdefault(zh, entry)
    for taken in given_way:
        yield GlossaryProblem(Severity.INFO, taken.describe(), taken.user.path, _line_of(taken.user, taken.phrase))
    for entry in user_entries:
        replaced = shipped_by_id.get(entry.id)
        if replaced is not None:
            yield GlossaryProblem(
                Severity.INFO,
                f"entry {entry.id!r} replaces the shipped entry {entry.id!r} ({replaced.location})",
                entry.path,
                entry.line,
            )
        for zh in entry.zh:
            other = shipped_zh.get(zh)
            if other is not None:
                yield GlossaryProblem(
                    Severity.INFO,
                    f"entry {entry.id!r}: zh {zh!r} is also the Chinese of the shipped entry {other.id!r} "
                    f"({other.location}); both entries apply (disable {other.id!r} to use yours alone)",
                    entry.path,
                    entry.line,
                )
        for form in entry.forms:
            yield from _form_overlaps(entry, form, shipped_phrases)


def _line_of(entry: Entry, phrase: str) -> int:
    """The line of the user's form ``phrase`` in ``entry`` (the entry's line for a rendering)."""
    return next((form.line for form in entry.forms if form.text == phrase and form.line), entry.line)


def _phrases(entry: Entry) -> Iterator[tuple[str, str, int]]:
    """Each rendering and flagged form of a shipped entry, with what it is and its line."""
    for rendering in entry.renderings:
        yield "rendering", rendering, entry.line
    for form in entry.forms:
        yield f"{form.kind.value} form", form.text, form.line or entry.line


def _contains_words(longer: str, shorter: str) -> bool:
    return shorter in longer and re.search(rf"(?<!\w){re.escape(shorter)}(?!\w)", longer) is not None


def _form_overlaps(
    entry: Entry, form: Form, shipped_phrases: Sequence[tuple[str, str, str, Entry, int]]
) -> Iterator[GlossaryProblem]:
    key = normalize_phrase(form.text)
    found = []
    never_fires = False
    for shipped_key, what, text, owner, line in shipped_phrases:
        if shipped_key == key:
            continue  # the user's form wins: reported by the precedence notes
        if _contains_words(key, shipped_key):
            relation = "contains"
        elif _contains_words(shipped_key, key):
            relation = "is part of"
            never_fires = never_fires or what == "rendering"
        else:
            continue
        found.append(f"{relation} the {what} {text!r} of the shipped entry {owner.id!r} ({owner.path}:{line})")
    if not found:
        return
    shown = "; ".join(found[:MAX_OVERLAPS_PER_FORM])
    more = len(found) - MAX_OVERLAPS_PER_FORM
    if more > 0:
        shown += f"; and {more} more"
    yield GlossaryProblem(
        # A flagged form inside a correct rendering is never reported there: worth a warning.
        Severity.WARNING if never_fires else Severity.INFO,
        f"entry {entry.id!r}: {form.kind.value} form {form.text!r} {shown}",
        entry.path,
        form.line or entry.line,
    )
