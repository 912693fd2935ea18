"""Start-up: ``tifa check`` of a plain-text file imports only what that run needs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

# Runs tifa check in-process, then writes the names of every module it imported to the file
# named by the first argument.
SCRIPT = """
import sys
from tifa.cli import app

modules_file, *arguments = sys.argv[1:]
try:
    app(arguments)
except SystemExit:
    pass
with open(modules_file, "w") as handle:
    handle.write("\\n".join(sorted(sys.modules)))
"""

# What a check of an English .txt file with text output must not import. (typer itself imports
# pydantic while it parses the options: that is typer's, not tifa's, and not listed.)
NOT_FOR_PLAIN_TEXT = (
    "markdown_it",  # Markdown files
    "defusedxml",  # XLIFF files
    "xml.etree.ElementTree",
    "tifa.bilingual.align",  # segments with a source
    "tifa.bilingual.numbers",
    "tifa.consistency",  # tifa consistency
    "tifa.reporters.html",  # the other output formats
    "tifa.reporters.sarif",
    "tifa.reporters.json",
    "tifa.glossary.load",  # the glossary comes from its compiled cache, not from YAML
    "yaml",
    "tifa.glossary.exchange",  # tifa glossary export and import
    "tifa.glossary.lint",
    "rapidfuzz",  # near-miss scoring, where a text has candidates
    "tomllib",  # configuration files, where there is one
    "pathspec",  # .gitignore files, where a folder is searched
)
ENGLISH = "The county office met on Monday. Cadres were asked to report on rural work by the end of the month.\n"


def _imported(tmp_path: Path, *arguments: str) -> set[str]:
    """The modules a ``tifa`` run with ``arguments`` imports, its glossary cached beforehand."""
    modules_file = tmp_path / "modules.txt"
    env = {**os.environ, "TIFA_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-c", SCRIPT, str(modules_file), *arguments]
    subprocess.run(command, cwd=tmp_path, env=env, check=True, capture_output=True)  # compiles the glossary
    shutil.rmtree(tmp_path / "cache" / "results")  # so that the file is checked again, not served
    subprocess.run(command, cwd=tmp_path, env=env, check=True, capture_output=True)
    return set(modules_file.read_text(encoding="utf-8").split())


def test_checking_an_english_text_file_imports_no_reader_reporter_or_command_it_does_not_use(tmp_path: Path) -> None:
    (tmp_path / "notice.txt").write_text(ENGLISH, encoding="utf-8")
    imported = _imported(tmp_path, "check", "notice.txt")
    assert "tifa.rules.literal" in imported  # the check ran
    assert sorted(imported.intersection(NOT_FOR_PLAIN_TEXT)) == []


def test_importing_the_command_imports_neither_pydantic_nor_what_its_subcommands_use() -> None:
    script = "import sys, tifa.cli; print('\\n'.join(sys.modules))"
    imported = set(
        subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True).stdout.split()
    )
    assert "typer" in imported
    assert sorted(imported.intersection([*NOT_FOR_PLAIN_TEXT, "pydantic"])) == []
