"""Configuration files: ``[tool.tifa]`` in ``pyproject.toml``, or ``tifa.toml`` / ``.tifa.toml``.

Discovery walks up from the directory of the first path checked (the current directory for
standard input) to the filesystem root; in each directory ``.tifa.toml``, then ``tifa.toml``,
then a ``pyproject.toml`` that has a ``[tool.tifa]`` table counts, and the nearest file wins.
One configuration serves the whole run. ``tifa.toml`` and ``.tifa.toml`` hold the keys at
the top level, without a table.

Paths in the file (``glossary``) and glob patterns (``include``, ``exclude``,
``per-file-ignores``) are relative to the file's directory. Every problem is a
:class:`~tifa.errors.UsageError` naming the file and the line of the key.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any

from tifa.errors import UsageError
from tifa.files import STDIN
from tifa.globs import Glob
from tifa.model import Severity
from tifa.reading import FileReadError, parse_size, read_regular_file
from tifa.selection import RuleSelection, parse_selectors, resolve_selector

PYPROJECT = "pyproject.toml"
# In one directory the first of these that exists (a pyproject.toml only with [tool.tifa]) wins.
CONFIG_NAMES = (".tifa.toml", "tifa.toml", PYPROJECT)
PYPROJECT_SECTION = "tool.tifa"
PER_FILE_IGNORES = "per-file-ignores"
KNOWN_KEYS = (
    "glossary",
    "disable",
    "select",
    "ignore",
    "include",
    "exclude",
    "force-exclude",
    PER_FILE_IGNORES,
    "source-column",
    "target-column",
    "include-fuzzy",
    "unsafe-fixes",
    "min-severity",
    "party-texts",
    "max-file-size",
)


@dataclass(frozen=True)
class Configuration:
    """The settings of one configuration file; ``path`` None stands for no file (the defaults).

    ``select`` and ``ignore`` are None when the file does not set them; the other options that
    the command line can also set are None when unset, so the command line can override them.
    """

    path: Path | None = None
    glossary: tuple[Path, ...] = ()
    disable: tuple[str, ...] = ()
    disable_line: int | None = None  # where ``disable`` is set in the file, for errors about its ids
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    include: tuple[Glob, ...] = ()
    exclude: tuple[Glob, ...] = ()
    force_exclude: bool = False
    per_file_ignores: tuple[tuple[Glob, tuple[str, ...]], ...] = ()  # (pattern, code prefixes)
    source_column: str | int | None = None
    target_column: str | int | None = None
    include_fuzzy: bool | None = None
    unsafe_fixes: bool | None = None
    min_severity: Severity | None = None
    party_texts: bool = False  # every file is a Party or state text, whatever its vocabulary
    max_file_size: int | None = None  # in bytes

    @cached_property
    def root(self) -> Path:
        """The directory that relative paths and patterns start from (the current one without a file)."""
        return Path(os.path.abspath(self.path.parent if self.path is not None else Path.cwd()))

    def _locate(self, path: str) -> tuple[PurePosixPath | None, PurePosixPath]:
        absolute = Path(os.path.abspath(path))
        try:
            relative: PurePosixPath | None = PurePosixPath(absolute.relative_to(self.root).as_posix())
        except ValueError:
            relative = None
        return relative, PurePosixPath(absolute.as_posix())

    def _matches(self, patterns: Iterable[Glob], path: str) -> bool:
        relative, absolute = self._locate(path)
        return any(pattern.matches(relative, absolute) for pattern in patterns)

    def accepts(self, path: str, *, named: bool) -> bool:
        """Return True when file ``path`` is to be checked.

        A file found in a directory must match ``include`` (when set) and must not match
        ``exclude``; a file named on the command line is checked unless ``force-exclude`` is set
        and it matches ``exclude``. Standard input is always checked.
        """
        if path == STDIN:
            return True
        if self.exclude and (self.force_exclude or not named) and self._matches(self.exclude, path):
            return False
        return named or not self.include or self._matches(self.include, path)

    def selection_for(self, path: str, base: RuleSelection) -> RuleSelection:
        """Return ``base`` with the per-file ignores whose pattern matches ``path`` applied."""
        if not self.per_file_ignores or path == STDIN:
            return base
        ignored = [
            prefix
            for pattern, prefixes in self.per_file_ignores
            if self._matches((pattern,), path)
            for prefix in prefixes
        ]
        return base.without(ignored)


def load_configuration(path: Path) -> Configuration:
    """Read and validate configuration file ``path`` (``[tool.tifa]`` of a ``pyproject.toml``)."""
    try:
        text = read_regular_file(str(path)).decode("utf-8-sig")
    except (FileReadError, UnicodeDecodeError) as error:
        reason = error.reason if isinstance(error, FileReadError) else str(error)
        raise UsageError(f"cannot read configuration file: {reason}", path) from None
    data = _parse_toml(text, path)
    section = PYPROJECT_SECTION if path.name == PYPROJECT else ""
    if section:
        table = data.get("tool", {}).get("tifa") if isinstance(data.get("tool"), dict) else None
        if table is None:
            raise UsageError("no [tool.tifa] table in this pyproject.toml", path)
        if not isinstance(table, dict):
            raise UsageError("tool.tifa must be a table", path, _KeyLocator(text, "tool").line_of("tifa"))
    else:
        table = data
    return _Validator(path, _KeyLocator(text, section)).configuration(table)


def _parse_toml(text: str, path: Path) -> dict[str, Any]:
    # Imported here: most runs find no configuration file, and start-up counts.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        where = re.search(r"\s*\(at line (\d+), column \d+\)", message)
        line = int(where.group(1)) if where else text.count("\n") + 1
        message = message[: where.start()] + message[where.end() :] if where else message
        raise UsageError(f"invalid TOML: {message}", path, line) from None
    return data


def find_configuration_file(start: Path) -> Path | None:
    """Return the nearest configuration file in ``start`` or a directory above it, or None."""
    start = Path(os.path.abspath(start))
    for directory in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            # os.path.isfile: a folder that cannot be searched has no configuration, not a traceback
            if os.path.isfile(candidate) and (name != PYPROJECT or _has_tifa_table(candidate)):
                return _shortest(candidate)
    return None


def _shortest(path: Path) -> Path:
    """``path`` relative to the current directory when it lies below it (for messages), else as it is."""
    relative = os.path.relpath(path)
    return Path(relative) if not relative.startswith(os.pardir) else path


def _has_tifa_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    if "tifa" not in text:
        return False
    tool = _parse_toml(text, path).get("tool")
    return isinstance(tool, dict) and "tifa" in tool


def discover(paths: Sequence[str]) -> Configuration:
    """Return the configuration nearest to the first of ``paths`` (the defaults when there is none)."""
    first = paths[0] if paths else STDIN
    start = Path.cwd() if first == STDIN else Path(os.path.abspath(first))
    if not os.path.isdir(start):  # also a path that cannot be looked at: checking it says why
        start = start.parent
    found = find_configuration_file(start)
    return load_configuration(found) if found is not None else Configuration()


def resolve_configuration(paths: Sequence[str], config_file: Path | None, *, isolated: bool) -> Configuration:
    """Return the run's configuration: ``config_file`` if given, none when ``isolated``, else discovered."""
    if isolated and config_file is not None:
        raise UsageError("use either --config or --isolated, not both")
    if isolated:
        return Configuration()
    if config_file is not None:
        if not os.path.exists(config_file):
            raise UsageError("configuration file not found", config_file)
        return load_configuration(config_file)
    return discover(paths)


