"""XLIFF reader: 1.2 and 2.0 targets, sources, inline tags, entities, exact offsets and hardened parsing."""

from __future__ import annotations

import html
import json
import re
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.conftest import DATA
from tests.formats.offsets import assert_exact_offsets
from tifa import run as run_module
from tifa.cli import app
from tifa.errors import InputError
from tifa.formats import read_document, xliff

runner = CliRunner()
SAMPLE_12 = DATA / "formats" / "sample.xlf"
SAMPLE_20 = DATA / "formats" / "sample-2.0.xlf"
_TAGS = re.compile(r"<[^!>][^>]*>(?:.*>)?", re.DOTALL)  # one or more tags, with the code between them


def decode_xml_spelling(spelling: str) -> str:
    """Turn an XML spelling (a character, a reference, a line break, or the tags of a separator) into its character."""
    if len(spelling) == 1:
        return "\n" if spelling == "\r" else spelling
    if spelling.startswith("<cp "):
        code = re.search(r'hex="([0-9A-Fa-f]+)"', spelling)
        assert code is not None, spelling
        return chr(int(code.group(1), 16))
    if spelling.startswith("<"):
        assert _TAGS.fullmatch(spelling), spelling
        return xliff.SEPARATOR
    if spelling == "\r\n":
        return "\n"
    if spelling.startswith("&"):
        return str(html.unescape(spelling))
    raise AssertionError(f"unexpected spelling {spelling!r}")


def wrap_12(units: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '<file original="t" source-language="zh-CN" target-language="en" datatype="plaintext"><body>\n'
        f"{units}\n</body></file></xliff>\n"
    )


def unit_12(target: str, source: str = "两个维护", unit_id: str = "1") -> str:
    return f'<trans-unit id="{unit_id}"><source>{source}</source><target>{target}</target></trans-unit>'


def read_one(target: str, source: str = "两个维护") -> tuple[str, str]:
    text = wrap_12(unit_12(target, source))
    (segment,) = xliff.read_segments(text)
    assert_exact_offsets(text, segment, decode_xml_spelling)
    return segment.text, segment.source or ""


def test_xliff_12_sample_targets_sources_and_units() -> None:
    text = SAMPLE_12.read_text(encoding="utf-8")
    segments = xliff.read_segments(text)
    assert [(segment.unit, segment.text, segment.source) for segment in segments] == [
        ("title", "Notice on Doing a Good Job in Work Safety in Winter", "关于做好冬季安全生产工作的通知"),
        (
            "p1",
            "Party organizations at all levels must resolutely achieve the “two maintenances” & stay united.",
            "全县各级党组织要坚决做到“两个维护”。",
        ),
        (
            "p2",
            "Advance the county practice of  Chinese-style modernization .",
            "推进中国式现代化的县域实践。",
        ),
        (
            "p3",
            "Leader cadres must lead by example <and> set an example and set an example.",
            "领导干部要以身作则。",
        ),
    ]  # the alt-trans target and the empty target of p4 are not segments
    for segment in segments:
        assert_exact_offsets(text, segment, decode_xml_spelling)


