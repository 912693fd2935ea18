"""--fix, --unsafe-fixes and --diff through the command line, in-process."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tifa.cli import app

runner = CliRunner()
TEXT = "We must set an example and set an example for the two maintenances.\r\nNext line.\r\n"


def _file(tmp_path: Path, name: str = "doc.txt", text: str = TEXT) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_fix_applies_safe_fixes_only_and_reports_the_rest(tmp_path: Path) -> None:
    path = _file(tmp_path)
    result = runner.invoke(app, ["check", "--fix", str(path)])
    assert result.exit_code == 1, result.output
    assert path.read_bytes() == TEXT.replace("two maintenances", "Two Upholds").encode()
    assert "TF201" in result.stdout and "TF101" not in result.stdout
    assert result.stdout.splitlines()[-1] == (
        "Fixed 1 finding; remaining: 1 finding (1 error) in 1 file; 1 fixable with `--fix --unsafe-fixes`."
    )


def test_unsafe_fixes_also_apply_unsafe_fixes(tmp_path: Path) -> None:
    path = _file(tmp_path)
    result = runner.invoke(app, ["check", "--fix", "--unsafe-fixes", str(path)])
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == b"We must set an example for the Two Upholds.\r\nNext line.\r\n"
    assert result.stdout == "Fixed 2 findings; 0 remaining in 1 file.\n"


def test_fix_twice_changes_nothing_the_second_time(tmp_path: Path) -> None:
    path = _file(tmp_path)
    runner.invoke(app, ["check", "--fix", str(path)])
    once = path.read_bytes()
    result = runner.invoke(app, ["check", "--fix", str(path)])
    assert path.read_bytes() == once
    assert "Fixed" not in result.stdout


def test_diff_prints_and_writes_nothing(tmp_path: Path) -> None:
    path = _file(tmp_path)
    result = runner.invoke(app, ["check", "--diff", str(path)])
    assert result.exit_code == 1
    assert path.read_bytes() == TEXT.encode()
    assert f"--- {path}\n+++ {path}\n" in result.stdout
    assert "-We must set an example and set an example for the two maintenances." in result.stdout
    assert "+We must set an example and set an example for the Two Upholds." in result.stdout


def test_diff_with_nothing_to_fix_exits_0(tmp_path: Path) -> None:
    path = _file(tmp_path, text="All is well.\n")
    result = runner.invoke(app, ["check", "--diff", str(path)])
    assert (result.exit_code, result.stdout) == (0, "")


def test_fix_from_standard_input_writes_the_fixed_text_to_standard_output() -> None:
    result = runner.invoke(app, ["check", "--fix", "-"], input="Achieve the two maintenances.\n")
    assert result.exit_code == 0
    assert result.stdout == "Achieve the Two Upholds.\n"
    assert "Fixed 1 finding" in result.stderr


def test_json_after_fix_points_into_the_fixed_text(tmp_path: Path) -> None:
    path = _file(tmp_path)
    result = runner.invoke(app, ["check", "--fix", "--format", "json", str(path)])
    (finding,) = json.loads(result.stdout)
    assert (finding["code"], finding["line"], finding["column"]) == ("TF201", 1, 9)
    assert finding["applicability"] == "unsafe"


def test_read_only_file_is_reported_and_other_files_are_still_fixed(tmp_path: Path) -> None:
    locked = _file(tmp_path, "locked.txt")
    locked.chmod(0o444)
    other = _file(tmp_path, "other.txt")
    result = runner.invoke(app, ["check", "--fix", str(locked), str(other)])
    assert result.exit_code == 2
    assert f"tifa: {locked}: cannot fix: the file is read-only" in result.stderr
    assert locked.read_bytes() == TEXT.encode()
    assert b"Two Upholds" in other.read_bytes()
    assert f"{locked}:1:" in result.stdout  # its findings are still reported


def test_exit_non_zero_on_fix_for_hooks(tmp_path: Path) -> None:
    path = _file(tmp_path, text="Achieve the two maintenances.\n")
    result = runner.invoke(app, ["check", "--fix", "--exit-non-zero-on-fix", str(path)])
    assert result.exit_code == 1
    result = runner.invoke(app, ["check", "--fix", "--exit-non-zero-on-fix", str(path)])
    assert result.exit_code == 0


def test_unsafe_fixes_needs_fix_or_diff(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", "--unsafe-fixes", str(_file(tmp_path))])
    assert result.exit_code == 2
    assert "--unsafe-fixes works with --fix or --diff" in result.stderr