class _KeyLocator:
    """Finds the line of a key in TOML text with a simple scan (good enough for error messages)."""

    _HEADER = re.compile(r"^\s*\[\[?\s*([^\]]*?)\s*\]\]?\s*(?:#.*)?$")

    def __init__(self, text: str, section: str) -> None:
        self.lines = text.splitlines()
        self.section = section
        self.section_line = 1
        for number, line in enumerate(self.lines, start=1):
            header = self._HEADER.match(line)
            if header and self._table_name(header.group(1)) == section:
                self.section_line = number
                break

    @staticmethod
    def _table_name(raw: str) -> str:
        return ".".join(part.strip().strip("\"'") for part in raw.split("."))

    def line_of(self, key: str, *, table: str | None = None) -> int:
        """The line of ``key`` in ``table`` (default: the tifa section), or the section's line if not found."""
        line = self.find(key, table=table)
        return self.section_line if line is None else line

    def find(self, key: str, *, table: str | None = None) -> int | None:
        """The line of ``key`` in ``table`` (default: the tifa section), or None."""
        wanted_table = self.section if table is None else table
        assignment = re.compile(rf"^\s*(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')\s*=")
        current = ""
        for number, line in enumerate(self.lines, start=1):
            header = self._HEADER.match(line)
            if header:
                current = self._table_name(header.group(1))
                if current == _join(wanted_table, key):
                    return number
                continue
            if current == wanted_table and assignment.match(line):
                return number
        return None


def _join(table: str, key: str) -> str:
    return f"{table}.{key}" if table else key


