"""A per-user cache of compiled glossaries, so that start-up does not parse YAML every run.

The cache key covers tifa's version and each glossary file's path, size and modification
time, so any edit to a glossary file makes a new entry. A cache that cannot be read or
written is silently bypassed: it only ever saves time.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import pickle
import weakref
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from tifa.errors import GlossaryError
from tifa.glossary.compile import CompiledGlossary
from tifa.glossary.parts import LAZY_PARTS, LazyParts
from tifa.glossary.schema import Entry
from tifa.glossary.shipped import default_supplement_path, shipped_glossary_files
from tifa.pickle_files import files_key, store_pickle

KEEP_ENTRIES = 8
# Changes whenever the files a cache entry is made of change their layout.
_LAYOUT = "core and parts 1"


def default_cache_dir() -> Path:
    """Return ``$TIFA_CACHE_DIR``, else ``$XDG_CACHE_HOME/tifa``, else ``~/.cache/tifa``."""
    if os.environ.get("TIFA_CACHE_DIR"):
        return Path(os.environ["TIFA_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tifa"


# The modules whose classes are pickled: a change to any of them makes old entries unusable.
# The literal lexicon's supplement and stems are part of the compiled glossary too. They are
# named by path, not imported: a run that finds its glossary cached never imports most of them.
_HERE = Path(__file__).resolve().parent
_CODE_FILES = (
    *(
        _HERE / f"{name}.py"
        for name in (
            "compile",
            "fuzzy",
            "schema",
            "lexicon",
            "lattice",
            "dictionary",
            "entry_sets",
            "lazy_sequence",
            "inflect",
        )
    ),
    _HERE.parent / "english.py",
)


def _cache_key(files: Sequence[Path], disabled: Iterable[str]) -> str | None:
    return files_key((*_CODE_FILES, *files), _LAYOUT, "\0".join(sorted(disabled)))


def glossary_key(extra: Sequence[Path], disabled: Iterable[str]) -> str | None:
    """The key the compiled glossary of the shipped files, ``extra`` and ``disabled`` is cached under.

    None when a file is missing (the loader then reports it).
    """
    return _cache_key([*shipped_glossary_files(), *extra, default_supplement_path()], disabled)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block, restoring its previous state after.

    Loading or compiling a large glossary allocates millions of objects that all stay alive;
    without the pause the collector walks them again and again and takes most of the time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_compiled_glossary(
    extra: Sequence[Path] = (),
    disabled: Iterable[str] = (),
    *,
    shipped: Sequence[Path] | None = None,
    cache_dir: Path | None = None,
) -> tuple[CompiledGlossary | None, list[GlossaryError]]:
    """Return the compiled glossary (from the cache when it is fresh) or the loader's errors.

    ``cache_dir=None`` disables the cache.
    """
    with collector_paused():
        return _load_or_compile(extra, tuple(disabled), shipped, cache_dir)


def _load_or_compile(
    extra: Sequence[Path], disabled: tuple[str, ...], shipped: Sequence[Path] | None, cache_dir: Path | None
) -> tuple[CompiledGlossary | None, list[GlossaryError]]:
    files = [*(shipped_glossary_files() if shipped is None else shipped), *extra, default_supplement_path()]
    key = _cache_key(files, disabled) if cache_dir is not None else None
    cache_file = cache_dir / f"glossary-{key}.pickle" if cache_dir is not None and key is not None else None
    if cache_file is not None:
        try:
            with cache_file.open("rb") as handle:
                cached = pickle.load(handle)
            if isinstance(cached, CompiledGlossary):
                cached.keep_parts_in(_PartFiles(cache_file))
                _load_parts_before_forks(cached)
                return cached, []
        except Exception:  # a stale or broken cache is rebuilt, never fatal
            pass
    from tifa.glossary.load import load_glossary  # the YAML loader: only when the cache cannot serve

    loaded = load_glossary(shipped=shipped, extra=extra, disabled=disabled)
    if loaded.errors:
        return None, loaded.errors
    compiled = CompiledGlossary(loaded.glossary)
    if cache_file is not None:
        _store(cache_file, compiled)
    return compiled, []


@dataclass(frozen=True)
class _PartFiles:
    """The files beside a cached glossary's core file that hold its lazy parts, one a part."""

    core: Path

    def path(self, name: str) -> Path:
        return self.core.with_name(f"{self.core.stem}.{name}.part")

    def load(self, name: str, glossary: LazyParts) -> object | None:
        """Return part ``name`` of ``glossary`` (None when its file is gone or broken: the part is then built)."""
        try:
            with collector_paused(), self.path(name).open("rb") as handle:
                part: object = _EntryUnpickler(handle, glossary.entries).load()
                return part
        except Exception:
            return None


