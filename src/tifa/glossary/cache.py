"""A per-user cache of compiled glossaries, so that start-up does not parse YAML every run.

The cache key covers tifa's version and each glossary file's path, size and modification
time, so any edit to a glossary file makes a new entry. A cache that cannot be read or
written is silently bypassed: it only ever saves time.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from tifa import __version__
from tifa import english as english_module
from tifa.errors import GlossaryError
from tifa.glossary import compile as compile_module
from tifa.glossary import dictionary as dictionary_module
from tifa.glossary import entry_sets as entry_sets_module
from tifa.glossary import fuzzy as fuzzy_module
from tifa.glossary import inflect as inflect_module
from tifa.glossary import lattice as lattice_module
from tifa.glossary import lexicon as lexicon_module
from tifa.glossary import schema as schema_module
from tifa.glossary.compile import CompiledGlossary
from tifa.glossary.dictionary import cedict_cached_in, default_supplement_path
from tifa.glossary.load import load_glossary, shipped_glossary_files
from tifa.pickle_files import store_pickle

KEEP_ENTRIES = 8


def default_cache_dir() -> Path:
    """Return ``$TIFA_CACHE_DIR``, else ``$XDG_CACHE_HOME/tifa``, else ``~/.cache/tifa``."""
    if os.environ.get("TIFA_CACHE_DIR"):
        return Path(os.environ["TIFA_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tifa"


# The modules whose classes are pickled: a change to any of them makes old entries unusable.
# The literal lexicon's supplement and stems are part of the compiled glossary too.
_CODE_FILES = (
    Path(compile_module.__file__),
    Path(fuzzy_module.__file__),
    Path(schema_module.__file__),
    Path(lexicon_module.__file__),
    Path(lattice_module.__file__),
    Path(dictionary_module.__file__),
    Path(entry_sets_module.__file__),
    Path(english_module.__file__),
    Path(inflect_module.__file__),
)


def _cache_key(files: Sequence[Path], disabled: Iterable[str]) -> str | None:
    digest = hashlib.sha256(f"{__version__}\0{pickle.HIGHEST_PROTOCOL}".encode())
    for path in (*_CODE_FILES, *files):
        try:
            status = path.stat()
        except OSError:
            return None  # let the loader report the missing file
        digest.update(f"\0{path.resolve()}\0{status.st_size}\0{status.st_mtime_ns}".encode())
    digest.update("\0".join(sorted(disabled)).encode())
    return digest.hexdigest()[:32]


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
                return cached, []
        except Exception:  # a stale or broken cache is rebuilt, never fatal
            pass
    loaded = load_glossary(shipped=shipped, extra=extra, disabled=disabled)
    if loaded.errors:
        return None, loaded.errors
    compiled = CompiledGlossary(loaded.glossary)
    if cache_file is not None:
        _store(cache_file, compiled)
    return compiled, []


def _store(cache_file: Path, compiled: CompiledGlossary) -> None:
    compiled.fuzzy_index  # noqa: B018 - build it now so that the cached copy has it
    with cedict_cached_in(cache_file.parent):
        compiled.literal_lexicon  # noqa: B018 - likewise
    try:
        store_pickle(cache_file, compiled)
        old = sorted(cache_file.parent.glob("glossary-*.pickle"), key=lambda path: path.stat().st_mtime, reverse=True)
        for stale in old[KEEP_ENTRIES:]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass
