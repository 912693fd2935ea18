"""A per-file cache of check results, so that a rerun over unchanged files costs a fraction of the first.

An entry is keyed on everything a file's findings depend on: tifa's version and code, the
glossary (the fingerprint of its compiled cache), the settings that apply to the file, its
format and its bytes. Entries live under the glossary cache's folder, in ``results/``; each is
written to a temporary file and renamed into place, so processes and runs can share the
folder; a broken or unreadable entry is a miss, never an error. The folder is kept below
:data:`MAX_ENTRIES` files by removing the least recently used.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import TypeGuard

import tifa
from tifa.model import Finding
from tifa.pickle_files import load_pickles, store_pickles

MAX_ENTRIES = 50_000
CachedFindings = tuple[tuple[Finding, ...], tuple[Finding, ...]]  # findings, suppressed


def code_fingerprint() -> str:
    """tifa's version and the size and modification time of each of its modules (a development edit counts)."""
    digest = hashlib.sha256(f"{tifa.__version__}\0{pickle.HIGHEST_PROTOCOL}".encode())
    package = os.path.dirname(tifa.__file__)
    for module in _modules(package):
        with contextlib.suppress(OSError):
            status = os.stat(os.path.join(package, module))
            digest.update(f"\0{module}\0{status.st_size}\0{status.st_mtime_ns}".encode())
    return digest.hexdigest()


def _modules(package: str) -> list[str]:
    """The paths of the package's modules relative to it, sorted (os.walk: Path.rglob costs a start-up)."""
    found: list[str] = []
    for folder, folders, files in os.walk(package):
        folders[:] = [name for name in folders if name != "__pycache__"]
        relative = os.path.relpath(folder, package)
        found.extend(
            name if relative == "." else os.path.join(relative, name) for name in files if name.endswith(".py")
        )
    return sorted(found)


@dataclass(frozen=True)
class ResultCache:
    """The results folder and the fingerprint of the code and glossary that produced its entries."""

    directory: Path
    fingerprint: str

    @classmethod
    def create(cls, cache_dir: Path, glossary_key: str) -> ResultCache:
        """The cache in ``cache_dir/results`` for results made with the glossary of ``glossary_key``."""
        return cls(cache_dir / "results", hashlib.sha256(f"{code_fingerprint()}\0{glossary_key}".encode()).hexdigest())

    def key(self, data: bytes, settings: str) -> str:
        """The entry name for a file of bytes ``data`` checked with ``settings`` (a description of them)."""
        digest = hashlib.sha256(self.fingerprint.encode())
        digest.update(settings.encode("utf-8", "surrogateescape"))
        digest.update(b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> CachedFindings | None:
        """The cached findings of ``key``, or None."""
        path = self._path(key)
        try:
            with path.open("rb") as handle:
                counts = pickle.load(handle)
                parts = list(load_pickles(handle, counts[0] + counts[1]))
            os.utime(path)  # recently used: kept longest
        except Exception:  # missing, half-written by a crashed run, or from another version
            return None
        value = (_joined(parts[: counts[0]]), _joined(parts[counts[0] :]))
        return value if _is_findings(value) else None

    def put(self, key: str, value: CachedFindings) -> None:
        """Store ``value`` under ``key`` atomically (a failure only loses the entry).

        The findings are stored in parts (how many first), so that a file with very many of
        them is never pickled whole in memory.
        """
        findings, suppressed = (_parts(findings) for findings in value)
        with contextlib.suppress(OSError):
            store_pickles(self._path(key), ((len(findings), len(suppressed)), *findings, *suppressed))

    def trim(self, keep: int = MAX_ENTRIES) -> None:
        """Remove the least recently used entries beyond ``keep``."""
        try:
            entries = [(entry.stat().st_mtime_ns, entry) for entry in self.directory.glob("*/*.pickle")]
        except OSError:
            return
        if len(entries) <= keep:
            return
        entries.sort(key=lambda item: item[0], reverse=True)
        for _, stale in entries[keep:]:
            with contextlib.suppress(OSError):
                stale.unlink()


_PART = 2000  # findings per stored part


def _parts(findings: tuple[Finding, ...]) -> list[tuple[Finding, ...]]:
    return [findings[start : start + _PART] for start in range(0, len(findings), _PART)]


def _joined(parts: list[object]) -> tuple[object, ...] | None:
    """The parts put together again; None when one of them is not a tuple (a broken entry)."""
    if not all(isinstance(part, tuple) for part in parts):
        return None
    return tuple(item for part in parts for item in part)  # type: ignore[attr-defined]


def _is_findings(value: object) -> TypeGuard[CachedFindings]:
    return (
        isinstance(value, tuple)
        and len(value) == 2
        and all(isinstance(part, tuple) and all(isinstance(item, Finding) for item in part) for part in value)
    )
