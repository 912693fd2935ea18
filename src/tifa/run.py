"""One run of ``tifa check``: read each file, lint it, optionally fix it, and gather the results."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
from collections.abc import Generator, Iterable
from dataclasses import dataclass, replace
from typing import Protocol

from tifa.errors import InputError, TifaError
from tifa.files import STDIN, collect_files
from tifa.fixer import fix_to_fixed_point
from tifa.formats import FORMATS, ReaderOptions, escape_for_span, read_document, read_segments
from tifa.glossary.compile import CompiledGlossary
from tifa.interrupts import Interrupted, deferred_interrupts
from tifa.linter import LintResult, lint
from tifa.model import Finding
from tifa.reading import DEFAULT_MAX_FILE_SIZE, FileReadError, read_regular_file
from tifa.results import FileResult, RunResult, counted
from tifa.segments import Document
from tifa.settings import CheckSettings
from tifa.workers import map_in_processes
from tifa.writing import Fingerprint, write_checked

# The result of checking one file: its result (None when it could not be read) and its errors.
FileCheck = tuple[FileResult | None, list[TifaError]]


def read_input(name: str, limit: int = DEFAULT_MAX_FILE_SIZE) -> bytes:
    """Return the bytes of file ``name`` (``-`` reads standard input): a regular file of at most ``limit`` bytes."""
    try:
        return read_regular_file(name, limit)
    except FileReadError as error:
        raise InputError(error.message(), name) from None


def with_text(document: Document, text: str, options: ReaderOptions | None = None) -> Document:
    """Return ``document`` with new text, split into segments again by its format."""
    return replace(document, text=text, segments=tuple(read_segments(document.format, text, options)))


def fix_in_file_syntax(document: Document, finding: Finding) -> Finding:
    """Return ``finding`` with its edits escaped for the file's format (a PO string, XML, a CSV cell).

    A replacement the format cannot hold at that place leaves the finding without a fix.
    """
    if finding.fix is None or FORMATS[document.format].writes_text_as_is:
        return finding
    try:
        edits = tuple(replace(edit, text=escape_for_span(document, edit.span, edit.text)) for edit in finding.fix.edits)
    except InputError:
        return replace(finding, fix=None)
    return replace(finding, fix=replace(finding.fix, edits=edits))


class FixingLinter:
    """Lints new texts of a document for the fixer, with fixes ready to splice in.

    ``suppressed`` keeps the suppressed findings of the latest call, and ``current`` the
    document it linted, so that the fixed text's document and suppressed findings are at hand
    without reading and linting it again.
    """

    def __init__(self, document: Document, glossary: CompiledGlossary, settings: CheckSettings) -> None:
        self.document = document
        self.current = document
        self.glossary = glossary
        self.settings = settings
        self.suppressed: list[Finding] = []

    def __call__(self, text: str) -> list[Finding]:
        """Lint ``text`` as the document's new content; return its findings with fixes in file syntax."""
        # What the previous text needed goes before the new text is read and linted.
        self.current, self.suppressed = self.document, []
        if text != self.document.text or not self.document.segments:  # (a document given without its segments)
            self.current = with_text(self.document, text, self.settings.reader_options)
        linted = _lint(self.current, self.glossary, self.settings)
        self.suppressed = linted.suppressed
        return [fix_in_file_syntax(self.current, finding) for finding in linted.findings]


def _lint(document: Document, glossary: CompiledGlossary, settings: CheckSettings) -> LintResult:
    unused = settings.report_unused_suppressions
    party_texts = settings.config is not None and settings.config.party_texts
    return lint(document, glossary, settings.selection, report_unused_suppressions=unused, party_texts=party_texts)


def check_document(document: Document, glossary: CompiledGlossary, settings: CheckSettings) -> FileResult:
    """Lint one document and, when ``settings`` ask to fix, fix it to a fixed point (without writing)."""
    if settings.fix is None:
        linted = _lint(document, glossary, settings)
        # Reported fixes are the ones --fix would apply, escaped as the file needs them.
        findings = tuple(fix_in_file_syntax(document, finding) for finding in linted.findings)
        return FileResult(document, findings, suppressed=tuple(linted.suppressed))
    linter = FixingLinter(document, glossary, settings)
    result = fix_to_fixed_point(document.text, linter, settings.fix.threshold)
    suppressed = tuple(linter.suppressed)
    last_linted = linter.current
    if last_linted.text != result.text:
        last_linted = with_text(document, result.text, settings.reader_options)
    if not result.fixed:
        return FileResult(last_linted, result.remaining, suppressed=suppressed)
    return FileResult(last_linted, result.remaining, result.fixed, document.text, suppressed)


