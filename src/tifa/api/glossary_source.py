"""Which glossary a linter uses, as a small value that pickles, and the glossaries this process has compiled.

A compiled glossary is tens of megabytes of automaton and indexes; what travels to another
process is only a :class:`GlossarySource`: tifa's version, the user's glossary files (path and
a digest of their bytes) and the disabled entry ids. The other side loads the compiled
glossary from its own cache (compiling it once when the cache lacks it).
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tifa import __version__
from tifa.errors import GlossaryError
from tifa.glossary.cache import default_cache_dir, load_compiled_glossary
from tifa.glossary.compile import CompiledGlossary

# Compiled glossaries kept per process, most recently used last (each is tens of megabytes).
_KEEP = 4
_compiled: OrderedDict[GlossarySource, CompiledGlossary] = OrderedDict()
_lock = threading.Lock()


@dataclass(frozen=True)
class GlossarySource:
    """The identity of a glossary: tifa's version, the extra files and their digests, the disabled ids."""

    extra: tuple[str, ...] = ()
    digests: tuple[str, ...] = ()
    disabled: tuple[str, ...] = ()
    use_cache: bool = True
    version: str = __version__

    @classmethod
    def of(cls, extra: Sequence[Path | str], disabled: Iterable[str] = (), *, use_cache: bool = True) -> GlossarySource:
        """The shipped glossary plus the files ``extra`` (each file once), without the entries ``disabled``."""
        unique: dict[str, str] = {}
        for path in extra:
            unique.setdefault(os.path.realpath(path), os.path.abspath(path))
        paths = tuple(unique.values())
        return cls(paths, tuple(_digest(path) for path in paths), tuple(disabled), use_cache)

    def compiled(self) -> CompiledGlossary:
        """Return the compiled glossary: from this process's memory, else the cache, else compiled.

        Raises :class:`~tifa.errors.GlossaryError` when a glossary file is invalid, or when this
        process has another tifa version or other bytes in a glossary file than the process the
        source was made in (checking would silently give other findings).
        """
        self._check_identity()
        with _lock:
            if self in _compiled:
                _compiled.move_to_end(self)
                return _compiled[self]
            cache_dir = default_cache_dir() if self.use_cache else None
            glossary, errors = load_compiled_glossary(
                [Path(path) for path in self.extra], self.disabled, cache_dir=cache_dir
            )
            if glossary is None:
                raise errors[0] if errors else GlossaryError("the glossary could not be compiled")
            _compiled[self] = glossary
            while len(_compiled) > _KEEP:
                _compiled.popitem(last=False)
            return glossary

    def _check_identity(self) -> None:
        if self.version != __version__:
            raise GlossaryError(f"the linter was made by tifa {self.version}; this is tifa {__version__}")
        for path, digest in zip(self.extra, self.digests, strict=True):
            if digest and _digest(path) not in (digest, ""):
                raise GlossaryError("the file differs from the one the linter was made with", path)


def _digest(path: str) -> str:
    """The SHA-256 of the file's bytes; empty when it cannot be read (the loader then says why)."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""
