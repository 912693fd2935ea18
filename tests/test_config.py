"""Configuration files: discovery, precedence, every key, command-line overrides and validation errors."""

from __future__ import annotations

import json
import re
from pathlib import Path, PurePosixPath

import pytest
from typer.testing import CliRunner

from tifa.cli import app
from tifa.config import KNOWN_KEYS, Configuration, find_configuration_file, load_configuration
from tifa.errors import UsageError
from tifa.globs import Glob
from tifa.model import Severity
from tifa.selection import RuleSelection

runner = CliRunner()
# TF101 ("two maintenances", entry two-upholds) and TF201 ("set an example and set an example").
BAD = "Offices must set an example and set an example and achieve the two maintenances.\n"
HOUSE_GLOSSARY = """entries:
  - id: county-rural-revitalization-office
    zh: 县乡村振兴局
    en: county rural revitalization bureau
    wrong: [county village revitalization office]
    category: house-style
    confidence: high
    replace: true
    source: "Test data."
"""
HOUSE_TEXT = "The county village revitalization office met.\n"


def run(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=stdin)


def codes(tmp_path: Path, *args: str) -> list[str]:
    """Run ``tifa check --format json`` and return the codes found."""
    result = run("check", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return [finding["code"] for finding in json.loads(result.stdout)]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# Discovery and precedence


def test_discovery_walks_up_from_the_file(tmp_path: Path) -> None:
    write(tmp_path / "tifa.toml", 'ignore = ["TF101"]\n')
    document = write(tmp_path / "a" / "b" / "c" / "doc.txt", BAD)
    assert codes(tmp_path, str(document)) == ["TF201"]


def test_discovery_from_a_directory_argument(tmp_path: Path) -> None:
    write(tmp_path / "docs" / ".tifa.toml", 'ignore = ["TF201"]\n')
    write(tmp_path / "docs" / "doc.txt", BAD)
    assert codes(tmp_path, str(tmp_path / "docs")) == ["TF101"]


def test_standard_input_discovers_from_the_current_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "tifa.toml", 'ignore = ["TF101"]\n')
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    result = run("check", "-", stdin=BAD)
    assert result.exit_code == 1
    assert "TF201" in result.stdout and "TF101" not in result.stdout


def test_nearest_file_wins(tmp_path: Path) -> None:
    write(tmp_path / "tifa.toml", 'ignore = ["TF101"]\n')
    write(tmp_path / "inner" / "pyproject.toml", '[tool.tifa]\nignore = ["TF201"]\n')
    document = write(tmp_path / "inner" / "doc.txt", BAD)
    assert codes(tmp_path, str(document)) == ["TF101"]


def test_pyproject_without_a_tifa_table_does_not_count(tmp_path: Path) -> None:
    write(tmp_path / "tifa.toml", 'ignore = ["TF101"]\n')
    write(tmp_path / "inner" / "pyproject.toml", '[project]\nname = "x"\n\n[tool.ruff]\nignore = ["E501"]\n')
    document = write(tmp_path / "inner" / "doc.txt", BAD)
    assert codes(tmp_path, str(document)) == ["TF201"]


@pytest.mark.parametrize(
    ("present", "expected"),
    [
        ((".tifa.toml", "tifa.toml", "pyproject.toml"), ".tifa.toml"),
        (("tifa.toml", "pyproject.toml"), "tifa.toml"),
        (("pyproject.toml",), "pyproject.toml"),
    ],
)
def test_precedence_in_one_directory(tmp_path: Path, present: tuple[str, ...], expected: str) -> None:
    for name in present:
        write(tmp_path / name, "[tool.tifa]\n" if name == "pyproject.toml" else "")
    found = find_configuration_file(tmp_path)
    assert found is not None and found.resolve() == (tmp_path / expected).resolve()