class RunObserver(Protocol):
    """Told about a run as it goes: how many files it will check, then each file as it is done."""

    def files_found(self, count: int) -> None:
        """The run will check ``count`` files (and report the paths that cannot be used)."""

    def file_done(self, file_result: FileResult | None) -> None:
        """One more file is done: its result, or None for a file that could not be read."""


def check_paths(
    paths: Iterable[str],
    glossary: CompiledGlossary,
    settings: CheckSettings,
    observer: RunObserver | None = None,
    *,
    counts_only: bool = False,
) -> RunResult:
    """Check (and fix) every file under ``paths``; a file that cannot be read or written becomes an error.

    The settings' configuration chooses which files found in directories are checked
    (``include``, ``exclude``) and adds its per-file ignores for each file; files are checked
    in ``settings.jobs`` processes, and results come in the order of the files either way.
    Fixed files are written by this process, one whole file at a time; an interrupt raises
    :class:`~tifa.interrupts.Interrupted` naming the files already written. ``observer`` hears
    of each file as soon as it and the files before it are done; with ``counts_only`` (the
    observer has reported each file in full) the result keeps only what the closing line
    needs of each file (see :func:`~tifa.results.counted`), so memory does not grow with the
    number of files.
    """
    items = files_to_check(list(paths), settings)
    if observer is not None:
        observer.files_found(len(items))
    job = _FileJob(glossary, settings)
    result = RunResult()
    written: list[str] = []
    try:
        with contextlib.closing(_map_in_processes(job, items, worker_count(settings.jobs, items))) as checked:
            for item, (checked_file, errors) in zip(items, checked, strict=True):
                result.errors.extend(errors)
                file_result = None
                if checked_file is not None and isinstance(item, str):
                    with deferred_interrupts():
                        file_result = _write_fixed(item, checked_file, job, result.errors, written)
                if observer is not None:
                    observer.file_done(file_result)
                if file_result is not None:
                    result.files.append(counted(file_result) if counts_only else file_result)
    except Interrupted as interrupt:
        fixing = settings.fix is not None and settings.fix.write
        raise Interrupted(interrupt.signum, tuple(written) if fixing else None) from None
    return result


def _write_fixed(
    item: str, checked: _Checked, job: _FileJob, errors: list[TifaError], written: list[str]
) -> FileResult:
    """Write the fixed text of ``item`` when the run fixes files; return the result to report."""
    file_result = checked.result
    settings = job.settings.for_file(job.settings.name_of(item))
    if not (settings.fix is not None and settings.fix.write and file_result.fixed and item != STDIN):
        return file_result
    assert file_result.original_text is not None
    try:
        write_checked(item, file_result.document.text, file_result.document.encoding, checked.original)
    except InputError as error:
        errors.append(error)
        # report the file as it still is
        original = with_text(file_result.document, file_result.original_text, settings.reader_options)
        return check_document(original, job.glossary, replace(settings, fix=None))
    written.append(item)
    return file_result


@dataclass(frozen=True)
class _Checked:
    """The result of checking one file, and the fingerprint of the bytes it was read from."""

    result: FileResult
    original: Fingerprint


