"""Checking a user's glossary files against the shipped glossary."""

from __future__ import annotations

from pathlib import Path

from tifa.glossary.lint import lint_glossaries
from tifa.model import Severity

USER_GLOSSARY = """\
entries:
  - id: two-upholds
    zh: 两个维护
    en: Two Upholds
    wrong: [two maintenances]
    category: house-style
    confidence: high
    source: Our style guide.
  - id: our-modernization
    zh: 中国式现代化
    en: Chinese path to modernization
    wrong:
      - Chinese-style modernization drive
      - modernization
    wrong_if_source:
      - new qualitative productivity
    category: house-style
    confidence: high
    source: Our style guide.
  - id: county-rural-revitalization-office
    zh: 县乡村振兴局
    en: county rural revitalization bureau
    wrong: [county village revitalization office]
    category: house-style
    confidence: high
    source: Our style guide.
"""


def _write(tmp_path: Path, text: str, name: str = "house.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_glossary_is_clean() -> None:
    report = lint_glossaries()
    assert report.problems == [] and report.unreadable == []
    assert report.clean and report.entries > 600


def test_user_file_against_the_shipped_glossary(tmp_path: Path) -> None:
    path = _write(tmp_path, USER_GLOSSARY)
    report = lint_glossaries([path])
    lines = [str(problem) for problem in report.problems]
    assert lines[0].startswith(f"{path}:2: info: entry 'two-upholds' replaces the shipped entry 'two-upholds' (")
    assert lines[1].startswith(
        f"{path}:9: info: entry 'our-modernization': zh '中国式现代化' is also the Chinese of the shipped entry "
        "'chinese-modernization' ("
    )
    assert lines[1].endswith("both entries apply (disable 'chinese-modernization' to use yours alone)")
    assert lines[2].startswith(
        f"{path}:13: info: entry 'our-modernization': wrong form 'Chinese-style modernization drive' contains the "
        "wrong form 'Chinese-style modernization' of the shipped entry 'chinese-modernization' ("
    )
    # A flagged form inside a shipped rendering would never be reported there: the one warning.
    assert lines[3].startswith(f"{path}:14: warning: entry 'our-modernization': wrong form 'modernization' is part of ")
    assert "is part of the rendering 'Chinese modernization' of the shipped entry 'chinese-modernization'" in lines[3]
    assert lines[3].endswith(" more")  # a form that overlaps many shipped ones names the first few
    # The same form in both: the user's entry wins, said once as a note.
    assert lines[4].startswith(
        f"{path}:16: info: entry 'our-modernization' lists 'new qualitative productivity', the wrong form of the "
        "shipped entry 'new-quality-productive-forces' ("
    )
    assert lines[4].endswith("your entry wins; it is dropped from the shipped entry")
    assert len(lines) == 5, lines
    assert report.entries == 3 and not report.clean


def test_an_overridden_entry_is_not_compared_with_itself(tmp_path: Path) -> None:
    report = lint_glossaries([_write(tmp_path, USER_GLOSSARY)])
    assert not any("two maintenances" in problem.message for problem in report.problems)


def test_loading_errors_are_reported_once(tmp_path: Path) -> None:
    text = USER_GLOSSARY.replace("wrong: [county village revitalization office]", "wrong: [two maintenances]")
    text = text.replace(
        "confidence: high\n    source: Our style guide.\n  - id: county",
        "confidence: sure\n    source: x\n  - id: county",
    )
    report = lint_glossaries([_write(tmp_path, text)])
    errors = [str(problem) for problem in report.problems if problem.severity is Severity.ERROR]
    assert any(":18: error: entry 'our-modernization': confidence must be high, medium or low" in e for e in errors)
    two_maintenances = [str(problem) for problem in report.problems if "'two maintenances'" in problem.message]
    assert len(two_maintenances) == 1 and ": error: " in two_maintenances[0]


def test_unreadable_files_are_kept_apart(tmp_path: Path) -> None:
    broken = _write(tmp_path, "entries:\n  - id: [unclosed\n", "broken.yaml")
    missing = tmp_path / "missing.yaml"
    good = _write(tmp_path, USER_GLOSSARY)
    report = lint_glossaries([broken, missing, good])
    broken_error, missing_error = (str(error) for error in report.unreadable)
    assert broken_error.startswith(f"{broken}:3: invalid YAML: ")
    assert missing_error == f"{missing}: cannot read glossary: No such file or directory"
    assert report.entries == 3 and not report.clean
