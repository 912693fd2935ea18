"""The library's linter: one glossary and one set of settings, applied to texts and files.

A :class:`Linter` runs the same pipeline as ``tifa check`` (:mod:`tifa.run`, :mod:`tifa.linter`,
:mod:`tifa.fixer`) and reports the same findings. It pickles small (the glossary's identity and
the settings, see :mod:`tifa.api.glossary_source`), so it can be shipped to other processes.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tifa.api.findings import Finding, located
from tifa.api.glossary_source import GlossarySource
from tifa.config import Configuration, load_configuration
from tifa.encoding import UTF8
from tifa.errors import InputError, UnknownDisabledEntryError, UsageError
from tifa.fixer import fix_to_fixed_point
from tifa.formats import ReaderOptions, TableOptions, format_for, read_document
from tifa.glossary.compile import CompiledGlossary
from tifa.model import Applicability
from tifa.model import Finding as RawFinding
from tifa.reading import DEFAULT_MAX_FILE_SIZE
from tifa.run import check_document, check_paths
from tifa.segments import Document, InputFormat, Segment
from tifa.selection import RuleSelection
from tifa.settings import CheckSettings

TEXT_PATH = "<text>"  # the path reported for a text given as a string


@dataclass(frozen=True)
class FixedText:
    """What :meth:`Linter.fix_text` made of a text.

    ``applied`` are the findings whose fixes were applied, located in the text as it was when
    they were applied (fixes are applied in passes until nothing changes; nearly always one);
    ``remaining`` are the findings of the fixed text.
    """

    text: str
    applied: list[Finding] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """True when any fix was applied."""
        return bool(self.applied)


class Linter:
    """Checks texts and files against a glossary, as ``tifa check`` does.

    ``glossary`` names extra glossary files (one path or several), added to the shipped
    glossary as ``--glossary`` adds them; ``config`` is a configuration file (``tifa.toml``,
    ``.tifa.toml`` or a ``pyproject.toml`` with ``[tool.tifa]``) or an already loaded
    :class:`~tifa.config.Configuration`, None for the defaults (no file is looked for);
    ``select`` and ``ignore`` take rule codes, names or prefixes as ``--select`` and
    ``--ignore`` do and override the configuration's in the same way. The compiled glossary is
    loaded from the per-user cache (compiled and cached when missing; ``use_cache=False``
    compiles afresh) once per process.

    Raises :class:`~tifa.errors.GlossaryError` for an invalid glossary and
    :class:`~tifa.errors.UsageError` for an invalid configuration or an unknown rule.
    """

    _source: GlossarySource
    _settings: CheckSettings
    _glossary: CompiledGlossary | None
    _lock: threading.Lock

    def __init__(
        self,
        glossary: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None = None,
        config: str | os.PathLike[str] | Configuration | None = None,
        select: str | Iterable[str] | None = None,
        ignore: str | Iterable[str] | None = None,
        *,
        use_cache: bool = True,
        report_unused_suppressions: bool = False,
    ) -> None:
        configuration = config if isinstance(config, Configuration) else _load_configuration(config)
        extra = [*configuration.glossary, *_paths(glossary)]
        source = GlossarySource.of(extra, configuration.disable, use_cache=use_cache)
        settings = CheckSettings(
            selection=_selection(configuration, _selectors(select), _selectors(ignore)),
            reader_options=_reader_options(configuration),
            config=configuration,
            report_unused_suppressions=report_unused_suppressions,
            jobs=1,
            max_file_size=configuration.max_file_size or DEFAULT_MAX_FILE_SIZE,
        )
        self._restore(source, settings)
        try:
            self._glossary = source.compiled()
        except UnknownDisabledEntryError as error:
            if configuration.path is not None:
                error.path, error.line = str(configuration.path), configuration.disable_line
            raise

    def _restore(self, source: GlossarySource, settings: CheckSettings) -> None:
        self._source = source
        self._settings = settings
        self._glossary = None
        self._lock = threading.Lock()

    def __reduce__(self) -> tuple[Any, tuple[type[Linter], GlossarySource, CheckSettings]]:
        """Pickle the glossary's identity and the settings, not the compiled glossary."""
        return _unpickle_linter, (type(self), self._source, self._settings)

    def __repr__(self) -> str:
        selection = self._settings.selection
        extra = list(self._source.extra)
        return f"Linter(glossary={extra!r}, select={selection.select!r}, ignore={selection.ignore!r})"

    @property
    def source(self) -> GlossarySource:
        """The identity of the glossary this linter uses (what a pickled linter carries)."""
        return self._source

    @property
    def settings(self) -> CheckSettings:
        """The settings this linter checks with, as ``tifa check`` would build them."""
        return self._settings

    @property
    def glossary(self) -> CompiledGlossary:
        """The compiled glossary; a linter that was unpickled loads it on first use."""
        if self._glossary is None:
            with self._lock:
                if self._glossary is None:
                    self._glossary = self._source.compiled()
        return self._glossary

    def lint_text(
        self, text: str | bytes, *, source: str | None = None, format: str = "text", path: str = TEXT_PATH
    ) -> list[Finding]:
        """Return the findings in ``text``, read as a file of ``format`` named ``path``.

        ``format`` is ``text``, ``markdown``, ``po``, ``xliff``, ``tsv`` or ``csv``; ``bytes``
        are decoded as tifa decodes files. With ``source`` (the Chinese original) the whole
        text is one segment aligned with it, as a row of a bilingual table is. The
        configuration's per-file ignores apply to ``path``. Raises
        :class:`~tifa.errors.InputError` for text that its format cannot read.
        """
        document = self._document(text, source, format, path)
        result = check_document(document, self.glossary, self._settings.for_file(path))
        return located(path, document.text, result.findings)

    def lint_path(self, path: str | os.PathLike[str]) -> list[Finding]:
        """Return the findings in a file, or in every file a directory holds, as ``tifa check`` finds them.

        The file's suffix chooses its format. Raises :class:`~tifa.errors.InputError` for the
        first file that cannot be read (missing, undecodable, malformed).
        """
        result = check_paths([os.fspath(path)], self.glossary, self._settings)
        if result.errors:
            raise result.errors[0]
        return [
            finding
            for file_result in result.files
            for finding in located(file_result.document.path, file_result.document.text, file_result.findings)
        ]

    def fix_text(
        self,
        text: str | bytes,
        unsafe: bool = False,
        *,
        source: str | None = None,
        format: str = "text",
        path: str = TEXT_PATH,
    ) -> FixedText:
        """Apply the safe fixes (with ``unsafe``, the unsafe ones too) to ``text`` until nothing changes.

        Returns the fixed text, the findings fixed and the findings that remain. The
        arguments are those of :meth:`lint_text`; in PO, XLIFF and CSV text the replacements
        are escaped for the format, as ``tifa check --fix`` writes them.
        """
        document = self._document(text, source, format, path)
        settings = self._settings.for_file(path)
        texts: list[str] = []

        def lint(current: str) -> list[RawFinding]:
            texts.append(current)
            changed = document if current == document.text else self._document(current, source, format, path)
            return list(check_document(changed, self.glossary, settings).findings)

        threshold = Applicability.UNSAFE if unsafe else Applicability.SAFE
        result = fix_to_fixed_point(document.text, lint, threshold)
        # Pass n applied fixes to the text of the n-th lint; the last lint's findings are the remaining ones.
        passes = zip(texts, result.applied, strict=False)
        applied = [finding for before, fixed in passes for finding in located(path, before, fixed)]
        return FixedText(result.text, applied, located(path, result.text, result.remaining))

    def _document(self, text: str | bytes, source: str | None, format: str, path: str) -> Document:
        if source is None:
            data = text if isinstance(text, bytes) else _encoded(text, path)
            return read_document(path, data, format_for(path, format), self._settings.reader_options)
        if format_for(path, format) is not InputFormat.TEXT:
            raise UsageError(f"source= goes with plain text, not with format {format!r} (its files hold their source)")
        if isinstance(text, bytes):
            text = read_document(path, text, InputFormat.TEXT).text
        return Document(path, text, UTF8, (Segment(text, 0, source),))