def test_a_pyproject_with_only_a_nested_tifa_table_counts(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.tifa.per-file-ignores]\n"*.txt" = ["TF101"]\n')
    document = write(tmp_path / "doc.txt", BAD)
    assert codes(tmp_path, str(document)) == ["TF201"]


def test_one_configuration_per_run_from_the_first_path(tmp_path: Path) -> None:
    first = write(tmp_path / "one" / "doc.txt", BAD)
    write(tmp_path / "one" / "tifa.toml", 'ignore = ["TF101"]\n')
    second = write(tmp_path / "two" / "doc.txt", BAD)
    write(tmp_path / "two" / "tifa.toml", 'ignore = ["TF201"]\n')
    assert codes(tmp_path, str(first), str(second)) == ["TF201", "TF201"]


# --config and --isolated


def test_config_option_uses_that_file_without_discovery(tmp_path: Path) -> None:
    write(tmp_path / "tifa.toml", 'ignore = ["TF101"]\n')
    chosen = write(tmp_path / "elsewhere" / "strict.toml", 'ignore = ["TF201"]\n')
    document = write(tmp_path / "doc.txt", BAD)
    assert codes(tmp_path, "--config", str(chosen), str(document)) == ["TF101"]


def test_config_option_with_a_pyproject(tmp_path: Path) -> None:
    chosen = write(tmp_path / "cfg" / "pyproject.toml", '[tool.tifa]\nignore = ["TF201"]\n')
    document = write(tmp_path / "doc.txt", BAD)
    assert codes(tmp_path, "--config", str(chosen), str(document)) == ["TF101"]


def test_isolated_ignores_configuration_files(tmp_path: Path) -> None:
    write(tmp_path / "tifa.toml", 'ignore = ["TF101"]\n')
    document = write(tmp_path / "doc.txt", BAD)
    assert codes(tmp_path, "--isolated", str(document)) == ["TF201", "TF101"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("--isolated", "--config", "{dir}/tifa.toml"), "use either --config or --isolated, not both"),
        (("--config", "{dir}/missing.toml"), "missing.toml: configuration file not found"),
        (("--config", "{dir}/pyproject.toml"), "pyproject.toml: no [tool.tifa] table in this pyproject.toml"),
    ],
)
def test_config_option_errors(tmp_path: Path, arguments: tuple[str, ...], message: str) -> None:
    write(tmp_path / "tifa.toml", "")
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    document = write(tmp_path / "doc.txt", BAD)
    result = run("check", *(argument.format(dir=tmp_path) for argument in arguments), str(document))
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


# Every key


def test_glossary_paths_are_relative_to_the_configuration_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "project" / "glossaries" / "house.yaml", HOUSE_GLOSSARY)
    write(tmp_path / "project" / "tifa.toml", 'glossary = ["glossaries/house.yaml"]\n')
    document = write(tmp_path / "project" / "texts" / "doc.txt", HOUSE_TEXT)
    monkeypatch.chdir(tmp_path)  # not the configuration's directory
    result = run("check", str(document.relative_to(tmp_path)))
    assert result.exit_code == 1, result.output
    assert "county rural revitalization bureau" in result.stdout


def test_command_line_glossary_adds_to_the_configured_ones(tmp_path: Path) -> None:
    write(tmp_path / "house.yaml", HOUSE_GLOSSARY)
    write(tmp_path / "tifa.toml", 'glossary = ["house.yaml"]\n')
    other = write(
        tmp_path / "other.yaml",
        HOUSE_GLOSSARY.replace("county-rural-revitalization-office", "town-office")
        .replace("县乡村振兴局", "镇办公室")
        .replace("county rural revitalization bureau", "town government office")
        .replace("county village revitalization office", "town office of government"),
    )
    document = write(tmp_path / "doc.txt", HOUSE_TEXT + "The town office of government met.\n")
    assert codes(tmp_path, "--glossary", str(other), str(document)) == ["TF101", "TF101"]
    # The same file in the configuration and on the command line is loaded once.
    assert codes(tmp_path, "--glossary", str(tmp_path / "house.yaml"), str(document)) == ["TF101"]


