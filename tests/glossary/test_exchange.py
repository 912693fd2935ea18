"""Export to TBX, CSV and YAML and import back: round trips, other tools' TBX, and malformed input."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

import pytest

from tifa.errors import GlossaryError, UsageError
from tifa.glossary.build import slugify
from tifa.glossary.csv_format import CSV_COLUMNS
from tifa.glossary.exchange import (
    IMPORT_FORMATS,
    ExchangeFormat,
    ExportResult,
    ImportResult,
    export_glossary,
    format_for_path,
    import_glossary,
)
from tifa.glossary.load import Glossary, load_glossary
from tifa.glossary.schema import Confidence, Entry, Form

Carried = tuple[object, ...]


def _texts(forms: tuple[Form, ...]) -> tuple[str, ...]:
    return tuple(form.text for form in forms)


def carried(entry: Entry) -> Carried:
    """The fields TBX and CSV both carry (conditions on forms are not among them)."""
    return (
        entry.id,
        entry.zh,
        entry.en,
        entry.accept,
        _texts(entry.wrong),
        _texts(entry.wrong_if_source),
        _texts(entry.outdated),
        entry.category,
        entry.confidence,
        entry.source,
        entry.note,
    )


def _without_locations(entry: Entry) -> Entry:
    def strip(forms: tuple[Form, ...]) -> tuple[Form, ...]:
        return tuple(form._replace(line=None) for form in forms)

    return replace(
        entry,
        path="",
        line=0,
        wrong=strip(entry.wrong),
        wrong_if_source=strip(entry.wrong_if_source),
        outdated=strip(entry.outdated),
    )


def _load_file(path: Path) -> Glossary:
    loaded = load_glossary(shipped=[path])
    assert not loaded.errors, "\n".join(map(str, loaded.errors[:5]))
    return loaded.glossary


@pytest.fixture(scope="module")
def exports(shipped: Glossary) -> dict[ExchangeFormat, ExportResult]:
    return {output_format: export_glossary(shipped, output_format) for output_format in ExchangeFormat}


@pytest.fixture(scope="module")
def exported(
    exports: dict[ExchangeFormat, ExportResult], tmp_path_factory: pytest.TempPathFactory
) -> dict[ExchangeFormat, Path]:
    folder = tmp_path_factory.mktemp("exported")
    paths = {}
    for output_format, result in exports.items():
        path = folder / f"glossary.{output_format.value}"
        path.write_text(result.text, encoding="utf-8", newline="")
        paths[output_format] = path
    return paths


@pytest.fixture(scope="module")
def imported(exported: dict[ExchangeFormat, Path]) -> dict[ExchangeFormat, ImportResult]:
    return {output_format: import_glossary(exported[output_format]) for output_format in IMPORT_FORMATS}


def test_yaml_export_loads_back_identically(shipped: Glossary, exported: dict[ExchangeFormat, Path]) -> None:
    again = _load_file(exported[ExchangeFormat.YAML])
    assert [_without_locations(entry) for entry in again.entries] == [
        _without_locations(entry) for entry in shipped.entries
    ]
    assert again.contexts == shipped.contexts
    assert "context:\n" in exported[ExchangeFormat.YAML].read_text(encoding="utf-8")
    assert "- '@party'" in exported[ExchangeFormat.YAML].read_text(encoding="utf-8")


@pytest.mark.parametrize("exchange_format", [ExchangeFormat.TBX, ExchangeFormat.CSV])
def test_round_trip_keeps_every_carried_field(
    exchange_format: ExchangeFormat,
    shipped: Glossary,
    imported: dict[ExchangeFormat, ImportResult],
    tmp_path: Path,
) -> None:
    assert imported[exchange_format].warnings == ()
    output = tmp_path / "imported.yaml"
    output.write_text(imported[exchange_format].yaml_text, encoding="utf-8")
    again = _load_file(output)
    assert [carried(entry) for entry in again.entries] == [carried(entry) for entry in shipped.entries]
    assert all(not form.context and form.until is None for entry in again.entries for form in entry.forms)


def test_tbx_carries_expand_as_definition(shipped: Glossary, imported: dict[ExchangeFormat, ImportResult]) -> None:
    assert [entry.expand for entry in imported[ExchangeFormat.TBX].entries] == [
        entry.expand for entry in shipped.entries
    ]


def test_exports_say_that_conditions_are_not_carried(
    shipped: Glossary, exports: dict[ExchangeFormat, ExportResult]
) -> None:
    conditioned = sum(1 for entry in shipped.entries for form in entry.forms if form.context or form.until)
    assert conditioned > 0
    for output_format in IMPORT_FORMATS:
        (warning,) = exports[output_format].warnings
        assert "cannot carry conditions" in warning.message
    tbx = exports[ExchangeFormat.TBX].text
    assert "TBX cannot carry tifa's conditions on forms" in tbx
    assert "tifa condition, not carried by TBX: only in a sentence with one of: Party" in tbx
    assert exports[ExchangeFormat.YAML].warnings == ()


def test_tbx_export_has_the_tbx_basic_structure(exported: dict[ExchangeFormat, Path]) -> None:
    tbx = exported[ExchangeFormat.TBX].read_text(encoding="utf-8")
    assert tbx.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX-Basic" xml:lang="en">')
    assert '<termEntry id="two-upholds">' in tbx
    assert '<termEntry id="_1992-consensus">' in tbx  # an XML ID cannot start with a digit
    for status in ("preferredTerm", "admittedTerm", "deprecatedTerm", "supersededTerm"):
        assert f'<termNote type="administrativeStatus">{status}-admn-sts</termNote>' in tbx
    assert '<descrip type="subjectField">numbered-formulations</descrip>' in tbx
    assert '<langSet xml:lang="zh">' in tbx and '<langSet xml:lang="en">' in tbx
    assert "<note>confidence: high</note>" in tbx


def test_csv_export_header_and_list_separator(exported: dict[ExchangeFormat, Path]) -> None:
    rows = list(csv.DictReader(io.StringIO(exported[ExchangeFormat.CSV].read_text(encoding="utf-8"), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert CSV_COLUMNS[:10] == (
        "id",
        "zh",
        "en",
        "accept",
        "wrong",
        "outdated",
        "category",
        "confidence",
        "source",
        "note",
    )
    two_upholds = next(row for row in rows if row["id"] == "two-upholds")
    assert two_upholds["zh"] == "两个维护"
    assert "two maintenances | two maintenance" in two_upholds["wrong"]


def test_csv_export_refuses_a_form_with_the_separator() -> None:
    entry = Entry("x", ("样",), "sample", "test", "Test.", Confidence.HIGH, accept=("a|b",), path="g.yaml", line=3)
    with pytest.raises(GlossaryError, match=r"contains '\|'") as caught:
        export_glossary(Glossary((entry,)), ExchangeFormat.CSV)
    assert str(caught.value).startswith("g.yaml:3: ")


THIRD_PARTY_TBX = """\
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="en-US">
  <martifHeader><fileDesc><sourceDesc><p>A client termbase</p></sourceDesc></fileDesc></martifHeader>
  <text>
    <body>
      <termEntry id="TE-0001">
        <descrip type="subjectField">Party Building</descrip>
        <langSet xml:lang="zh-CN">
          <tig><term>两个确立</term></tig>
        </langSet>
        <langSet xml:lang="en-GB">
          <ntig>
            <termGrp>
              <term>two confirmations</term>
              <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
            </termGrp>
          </ntig>
          <ntig>
            <termGrp>
              <term>Two Establishments</term>
              <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
            </termGrp>
            <admin type="source">Client style guide, 2024</admin>
          </ntig>
        </langSet>
        <langSet xml:lang="de"><tig><term>Zwei Festlegungen</term></tig></langSet>
      </termEntry>
      <termEntry>
        <langSet xml:lang="zh-Hans"><tig><term>新质生产力</term></tig></langSet>
        <langSet xml:lang="en-US">
          <tig><term>new quality productive forces</term></tig>
          <tig>
            <term>new qualitative productivity</term>
            <termNote type="normativeAuthorization">supersededTerm</termNote>
          </tig>
        </langSet>
      </termEntry>
      <termEntry id="c3">
        <langSet xml:lang="en"><tig><term>orphan</term></tig></langSet>
      </termEntry>
    </body>
  </text>
