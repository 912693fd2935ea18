"""The shipped glossary: valid, sourced, and consistent with the matcher entry by entry."""

from __future__ import annotations

import re

import pytest

from tests.conftest import Lint, compile_files
from tifa.glossary.compile import CompiledGlossary
from tifa.glossary.load import load_glossary
from tifa.glossary.schema import Entry, Form, FormKind

ENTRIES = load_glossary().glossary.entries
_ARTICLE = re.compile(r"^(?:the|a|an) ", re.IGNORECASE)


def _comparable(text: str) -> str:
    return _ARTICLE.sub("", text).lower()


def _sentence_for(form: Form) -> str:
    context = f"{form.context[0]} officials" if form.context else "Officials"
    return f"{context} discussed {form.text} at length."


def test_shipped_glossary_loads_without_errors() -> None:
    compile_files(None)


def test_shipped_glossary_has_at_least_100_sourced_entries() -> None:
    assert len(ENTRIES) >= 100
    assert all(entry.source.strip() for entry in ENTRIES)


def test_shipped_sources_name_public_documents_not_local_paths() -> None:
    # Sources travel into exported TBX and CSV files: a path into tifa's working tree means nothing there.
    local = re.compile(r"(?:\.\./|corpus/|\.tsv\b|\.txt\b)")
    texts = [(entry.id, text) for entry in ENTRIES for text in (entry.source, entry.note or "")]
    offending = [f"{entry_id}: {text}" for entry_id, text in texts if local.search(text)]
    assert offending == []


def _forms() -> list[tuple[Entry, Form]]:
    return [(entry, form) for entry in ENTRIES for form in entry.forms]


def _tolerated(text: str, variant: str) -> str:
    """The form as written with other case or other hyphenation, which the matcher tolerates."""
    if variant == "upper":
        return text.upper()
    if variant == "hyphens":
        return text.replace("-", " ") if "-" in text else text.replace(" ", "-", 1)
    return text


@pytest.mark.parametrize("variant", ["listed", "upper", "hyphens"])
@pytest.mark.parametrize(("entry", "form"), _forms(), ids=lambda item: getattr(item, "id", None) or item.text)
def test_every_listed_form_is_flagged_with_its_entry_rendering(
    entry: Entry, form: Form, variant: str, lint_shipped: Lint
) -> None:
    form = form._replace(text=_tolerated(form.text, variant))
    sentence = _sentence_for(form)
    source = entry.zh[0] if form.kind is FormKind.WRONG_IF_SOURCE else None
    findings = [
        finding
        for finding in lint_shipped(sentence, source=source, select="TF10")
        if sentence[finding.span.start : finding.span.end].lower() == form.text.lower()
    ]
    assert findings, f"{entry.id}: {form.text!r} not flagged in {sentence!r}"
    assert findings[0].entry_id == entry.id
    assert _comparable(findings[0].suggestions[0]) == _comparable(entry.en)
    assert findings[0].code == ("TF102" if form.kind is FormKind.OUTDATED else "TF101")


def _renderings() -> list[tuple[Entry, str]]:
    return [(entry, rendering) for entry in ENTRIES for rendering in entry.renderings]


@pytest.mark.parametrize(("entry", "rendering"), _renderings(), ids=lambda item: getattr(item, "id", None) or item)
def test_standard_and_accepted_renderings_are_never_flagged(entry: Entry, rendering: str, lint_shipped: Lint) -> None:
    for text in (rendering, f"The Party committee discussed {rendering} at length."):
        findings = lint_shipped(text)
        assert findings == [], [finding.message for finding in findings]


def _examples() -> list[tuple[Entry, str, bool]]:
    return [
        (entry, sentence, is_bad)
        for entry in ENTRIES
        for is_bad, sentences in ((True, entry.examples.bad), (False, entry.examples.good))
        for sentence in sentences
    ]


@pytest.mark.parametrize(("entry", "sentence", "is_bad"), _examples(), ids=lambda item: getattr(item, "id", None))
def test_entry_examples(
    entry: Entry, sentence: str, is_bad: bool, shipped_glossary: CompiledGlossary, lint_shipped: Lint
) -> None:
    findings = lint_shipped(sentence, source=entry.zh[0])
    if is_bad:
        assert any(finding.entry_id == entry.id for finding in findings), [f.message for f in findings]
    else:
        assert findings == [], [finding.message for finding in findings]
