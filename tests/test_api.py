"""The library API: tifa.Linter and the shared default, findings as dicts, pickling, typed errors."""

from __future__ import annotations

import ast
import json
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

import tifa
from tests.conftest import ROOT
from tifa.api import FINDING_KEYS, Finding, GlossaryError, InputError, Linter, UsageError
from tifa.cli import app

EXAMPLES = ROOT / "examples"
EXAMPLE = EXAMPLES / "county-office-meeting.mt.txt"
EXAMPLE_PO = EXAMPLES / "county-office-meeting.po"
SENTENCE = "We must resolutely achieve the two maintenances and advance Chinese-style modernization."
HOUSE_GLOSSARY = """\
entries:
  - id: county-convergence-media-centre
    zh: 县级融媒体中心
    en: county-level integrated media centre
    wrong: [county fusion media center]
    category: governance
    confidence: high
    replace: true
    source: "A house style for the tests."
"""
HOUSE_SENTENCE = "The county fusion media center will report the two maintenances."


@pytest.fixture(scope="module")
def house_glossary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A house glossary, compiled once for the module (tests that edit it make their own)."""
    path = tmp_path_factory.mktemp("house") / "house.yaml"
    path.write_text(HOUSE_GLOSSARY, encoding="utf-8")
    return path


def _cli_json(*args: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(app, ["check", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    objects: list[dict[str, object]] = json.loads(result.stdout)
    return objects


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


def test_lint_text_locates_findings_as_the_json_output_does(linter: Linter) -> None:
    findings = linter.lint_text(SENTENCE)
    assert [(finding.code, finding.column, finding.end_column) for finding in findings] == [
        ("TF101", 32, 48),
        ("TF101", 61, 88),
    ]
    assert findings[0].suggestions == ("Two Upholds",) and findings[0].applicability == "safe"
    assert findings[0].path == "<text>" and linter.lint_text(SENTENCE, path="a.txt")[0].path == "a.txt"
    assert linter.lint_text("Official English: the Two Upholds and Chinese modernization.") == []


def test_lint_path_gives_exactly_the_json_report(linter: Linter) -> None:
    for path in (EXAMPLE, EXAMPLE_PO):
        assert [finding.to_dict() for finding in linter.lint_path(str(path))] == _cli_json(str(path))


def test_lint_path_of_a_folder_gives_every_file(linter: Linter, tmp_path: Path) -> None:
    for name in ("a.mt.txt", "b.po"):
        (tmp_path / name).write_bytes((EXAMPLE if name.endswith(".txt") else EXAMPLE_PO).read_bytes())
    dicts = [finding.to_dict() for finding in linter.lint_path(tmp_path)]
    assert dicts == _cli_json(str(tmp_path))
    assert {item["path"] for item in dicts} == {str(tmp_path / "a.mt.txt"), str(tmp_path / "b.po")}


def test_lint_text_reads_each_format(linter: Linter) -> None:
    po_text = EXAMPLE_PO.read_text(encoding="utf-8")
    from_text = linter.lint_text(po_text, format="po", path=str(EXAMPLE_PO))
    assert from_text == linter.lint_path(str(EXAMPLE_PO))
    assert linter.lint_text(EXAMPLE.read_bytes()) == linter.lint_text(EXAMPLE.read_text(encoding="utf-8"))


def test_a_source_makes_a_source_only_form_fire(linter: Linter) -> None:
    text = "The country will keep food safety firmly in its own hands."
    assert linter.lint_text(text) == []
    with_source = linter.lint_text(text, source="把粮食安全牢牢掌握在自己手中。")
    assert [finding.code for finding in with_source] == ["TF101"]
    assert "粮食安全" in with_source[0].message


def test_findings_convert_to_dicts_with_the_json_keys_and_back(linter: Linter) -> None:
    for finding in linter.lint_path(str(EXAMPLE)):
        data = finding.to_dict()
        assert tuple(data) == FINDING_KEYS
        assert Finding.from_dict(json.loads(json.dumps(data))) == finding


@pytest.mark.parametrize(
    "data",
    [
        {},
        {key: None for key in FINDING_KEYS},
        {"path": "a", "line": "1", "column": 1, "end_line": 1, "end_column": 2, "code": "TF101", "name": None}
        | {"severity": "error", "message": "m", "suggestions": [], "entry": None, "fix": None, "applicability": None},
        {"path": "a", "line": 1, "column": 1, "end_line": 1, "end_column": 2, "code": "TF101", "name": None}
        | {"severity": "error", "message": "m", "suggestions": [], "entry": None, "fix": [{"line": 1}]}
        | {"applicability": "safe"},
    ],
    ids=["empty", "nulls", "string-line", "short-edit"],
)
def test_a_malformed_finding_dict_is_an_input_error(data: dict[str, object]) -> None:
    with pytest.raises(InputError):
        Finding.from_dict(data)


def test_fix_text_applies_the_safe_fixes_as_fix_does(linter: Linter) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    fixed = linter.fix_text(text)
    assert fixed.text == (EXAMPLES / "county-office-meeting.fixed.txt").read_text(encoding="utf-8")
    assert fixed.changed and {finding.applicability for finding in fixed.applied} == {"safe"}
    assert len(fixed.applied) == sum(finding.applicability == "safe" for finding in linter.lint_text(text))
    assert fixed.remaining == linter.lint_text(fixed.text)
    unsafe = linter.fix_text(text, unsafe=True)
    assert len(unsafe.applied) > len(fixed.applied)
    assert "community with a shared future for mankind" in unsafe.text


def test_fix_text_of_a_po_text_escapes_for_the_format(linter: Linter) -> None:
    po_text = EXAMPLE_PO.read_text(encoding="utf-8")
    fixed = linter.fix_text(po_text, format="po")
    assert "Two Upholds" in fixed.text and "two maintenances" not in fixed.text
    assert linter.lint_text(fixed.text, format="po") == fixed.remaining


def test_fix_text_with_a_source_keeps_the_source(linter: Linter) -> None:
    fixed = linter.fix_text("We will keep food safety in our own hands.", source="确保粮食安全。")
    assert fixed.text == "We will keep food security in our own hands."
    assert fixed.remaining == []


def test_select_ignore_and_configuration(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert {finding.code for finding in Linter(select="TF201").lint_text(text)} == {"TF201"}
    assert "TF101" not in {finding.code for finding in Linter(ignore=["TF101", "TF102"]).lint_text(text)}
    config = tmp_path / "tifa.toml"
    config.write_text('ignore = ["TF101"]\n[per-file-ignores]\n"quiet/*" = ["TF201"]\n', encoding="utf-8")
    configured = Linter(config=config)
    codes = {finding.code for finding in configured.lint_text(text)}
    assert "TF101" not in codes and "TF201" in codes
    quiet = {finding.code for finding in configured.lint_text(text, path=str(tmp_path / "quiet" / "a.txt"))}
    assert "TF201" not in quiet
    # --select replaces the file's lists, as on the command line
    assert "TF101" in {finding.code for finding in Linter(config=config, select="TF1").lint_text(text)}


def test_an_extra_glossary_adds_its_entries(house_glossary: Path) -> None:
    linter = Linter(glossary=[house_glossary, str(house_glossary)])
    assert linter.source.extra == (str(house_glossary),)  # one file named twice is read once
    findings = linter.lint_text(HOUSE_SENTENCE)
    assert [finding.entry for finding in findings] == ["county-convergence-media-centre", "two-upholds"]
    assert Linter().lint_text(HOUSE_SENTENCE)[0].entry == "two-upholds"


def test_an_invalid_glossary_raises_glossary_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("entries:\n  - id: x\n    zh: 某\n    en: thing\n    confidence: sure\n", encoding="utf-8")
    with pytest.raises(GlossaryError) as raised:
        Linter(glossary=bad)
    assert raised.value.path == str(bad) and raised.value.line is not None
    with pytest.raises(GlossaryError):
        Linter(glossary=tmp_path / "missing.yaml")


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda linter: linter.lint_path("/nonexistent/translation.txt"), InputError),
        (lambda linter: linter.lint_text('msgid "a"\nmsgstr "unterminated\n', format="po"), InputError),
        (lambda linter: linter.lint_text(b"\x00\x01\x02binary\x00" * 20), InputError),
        (lambda linter: linter.lint_text("text", format="docx"), UsageError),
        (lambda linter: linter.lint_text("<x/>", format="xliff", source="源"), UsageError),
        (lambda linter: linter.lint_text(42), InputError),
        (lambda linter: linter.fix_text('msgid "a"\nmsgstr "open\n', format="po"), InputError),
    ],
    ids=["missing-file", "malformed-po", "binary", "unknown-format", "source-with-xliff", "not-text", "fix-malformed"],
)
def test_bad_input_raises_a_typed_error(linter: Linter, call: object, error: type[Exception]) -> None:
    assert callable(call)
    with pytest.raises(error) as raised:
        call(linter)
    assert isinstance(raised.value, tifa.TifaError)


def test_an_unknown_rule_or_a_bad_configuration_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        Linter(select="TF999")
    config = tmp_path / "tifa.toml"
    config.write_text("colour = 'red'\n", encoding="utf-8")
    with pytest.raises(UsageError):
        Linter(config=config)


def test_the_module_functions_share_one_default_linter() -> None:
    assert tifa.api.default_linter() is tifa.api.default_linter()
    assert tifa.lint_text(SENTENCE) == Linter().lint_text(SENTENCE)
    fixed = "We must resolutely achieve the Two Upholds and advance Chinese modernization."
    assert tifa.fix_text(SENTENCE).text == fixed
    assert tifa.lint_path(EXAMPLE) == Linter().lint_path(EXAMPLE)


def test_import_tifa_imports_no_api() -> None:
    probe = "import sys, tifa; print(sorted(name for name in sys.modules if name.startswith('tifa')))"
    completed = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert completed.stdout.strip() == "['tifa']"


def test_a_linter_pickles_small_and_lints_alike_after(house_glossary: Path) -> None:
    linter = Linter(glossary=house_glossary, select="TF1")
    data = pickle.dumps(linter)
    assert len(data) < 4000  # the identity of the glossary, not its automaton
    again = pickle.loads(data)
    assert again.source == linter.source and again.settings == linter.settings
    assert again.lint_text(SENTENCE) == linter.lint_text(SENTENCE)


FRESH_PROCESS = textwrap.dedent(
    """
    import json, pickle, sys
    linter = pickle.loads(open(sys.argv[1], "rb").read())
    try:
        print(json.dumps([finding.to_dict() for finding in linter.lint_text(sys.argv[2])]))
    except Exception as error:
        print(type(error).__name__, error)
    """
)


def _in_fresh_process(pickled: Path, text: str) -> str:
    completed = subprocess.run(
        [sys.executable, "-c", FRESH_PROCESS, str(pickled), text], capture_output=True, text=True, timeout=120
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout.strip()


@pytest.mark.slow  # two interpreters, and a glossary compiled twice
def test_a_pickled_linter_rebuilds_in_a_fresh_process(tmp_path: Path) -> None:
    house_glossary = tmp_path / "house.yaml"
    house_glossary.write_text(HOUSE_GLOSSARY, encoding="utf-8")
    linter = Linter(glossary=house_glossary, ignore="TF105")
    pickled = tmp_path / "linter.pickle"
    pickled.write_bytes(pickle.dumps(linter))
    expected = [finding.to_dict() for finding in linter.lint_text(HOUSE_SENTENCE)]
    assert len(expected) == 2
    assert json.loads(_in_fresh_process(pickled, HOUSE_SENTENCE)) == expected
    house_glossary.write_text(HOUSE_GLOSSARY + "# edited\n", encoding="utf-8")
    answer = _in_fresh_process(pickled, HOUSE_SENTENCE)
    assert answer.startswith("GlossaryError") and "differs from the one the linter was made with" in answer


def test_format_jsonl_prints_the_json_objects_one_per_line() -> None:
    result = CliRunner().invoke(app, ["check", "--format", "jsonl", str(EXAMPLE), str(EXAMPLE_PO)])
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert [json.loads(line) for line in lines] == _cli_json(str(EXAMPLE), str(EXAMPLE_PO))
    assert all("\n" not in line and line.startswith('{"path"') for line in lines)


def readme_python_block(heading: str) -> str:
    """The first Python block of the README section ``heading``."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("```python\n", readme.index(f"\n{heading}\n")) + len("```python\n")
    return readme[start : readme.index("```", start)]


