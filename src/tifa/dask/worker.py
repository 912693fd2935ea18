"""What a Dask worker process does once: keep the collector off the compiled glossary."""

from __future__ import annotations

import gc

_frozen = False


def freeze_once() -> None:
    """Freeze the objects alive now (the glossary just loaded) out of the collector's reach, once per process.

    A compiled glossary is millions of objects that live as long as the worker; without this
    every full collection of a long-lived worker walks all of them again.
    """
    global _frozen
    if not _frozen:
        gc.freeze()
        _frozen = True