</martif>
"""


def test_imports_a_third_party_tbx(tmp_path: Path) -> None:
    path = tmp_path / "Client Terms.tbx"
    path.write_text(THIRD_PARTY_TBX, encoding="utf-8")
    imported = import_glossary(path)
    first, second = imported.entries
    assert (first.id, first.zh, first.en, _texts(first.wrong)) == (
        "two-establishments",  # a record number is no id to read: the English rendering makes one
        ("两个确立",),
        "Two Establishments",
        ("two confirmations",),
    )
    assert (first.category, first.source, first.confidence) == (
        "party-building",
        "Client style guide, 2024",
        Confidence.LOW,
    )
    assert (second.id, second.en, _texts(second.outdated)) == (
        "new-quality-productive-forces",
        "new quality productive forces",
        ("new qualitative productivity",),
    )
    assert second.category == "client-terms"
    assert "gives no source" in second.source
    (warning,) = imported.warnings
    assert str(warning) == f"{path}:39: entry left out: it has no Chinese term"
    output = tmp_path / "out.yaml"
    output.write_text(imported.yaml_text, encoding="utf-8")
    assert len(_load_file(output).entries) == 2


TBX_V3 = """\
<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <text><body>
    <conceptEntry id="whole-process-peoples-democracy">
      <langSec xml:lang="zh"><termSec><term>全过程人民民主</term></termSec></langSec>
      <langSec xml:lang="en">
        <termSec>
          <term>whole-process people's democracy</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
        </termSec>
        <termSec>
          <term>full-process people's democracy</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
        </termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""