class _Validator:
    """Checks each key of a configuration table and builds the :class:`Configuration`."""

    def __init__(self, path: Path, locator: _KeyLocator) -> None:
        self.path = path
        self.locator = locator
        self.root = Path(os.path.abspath(path.parent))

    def error(self, key: str, message: str, *, table: str | None = None) -> UsageError:
        """An error at the line of ``key`` (a per-file pattern in an inline table: at the table's line)."""
        line = self.locator.find(key, table=table)
        if line is None and table is not None:
            line = self.locator.find(PER_FILE_IGNORES)
        return UsageError(message, self.path, self.locator.section_line if line is None else line)

    def configuration(self, table: dict[str, Any]) -> Configuration:
        for key in table:
            if key not in KNOWN_KEYS:
                raise self.error(key, f"unknown key {key!r} (known keys: {', '.join(KNOWN_KEYS)})")
        checks: dict[str, Callable[[str, Any], Any]] = {
            "glossary": self.glossary,
            "disable": self.strings,
            "select": self.selectors,
            "ignore": self.selectors,
            "include": self.globs,
            "exclude": self.globs,
            "force-exclude": self.boolean,
            PER_FILE_IGNORES: self.per_file_ignores,
            "source-column": self.column,
            "target-column": self.column,
            "include-fuzzy": self.boolean,
            "unsafe-fixes": self.boolean,
            "min-severity": self.severity,
            "party-texts": self.boolean,
            "max-file-size": self.size,
        }
        values = {key.replace("-", "_"): checks[key](key, value) for key, value in table.items()}
        if "disable" in table:
            values["disable_line"] = self.locator.line_of("disable")
        return Configuration(path=self.path, **values)

    def strings(self, key: str, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.error(key, f"{key} must be a list of strings")
        return tuple(value)

    def boolean(self, key: str, value: Any) -> bool:
        if not isinstance(value, bool):
            raise self.error(key, f"{key} must be true or false")
        return value

    def glossary(self, key: str, value: Any) -> tuple[Path, ...]:
        paths = []
        for item in self.strings(key, value):
            path = Path(item) if os.path.isabs(item) else self.root / item
            if not os.path.exists(path):  # a folder or a pipe: loading the glossary says so
                raise self.error(key, f"glossary file {item!r} not found (relative to {self.root})")
            paths.append(path)
        return tuple(paths)

    def selectors(self, key: str, value: Any, *, table: str | None = None) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.error(key, f"{key} must be a list of rule codes, names or prefixes", table=table)
        selectors = parse_selectors(value)
        for selector in selectors:
            try:
                resolve_selector(selector)
            except UsageError as error:
                raise self.error(key, f"{key}: {error.message}", table=table) from None
        return selectors

    def globs(self, key: str, value: Any) -> tuple[Glob, ...]:
        return tuple(self.glob(key, pattern) for pattern in self.strings(key, value))

    def glob(self, key: str, pattern: str, *, table: str | None = None) -> Glob:
        try:
            return Glob.of(pattern)
        except ValueError as error:
            raise self.error(key, f"invalid glob pattern {pattern!r}: {error}", table=table) from None

    def per_file_ignores(self, key: str, value: Any) -> tuple[tuple[Glob, tuple[str, ...]], ...]:
        if not isinstance(value, dict):
            raise self.error(key, f"{key} must be a table of glob patterns to lists of rule codes")
        table = _join(self.locator.section, key)
        entries = []
        for pattern, codes in value.items():
            selectors = self.selectors(pattern, codes, table=table)
            glob = self.glob(pattern, pattern, table=table)
            entries.append((glob, tuple(resolve_selector(selector) for selector in selectors)))
        return tuple(entries)

    def column(self, key: str, value: Any) -> str | int:
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise self.error(key, f"{key} must be a header name or a 1-based column number")
        if isinstance(value, int) and value < 1:
            raise self.error(key, f"{key} must be a header name or a 1-based column number, not {value}")
        if isinstance(value, str) and not value.strip():
            raise self.error(key, f"{key} must not be empty")
        return value

    def severity(self, key: str, value: Any) -> Severity:
        if not isinstance(value, str):
            raise self.error(key, f"{key} must be one of info, warning, error")
        try:
            return Severity.parse(value)
        except ValueError:
            raise self.error(key, f"{key} must be one of info, warning, error, not {value!r}") from None

    def size(self, key: str, value: Any) -> int:
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
        try:
            size = parse_size(value) if isinstance(value, str) else 0
        except ValueError:
            size = 0
        if size <= 0:
            raise self.error(key, f'{key} must be a number of bytes or a size such as "200MB" or "1GB"')
        return size
