"""Fixing: edit selection, fixed points, and writes that never lose data."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import MINI_GLOSSARY, compile_files, lint_with
from tifa.encoding import TextEncoding
from tifa.errors import InputError
from tifa.fixer import apply_fixes, fix_to_fixed_point, fixable, write_atomically
from tifa.model import Applicability, Edit, Finding, Fix, Severity, Span

GLOSSARY = compile_files([MINI_GLOSSARY])


def _finding(start: int, end: int, text: str, safety: Applicability = Applicability.SAFE) -> Finding:
    span = Span(start, end)
    return Finding("TF101", span, "m", Severity.ERROR, (text,), Fix("f", (Edit(span, text),), safety))


def test_edits_are_applied_in_file_order_and_adjacent_edits_both_apply() -> None:
    text, applied = apply_fixes("aaa bbb", [_finding(4, 7, "B"), _finding(0, 3, "A"), _finding(3, 4, "_")])
    assert (text, applied) == ("A_B", 3)


def test_overlapping_edits_keep_the_first_and_prefer_the_safer_at_one_place() -> None:
    findings = [
        _finding(0, 7, "unsafe", Applicability.UNSAFE),
        _finding(0, 3, "safe"),
        _finding(2, 5, "later"),
    ]
    assert apply_fixes("abcdefg", findings) == ("safedefg", 1)


def test_fixable_respects_the_threshold() -> None:
    findings = [
        _finding(0, 1, "x"),
        _finding(1, 2, "y", Applicability.UNSAFE),
        _finding(2, 3, "z", Applicability.DISPLAY_ONLY),
    ]
    assert len(fixable(findings, Applicability.SAFE)) == 1
    assert len(fixable(findings, Applicability.UNSAFE)) == 2


def _lint(text: str) -> list[Finding]:
    return lint_with(GLOSSARY, text)


FILLER = st.lists(
    st.sampled_from(["the", "county", "will", "study", "work", "in", "2025", "offices", "plans"]), max_size=6
)
WRONG = st.sampled_from(
    ["two maintenances", "Chinese-style modernization", "Chinese style\nmodernization", "two confirmations"]
)
NEWLINE = st.sampled_from(["\n", "\r\n"])


@st.composite
def texts_with_errors(draw: st.DrawFn) -> str:
    newline = draw(NEWLINE)
    paragraphs = []
    for _ in range(draw(st.integers(1, 4))):
        words = [*draw(FILLER), draw(WRONG), *draw(FILLER)]
        paragraphs.append(" ".join(words).replace("\n", newline) + ".")
    return (newline * 2).join(paragraphs) + newline


@settings(max_examples=150, deadline=None)
@given(texts_with_errors())
def test_fixing_changes_only_the_flagged_spans(text: str) -> None:
    findings = fixable(_lint(text), Applicability.SAFE)
    fixed, applied = apply_fixes(text, findings)
    assert applied == len(findings)
    # Rebuild the text from the untouched stretches and the replacements: nothing else may differ.
    expected, position = [], 0
    for finding in sorted(findings, key=lambda f: f.span.start):
        assert finding.fix is not None
        expected += [text[position : finding.span.start], finding.fix.edits[0].text]
        position = finding.span.end
    assert fixed == "".join(expected) + text[position:]


@settings(max_examples=150, deadline=None)
@given(texts_with_errors())
def test_fixing_twice_equals_fixing_once_and_leaves_no_safe_fix(text: str) -> None:
    once = fix_to_fixed_point(text, _lint, Applicability.SAFE)
    twice = fix_to_fixed_point(once.text, _lint, Applicability.SAFE)
    assert twice.text == once.text
    assert twice.fixed == 0
    assert fixable(once.remaining, Applicability.SAFE) == []
    assert once.text.count("\r\n") == text.count("\r\n")


ENCODINGS = [
    TextEncoding("utf-8"),
    TextEncoding("utf-8", b"\xef\xbb\xbf"),
    TextEncoding("utf-16-le", b"\xff\xfe"),
    TextEncoding("utf-16-be", b"\xfe\xff"),
]


@pytest.mark.parametrize("encoding", ENCODINGS, ids=lambda encoding: encoding.label)
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_write_keeps_encoding_bom_line_endings_and_permissions(
    tmp_path: Path, encoding: TextEncoding, newline: str
) -> None:
    path = tmp_path / "doc.txt"
    original = encoding.encode(f"中文 two maintenances{newline}second line{newline}")
    path.write_bytes(original)
    path.chmod(0o640)
    write_atomically(str(path), f"中文 Two Upholds{newline}second line{newline}", encoding, original)
    assert path.read_bytes() == encoding.encode(f"中文 Two Upholds{newline}second line{newline}")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["doc.txt"]


def test_read_only_file_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "ro.txt"
    path.write_bytes(b"x")
    path.chmod(0o444)
    with pytest.raises(InputError, match="read-only"):
        write_atomically(str(path), "y", TextEncoding("utf-8"), b"x")


def test_file_changed_since_reading_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "c.txt"
    path.write_bytes(b"new content")
    with pytest.raises(InputError, match="changed while tifa was checking it"):
        write_atomically(str(path), "y", TextEncoding("utf-8"), b"old content")
    assert path.read_bytes() == b"new content"