def test_imports_tbx_v3(tmp_path: Path) -> None:
    path = tmp_path / "v3.tbx"
    path.write_text(TBX_V3, encoding="utf-8")
    (entry,) = import_glossary(path).entries
    assert (entry.id, entry.en, _texts(entry.wrong)) == (
        "whole-process-peoples-democracy",
        "whole-process people's democracy",
        ("full-process people's democracy",),
    )


def test_import_settles_duplicate_ids_and_contradicting_forms(tmp_path: Path) -> None:
    path = tmp_path / "terms.csv"
    path.write_text(
        "id,zh,en,wrong\n"
        "sample,样例,sample rendering,bad sample\n"
        "sample,样本,other rendering,sample rendering | bad sample\n",
        encoding="utf-8",
    )
    imported = import_glossary(path)
    assert [entry.id for entry in imported.entries] == ["sample", "sample-2"]
    assert imported.entries[1].wrong == ()
    messages = [str(warning) for warning in imported.warnings]
    assert messages == [
        f"{path}:3: id 'sample' is already used by the entry at line 2: this one is 'sample-2'",
        f"{path}:3: entry 'sample-2': the flagged term 'sample rendering' is left out: it is a correct rendering in "
        "entry 'sample'",
        f"{path}:3: entry 'sample-2': the flagged term 'bad sample' is left out: entry 'sample' already lists it",
    ]


def test_csv_import_minimal_columns_bom_and_multiline_cells(tmp_path: Path) -> None:
    path = tmp_path / "mini.csv"
    text = (
        '\ufeffZH, En ,note\n两个维护,Two Upholds,"two lines\nof note"\n\n新质生产力,new quality productive forces,\n'
    )
    path.write_bytes(text.encode())
    first, second = import_glossary(path).entries
    assert (first.id, first.en, first.note, first.line) == ("two-upholds", "Two Upholds", "two lines\nof note", 2)
    assert (second.id, second.line) == ("new-quality-productive-forces", 5)


