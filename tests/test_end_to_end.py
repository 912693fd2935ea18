"""End to end through the installed ``tifa`` command, on the shipped example and real texts."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT, SHARED
from tests.e2e import tifa_command
from tifa.glossary.load import load_glossary

EXAMPLE = ROOT / "examples" / "county-office-meeting.mt.txt"
CORRECTED = ROOT / "examples" / "county-office-meeting.corrected.txt"
ERRORS_TABLE = DATA / "county-office-meeting.errors.md"
OFFICIAL = SHARED / "corpus" / "official"
JINAN = SHARED / "corpus" / "jinan-office-meeting.mt.txt"


def tifa(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the installed command and capture its output."""
    return subprocess.run(
        [tifa_command(), *args], capture_output=True, text=True, encoding="utf-8", timeout=120, check=False
    )


STANDARD = {entry.id: entry.en for entry in load_glossary().glossary.entries}


def _without_article(text: str) -> str:
    return re.sub(r"^(?:the|a|an) ", "", text.lower())


def _planted_errors() -> list[tuple[int, str, str]]:
    rows = []
    for line in ERRORS_TABLE.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\|\s*(\d+)\s*\|\s*(.+?)\s*\|\s*(.+?)\s*\|", line)
        if match:
            rows.append((int(match.group(1)), match.group(2), match.group(3)))
    return rows


def test_every_planted_error_of_the_example_is_flagged_at_its_span() -> None:
    result = tifa("check", "--format", "json", str(EXAMPLE))
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    flagged = {}
    for finding in findings:
        assert finding["line"] == finding["end_line"]
        text = lines[finding["line"] - 1][finding["column"] - 1 : finding["end_column"] - 1]
        flagged[(finding["line"], text)] = finding
    planted = _planted_errors()
    assert len(planted) >= 10
    for line, wrong, correction in planted:
        finding = flagged.get((line, wrong))
        assert finding is not None, f"line {line}: {wrong!r} not flagged; flagged: {sorted(flagged)}"
        first = finding["suggestions"][0]
        if finding["entry"] is None:  # a doubled phrase: the suggestion is what the editor wrote
            assert first.lower() in correction.lower(), (wrong, finding["suggestions"])
        else:  # a glossary form: the first suggestion is the entry's standard rendering
            assert _without_article(first) == _without_article(STANDARD[finding["entry"]]), (wrong, first)


def test_the_corrected_example_gives_no_finding() -> None:
    result = tifa("check", str(CORRECTED))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "0 findings in 1 file.\n"


@pytest.mark.skipif(not OFFICIAL.is_dir(), reason="shared official corpus not available")
def test_official_english_corpus_gives_no_finding() -> None:
    result = tifa("check", str(OFFICIAL))
    assert result.returncode == 0, result.stdout
    assert re.fullmatch(r"0 findings in \d+ files\.\n", result.stdout)


@pytest.mark.skipif(not JINAN.is_file(), reason="shared corpus article not available")
def test_real_machine_translation_errors_are_flagged() -> None:
    result = tifa("check", "--format", "json", str(JINAN))
    assert result.returncode == 1
    findings = json.loads(result.stdout)
    text = JINAN.read_text(encoding="utf-8")
    lines = text.splitlines()
    spans = [lines[item["line"] - 1][item["column"] - 1 : item["end_column"] - 1] for item in findings]
    for expected in (
        "two safeguards",
        "two maintenances",
        "Chinese-style modernization",
        "strengthen its own construction",
    ):
        assert expected in spans, (expected, spans)
    assert spans.count("set an example and set an example") == 3
    suggestions = {span: item["suggestions"][0] for span, item in zip(spans, findings, strict=True)}
    assert suggestions["two safeguards"] == "Two Upholds"
    assert suggestions["Chinese-style modernization"] == "Chinese modernization"


def test_bad_input_through_the_installed_command(tmp_path: Path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = tifa("check", str(binary), str(EXAMPLE))
    assert result.returncode == 2
    assert (
        result.stderr.strip() == f"tifa: {binary}:3: binary file (NUL byte); tifa reads UTF-8 or UTF-16 text with a BOM"
    )
    assert "TF101" in result.stdout  # the other file was still checked


FIXED = ROOT / "examples" / "county-office-meeting.fixed.txt"


def test_fix_on_the_example_gives_the_shipped_fixed_text(tmp_path: Path) -> None:
    copy = tmp_path / EXAMPLE.name
    copy.write_bytes(EXAMPLE.read_bytes())
    result = tifa("check", "--fix", str(copy))
    assert result.returncode == 1  # findings without a safe fix remain
    assert copy.read_bytes() == FIXED.read_bytes()
    assert "Fixed 7 findings" in result.stdout
    again = tifa("check", "--fix", str(copy))
    assert copy.read_bytes() == FIXED.read_bytes()
    assert "Fixed" not in again.stdout


def test_diff_and_unsafe_fixes_through_the_installed_command(tmp_path: Path) -> None:
    copy = tmp_path / EXAMPLE.name
    copy.write_bytes(EXAMPLE.read_bytes())
    diff = tifa("check", "--diff", "--unsafe-fixes", str(copy))
    assert diff.returncode == 1
    assert copy.read_bytes() == EXAMPLE.read_bytes()
    removed = [line for line in diff.stdout.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line for line in diff.stdout.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert any("set an example and set an example" in line for line in removed)
    assert not any("set an example and set an example" in line for line in added)
    fixed = tifa("check", "--fix", "--unsafe-fixes", str(copy))
    text = copy.read_text(encoding="utf-8")
    assert "community with a shared future for mankind" in text  # outdated: an unsafe fix
    assert "set an example and set an example" not in text  # duplicated phrase: an unsafe fix
    assert fixed.returncode == 1


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    # Enough findings that the output does not fit in the pipe before the reader has gone.
    big = tmp_path / "big.txt"
    big.write_text(EXAMPLE.read_text(encoding="utf-8") * 400, encoding="utf-8")
    process = subprocess.Popen([tifa_command(), "check", str(big)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    first_line = process.stdout.readline()
    process.stdout.close()  # like `tifa check ... | head -1`
    error_output = process.stderr.read().decode("utf-8")
    process.wait(timeout=120)
    assert first_line.startswith(str(big).encode())
    assert "Traceback" not in error_output and "BrokenPipeError" not in error_output
    assert process.returncode == 1


def test_exit_statuses_survive_the_fast_exit(tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("The county held a meeting on rural roads.\n", encoding="utf-8")
    assert tifa("check", str(clean)).returncode == 0
    assert tifa("check", str(EXAMPLE)).returncode == 1
    missing = tifa("check", str(tmp_path / "missing.txt"))
    assert missing.returncode == 2 and "missing.txt" in missing.stderr
    version = tifa("--version")
    assert version.returncode == 0 and version.stdout.startswith("tifa ")
