"""Code actions for the findings at a place: fixes, suggestions, "ignore here", and "fix all safe fixes".

Actions come in the order an editor should offer them: safe fixes first (each marked
preferred), then unsafe fixes (labelled so), then the other suggestions, then the
suppression comment. "Fix all" runs tifa's fixer on the whole text, as ``tifa check --fix``
would, and is offered as a quick fix and as ``source.fixAll.tifa``.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import replace

from lsprotocol import types

from tifa.errors import InputError
from tifa.fixer import fix_to_fixed_point
from tifa.formats import escape_for_span
from tifa.linter import META_CODES
from tifa.lsp.ignore import ignore_edit
from tifa.lsp.positions import PositionMap
from tifa.lsp.project import Linted
from tifa.model import Applicability, Edit, Finding, Span
from tifa.run import FixingLinter
from tifa.settings import FixMode

FIX_ALL_KIND = f"{types.CodeActionKind.SourceFixAll.value}.tifa"
FIX_ALL_TITLE = "Fix all safe tifa fixes in this file"

Diagnose = Callable[[Finding], types.Diagnostic]


def _touches(finding: Finding, request: Span) -> bool:
    if request.start == request.end:
        return finding.span.start <= request.start <= finding.span.end
    return finding.span.overlaps(request)


def _action(
    title: str,
    uri: str,
    edits: Sequence[types.TextEdit],
    diagnostics: list[types.Diagnostic] | None = None,
    *,
    kind: str = types.CodeActionKind.QuickFix.value,
    preferred: bool | None = None,
) -> types.CodeAction:
    return types.CodeAction(
        title=title,
        kind=kind,
        diagnostics=diagnostics,
        is_preferred=preferred,
        edit=types.WorkspaceEdit(changes={uri: list(edits)}),
    )


def _text_edits(edits: Sequence[Edit], positions: PositionMap) -> list[types.TextEdit]:
    return [types.TextEdit(range=positions.range(edit.span), new_text=edit.text) for edit in edits]


def _suggestion_edit(linted: Linted, finding: Finding, suggestion: str) -> Edit | None:
    try:
        return Edit(finding.span, escape_for_span(linted.document, finding.span, suggestion))
    except InputError:
        return None


def finding_actions(
    linted: Linted, finding: Finding, uri: str, positions: PositionMap, diagnose: Diagnose
) -> list[tuple[int, types.CodeAction]]:
    """The actions for one finding, each with its rank (0 safe fix, 1 unsafe fix, 2 suggestion, 3 ignore)."""
    diagnostics = [diagnose(finding)]
    ranked: list[tuple[int, types.CodeAction]] = []
    fix = finding.fix
    fixed_texts: set[str] = set()
    if fix is not None and fix.applicability is not Applicability.DISPLAY_ONLY:
        safe = fix.applicability is Applicability.SAFE
        label = f"{finding.code}" if safe else f"{finding.code}, unsafe fix: check the sentence"
        title = f"{fix.title} ({label})"
        action = _action(title, uri, _text_edits(fix.edits, positions), diagnostics, preferred=safe)
        ranked.append((0 if safe else 1, action))
        fixed_texts = {edit.text for edit in fix.edits if edit.span == finding.span}
    for suggestion in dict.fromkeys(finding.suggestions):
        edit = _suggestion_edit(linted, finding, suggestion)
        if edit is None or edit.text in fixed_texts:
            continue
        title = f'Replace with "{suggestion}" ({finding.code} suggestion)'
        ranked.append((2, _action(title, uri, _text_edits([edit], positions), diagnostics)))
    # A finding about a suppression comment is mended in the comment, not suppressed by another.
    ignore = ignore_edit(linted.document, finding) if finding.code not in META_CODES else None
    if ignore is not None:
        title = f"Ignore {finding.code} here (tifa: ignore comment)"
        ranked.append((3, _action(title, uri, _text_edits([ignore], positions), diagnostics)))
    return ranked


def fix_all_edits(linted: Linted) -> list[Edit]:
    """The edits that apply every safe fix of the text, to a fixed point (one per changed run of lines)."""
    settings = replace(linted.setup.settings, fix=FixMode(Applicability.SAFE, write=False))
    linter = FixingLinter(linted.document, linted.setup.glossary, settings)
    result = fix_to_fixed_point(linted.document.text, linter, Applicability.SAFE)
    return line_edits(linted.document.text, result.text) if result.fixed else []


def line_edits(old: str, new: str) -> list[Edit]:
    """Edits that turn ``old`` into ``new``, each replacing a run of whole lines that differ."""
    old_lines = old.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    starts = [0]
    for line in old_lines:
        starts.append(starts[-1] + len(line))
    edits = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag != "equal":
            edits.append(Edit(Span(starts[old_start], starts[old_end]), "".join(new_lines[new_start:new_end])))
    return edits


def code_actions(
    linted: Linted,
    uri: str,
    positions: PositionMap,
    request: Span,
    diagnose: Diagnose,
    only: Sequence[str] | None = None,
) -> list[types.CodeAction]:
    """The code actions for the findings at ``request``, best first, and "fix all" when anything is safely fixable."""
    ranked: list[tuple[int, types.CodeAction]] = []
    for finding in linted.findings:
        if _touches(finding, request):
            ranked.extend(finding_actions(linted, finding, uri, positions, diagnose))
    actions = [action for _, action in sorted(ranked, key=lambda item: item[0])]
    if any(f.fix is not None and f.fix.applicability is Applicability.SAFE for f in linted.findings):
        fixes = fix_all_edits(linted)
        if fixes:
            edits = _text_edits(fixes, positions)
            actions.append(_action(FIX_ALL_TITLE, uri, edits))
            actions.append(_action(FIX_ALL_TITLE, uri, edits, kind=FIX_ALL_KIND))
    if only:
        actions = [action for action in actions if any(str(action.kind or "").startswith(kind) for kind in only)]
    return actions