def test_disable_drops_glossary_entries(tmp_path: Path) -> None:
    write(tmp_path / "tifa.toml", 'disable = ["two-upholds"]\n')
    document = write(tmp_path / "doc.txt", BAD)
    assert codes(tmp_path, str(document)) == ["TF201"]


def test_an_unknown_entry_to_disable_is_an_error_at_its_line(tmp_path: Path) -> None:
    write(tmp_path / "tifa.toml", 'select = ["TF1"]\n\ndisable = ["two-uphold", "no-such-entry"]\n')
    document = write(tmp_path / "doc.txt", BAD)
    result = run("check", "--config", str(tmp_path / "tifa.toml"), str(document))
    assert result.exit_code == 2
    config = tmp_path / "tifa.toml"
    assert result.stderr.splitlines() == [
        f"tifa: {config}:3: disable: no glossary entry 'two-uphold' (did you mean 'two-upholds'?)",
        f"tifa: {config}:3: disable: no glossary entry 'no-such-entry'",
    ]


def test_select_and_ignore_from_the_file(tmp_path: Path) -> None:
    write(tmp_path / "tifa.toml", 'select = ["TF1"]\nignore = ["rendering-spelling"]\n')
    document = write(tmp_path / "doc.txt", BAD + "The province pursued high quality development.\n")
    assert codes(tmp_path, str(document)) == ["TF101"]


def test_command_line_select_and_ignore_replace_the_files_lists(tmp_path: Path) -> None:
    write(tmp_path / "tifa.toml", 'select = ["TF101"]\nignore = ["TF201"]\n')
    document = write(tmp_path / "doc.txt", BAD)
    assert codes(tmp_path, str(document)) == ["TF101"]
    # --select replaces both of the file's lists: what the command line selects is what runs.
    assert codes(tmp_path, "--select", "TF201", str(document)) == ["TF201"]
    assert codes(tmp_path, "--select", "TF1,TF2", "--ignore", "TF101", str(document)) == ["TF201"]
    # --ignore alone replaces the file's ignore list and keeps its select list.
    assert codes(tmp_path, "--ignore", "TF101", str(document)) == []
    assert codes(tmp_path, "--ignore", "TF104", str(document)) == ["TF101"]


def test_include_and_exclude_filter_files_found_in_directories(tmp_path: Path) -> None:
    write(tmp_path / "tifa.toml", 'include = ["texts/**"]\nexclude = ["drafts", "*.old.txt"]\n')
    write(tmp_path / "texts" / "a.txt", BAD)
    write(tmp_path / "texts" / "b.old.txt", BAD)
    write(tmp_path / "texts" / "drafts" / "c.txt", BAD)
    write(tmp_path / "other" / "d.txt", BAD)
    result = run("check", "--select", "TF101", str(tmp_path))
    assert result.exit_code == 1
    assert [line.split(":")[0] for line in result.stdout.splitlines()[:-1]] == [str(tmp_path / "texts" / "a.txt")]


