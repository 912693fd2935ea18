"""The format registry: suffixes, default readers, reader options, escaping, and directory search."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import DATA, ROOT
from tifa.errors import InputError, UsageError
from tifa.files import collect_files
from tifa.formats import (
    READERS,
    SUFFIXES,
    ReaderOptions,
    escape,
    escape_for_span,
    format_for,
    hook_files_pattern,
    markdown,
    plain,
    read_document,
)
from tifa.formats.tabular import TableOptions
from tifa.model import Span

FORMATS = DATA / "formats"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.txt", "text"),
        ("a.md", "markdown"),
        ("a.po", "po"),
        ("a.POT", "po"),
        ("a.xlf", "xliff"),
        ("a.xliff", "xliff"),
        ("a.sdlxliff", "xliff"),
        ("a.mqxliff", "xliff"),
        ("a.tsv", "tsv"),
        ("a.csv", "csv"),
        ("a.unknown", "text"),
    ],
)
def test_format_by_suffix(name: str, expected: str) -> None:
    assert format_for(name) == expected


def test_unknown_forced_format_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="choose from csv, markdown, po, text, tsv, xliff"):
        format_for("a.txt", "docx")


def test_plain_and_markdown_readers_are_unchanged() -> None:
    text = "# Title\n\nA paragraph with `code`.\n"
    assert READERS["text"](text) == plain.read_segments(text)
    assert READERS["markdown"](text) == markdown.read_segments(text)


@pytest.mark.parametrize(
    ("sample", "format_name"),
    [
        ("sample.po", "po"),
        ("sample.xlf", "xliff"),
        ("sample-2.0.xlf", "xliff"),
        ("sample.tsv", "tsv"),
        ("sample.csv", "csv"),
    ],
)
def test_every_sample_reads_by_suffix_with_sources(sample: str, format_name: str) -> None:
    path = FORMATS / sample
    document = read_document(str(path), path.read_bytes())
    assert document.format == format_name
    assert document.segments
    assert all(segment.source and segment.unit for segment in document.segments)
    assert [segment.text for segment in document.segments] == [
        segment.text for segment in READERS[format_name](document.text)
    ]


def test_reader_options_reach_the_po_reader() -> None:
    path = FORMATS / "sample.po"
    default = read_document(str(path), path.read_bytes())
    with_fuzzy = read_document(str(path), path.read_bytes(), options=ReaderOptions(include_fuzzy=True))
    assert len(with_fuzzy.segments) == len(default.segments) + 1


def test_reader_options_reach_the_table_readers() -> None:
    path = FORMATS / "sample.tsv"
    options = ReaderOptions(table=TableOptions(target_column="note"))
    document = read_document(str(path), path.read_bytes(), options=options)
    assert [segment.text for segment in document.segments] == ["MT", "MT", "post-edited", "untranslated"]


def test_forced_format_overrides_the_suffix() -> None:
    data = 'msgid "源"\nmsgstr "the two maintenances"\n'.encode()
    document = read_document("notes.txt", data, "po")
    assert [segment.text for segment in document.segments] == ["the two maintenances"]


@pytest.mark.parametrize(
    ("name", "data", "line"),
    [
        ("bad.po", b'msgid "a"\n', 1),
        ("bad.xlf", b'<xliff version="1.2">\n<file>\n</xliff>\n', 3),
        ("bad.tsv", b"zh\ten\n\xe4\xb8\xad\ta\tb\n", 2),
        ("bad.csv", b'zh,en\n\xe4\xb8\xad,"a\n', 2),
    ],
)
def test_read_errors_name_the_file_and_line(name: str, data: bytes, line: int) -> None:
    with pytest.raises(InputError) as caught:
        read_document(name, data)
    assert caught.value.path == name
    assert caught.value.line == line
    assert str(caught.value).startswith(f"{name}:{line}: ")


def test_escape_by_format() -> None:
    assert escape("po", 'a "b"\n') == 'a \\"b\\"\\n'
    assert escape("xliff", "R&D <x>") == "R&amp;D &lt;x&gt;"
    assert escape("csv", 'say "x"') == 'say ""x""'
    assert escape("tsv", "Two Upholds") == "Two Upholds"
    assert escape("text", 'a "b" & <c>') == 'a "b" & <c>'
    assert escape("markdown", "a*b") == "a*b"
    with pytest.raises(InputError):
        escape("tsv", "a\tb")
    with pytest.raises(UsageError):
        escape("docx", "a")


def test_escape_for_span_knows_quoted_csv_cells() -> None:
    data = 'zh,en\n中,"the ""two maintenances"""\n文,two maintenances\n'.encode()
    document = read_document("t.csv", data)
    quoted, unquoted = document.segments
    quoted_span = quoted.file_span(5, 21)
    assert document.text[quoted_span.start : quoted_span.end] == "two maintenances"
    assert escape_for_span(document, quoted_span, 'the "Two Upholds"') == 'the ""Two Upholds""'
    unquoted_span = unquoted.file_span(0, len(unquoted.text))
    assert escape_for_span(document, unquoted_span, "Two Upholds") == "Two Upholds"
    with pytest.raises(InputError, match="would need quoting"):
        escape_for_span(document, unquoted_span, "Upholds, both")
    po_document = read_document("t.po", 'msgid "源"\nmsgstr "x"\n'.encode())
    assert escape_for_span(po_document, Span(18, 19), 'a "b"') == 'a \\"b\\"'