@dataclass(frozen=True)
class _FileJob:
    """Everything needed to check one file, as one callable that forked worker processes inherit."""

    glossary: CompiledGlossary
    settings: CheckSettings

    def __call__(self, item: str | InputError) -> tuple[_Checked | None, list[TifaError]]:
        """Read and check (and, when fixing, fix without writing) one file; return its result and its errors."""
        if isinstance(item, InputError):
            return None, [item]
        try:
            data, document = _read_file(item, self.settings)
        except InputError as error:
            return None, [error]
        errors: list[TifaError] = []
        settings = self.settings.for_file(self.settings.name_of(item))
        fingerprint, key = Fingerprint.of(data), self._cache_key(data, document, settings)
        del data  # the decoded text is all the check needs
        if settings.fix is not None:
            # Fixing reads each new text again: without this the first text's segments would
            # stay in memory beside each new text's until the end.
            document = replace(document, segments=())
        try:
            file_result = self._check(key, document, settings)
        except InputError as error:
            # Fixed text that its own format cannot read again is never written: the file is
            # left as it was and reported unfixed.
            errors.append(InputError(f"left unchanged: the fixed text could not be read again ({error.message})", item))
            original = with_text(document, document.text, settings.reader_options)
            file_result = check_document(original, self.glossary, replace(settings, fix=None))
        return _Checked(file_result, fingerprint), errors

    def lost(self, item: str | InputError, why: str) -> tuple[_Checked | None, list[TifaError]]:
        """The result for a file whose worker process died while checking it."""
        name = item.path or "" if isinstance(item, InputError) else item
        return None, [InputError(f"not checked: {why}", name)]

    @staticmethod
    def _cache_key(data: bytes, document: Document, settings: CheckSettings) -> str | None:
        """The result cache's key for ``document`` read from ``data``; None when the cache is not used."""
        cache = settings.result_cache
        if cache is None or settings.fix is not None:
            return None
        return cache.key(data, settings.describe_for_cache(document.format.value))

    def _check(self, key: str | None, document: Document, settings: CheckSettings) -> FileResult:
        """Check ``document``, or take its findings from the result cache (entry ``key``) when reporting only."""
        cache = settings.result_cache
        if cache is None or key is None:
            return check_document(document, self.glossary, settings)
        cached = cache.get(key)
        if cached is not None:
            return FileResult(document, cached[0], suppressed=cached[1])
        file_result = check_document(document, self.glossary, settings)
        cache.put(key, (file_result.findings, file_result.suppressed))
        return file_result


# Below this much text a pool of processes costs more to start than it saves.
_PARALLEL_MIN_BYTES = 1 << 20


def worker_count(jobs: int | None, items: list[str | InputError]) -> int:
    """How many processes to check ``items`` in: ``jobs``, or with None as many as pay off.

    Processes are forked after the glossary is loaded, so they share it without loading it
    again; where fork is not the safe default (macOS, Windows) files are checked in this one.
    """
    files = [item for item in items if isinstance(item, str)]
    if STDIN in files or len(files) < 2 or not _can_fork():
        return 1
    if jobs is not None:
        return max(1, min(jobs, len(files)))
    total = 0
    for name in files:
        with contextlib.suppress(OSError):
            total += os.stat(name).st_size
    if total < _PARALLEL_MIN_BYTES:
        return 1
    return max(1, min(_available_cpus(), len(files)))


def _can_fork() -> bool:
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _available_cpus() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _map_in_processes(
    job: _FileJob, items: list[str | InputError], workers: int
) -> Generator[tuple[_Checked | None, list[TifaError]], None, None]:
    """Apply ``job`` to every item, in order, in ``workers`` forked processes (1: in this one).

    Results come as soon as they and those before them are done, so a report can be printed
    file by file.
    """
    if workers <= 1:
        yield from map(job, items)
        return
    # Anything still buffered would be written again by every worker as it exits.
    sys.stdout.flush()
    sys.stderr.flush()
    yield from map_in_processes(job, items, workers, job.lost)


def _read_file(item: str, settings: CheckSettings) -> tuple[bytes, Document]:
    """Return the bytes of file ``item`` and the document read from them."""
    data = read_input(item, settings.max_file_size)
    return data, read_document(settings.name_of(item), data, settings.input_format, settings.reader_options)


def files_to_check(paths: list[str], settings: CheckSettings) -> list[str | InputError]:
    """The files under ``paths`` that ``settings`` accept (named files are looked at as named), and missing paths."""
    return [
        item
        for item in collect_files(paths)
        if isinstance(item, InputError) or settings.accepts(item, named=item in paths)
    ]


def read_documents(paths: Iterable[str], settings: CheckSettings) -> tuple[list[Document], list[TifaError]]:
    """Read every file under ``paths`` that ``settings`` accept into a document; unreadable files become errors."""
    documents: list[Document] = []
    errors: list[TifaError] = []
    for item in files_to_check(list(paths), settings):
        if isinstance(item, InputError):
            errors.append(item)
            continue
        try:
            documents.append(_read_file(item, settings)[1])
        except InputError as error:
            errors.append(error)
    return documents, errors


def check_file(item: str | InputError, glossary: CompiledGlossary, settings: CheckSettings) -> FileCheck:
    """Check (and, as ``settings`` ask, fix and write) one file of :func:`files_to_check` as a run does."""
    job = _FileJob(glossary, settings)
    checked, errors = job(item)
    if checked is None or not isinstance(item, str):
        return None, errors
    return _write_fixed(item, checked, job, errors, []), errors
