"""What the language server knows about a workspace: configurations and compiled glossaries, kept fresh.

Each file an editor opens is linted with the configuration tifa would find for it on the
command line (the nearest ``.tifa.toml``, ``tifa.toml`` or ``pyproject.toml`` with
``[tool.tifa]``) and the glossary that configuration sets up. Both are kept in memory and
compared with their files' modification times and sizes before each lint, so an edit to the
configuration or to a user glossary takes effect at the next keystroke, and the glossary is
compiled only when one of its files changed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from tifa.cli_shared import reader_options
from tifa.config import Configuration, find_configuration_file, load_configuration
from tifa.encoding import UTF8
from tifa.errors import GlossaryError, TifaError, UnknownDisabledEntryError
from tifa.formats import format_for, read_segments
from tifa.glossary.cache import default_cache_dir, load_compiled_glossary
from tifa.glossary.compile import CompiledGlossary
from tifa.glossary.schema import Entry
from tifa.model import Finding, Severity
from tifa.results import FileResult
from tifa.run import check_document
from tifa.segments import Document
from tifa.selection import RuleSelection
from tifa.settings import CheckSettings

# A file's identity for change detection: its path, modification time and size (None: missing).
Stamp = tuple[str, int, int] | tuple[str, None, None]
# Glossaries held at once (several configurations in one workspace, or one just edited).
_GLOSSARIES_HELD = 4


def stamp(path: Path) -> Stamp:
    """Return what tells whether file ``path`` changed: its modification time and size, or None if it is gone."""
    try:
        status = os.stat(path)
    except OSError:
        return (str(path), None, None)
    return (str(path), status.st_mtime_ns, status.st_size)


@dataclass(frozen=True)
class Setup:
    """Everything needed to lint one file: its configuration, the run settings and the compiled glossary."""

    config: Configuration
    settings: CheckSettings
    glossary: CompiledGlossary
    entries: dict[str, Entry]

    def entry(self, entry_id: str | None) -> Entry | None:
        """Return the glossary entry with id ``entry_id``, if there is one."""
        return self.entries.get(entry_id) if entry_id is not None else None


@dataclass(frozen=True)
class Linted:
    """One text linted: the document read from it, its findings (at or above the minimum severity), and the setup."""

    document: Document
    findings: tuple[Finding, ...]
    setup: Setup


@dataclass
class Project:
    """Configurations and compiled glossaries for the files of a workspace, reloaded when their files change.

    ``cache_dir`` is the on-disk glossary cache (None: compile in memory only).
    """

    cache_dir: Path | None = field(default_factory=default_cache_dir)
    _configs: dict[str, tuple[Stamp, Configuration]] = field(default_factory=dict)
    _glossaries: dict[tuple[tuple[Stamp, ...], tuple[str, ...]], tuple[CompiledGlossary, dict[str, Entry]]] = field(
        default_factory=dict
    )

    def forget(self) -> None:
        """Drop every configuration and glossary held, so that the next lint reads them again."""
        self._configs.clear()
        self._glossaries.clear()

    def configuration(self, path: str) -> Configuration:
        """Return the configuration for file ``path``: the nearest configuration file, re-read when it changed.

        Raises :class:`~tifa.errors.UsageError` naming the file and line of an invalid one.
        """
        found = find_configuration_file(Path(os.path.abspath(path)).parent)
        if found is None:
            return Configuration()
        key = os.path.abspath(found)
        current = stamp(found)
        held = self._configs.get(key)
        if held is not None and held[0] == current:
            return held[1]
        config = load_configuration(found)
        self._configs[key] = (current, config)
        return config

    def glossary(self, config: Configuration) -> tuple[CompiledGlossary, dict[str, Entry]]:
        """Return the glossary ``config`` sets up and its entries by id, compiled again only when a file changed.

        Raises the first :class:`~tifa.errors.GlossaryError` of an invalid glossary.
        """
        files = tuple(dict.fromkeys(Path(os.path.abspath(path)) for path in config.glossary))
        key = (tuple(stamp(path) for path in files), config.disable)
        held = self._glossaries.get(key)
        if held is not None:
            return held
        compiled, errors = load_compiled_glossary(list(files), config.disable, cache_dir=self.cache_dir)
        if compiled is None:
            raise _located(errors[0], config) if errors else GlossaryError("the glossary could not be loaded")
        while len(self._glossaries) >= _GLOSSARIES_HELD:  # the oldest goes: most often one a user has since edited
            del self._glossaries[next(iter(self._glossaries))]
        self._glossaries[key] = (compiled, {entry.id: entry for entry in compiled.entries})
        return self._glossaries[key]

    def setup(self, path: str) -> Setup:
        """Return the setup for linting file ``path``; raise :class:`~tifa.errors.TifaError` for a bad configuration."""
        config = self.configuration(path)
        compiled, entries = self.glossary(config)
        selection = RuleSelection.from_options(config.select or (), config.ignore or ())
        settings = CheckSettings(selection, reader_options=reader_options(config), config=config)
        return Setup(config, settings.for_file(path), compiled, entries)

    def lint(self, path: str, text: str) -> Linted:
        """Lint ``text`` as the content of file ``path`` (read by the format its suffix names).

        Raises :class:`~tifa.errors.TifaError` for a bad configuration or glossary, and
        :class:`~tifa.errors.InputError` for text its format cannot read (a malformed PO file).
        """
        setup = self.setup(path)
        if not setup.settings.accepts(path, named=True):  # force-exclude: the project never checks it
            return Linted(Document(path, text, UTF8, (), format_for(path)), (), setup)
        return lint_with(setup, path, text)


def lint_with(setup: Setup, path: str, text: str) -> Linted:
    """Lint ``text`` as the content of file ``path`` with ``setup``; fixes come escaped for the file's syntax."""
    format_name = format_for(path)
    segments = tuple(read_segments(format_name, text, setup.settings.reader_options))
    document = Document(path, text, UTF8, segments, format_name)
    result: FileResult = check_document(document, setup.glossary, setup.settings)
    minimum = setup.config.min_severity or Severity.INFO
    return Linted(document, tuple(f for f in result.findings if f.severity >= minimum), setup)


def _located(error: TifaError, config: Configuration) -> TifaError:
    """``error``, placed at the configuration's ``disable`` line when it is about an id listed there."""
    if isinstance(error, UnknownDisabledEntryError) and config.path is not None:
        error.path, error.line = str(config.path), config.disable_line
    return error