def test_directories_pick_up_translation_files(tmp_path: Path) -> None:
    for name in ("a.po", "b.pot", "c.xlf", "d.xliff", "e.sdlxliff", "f.mqxliff", "g.tsv", "h.csv", "i.json"):
        (tmp_path / name).write_text("", encoding="utf-8")
    found = sorted(Path(str(item)).name for item in collect_files([str(tmp_path)]))
    assert found == ["a.po", "b.pot", "c.xlf", "d.xliff", "e.sdlxliff", "f.mqxliff", "g.tsv", "h.csv"]


def test_pre_commit_hooks_check_the_files_a_directory_search_picks_up(tmp_path: Path) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [hook["files"] for hook in hooks] == [hook_files_pattern()] * len(hooks)
    # pre-commit matches the pattern with re.search on the repository-relative path.
    pattern = re.compile(hook_files_pattern())
    names = [f"a{suffix}" for suffix in SUFFIXES] + [f"B{suffix.upper()}" for suffix in SUFFIXES]
    names += ["c.json", "d.txt.orig", "e.yaml", "f.xliff.bak", "po", "g.markdownx"]
    for name in names:
        (tmp_path / name).write_text("", encoding="utf-8")
    found = {Path(str(item)).name for item in collect_files([str(tmp_path)])}
    assert {name for name in names if pattern.search(f"docs/{name}")} == found
    assert {"a.sdlxliff", "a.mqxliff", "B.SDLXLIFF"} <= found


def test_pre_commit_hooks_force_exclude_and_run_once_per_commit() -> None:
    for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")):
        assert hook["entry"].startswith("tifa check --force-exclude"), hook
        assert hook["require_serial"] is True, hook


_SYNTAX = st.sampled_from(
    [
        *('msgid "', 'msgstr "', "msgstr[0] ", "#~ ", "#, fuzzy", '"', "\\", "\n", "\r\n", "\t", ",", '""', "<", ">"),
        *("&", "&amp;", "<target>", "</target>", '<trans-unit id="1">', "<![CDATA[", "]]>", "<!DOCTYPE x [", "中", "a"),
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(_SYNTAX | st.text(max_size=3), max_size=25),
    format_name=st.sampled_from(["po", "xliff", "tsv", "csv"]),
)
def test_any_input_gives_segments_or_an_input_error(pieces: list[str], format_name: str) -> None:
    text = "".join(pieces).replace("\x00", "")
    try:
        segments = READERS[format_name](text)
    except InputError as error:
        assert error.message
        return
    for segment in segments:
        if segment.char_starts is not None and segment.char_ends is not None:
            assert len(segment.char_starts) == len(segment.char_ends) == len(segment.text)
            assert all(
                0 <= start < end <= len(text) for start, end in zip(segment.char_starts, segment.char_ends, strict=True)
            )
        else:
            assert text[segment.offset : segment.offset + len(segment.text)] == segment.text