def test_the_readme_python_example_prints_what_its_comments_say(
    tmp_path: Path, house_glossary: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "house-style.yaml").symlink_to(house_glossary)  # the same file: compiled once
    (tmp_path / "translations").mkdir()
    (tmp_path / "translations" / "a.txt").write_text(HOUSE_SENTENCE + "\n", encoding="utf-8")
    code = readme_python_block("## Python API")
    exec(compile(code, "README.md", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    promised = [line.split("  # ")[1] for line in code.splitlines() if line.startswith("print(")]
    assert len(promised) == 2 and printed[:2] == promised
    dicts = [ast.literal_eval(line) for line in printed[2:]]  # what the loop printed
    assert [item["entry"] for item in dicts] == ["county-convergence-media-centre", "two-upholds"]


def test_check_dask_without_the_extra_or_on_standard_input_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    result = CliRunner().invoke(app, ["check", "--dask", "local", "-"], input="two maintenances\n")
    assert result.exit_code == 2
    assert "--dask cannot read standard input" in result.stderr
    monkeypatch.setitem(sys.modules, "tifa.dask.cluster", None)  # as if dask were not installed
    result = CliRunner().invoke(app, ["check", "--dask", "local", str(EXAMPLE)])
    assert result.exit_code == 2
    assert "--dask needs the dask extra: pip install 'tifa-lint[dask]'" in result.stderr
