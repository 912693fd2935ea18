"""``tifa check --dask``: a run's files checked on a Dask cluster and reported as a local run reports them.

The client lists the files as a local run does and sends them to the workers in chunks; each
worker loads the compiled glossary from its own cache (by its identity, see
:class:`~tifa.api.GlossarySource`) and checks its files with the same code as ``tifa check``.
Results come back in the order of the files, so every output format prints what a local run
prints. Dask retries the chunks of a worker that dies; each chunk's result is taken once.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import replace

from distributed import Client, LocalCluster

from tifa.api import GlossarySource
from tifa.dask.worker import freeze_once
from tifa.errors import InputError, TifaError, UsageError
from tifa.files import STDIN
from tifa.results import FileResult, RunResult
from tifa.run import FileCheck, check_file, files_to_check
from tifa.settings import CheckSettings

LOCAL = "local"
_CHUNKS_PER_WORKER = 4  # small enough chunks that a lost worker costs little, large enough to amortise a task


def check_paths_on_dask(
    paths: Iterable[str], source: GlossarySource, settings: CheckSettings, address: str
) -> RunResult:
    """Check the files under ``paths`` on the cluster at ``address`` (``local``: a local cluster of ``settings.jobs``).

    Files are opened on the workers by their absolute path, so a remote cluster needs the same
    files at the same paths (a shared file system); a fix is written there too.
    """
    items = files_to_check(list(paths), settings)
    if STDIN in items:
        raise UsageError("--dask cannot read standard input: name the files")
    if settings.config is not None:
        settings.config.root  # noqa: B018 - computed here: the workers' current folder may differ
    absolute = [item if isinstance(item, InputError) else os.path.abspath(item) for item in items]
    result = RunResult()
    with connect(address, settings.jobs) as client:
        workers = max(1, len(client.nthreads()))
        size = max(1, -(-len(items) // (workers * _CHUNKS_PER_WORKER)))
        chunks = [absolute[start : start + size] for start in range(0, len(absolute), size)]
        futures = client.map(check_chunk, chunks, source=source, settings=settings, pure=False)
        checked = [check for chunk in client.gather(futures) for check in chunk]
    for given, (file_result, errors) in zip(items, checked, strict=True):
        name = given if isinstance(given, str) else None
        result.errors.extend(_named(error, name) for error in errors)
        if file_result is not None and name is not None:
            result.files.append(replace(file_result, document=replace(file_result.document, path=name)))
    return result


def _named(error: TifaError, name: str | None) -> TifaError:
    """``error`` naming the file as the command line gave it, not by the absolute path the worker used."""
    if name is not None and error.path is not None and error.path == os.path.abspath(name):
        error.path = name
    return error


def check_chunk(items: list[str | InputError], source: GlossarySource, settings: CheckSettings) -> list[FileCheck]:
    """On a worker: check each item as a local run does; return results without the segments (the text is enough)."""
    glossary = source.compiled()
    freeze_once()
    checked = []
    for item in items:
        file_result, errors = check_file(item, glossary, settings)
        checked.append((_slim(file_result), errors))
    return checked


def _slim(file_result: FileResult | None) -> FileResult | None:
    if file_result is None:
        return None
    return replace(file_result, document=replace(file_result.document, segments=()))


@contextlib.contextmanager
def connect(address: str, workers: int | None = None) -> Iterator[Client]:
    """A client of the scheduler at ``address``, or of a new local cluster (``local``) of ``workers`` processes."""
    if address == LOCAL:
        cluster = LocalCluster(
            n_workers=workers or _cpus(),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        with cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(address, timeout="20s")
    except (OSError, TimeoutError, ValueError) as error:
        raise UsageError(f"--dask: cannot reach the Dask scheduler at {address} ({error})") from None
    with client:
        yield client


def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