def test_xliff_20_sample_segments_skip_ignorables() -> None:
    text = SAMPLE_20.read_text(encoding="utf-8")
    segments = xliff.read_segments(text)
    assert [(segment.unit, segment.text, segment.source) for segment in segments] == [
        ("u1", 'Resolutely achieve the "two maintenances".', "坚决做到“两个维护”。"),
        ("u1", "Advance Chinese-style modernization .", "推进中国式现代化。"),
        (
            "u2",
            "Exercise full and rigorous governance over the Party  and advance the Party's self-revolution .",
            "全面从严治党，推进党的自我革命。",
        ),
    ]
    for segment in segments:
        assert_exact_offsets(text, segment, decode_xml_spelling)


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        pytest.param('the <g id="1">two maintenances</g>', "the two maintenances", id="g-is-transparent"),
        pytest.param('two<g id="1">main</g>tenances', "twomaintenances", id="g-inside-a-word"),
        pytest.param('the two<x id="1"/>maintenances', "the two maintenances", id="x-separates"),
        pytest.param('two<bx id="1"/>maintenances<ex id="1"/>!', "two maintenances !", id="bx-ex-separate"),
        pytest.param('two<ph id="1">{0}</ph>maintenances', "two maintenances", id="ph-content-is-code"),
        pytest.param('a<bpt id="1">&lt;b&gt;</bpt>b<ept id="1">&lt;/b&gt;</ept>c', "a b c", id="bpt-ept"),
        pytest.param('a<it id="1" pos="open">&lt;i&gt;</it>b', "a b", id="it"),
        pytest.param('a<x id="1"/><x id="2"/>b', "a b", id="adjacent-tags-one-separator"),
        pytest.param('<x id="1"/>leading and trailing<x id="2"/>', "leading and trailing", id="edges-dropped"),
        pytest.param('a <mrk mtype="term">term</mrk> b', "a term b", id="mrk-transparent"),
        pytest.param("&amp; &lt; &gt; &quot; &apos;", "& < > \" '", id="predefined-entities"),
        pytest.param("&#x4E2D;&#22269; &#X41;".replace("&#X41;", "&#x41;"), "中国 A", id="character-references"),
        pytest.param("<![CDATA[a <b> & c]]>", "a <b> & c", id="cdata"),
        pytest.param("line one\r\nline two\rthree", "line one\nline two\nthree", id="xml-line-ends"),
        pytest.param("text <!-- a comment --> more", "text  more", id="comment-skipped"),
    ],
)
def test_inline_markup_entities_and_mapping(target: str, expected: str) -> None:
    assert read_one(target)[0] == expected


def test_source_drops_inline_tags_and_code_content() -> None:
    assert read_one("x", source='做到<g id="1">两个</g><ph id="2">{0}</ph>维护<x id="3"/>')[1] == "做到两个维护"


def test_separator_maps_to_the_span_of_the_tags() -> None:
    text = wrap_12(unit_12('two<x id="1"/> <x id="2"/>main<ph id="3">&lt;br/&gt;</ph>tenances'))
    (segment,) = xliff.read_segments(text)
    assert segment.text == "two   main tenances"
    spans = [text[start:end] for start, end in zip(segment.char_starts or (), segment.char_ends or (), strict=True)]
    assert spans[3] == '<x id="1"/>'
    assert spans[5] == '<x id="2"/>'
    assert spans[10] == '<ph id="3">&lt;br/&gt;</ph>'


def test_xliff_20_code_point_element() -> None:
    text = (
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh" trgLang="en">'
        '<file id="f"><unit id="u"><segment><source>响铃</source><target>bell<cp hex="0007"/>!</target>'
        "</segment></unit></file></xliff>"
    )
    (segment,) = xliff.read_segments(text)
    assert segment.text == "bell\x07!"
    assert_exact_offsets(text, segment, decode_xml_spelling)


def test_prefixed_xliff_namespace_and_foreign_elements() -> None:
    text = (
        '<x:xliff xmlns:x="urn:oasis:names:tc:xliff:document:1.2" xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0"'
        ' version="1.2"><x:file original="a" source-language="zh" target-language="en" datatype="x"><x:body>'
        '<x:trans-unit id="7"><x:source>两个维护</x:source><sdl:seg-defs><sdl:seg id="1"/></sdl:seg-defs>'
        '<x:target><x:mrk mtype="seg" mid="1">the two maintenances</x:mrk></x:target></x:trans-unit>'
        "</x:body></x:file></x:xliff>"
    )
    (segment,) = xliff.read_segments(text)
    assert (segment.unit, segment.text, segment.source) == ("7", "the two maintenances", "两个维护")
    assert_exact_offsets(text, segment, decode_xml_spelling)


def test_matches_elementtree_text_apart_from_separators() -> None:
    for sample in (SAMPLE_12, SAMPLE_20):
        text = sample.read_text(encoding="utf-8")
        root = xliff.parse_safely(text)
        targets = [
            element for element in root.iter() if element.tag.endswith("}target") and xliff.plain_text(element).strip()
        ]
        segments = xliff.read_segments(text)
        by_tree = [xliff.plain_text(target) for target in targets]
        for segment in segments:
            spans = zip(segment.char_starts or (), segment.char_ends or (), strict=True)
            without_separators = "".join(
                char
                for char, (start, end) in zip(segment.text, spans, strict=True)
                if not (end - start > 1 and text[start] == "<")
            )
            assert without_separators in by_tree