def test_exclude_wins_over_include(tmp_path: Path) -> None:
    write(tmp_path / "tifa.toml", 'include = ["*.txt"]\nexclude = ["skip.txt"]\n')
    write(tmp_path / "skip.txt", BAD)
    result = run("check", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert result.stdout == "0 findings in 0 files.\n"


def test_named_files_are_excluded_only_with_force_exclude(tmp_path: Path) -> None:
    write(tmp_path / "tifa.toml", 'exclude = ["generated/"]\ninclude = ["nothing-matches"]\n')
    document = write(tmp_path / "generated" / "doc.txt", BAD)
    assert codes(tmp_path, "--select", "TF101", str(document)) == ["TF101"]
    write(tmp_path / "tifa.toml", 'exclude = ["generated/"]\nforce-exclude = true\n')
    assert codes(tmp_path, "--select", "TF101", str(document)) == []


def test_per_file_ignores(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        '[tool.tifa]\nselect = ["TF101", "TF201"]\n\n[tool.tifa.per-file-ignores]\n"quotes/**" = ["TF1"]\n'
        '"*.md" = ["duplicated-phrase"]\n',
    )
    assert codes(tmp_path, str(write(tmp_path / "quotes" / "old.txt", BAD))) == ["TF201"]
    assert codes(tmp_path, str(write(tmp_path / "notes.md", BAD))) == ["TF101"]
    assert codes(tmp_path, str(write(tmp_path / "plain.txt", BAD))) == ["TF201", "TF101"]


PO_WITH_FUZZY = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

#, fuzzy
msgid "两个维护"
msgstr "the two maintenances"
"""


def test_include_fuzzy_from_the_file_and_the_command_line(tmp_path: Path) -> None:
    document = write(tmp_path / "messages.po", PO_WITH_FUZZY)
    assert codes(tmp_path, str(document)) == []
    write(tmp_path / "tifa.toml", "include-fuzzy = true\n")
    assert codes(tmp_path, str(document)) == ["TF101"]
    assert codes(tmp_path, "--no-include-fuzzy", str(document)) == []


TABLE = "zh\tdraft\tfinal\n坚决做到两个维护。\tAchieve the two maintenances.\tAchieve the Two Upholds.\n"


def test_table_columns_from_the_file_and_the_command_line(tmp_path: Path) -> None:
    document = write(tmp_path / "table.tsv", TABLE)
    write(tmp_path / "tifa.toml", 'source-column = "zh"\ntarget-column = "draft"\n')
    assert codes(tmp_path, str(document)) == ["TF101"]
    write(tmp_path / "tifa.toml", "target-column = 3\n")
    assert codes(tmp_path, str(document)) == []
    assert codes(tmp_path, "--target-column", "draft", str(document)) == ["TF101"]
    write(tmp_path / "tifa.toml", 'source-column = "nosuch"\n')
    result = run("check", str(document))
    assert result.exit_code == 2
    assert "source column 'nosuch': no such column" in result.stderr


def test_unsafe_fixes_from_the_file_apply_when_fixing(tmp_path: Path) -> None:
    write(tmp_path / "tifa.toml", "unsafe-fixes = true\n")
    document = write(tmp_path / "doc.txt", BAD)
    result = run("check", str(document))  # without --fix the setting is silent, not an error
    assert result.exit_code == 1, result.output
    result = run("check", "--fix", str(document))
    assert result.exit_code == 0, result.output
    assert "set an example and set an example" not in document.read_text(encoding="utf-8")
    write(document, BAD)
    result = run("check", "--fix", "--no-unsafe-fixes", str(document))
    assert result.exit_code == 1
    assert "set an example and set an example" in document.read_text(encoding="utf-8")


def test_min_severity_from_the_file_and_the_command_line(tmp_path: Path) -> None:
    write(tmp_path / "tifa.toml", 'min-severity = "error"\n')
    document = write(tmp_path / "doc.txt", "China proposed a community of common destiny.\n")  # TF102, a warning
    assert codes(tmp_path, str(document)) == []
    assert codes(tmp_path, "--min-severity", "warning", str(document)) == ["TF102"]


def test_party_texts_from_the_file_make_every_file_a_party_text(tmp_path: Path) -> None:
    # One sentence with no Party or state vocabulary: tifa cannot tell it is a Party text.
    document = write(tmp_path / "doc.txt", "Every branch must be a battle fortress in the village.\n")
    assert codes(tmp_path, str(document)) == []
    write(tmp_path / "tifa.toml", "party-texts = true\n")
    assert codes(tmp_path, str(document)) == ["TF105"]


# Validation: one line, path:line: message, exit 2


@pytest.mark.parametrize(
    ("name", "text", "line", "message"),
    [
        ("tifa.toml", 'select = ["TF101"]\nbogus = 1\n', 2, "unknown key 'bogus' (known keys: glossary,"),
        ("tifa.toml", 'select = "TF101"\n', 1, "select must be a list of rule codes, names or prefixes"),
        ("tifa.toml", '\nignore = ["TF999"]\n', 2, "ignore: unknown rule 'TF999'"),
        ("tifa.toml", 'select = ["wrong-renderings"]\n', 1, "select: unknown rule 'wrong-renderings'"),
        ("tifa.toml", 'glossary = ["missing.yaml"]\n', 1, "glossary file 'missing.yaml' not found (relative to "),
        ("tifa.toml", 'glossary = "house.yaml"\n', 1, "glossary must be a list of strings"),
        ("tifa.toml", "disable = [1, 2]\n", 1, "disable must be a list of strings"),
        ("tifa.toml", "include = [true]\n", 1, "include must be a list of strings"),
        ("tifa.toml", 'exclude = "drafts"\n', 1, "exclude must be a list of strings"),
        ("tifa.toml", 'force-exclude = "yes"\n', 1, "force-exclude must be true or false"),
        ("tifa.toml", "include-fuzzy = 1\n", 1, "include-fuzzy must be true or false"),
        ("tifa.toml", "\n\nunsafe-fixes = []\n", 3, "unsafe-fixes must be true or false"),
        ("tifa.toml", 'min-severity = "fatal"\n', 1, "min-severity must be one of info, warning, error, not 'fatal'"),
        ("tifa.toml", "min-severity = 2\n", 1, "min-severity must be one of info, warning, error"),
        ("tifa.toml", "source-column = 0\n", 1, "source-column must be a header name or a 1-based column number"),
        ("tifa.toml", "target-column = true\n", 1, "target-column must be a header name or a 1-based column number"),
        ("tifa.toml", 'target-column = " "\n', 1, "target-column must not be empty"),
        ("tifa.toml", 'per-file-ignores = ["x"]\n', 1, "per-file-ignores must be a table of glob patterns"),
        (
            "tifa.toml",
            '[per-file-ignores]\n"a/*.md" = ["TF101"]\n"b/*.md" = ["TF777"]\n',
            3,
            "b/*.md: unknown rule 'TF777'",
        ),
        ("tifa.toml", 'per-file-ignores = { "a.md" = "TF101" }\n', 1, "a.md must be a list of rule codes"),
        ("tifa.toml", 'select = ["TF101"\n', 2, "invalid TOML: "),
        (
            "pyproject.toml",
            '[project]\nname = "x"\n\n[tool.ruff]\nselect = ["E"]\n\n[tool.tifa]\nglossary = []\nselect = ["TF9999"]\n',
            9,
            "select: unknown rule 'TF9999'",
        ),
        ("pyproject.toml", '[tool]\ntifa = "yes"\n', 2, "tool.tifa must be a table"),
        ("pyproject.toml", "[tool.tifa]\nmin_severity = 'error'\n", 2, "unknown key 'min_severity'"),
    ],
)
def test_validation_errors_name_the_file_and_line(
    tmp_path: Path, name: str, text: str, line: int, message: str
) -> None:
    config = write(tmp_path / name, text)
    document = write(tmp_path / "doc.txt", BAD)
    result = run("check", "--config", str(config), str(document))
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.startswith(f"tifa: {config}:{line}: {message}"), result.stderr
    assert len(result.stderr.splitlines()) == 1
    # Discovery reports the same error.
    discovered = run("check", str(document))
    assert discovered.exit_code == 2
    assert f":{line}: {message}" in discovered.stderr


def test_load_configuration_values(tmp_path: Path) -> None:
    write(tmp_path / "g.yaml", HOUSE_GLOSSARY)
    config = load_configuration(
        write(
            tmp_path / "tifa.toml",
            'glossary = ["g.yaml"]\ndisable = ["two-upholds"]\nselect = ["TF1,TF2"]\nignore = ["TF103"]\n'
            'include = ["*.md"]\nexclude = ["drafts"]\nforce-exclude = true\nsource-column = "zh"\n'
            'target-column = 3\ninclude-fuzzy = true\nunsafe-fixes = false\nmin-severity = "warning"\n'
            '[per-file-ignores]\n"old/**" = ["wrong-rendering"]\n',
        )
    )
    assert config.glossary == (tmp_path / "g.yaml",)
    assert config.disable == ("two-upholds",)
    assert config.select == ("TF1", "TF2") and config.ignore == ("TF103",)
    assert [glob.pattern for glob in config.include] == ["*.md"]
    assert [glob.pattern for glob in config.exclude] == ["drafts"]
    assert config.force_exclude is True
    assert (config.source_column, config.target_column) == ("zh", 3)
    assert (config.include_fuzzy, config.unsafe_fixes, config.min_severity) == (True, False, Severity.WARNING)
    assert [(glob.pattern, prefixes) for glob, prefixes in config.per_file_ignores] == [("old/**", ("TF101",))]


def test_an_unreadable_configuration_is_an_error(tmp_path: Path) -> None:
    config = tmp_path / "tifa.toml"
    config.write_bytes(b"select = ['\xff']\n")
    with pytest.raises(UsageError, match="cannot read configuration file"):
        load_configuration(config)


# Glob patterns and per-file selections


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("*.md", "notes.md", True),
        ("*.md", "docs/deep/notes.md", True),
        ("*.md", "notes.txt", False),
        ("drafts", "docs/drafts/a.txt", True),
        ("drafts", "docs/drafts-old/a.txt", False),
        ("docs/*.md", "docs/a.md", True),
        ("docs/*.md", "docs/sub/a.md", False),
        ("docs/*.md", "other/docs/a.md", False),
        ("docs/**/*.md", "docs/a.md", True),
        ("docs/**/*.md", "docs/x/y/a.md", True),
        ("**/*.po", "locale/zh/app.po", True),
        ("docs/drafts/", "docs/drafts/a.txt", True),
        ("./docs/drafts", "docs/drafts/a.txt", True),
        ("docs/?.md", "docs/a.md", True),
        ("docs/?.md", "docs/ab.md", False),
        ("[ab].txt", "b.txt", True),
        ("[!ab].txt", "b.txt", False),
        ("[!ab].txt", "c.txt", True),
    ],
)
def test_glob_patterns(pattern: str, path: str, matches: bool) -> None:
    absolute = PurePosixPath("/project") / path
    assert Glob.of(pattern).matches(PurePosixPath(path), absolute) is matches


def test_anchored_patterns_never_match_files_outside_the_configuration_directory() -> None:
    assert not Glob.of("docs/*.md").matches(None, PurePosixPath("/elsewhere/docs/a.md"))
    assert Glob.of("*.md").matches(None, PurePosixPath("/elsewhere/docs/a.md"))


def test_per_file_ignores_disable_rules_whatever_select_says(tmp_path: Path) -> None:
    config = Configuration(path=tmp_path / "tifa.toml", per_file_ignores=((Glob.of("*.md"), ("TF1",)),))
    base = RuleSelection.from_options(["TF101"])
    assert not config.selection_for(str(tmp_path / "a.md"), base).is_enabled("TF101")
    assert config.selection_for(str(tmp_path / "a.txt"), base).is_enabled("TF101")
    assert config.selection_for("-", base) is base


def test_readme_configuration_table_lists_every_known_key() -> None:
    """The README's table of configuration keys and KNOWN_KEYS name the same keys."""
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    header = "| key | type | meaning |\n|---|---|---|\n"
    start = readme.index(header, readme.index("## Configuration\n")) + len(header)
    rows = readme[start : readme.index("\n\n", start)].splitlines()
    documented = {key for row in rows for key in re.findall(r"`([a-z-]+)`", row.split("|")[1])}
    assert documented == set(KNOWN_KEYS)