class _EntryPickler(pickle.Pickler):
    """Pickles a part with references to the glossary's entries (which the core file holds) instead of copies."""

    def __init__(self, handle: BinaryIO, entries: Sequence[Entry]) -> None:
        super().__init__(handle, protocol=pickle.HIGHEST_PROTOCOL)
        self._numbers = {id(entry): number for number, entry in enumerate(entries)}

    def persistent_id(self, obj: Any) -> int | None:
        return self._numbers.get(id(obj)) if isinstance(obj, Entry) else None


class _EntryUnpickler(pickle.Unpickler):
    """Reads a part written by :class:`_EntryPickler`, pointing its entry references at ``entries``."""

    def __init__(self, handle: BinaryIO, entries: Sequence[Entry]) -> None:
        super().__init__(handle)
        self._entries = entries

    def persistent_load(self, pid: Any) -> Entry:
        return self._entries[int(pid)]


# Cached glossaries whose lazy parts may still be in their files. A process about to fork loads
# them first, so that the forked workers share one copy instead of each loading its own.
_LOAD_BEFORE_FORK: weakref.WeakSet[CompiledGlossary] = weakref.WeakSet()


def _load_parts_before_forks(compiled: CompiledGlossary) -> None:
    """Have ``compiled``'s lazy parts loaded before this process forks (where processes fork)."""
    _LOAD_BEFORE_FORK.add(compiled)


def _load_pending_parts() -> None:
    for glossary in list(_LOAD_BEFORE_FORK):
        glossary.load_parts()
    _LOAD_BEFORE_FORK.clear()


if hasattr(os, "register_at_fork"):  # not on Windows, where processes are not forked
    os.register_at_fork(before=_load_pending_parts)


def _store(cache_file: Path, compiled: CompiledGlossary) -> None:
    """Write ``compiled``: each lazy part to its own file, then the rest (the core), which readers look for."""
    from tifa.glossary.dictionary import cedict_cached_in  # only when a glossary is compiled

    with cedict_cached_in(cache_file.parent):
        compiled.load_parts()  # build them now so that the cache has them
    parts = _PartFiles(cache_file)
    entries = compiled.entries
    core = object.__new__(CompiledGlossary)
    core.__dict__.update(
        (name, value) for name, value in compiled.__dict__.items() if name not in LAZY_PARTS and name != "_parts"
    )
    try:
        for name in LAZY_PARTS:
            store_pickle(parts.path(name), getattr(compiled, name), functools.partial(_dump_part, entries=entries))
        store_pickle(cache_file, core)
    except BaseException as error:
        for name in LAZY_PARTS:
            parts.path(name).unlink(missing_ok=True)
        if not isinstance(error, OSError):
            raise
        return
    with contextlib.suppress(OSError):
        _evict(cache_file.parent)


def _dump_part(value: object, handle: BinaryIO, *, entries: Sequence[Entry]) -> None:
    _EntryPickler(handle, entries).dump(value)


def _evict(cache_dir: Path) -> None:
    """Delete all but the :data:`KEEP_ENTRIES` newest cached glossaries, each with its parts."""
    cores = sorted(cache_dir.glob("glossary-*.pickle"), key=lambda path: path.stat().st_mtime, reverse=True)
    for stale in cores[KEEP_ENTRIES:]:
        stale.unlink(missing_ok=True)
        for name in LAZY_PARTS:
            _PartFiles(stale).path(name).unlink(missing_ok=True)
