"""Apply a function to many items in forked worker processes that can be stopped at any moment.

Each worker has a pipe of its own to the parent and shares no lock with the others, so a
worker that dies, or is stopped, can never leave the parent waiting: the parent reads results
and the workers' exit sentinels together. Workers ignore SIGINT (the parent alone handles
Ctrl-C); when the parent stops consuming results (an interrupt, an error), every worker is
terminated and reaped before the exception goes on.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Generator, Sequence
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Generic, TypeVar

from tifa.interrupts import SIGNALS, deferred_interrupts, ignore_interrupts_in_worker

Item = TypeVar("Item")
Result = TypeVar("Result")
_STOP_GRACE_SECONDS = 2.0


class _Worker(Generic[Item, Result]):
    """One forked process and the parent's end of its pipe, with the batch it is working on."""

    def __init__(self, function: Callable[[Item], Result], items: Sequence[Item], others: list[Connection]) -> None:
        self.function = function
        self.items = items
        self.batch: list[int] | None = None
        self.connection, self.process = self._start(others)

    def _start(self, others: list[Connection]) -> tuple[Connection, BaseProcess]:
        """Fork the process with SIGINT and SIGTERM held back, so that neither reaches it before it ignores them."""
        context = multiprocessing.get_context("fork")
        connection, child = context.Pipe()
        # With fork, the function and items are inherited, never pickled.
        process = context.Process(target=_serve, args=(self.function, self.items, child, others), daemon=True)
        held = signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
        try:
            process.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
        child.close()
        return connection, process

    def restart(self, others: list[Connection]) -> None:
        """Replace a process that died with a new one."""
        self.connection.close()
        self.process.join()
        self.connection, self.process = self._start(others)

    def stop(self) -> None:
        """Terminate the process (SIGTERM, then SIGKILL after a grace period) and reap it."""
        self.connection.close()
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(_STOP_GRACE_SECONDS)
        if self.process.is_alive():
            self.process.kill()
        self.process.join()


def _serve(
    function: Callable[[Item], Result], items: Sequence[Item], connection: Connection, others: list[Connection]
) -> None:
    """A worker's loop: receive a batch of item numbers, send back ``(number, result)`` pairs.

    ``others`` are the parent's ends of the other workers' pipes, inherited by the fork: closed
    at once, or those workers would never see the parent go.
    """
    ignore_interrupts_in_worker()
    signal.pthread_sigmask(signal.SIG_UNBLOCK, SIGNALS)
    for other in others:
        other.close()
    while True:
        try:
            batch = connection.recv()
        except (EOFError, OSError):
            return
        if batch is None:
            return
        try:
            connection.send([(number, function(items[number])) for number in batch])
        except Exception as error:  # the parent raises it again, as an error in one process would be
            connection.send(error)


def map_in_processes(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    workers: int,
    lost: Callable[[Item, str], Result],
) -> Generator[Result, None, None]:
    """Yield ``function(item)`` for every item, in order, computed in ``workers`` forked processes.

    An item whose worker died gets ``lost(item, why)``. Closing the generator, or an exception
    raised inside it (an interrupt while waiting), stops every worker. Workers never run more
    than a window of items ahead of the next one to yield, so a slow item holds back a bounded
    number of finished results, not all the rest.
    """
    chunk = batch_size(len(items), workers)
    window = _WINDOW_BATCHES * workers * chunk
    batches = deque(range(start, min(start + chunk, len(items))) for start in range(0, len(items), chunk))
    pool: list[_Worker[Item, Result]] = []
    done: dict[int, Result] = {}
    following = 0
    try:
        for _ in range(min(workers, len(items))):
            with deferred_interrupts():  # a worker is in the pool before an interrupt can stop it
                pool.append(_Worker(function, items, [worker.connection for worker in pool]))
        while following < len(items):
            # With no worker busy, the next batch starts at ``following``: one always is after this.
            _hand_out(pool, batches, following + window)
            busy = [worker for worker in pool if worker.batch is not None]
            ready = wait([worker.connection for worker in busy] + [worker.process.sentinel for worker in busy])
            for worker in busy:
                if worker.connection in ready or worker.process.sentinel in ready:
                    done.update(
                        _collect(worker, items, lost, [other.connection for other in pool if other is not worker])
                    )
                    worker.batch = None
            # Before the results are yielded, so that workers go on while they are reported.
            _hand_out(pool, batches, following + window)
            while following in done:
                yield done.pop(following)
                following += 1
    finally:
        for worker in pool:
            if worker.batch is None and worker.process.is_alive():
                _send_quietly(worker.connection, None)
        for worker in pool:
            worker.stop()


# How many items go to a worker at a time: enough to spread the cost of a message, few enough
# that the results waiting to be yielded in order stay few.
_MAX_BATCH = 8
# How far ahead of the next item to yield workers may go, in batches per worker.
_WINDOW_BATCHES = 4


def batch_size(count: int, workers: int) -> int:
    """How many of ``count`` items a worker gets at a time."""
    return max(1, min(_MAX_BATCH, count // (workers * 8)))


def _hand_out(pool: list[_Worker[Item, Result]], batches: deque[range], limit: int) -> None:
    """Give each idle worker the next batch, if that batch starts before item ``limit``."""
    for worker in pool:
        if worker.batch is None and batches and batches[0].start < limit:
            _give_work(worker, list(batches.popleft()), [other.connection for other in pool if other is not worker])


def _give_work(worker: _Worker[Item, Result], batch: list[int], others: list[Connection]) -> None:
    worker.batch = batch
    try:
        worker.connection.send(batch)
    except OSError:  # the process died while it waited for work: a new one takes the batch
        worker.restart(others)
        worker.connection.send(batch)


def _collect(
    worker: _Worker[Item, Result], items: Sequence[Item], lost: Callable[[Item, str], Result], others: list[Connection]
) -> dict[int, Result]:
    """The results of the worker's batch; for a worker that died, ``lost`` results (and a new process)."""
    batch = worker.batch or []
    try:
        message = worker.connection.recv()
    except (EOFError, OSError):
        worker.process.join()
        why = _death(worker.process.exitcode)
        worker.restart(others)
        return {number: lost(items[number], why) for number in batch}
    if isinstance(message, Exception):
        raise message
    return dict(message)


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        return f"its worker process was killed by {signal.Signals(-exitcode).name}"
    return f"its worker process ended with status {exitcode}"


def _send_quietly(connection: Connection, message: object) -> None:
    with contextlib.suppress(OSError):
        connection.send(message)
