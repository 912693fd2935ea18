"""PO reader: segments and sources, plural forms, skipped entries, exact offsets and strict errors."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import DATA
from tests.formats.offsets import assert_exact_offsets
from tifa.errors import InputError
from tifa.formats import po, read_document

SAMPLE = DATA / "formats" / "sample.po"
_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


def decode_po_spelling(spelling: str) -> str:
    """Turn a PO spelling (a character or a C escape) back into the character."""
    if len(spelling) == 1:
        return spelling
    assert spelling.startswith("\\"), spelling
    code = spelling[1:]
    if code in _SIMPLE:
        return _SIMPLE[code]
    if code.startswith("x"):
        return chr(int(code[1:], 16))
    return chr(int(code, 8))


def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def test_sample_segments_sources_and_units() -> None:
    segments = po.read_segments(sample_text())
    assert [(segment.unit, segment.text) for segment in segments] == [
        ("line 14", "Notice on Doing a Good Job in Work Safety in Winter 2026"),
        (
            "line 19",
            'Party organizations at all levels in the county must resolutely achieve the "two maintenances" and '
            "advance the county practice of Chinese-style modernization.",
        ),
        ("line 26", "Leader cadres must lead by example,\ttake the lead and take the lead."),
        ("line 35", "%d inspection team was sent to check the self-revolution of the Party."),
        ("line 35", "%d inspection teams were sent to check the self-revolution of the Party."),
    ]
    assert segments[1].source == "全县各级党组织要坚决做到“两个维护”，推进中国式现代化的县域实践。"
    assert segments[2].source == "领导干部要以身作则，走在前、作表率。"


def test_header_fuzzy_empty_and_obsolete_entries_are_skipped() -> None:
    texts = [segment.text for segment in po.read_segments(sample_text())]
    assert not any("Content-Type" in text for text in texts)  # header
    assert not any("adhere to" in text for text in texts)  # obsolete
    assert not any("high quality" in text or "in development" in text for text in texts)  # fuzzy


def test_fuzzy_entries_are_read_on_request() -> None:
    segments = po.read_segments(sample_text(), include_fuzzy=True)
    fuzzy = [segment for segment in segments if segment.unit == "line 31"]
    assert [segment.text for segment in fuzzy] == ["promote the two maintenances in development"]
    assert fuzzy[0].source == "推动高质量发展"


def test_plural_forms_take_msgid_then_msgid_plural_as_source() -> None:
    text = (
        'msgid "一个问题"\nmsgid_plural "多个问题"\nmsgstr[0] "one problem"\nmsgstr[1] "several problems"\n'
        'msgstr[2] "many problems"\n'
    )
    segments = po.read_segments(text)
    assert [(segment.text, segment.source) for segment in segments] == [
        ("one problem", "一个问题"),
        ("several problems", "多个问题"),
        ("many problems", "多个问题"),
    ]
    for segment in segments:
        assert_exact_offsets(text, segment, decode_po_spelling)


def test_every_character_of_the_sample_maps_to_its_spelling() -> None:
    text = sample_text()
    segments = po.read_segments(text, include_fuzzy=True)
    for segment in segments:
        assert_exact_offsets(text, segment, decode_po_spelling)
    second = segments[1]
    # "two maintenances" starts right after the escaped quote on the second string line.
    start = second.text.index("two maintenances")
    assert second.char_starts is not None and second.char_ends is not None
    assert text[second.char_starts[start - 1] : second.char_ends[start - 1]] == '\\"'
    span = second.file_span(start, start + len("two maintenances"))
    assert text[span.start : span.end] == "two maintenances"
    # A phrase continued on the next string line spans the line break in the file.
    wrapped = second.text.index("Chinese-style modernization")
    span = second.file_span(wrapped, wrapped + len("Chinese-style modernization"))
    assert text[span.start : span.end] == 'Chinese-style "\n"modernization'


def test_agrees_with_polib_on_the_sample() -> None:
    expected = [
        (entry.msgstr or value, entry.msgid if index == 0 else entry.msgid_plural)
        for entry in polib.pofile(str(SAMPLE))
        if entry.msgid and not entry.obsolete and not entry.fuzzy
        for index, value in (sorted(entry.msgstr_plural.items()) if entry.msgstr_plural else [(0, entry.msgstr)])
        if value
    ]
    assert [(segment.text, segment.source) for segment in po.read_segments(sample_text())] == expected


def test_escapes_octal_hex_and_crlf_line_endings() -> None:
    text = 'msgid "中"\r\nmsgstr "tab\\there \\x41\\102 back\\\\slash"\r\n"\\n2"\r\n'
    (segment,) = po.read_segments(text)
    assert segment.text == "tab\there AB back\\slash\n2"
    assert_exact_offsets(text, segment, decode_po_spelling)
    assert segment.unit == "line 1"


def test_translator_comments_become_the_notes_of_their_entry() -> None:
    notes = {segment.unit: segment.notes for segment in po.read_segments(sample_text()) if segment.notes}
    assert notes == {"line 14": ("Title of the notice.",), "line 19": ("Checked by the desk editor.",)}


_PIECE = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=40
)


@settings(max_examples=200, deadline=None)
@given(value=_PIECE, splits=st.lists(st.integers(min_value=0, max_value=40), max_size=4))
def test_escaped_strings_round_trip_with_exact_offsets(value: str, splits: list[int]) -> None:
    escaped_units = [po.escape_text(char) for char in value]
    cuts = sorted({min(cut, len(escaped_units)) for cut in splits} | {0, len(escaped_units)})
    lines = ['"' + "".join(escaped_units[start:end]) + '"' for start, end in pairwise(cuts)]
    text = 'msgid "源"\nmsgstr ' + "\n".join(lines) + "\n"
    segments = po.read_segments(text)
    if not value.strip():
        assert segments == []
        return
    (segment,) = segments
    assert segment.text == value
    assert_exact_offsets(text, segment, decode_po_spelling)


_POLIB_SAFE = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")) | st.sampled_from('\\"\n\t')
)


@settings(max_examples=100, deadline=None)
@given(value=_POLIB_SAFE.filter(lambda value: value.strip()))
def test_polib_reads_what_escape_text_writes(value: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    path = tmp_path_factory.mktemp("po") / "one.po"
    path.write_text(f'msgid "源"\nmsgstr "{po.escape_text(value)}"\n', encoding="utf-8")
    assert polib.pofile(str(path))[0].msgstr == value
    assert [segment.text for segment in po.read_segments(path.read_text(encoding="utf-8"))] == [value]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        pytest.param('msgid "源"\nmsgstr "the two', 2, "unterminated string", id="truncated-inside-string"),
        pytest.param('# c\nmsgid "源"\n', 2, "msgid without msgstr (the file ends", id="truncated-before-msgstr"),
        pytest.param('msgctxt "menu"\n', 1, "msgctxt without a msgid", id="truncated-after-msgctxt"),
        pytest.param('msgid "源"\nmsgstr "say "hi""\n', 2, "after the closing quote", id="unbalanced-quotes"),
        pytest.param('msgid "源"\nmsgstr "a\\"\n', 2, "unterminated string", id="escaped-closing-quote"),
        pytest.param('msgid "源"\nmsgstr "a\\\n', 2, "backslash ends the line", id="backslash-at-end"),
        pytest.param('msgid "a"\nmsgstr "b"\n\nmsgstr "c"\n', 4, "a second msgstr", id="msgstr-without-msgid"),
        pytest.param('msgstr "c"\n', 1, "msgstr without a msgid", id="msgstr-first"),
        pytest.param('msgid "a"\nmsgstr "b"\nhello world\n', 3, "expected a keyword", id="stray-line"),
        pytest.param('msgid "a"\nmsgstr b\n', 2, "expected a keyword", id="unquoted-value"),
        pytest.param('"orphan"\n', 1, "no keyword before it", id="string-without-keyword"),
        pytest.param('msgid "a"\nmsgstr "\\q"\n', 2, "unknown escape", id="unknown-escape"),
        pytest.param('msgid "a"\nmsgstr[0] "b"\n', 2, "without msgid_plural", id="index-without-plural"),
        pytest.param('msgid "a"\nmsgid_plural "b"\nmsgstr "c"\n', 3, "needs msgstr[0]", id="plain-msgstr-in-plural"),
        pytest.param('msgid "a"\nmsgid_plural "b"\nmsgstr[1] "c"\n', 3, "out of order", id="plural-out-of-order"),
        pytest.param('msgid "a"\nmsgid "b"\nmsgstr "c"\n', 2, "before the msgstr", id="two-msgids"),
        pytest.param('msgid "a"\n# note\nmsgstr "b"\n', 1, "line 2 comes before its msgstr", id="comment-inside"),
    ],
)
def test_malformed_po_raises_input_error_with_line(text: str, line: int, message: str) -> None:
    with pytest.raises(InputError) as caught:
        po.read_segments(text)
    assert caught.value.line == line, caught.value
    assert message in caught.value.message


def test_read_document_names_the_file_in_po_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_document(str(tmp_path / "bad.po"), b'msgid "a"\nmsgstr "b\n')
    assert str(caught.value) == f"{tmp_path / 'bad.po'}:2: unterminated string: missing closing quote"


def test_escape_text_escapes_what_po_strings_cannot_hold() -> None:
    assert po.escape_text('say "hi"\\\n\tend') == 'say \\"hi\\"\\\\\\n\\tend'
    assert po.escape_text("Two Upholds") == "Two Upholds"