def _unpickle_linter(kind: type[Linter], source: GlossarySource, settings: CheckSettings) -> Linter:
    linter = kind.__new__(kind)
    linter._restore(source, settings)
    return linter


def _encoded(text: str, path: str) -> bytes:
    if not isinstance(text, str):
        raise InputError(f"the text must be str or bytes, not {type(text).__name__}", path)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise InputError(f"the text is not valid Unicode ({error.reason} at offset {error.start})", path) from None


def _load_configuration(config: str | os.PathLike[str] | None) -> Configuration:
    return Configuration() if config is None else load_configuration(Path(config))


def _paths(glossary: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None) -> list[Path]:
    if glossary is None:
        return []
    if isinstance(glossary, (str, os.PathLike)):
        return [Path(glossary)]
    return [Path(path) for path in glossary]


def _selectors(value: str | Iterable[str] | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return (value,) if isinstance(value, str) else tuple(value)


def _selection(config: Configuration, select: tuple[str, ...] | None, ignore: tuple[str, ...] | None) -> RuleSelection:
    """As ``tifa check`` chooses: ``select`` replaces the file's select and ignore lists, ``ignore`` its ignore list."""
    if select is not None:
        return RuleSelection.from_options(select, ignore or ())
    return RuleSelection.from_options(config.select or (), ignore if ignore is not None else config.ignore or ())


def _reader_options(config: Configuration) -> ReaderOptions:
    table = TableOptions(source_column=config.source_column, target_column=config.target_column)
    return ReaderOptions(include_fuzzy=bool(config.include_fuzzy), table=table)


_default: Linter | None = None
_default_lock = threading.Lock()


def default_linter() -> Linter:
    """The linter of :func:`tifa.lint_text` and :func:`tifa.fix_text`: the shipped glossary, all rules, made once."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Linter()
        return _default


def lint_text(
    text: str | bytes, *, source: str | None = None, format: str = "text", path: str = TEXT_PATH
) -> list[Finding]:
    """Return the findings in ``text`` with the default linter (see :meth:`Linter.lint_text`)."""
    return default_linter().lint_text(text, source=source, format=format, path=path)


def lint_path(path: str | os.PathLike[str]) -> list[Finding]:
    """Return the findings in a file or directory with the default linter (see :meth:`Linter.lint_path`)."""
    return default_linter().lint_path(path)


def fix_text(
    text: str | bytes, unsafe: bool = False, *, source: str | None = None, format: str = "text", path: str = TEXT_PATH
) -> FixedText:
    """Fix ``text`` with the default linter (see :meth:`Linter.fix_text`)."""
    return default_linter().fix_text(text, unsafe, source=source, format=format, path=path)