def test_units_without_id_are_named_by_line() -> None:
    text = wrap_12("<trans-unit><source>源</source><target>text</target></trans-unit>")
    assert [segment.unit for segment in xliff.read_segments(text)] == ["line 4"]


def test_utf16_file_with_encoding_declaration(tmp_path: Path) -> None:
    text = wrap_12(unit_12("the two maintenances")).replace("UTF-8", "UTF-16")
    document = read_document(str(tmp_path / "a.xlf"), text.encode("utf-16"))
    assert [segment.text for segment in document.segments] == ["the two maintenances"]


BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE xliff [\n <!ENTITY lol "lol">\n'
    + "".join(f' <!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">\n' for level in range(2, 10)).replace(
        "&lol1;", "&lol;"
    )
    + ']>\n<xliff version="1.2"><file><body><trans-unit id="1"><source>a</source><target>&lol9;</target>'
    "</trans-unit></body></file></xliff>\n"
)


def test_entity_expansion_bomb_is_rejected_quickly() -> None:
    started = time.perf_counter()
    with pytest.raises(InputError) as caught:
        xliff.read_segments(BOMB)
    assert time.perf_counter() - started < 1.0
    assert caught.value.line == 2
    assert "entity" in caught.value.message


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        pytest.param(wrap_12(unit_12("a <b>bold</c>")), 4, "invalid XML: mismatched tag", id="mismatched-tag"),
        pytest.param(wrap_12(unit_12("a &nbsp; b")), 4, "invalid XML: undefined entity", id="undefined-entity"),
        pytest.param(wrap_12(unit_12("a & b")), 4, "invalid XML", id="bare-ampersand"),
        pytest.param(wrap_12(unit_12("a")).rsplit("</body>", 1)[0], 5, "invalid XML", id="truncated"),
        pytest.param("", 1, "invalid XML: no element found", id="empty-file"),
        pytest.param('<?xml version="1.0"?>\n<html><body/></html>', 1, "not an XLIFF document", id="not-xliff"),
        pytest.param(
            '<?xml version="1.0"?>\n<!-- x -->\n<!DOCTYPE xliff SYSTEM "file:///etc/passwd">\n<xliff/>',
            3,
            "DTDs and entity declarations are not accepted",
            id="external-dtd",
        ),
        pytest.param(
            '<!DOCTYPE x [<!ENTITY big "' + "A" * 1000 + '">]>\n<xliff>' + "&big;" * 1000 + "</xliff>",
            1,
            "not accepted",
            id="quadratic-blowup",
        ),
    ],
)
def test_bad_xliff_raises_input_error_with_line(text: str, line: int, message: str) -> None:
    with pytest.raises(InputError) as caught:
        xliff.read_segments(text)
    assert caught.value.line == line, caught.value
    assert message in caught.value.message


def test_escape_text_escapes_markup_characters() -> None:
    assert xliff.escape_text("R&D <b> > a") == "R&amp;D &lt;b&gt; &gt; a"
    assert xliff.escape_text("Two Upholds") == "Two Upholds"


_PIECES = st.sampled_from(
    [
        "two",
        " ",
        "maintenances",
        "中",
        "&amp;",
        "&lt;",
        "&#x4E2D;",
        "&#65;",
        "\r\n",
        "\n",
        "<![CDATA[<a&b>]]>",
        "<!-- note -->",
        '<x id="1"/>',
        '<bx id="2"/>',
        '<ph id="3">&lt;br/&gt;</ph>',
        '<bpt id="4">[b]</bpt>',
        '<ept id="4">[/b]</ept>',
        '<g id="5">the</g>',
        '<g id="6"><x id="7"/>nested<mrk mtype="x">marked</mrk></g>',
    ]
)


@settings(max_examples=200, deadline=None)
@given(pieces=st.lists(_PIECES, max_size=12))
def test_random_targets_map_exactly_and_agree_with_elementtree(pieces: list[str]) -> None:
    text = wrap_12(unit_12("".join(pieces)))
    segments = xliff.read_segments(text)
    root = xliff.parse_safely(text)
    (target,) = [element for element in root.iter() if element.tag.endswith("}target")]
    expected = xliff.plain_text(target)
    if not segments:
        assert not expected.strip()
        return
    (segment,) = segments
    assert_exact_offsets(text, segment, decode_xml_spelling)
    assert segment.char_starts is not None and segment.char_ends is not None
    kept = "".join(
        char
        for char, start, end in zip(segment.text, segment.char_starts, segment.char_ends, strict=True)
        if not (end - start > 1 and text[start] == "<")
    )
    assert kept == expected  # the separators are the only characters ElementTree does not have


