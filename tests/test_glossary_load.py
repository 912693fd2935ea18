"""The glossary loader validates every field and names file:line for each problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import MINI_GLOSSARY
from tifa.glossary.load import load_glossary

VALID_ENTRY = """\
  - id: sample-entry
    zh: 样例
    en: sample rendering
    wrong: [bad sample]
    category: test
    confidence: high
    source: Test data.
"""


def _errors(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "user.yaml"
    path.write_text(text, encoding="utf-8")
    return [str(error) for error in load_glossary(shipped=[], extra=[path]).errors]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("entries:\n" + VALID_ENTRY + "    colour: red\n", "user.yaml:9: entry: unknown key 'colour'"),
        (
            "entries:\n  - id: x\n    zh: 样\n    en: y\n",
            "user.yaml:2: entry is missing required field(s): category, source, confidence",
        ),
        ("entries:\n" + VALID_ENTRY + VALID_ENTRY, "user.yaml:9: duplicate id 'sample-entry' (first defined at"),
        (
            "entries:\n" + VALID_ENTRY.replace("sample-entry", "Sample_Entry"),
            "user.yaml:2: id 'Sample_Entry' must be kebab-case",
        ),
        (
            "entries:\n" + VALID_ENTRY.replace("en: sample rendering", "en: ''"),
            "user.yaml:4: entry 'sample-entry': en must not be empty",
        ),
        (
            "entries:\n" + VALID_ENTRY.replace("confidence: high", "confidence: sure"),
            "user.yaml:7: entry 'sample-entry': confidence must be",
        ),
        (
            "entries:\n" + VALID_ENTRY.replace("[bad sample]", "[Sample-Rendering]"),
            "user.yaml:5: entry 'sample-entry': wrong form 'Sample-Rendering' is a correct rendering in this entry",
        ),
        (
            "entries:\n" + VALID_ENTRY.replace("[bad sample]", "[{form: bad sample, colour: red}]"),
            "user.yaml:5: a form in entry 'sample-entry': wrong: unknown key 'colour'",
        ),
        (
            "entries:\n" + VALID_ENTRY.replace("[bad sample]", "[{form: bad sample, context: ['@nowhere']}]"),
            "user.yaml:5: entry 'sample-entry': unknown context set '@nowhere'",
        ),
        (
            "entries:\n" + VALID_ENTRY.replace("[bad sample]", "[{form: bad sample, until: 2015}]"),
            "'until' is only allowed on outdated forms",
        ),
        ("entries: [\n", "user.yaml:2: invalid YAML"),
        ("- just a string\n", "user.yaml:1: entry must be a mapping"),
        ("title: x\n", "user.yaml:1: glossary file: unknown key 'title'"),
        (
            "entries:\n" + VALID_ENTRY.replace("replace", "x") + "    replace: yes please\n",
            "replace must be true or false",
        ),
    ],
)
def test_invalid_glossary_is_reported_with_file_and_line(tmp_path: Path, text: str, expected: str) -> None:
    errors = _errors(tmp_path, text)
    assert any(expected in error for error in errors), errors


def test_valid_glossary_loads_without_errors(tmp_path: Path) -> None:
    assert _errors(tmp_path, "entries:\n" + VALID_ENTRY) == []


def test_zh_may_be_a_string_or_a_list(tmp_path: Path) -> None:
    path = tmp_path / "user.yaml"
    path.write_text("entries:\n" + VALID_ENTRY.replace("zh: 样例", "zh: [样例, 樣例]"), encoding="utf-8")
    loaded = load_glossary(shipped=[], extra=[path])
    assert loaded.glossary.entries[0].zh == ("样例", "樣例")


def test_user_entry_overrides_shipped_entry_with_the_same_id(tmp_path: Path) -> None:
    path = tmp_path / "user.yaml"
    path.write_text(
        "entries:\n"
        + VALID_ENTRY.replace("sample-entry", "two-upholds").replace("sample rendering", "Two Upholds (house style)"),
        encoding="utf-8",
    )
    loaded = load_glossary(shipped=[MINI_GLOSSARY], extra=[path])
    assert not loaded.errors
    assert loaded.glossary.by_id()["two-upholds"].en == "Two Upholds (house style)"


def test_disabled_entries_are_dropped() -> None:
    loaded = load_glossary(shipped=[MINI_GLOSSARY], disabled=["two-upholds"])
    assert "two-upholds" not in loaded.glossary.by_id()


def test_a_user_entry_wins_over_the_shipped_forms_it_lists(tmp_path: Path) -> None:
    path = tmp_path / "user.yaml"
    path.write_text("entries:\n" + VALID_ENTRY.replace("[bad sample]", "[two maintenances]"), encoding="utf-8")
    loaded = load_glossary(shipped=[MINI_GLOSSARY], extra=[path])
    assert loaded.errors == []
    entries = loaded.glossary.by_id()
    assert "two maintenances" in [form.text for form in entries["sample-entry"].wrong]
    assert "two maintenances" not in [form.text for form in entries["two-upholds"].wrong]
    (taken,) = loaded.given_way
    assert (taken.user.id, taken.shipped.id, taken.phrase) == ("sample-entry", "two-upholds", "two maintenances")


def test_a_user_entry_flagging_a_shipped_standard_rendering_leaves_that_entry_out(tmp_path: Path) -> None:
    path = tmp_path / "user.yaml"
    path.write_text("entries:\n" + VALID_ENTRY.replace("[bad sample]", "[Two Upholds]"), encoding="utf-8")
    loaded = load_glossary(shipped=[MINI_GLOSSARY], extra=[path])
    assert loaded.errors == []
    assert "two-upholds" not in loaded.glossary.by_id()


def test_two_user_entries_claiming_one_wrong_form_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "user.yaml"
    second = VALID_ENTRY.replace("sample-entry", "other-entry").replace("sample rendering", "other rendering")
    path.write_text("entries:\n" + VALID_ENTRY + second, encoding="utf-8")
    errors = [str(error) for error in load_glossary(shipped=[MINI_GLOSSARY], extra=[path]).errors]
    assert any("form 'bad sample' is also listed by entry 'sample-entry'" in error for error in errors), errors


def test_missing_glossary_file_is_an_error(tmp_path: Path) -> None:
    errors = [str(e) for e in load_glossary(shipped=[], extra=[tmp_path / "nope.yaml"]).errors]
    assert errors and "nope.yaml: cannot read glossary" in errors[0]
