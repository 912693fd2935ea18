"""TSV and CSV readers: header detection, column choice, quoted cells with exact offsets, ragged rows."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.conftest import DATA
from tests.formats.offsets import assert_exact_offsets
from tifa.errors import InputError
from tifa.formats import tabular
from tifa.formats.tabular import TableOptions
from tifa.segments import Segment

SAMPLE_TSV = DATA / "formats" / "sample.tsv"
SAMPLE_CSV = DATA / "formats" / "sample.csv"


def decode_csv_spelling(spelling: str) -> str:
    """A CSV cell character is spelled as itself, except a quote in a quoted cell (``""``)."""
    return '"' if spelling == '""' else spelling


def rows(segments: list[Segment]) -> list[tuple[str | None, str | None, str]]:
    return [(segment.unit, segment.source, segment.text) for segment in segments]


def test_tsv_sample_uses_the_named_columns_and_skips_blank_and_empty() -> None:
    text = SAMPLE_TSV.read_text(encoding="utf-8")
    segments = tabular.read_tsv(text)
    assert rows(segments) == [
        ("line 2", "坚决做到“两个维护”。", 'Resolutely achieve the "two maintenances".'),
        ("line 3", "推进中国式现代化。", "Advance Chinese-style modernization."),
        ("line 5", "领导干部要以身作则。", "Leading officials must lead by example."),
    ]
    for segment in segments:
        assert segment.char_starts is None  # TSV cells are plain stretches of the file
        assert_exact_offsets(text, segment, decode_csv_spelling)


def test_csv_sample_reads_quoted_multiline_cells_with_doubled_quotes() -> None:
    text = SAMPLE_CSV.read_text(encoding="utf-8")
    segments = tabular.read_segments(text)
    assert rows(segments) == [
        (
            "line 2",
            "全县各级党组织要坚决做到“两个维护”。",
            'Party organizations at all levels must resolutely achieve the "two maintenances", without exception.',
        ),
        ("line 3", "推进中国式现代化。", "Advance Chinese-style modernization."),
        (
            "line 4",
            "领导干部要以身作则，\n走在前、作表率。",
            "Leader cadres must lead by example,\ntake the lead and take the lead.",
        ),
        ("line 7", "推动高质量发展。", "Promote high-quality development."),
    ]
    for segment in segments:
        assert_exact_offsets(text, segment, decode_csv_spelling)
    first = segments[0]
    quote = first.text.index('"')
    assert first.char_starts is not None and first.char_ends is not None
    assert text[first.char_starts[quote] : first.char_ends[quote]] == '""'
    span = first.file_span(quote + 1, quote + 1 + len("two maintenances"))
    assert text[span.start : span.end] == "two maintenances"


def test_csv_agrees_with_the_csv_module_on_the_sample() -> None:
    text = SAMPLE_CSV.read_text(encoding="utf-8")
    expected = [(row[0], row[1]) for row in csv.reader(io.StringIO(text, newline=""))][1:]
    assert [(segment.source, segment.text) for segment in tabular.read_segments(text)] == expected


@settings(max_examples=150, deadline=None)
@given(
    cells=st.lists(
        st.text(
            alphabet=st.sampled_from(list('ab ,;"\n中\u00e9\r')) | st.characters(codec="utf-8", categories=("L",)),
            min_size=1,
            max_size=30,
        ).filter(lambda cell: bool(cell.strip())),
        min_size=1,
        max_size=6,
    ),
    line_end=st.sampled_from(["\n", "\r\n"]),
    quote_all=st.booleans(),
)
def test_csv_cells_match_the_csv_module_with_exact_offsets(cells: list[str], line_end: str, quote_all: bool) -> None:
    # csv.writer quotes a lone CR only when it is part of the line terminator; such rows are ragged for any reader.
    assume(quote_all or line_end == "\r\n" or not any("\r" in cell for cell in cells))
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator=line_end, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    writer.writerow(["zh", "en"])
    for index, cell in enumerate(cells):
        writer.writerow([f"第{index}行", cell])
    text = buffer.getvalue()
    segments = tabular.read_segments(text, TableOptions(delimiter=","))
    assert [segment.text for segment in segments] == [row[1] for row in csv.reader(io.StringIO(text, newline=""))][1:]
    for segment in segments:
        assert_exact_offsets(text, segment, decode_csv_spelling)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("zh\ten\n两个维护\ttwo maintenances\n", [("两个维护", "two maintenances")], id="named-header"),
        pytest.param(
            "Original\tRendering\n两个维护\ttwo maintenances\n自我革命\tself-revolution\n",
            [("两个维护", "two maintenances"), ("自我革命", "self-revolution")],
            id="header-by-cjk-contrast",
        ),
        pytest.param(
            "两个维护\ttwo maintenances\n自我革命\tself-revolution\n",
            [("两个维护", "two maintenances"), ("自我革命", "self-revolution")],
            id="no-header",
        ),
        pytest.param(
            "1\t两个维护\ttwo maintenances\n2\t自我革命\tself-revolution\n",
            [("两个维护", "two maintenances"), ("自我革命", "self-revolution")],
            id="id-column-skipped",
        ),
        pytest.param(
            "English\t中文\ntwo maintenances\t两个维护\n",
            [("两个维护", "two maintenances")],
            id="target-first",
        ),
        pytest.param(
            "target\tsource\ntwo maintenances\t两个维护\n", [("两个维护", "two maintenances")], id="named-swap"
        ),
        pytest.param(
            "id\tnote\tzh\ten\n1\tthis note is a much longer text than the translation\t两个维护\ttwo upholds\n",
            [("两个维护", "two upholds")],
            id="named-beats-longest",
        ),
        pytest.param("en\nthe two maintenances\n", [(None, "the two maintenances")], id="monolingual"),
    ],
)
def test_header_detection_and_default_columns(text: str, expected: list[tuple[str | None, str]]) -> None:
    assert [(segment.source, segment.text) for segment in tabular.read_tsv(text)] == expected


TABLE = "id\tzh\tmt\tedited\n1\t两个维护\ttwo maintenances\tTwo Upholds\n"


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        pytest.param(TableOptions(), ("两个维护", "two maintenances"), id="defaults-take-the-first-english-column"),
        pytest.param(TableOptions(target_column="edited"), ("两个维护", "Two Upholds"), id="target-by-name"),
        pytest.param(TableOptions(target_column="EDITED"), ("两个维护", "Two Upholds"), id="name-ignores-case"),
        pytest.param(TableOptions(target_column=4), ("两个维护", "Two Upholds"), id="target-by-number"),
        pytest.param(TableOptions(target_column="4"), ("两个维护", "Two Upholds"), id="number-as-string"),
        pytest.param(TableOptions(source_column=1, target_column=3), ("1", "two maintenances"), id="source-by-number"),
    ],
)
def test_column_options(options: TableOptions, expected: tuple[str, str]) -> None:
    ((source, target),) = [(segment.source, segment.text) for segment in tabular.read_tsv(TABLE, options)]
    assert (source, target) == expected


@pytest.mark.parametrize(
    ("options", "message"),
    [
        pytest.param(TableOptions(target_column="english"), "no such column", id="unknown-name"),
        pytest.param(TableOptions(target_column=5), "the table has 4 columns", id="number-too-large"),
        pytest.param(TableOptions(target_column=0), "the table has 4 columns", id="number-zero"),
        pytest.param(TableOptions(source_column=3, target_column="mt"), "are the same", id="same-column"),
    ],
)
def test_bad_column_options_raise_input_error(options: TableOptions, message: str) -> None:
    with pytest.raises(InputError, match=message):
        tabular.read_tsv(TABLE, options)


def test_column_name_without_a_header_raises() -> None:
    with pytest.raises(InputError, match="no header row"):
        tabular.read_tsv("两个维护\ttwo maintenances\n", TableOptions(target_column="en"))


def test_csv_delimiter_is_guessed_or_given() -> None:
    semicolons = "zh;en\n两个维护;two maintenances, again\n"
    assert [segment.text for segment in tabular.read_segments(semicolons)] == ["two maintenances, again"]
    pipes = "zh|en\n两个维护|two maintenances\n"
    assert [segment.text for segment in tabular.read_segments(pipes, TableOptions(delimiter="|"))] == [
        "two maintenances"
    ]


def test_tsv_quotes_are_ordinary_characters() -> None:
    text = 'zh\ten\n两个维护\t"two maintenances"\n'
    (segment,) = tabular.read_tsv(text)
    assert segment.text == '"two maintenances"'
    assert_exact_offsets(text, segment, decode_csv_spelling)


@pytest.mark.parametrize(
    ("reader", "text", "line", "message"),
    [
        pytest.param(tabular.read_tsv, "zh\ten\n中\tA\n中\tB\textra\n", 3, "row has 3 cells", id="tsv-extra-cell"),
        pytest.param(tabular.read_tsv, "zh\ten\n中\tA\n\n中\n", 4, "row has 1 cells", id="tsv-missing-cell"),
        pytest.param(
            tabular.read_segments,
            'zh,en\n"中\n文","A\nB"\n中,A,x\n',
            5,
            "row has 3 cells",
            id="csv-ragged-after-multiline",
        ),
        pytest.param(tabular.read_segments, 'zh,en\n中,"two\n', 2, "unterminated quoted cell", id="unterminated"),
        pytest.param(tabular.read_segments, 'zh,en\n中,"two" x\n', 2, "after the closing quote", id="text-after"),
    ],
)
def test_malformed_tables_raise_input_error_with_line(
    reader: Callable[[str], list[Segment]], text: str, line: int, message: str
) -> None:
    with pytest.raises(InputError) as caught:
        reader(text)
    assert caught.value.line == line, caught.value
    assert message in caught.value.message


def test_empty_and_header_only_tables_have_no_segments() -> None:
    assert tabular.read_segments("") == []
    assert tabular.read_tsv("zh\ten\n") == []


def test_escape_functions() -> None:
    assert tabular.escape_csv_text('the "Two Upholds"') == 'the ""Two Upholds""'
    assert tabular.escape_csv_text("Two Upholds", quoted=False) == "Two Upholds"
    with pytest.raises(InputError, match="would need quoting"):
        tabular.escape_csv_text("one, two", quoted=False)
    assert tabular.escape_tsv_text('Two "Upholds"') == 'Two "Upholds"'
    for bad in ("a\tb", "a\nb"):
        with pytest.raises(InputError, match="TSV cell"):
            tabular.escape_tsv_text(bad)
