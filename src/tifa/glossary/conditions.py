"""Conditions on flagged forms: whether a form has any, and how to say them in words."""

from __future__ import annotations

from collections.abc import Sequence

from tifa.glossary.schema import Form


def has_conditions(form: Form) -> bool:
    """Return True when ``form`` is flagged only under conditions (context, neighbours, a year)."""
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