BAD_TBX = {
    "not XML": ("<martif>\n<text>\n</martif>\n", 3, "invalid XML: mismatched tag"),
    "not TBX": ('<?xml version="1.0"?>\n<xliff version="1.2"/>\n', 2, "not a TBX file: the root element is <xliff>"),
    "entity bomb": (
        '<?xml version="1.0"?>\n<!DOCTYPE martif [\n <!ENTITY a "aaaaaaaaaa">\n'
        ' <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n<martif><text><body/></text></martif>\n',
        3,
        "the file declares XML entities",
    ),
    "external entity": (
        '<?xml version="1.0"?>\n<!DOCTYPE martif [\n<!ENTITY x SYSTEM "file:///etc/passwd">\n]>\n<martif>&x;</martif>\n',
        3,
        "the file declares XML entities",
    ),
    "empty": ("", 1, "invalid XML: no element found"),
}


@pytest.mark.parametrize("name", BAD_TBX)
def test_malformed_tbx_is_a_glossary_error_at_file_line(name: str, tmp_path: Path) -> None:
    text, line, message = BAD_TBX[name]
    path = tmp_path / "bad.tbx"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GlossaryError) as caught:
        import_glossary(path)
    assert str(caught.value).startswith(f"{path}:{line}: {message}")


BAD_CSV = {
    "no required columns": ("id,english\nx,y\n", 1, "unknown column(s) 'english'"),
    "missing en": ("id,zh\nx,样\n", 1, "the header row lacks the required column(s) en"),
    "ragged row": ("zh,en\n样,sample\n样,sample,extra\n", 3, "the row has 3 fields, the header 2"),
    "short row": ("zh,en,note\n\n样,sample\n", 3, "the row has 2 fields, the header 3"),
    "repeated column": ("zh,en,zh\n", 1, "column(s) 'zh' given twice"),
    "bad confidence": ("zh,en,confidence\n样,sample,sure\n", 2, "confidence must be high, medium or low"),
    "empty": ("\n\n", 1, "the CSV file is empty"),
    "bad quoting": ('zh,en\n样,"sample\n', 2, "invalid CSV"),
}


@pytest.mark.parametrize("name", BAD_CSV)
def test_malformed_csv_is_a_glossary_error_at_file_line(name: str, tmp_path: Path) -> None:
    text, line, message = BAD_CSV[name]
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GlossaryError) as caught:
        import_glossary(path)
    assert str(caught.value).startswith(f"{path}:{line}: {message}")


def test_csv_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "gbk.csv"
    path.write_bytes("zh,en\n两个维护,Two Upholds\n".encode("gbk"))
    with pytest.raises(GlossaryError, match=r":2: not valid UTF-8"):
        import_glossary(path)


def test_format_by_suffix() -> None:
    assert format_for_path("a.TBX") is ExchangeFormat.TBX
    assert format_for_path("a.yml") is ExchangeFormat.YAML
    with pytest.raises(UsageError, match="use --format"):
        format_for_path("terms.xlsx")


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Xi Jinping's Thought", "xi-jinpings-thought"),
        ("Two Upholds", "two-upholds"),
        ("  --Café  Société-- ", "cafe-societe"),
        ("两个维护", ""),
        ("word " * 30, ("word-" * 13)[:-1]),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_tbx_keeps_line_breaks_in_notes_and_zh_order(tmp_path: Path) -> None:
    entry = Entry("sample", ("样例", "樣例"), "sample", "test", "Test.", Confidence.MEDIUM, note="line one\nline two")
    path = tmp_path / "notes.tbx"
    path.write_text(export_glossary(Glossary((entry,)), ExchangeFormat.TBX).text, encoding="utf-8")
    (again,) = import_glossary(path).entries
    assert (again.note, again.zh, again.confidence) == ("line one\nline two", ("样例", "樣例"), Confidence.MEDIUM)