# A fix must never write over XLIFF markup: a replacement spanning an inline tag or a
# placeholder would delete it (and could leave the file malformed).
MARKUP_UNITS = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="zh-CN" target-language="en" datatype="plaintext" original="t.txt">
    <body>
      <trans-unit id="1">
        <source>坚决做到<g id="1">“两个维护”</g></source>
        <target>We must resolutely achieve the <g id="1">two</g> maintenances.</target>
      </trans-unit>
      <trans-unit id="2">
        <source>推进中国式<x id="2"/>现代化</source>
        <target>Advance Chinese-style<x id="2"/>modernization.</target>
      </trans-unit>
      <trans-unit id="3">
        <source>推进<g id="3">中国式现代化</g></source>
        <target>Advance <g id="3">Chinese-style modernization</g> now.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def test_fixes_never_write_over_inline_markup(tmp_path: Path) -> None:
    path = tmp_path / "units.xlf"
    path.write_text(MARKUP_UNITS, encoding="utf-8")
    checked = runner.invoke(app, ["check", "--format", "json", str(path)])
    findings = json.loads(checked.stdout)
    assert [(f["line"], f["fix"] is not None) for f in findings] == [(7, False), (11, False), (15, True)]

    fixed = runner.invoke(app, ["check", "--fix", "--unsafe-fixes", str(path)])
    assert fixed.exit_code == 1, fixed.output
    expected = MARKUP_UNITS.replace('<g id="3">Chinese-style modernization</g>', '<g id="3">Chinese modernization</g>')
    assert path.read_text(encoding="utf-8") == expected
    ElementTree.fromstring(path.read_bytes())  # still well-formed


def test_fixed_text_that_cannot_be_read_again_is_never_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "units.xlf"
    path.write_text(MARKUP_UNITS, encoding="utf-8")
    # A fixer bug that would write markup into a target: the file must stay as it was.
    monkeypatch.setattr(run_module, "escape_for_span", lambda document, span, text: "</broken>")
    result = runner.invoke(app, ["check", "--fix", str(path)])
    assert result.exit_code == 2
    assert f"tifa: {path}: left unchanged: the fixed text could not be read again" in result.stderr
    assert path.read_text(encoding="utf-8") == MARKUP_UNITS
    assert "TF101" in result.stdout  # its findings are still reported


NOT_FOR_TRANSLATION_12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="zh-CN" target-language="en" datatype="plaintext" original="t.txt">
    <body>
      <trans-unit id="kept-name" translate="no">
        <source>two maintenances</source>
        <target>two maintenances</target>
      </trans-unit>
      <group id="code" translate="no">
        <trans-unit id="in-group">
          <source>two maintenances</source>
          <target>two maintenances</target>
        </trans-unit>
        <trans-unit id="back-on" translate="yes">
          <source>两个维护</source>
          <target>the two maintenances</target>
        </trans-unit>
      </group>
      <trans-unit id="ordinary">
        <source>两个维护</source>
        <target>They upheld the two maintenances.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""
NOT_FOR_TRANSLATION_20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh-CN" trgLang="en">
  <file id="f1" translate="no">
    <unit id="u1"><segment><source>两个维护</source><target>two maintenances</target></segment></unit>
  </file>
  <file id="f2">
    <unit id="u2" translate="no"><segment><source>两个维护</source><target>two maintenances</target></segment></unit>
    <unit id="u3"><segment><source>两个维护</source><target>the two maintenances</target></segment></unit>
  </file>
</xliff>
"""


@pytest.mark.parametrize(
    ("text", "checked_units"),
    [(NOT_FOR_TRANSLATION_12, ["back-on", "ordinary"]), (NOT_FOR_TRANSLATION_20, ["u3"])],
    ids=["xliff-1.2", "xliff-2.0"],
)
def test_units_not_for_translation_are_not_checked(text: str, checked_units: list[str]) -> None:
    segments = xliff.read_segments(text)
    assert [segment.unit for segment in segments] == checked_units
