"""Interrupts (Ctrl-C, SIGINT; SIGTERM) as one exception that says what was already written.

The ``tifa`` command turns both signals into :class:`Interrupted` while it runs
(:func:`raising_interrupts`); a run that writes files keeps each write whole with
:func:`deferred_interrupts` and records the files written in the exception, so that the
command can say in one line which files were already fixed, and exit with 128 + the signal's
number (130 for SIGINT, 143 for SIGTERM).
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

from tifa.errors import display_path

SIGNALS = (signal.SIGINT, signal.SIGTERM)
_pending: list[int] = []
_deferring: list[bool] = []


class Interrupted(BaseException):
    """The run was stopped by signal ``signum``; ``fixed`` are the files already rewritten (None: not fixing).

    A ``BaseException``, like ``KeyboardInterrupt``, so that no handler of ordinary errors
    swallows it.
    """

    def __init__(self, signum: int, fixed: tuple[str, ...] | None = None) -> None:
        super().__init__(signum)
        self.signum = signum
        self.fixed = fixed

    @property
    def exit_status(self) -> int:
        """The shell's status for a process ended by the signal: 128 + its number."""
        return 128 + self.signum

    def message(self) -> str:
        """One line: which signal, and which files were already fixed when fixing."""
        name = signal.Signals(self.signum).name
        if self.fixed is None:
            return f"interrupted by {name}: the report is incomplete"
        if not self.fixed:
            return f"interrupted by {name}: no file was fixed"
        count = len(self.fixed)
        files = ", ".join(display_path(path) for path in self.fixed)
        return f"interrupted by {name}: {count} file{'s' if count > 1 else ''} already fixed: {files}"


def _raise_interrupted(signum: int, frame: FrameType | None) -> None:
    if _deferring:
        _pending.append(signum)
        return
    raise Interrupted(signum)


@contextlib.contextmanager
def raising_interrupts() -> Iterator[None]:
    """While inside, SIGINT and SIGTERM raise :class:`Interrupted` (in the main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.signal(number, _raise_interrupted) for number in SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


@contextlib.contextmanager
def deferred_interrupts() -> Iterator[None]:
    """Hold back an interrupt that arrives inside until the block is done, then raise it."""
    _deferring.append(True)
    try:
        yield
    finally:
        _deferring.pop()
    if _pending and not _deferring:
        signum = _pending[0]
        _pending.clear()
        raise Interrupted(signum)


def ignore_interrupts_in_worker() -> None:
    """In a worker process: ignore SIGINT (the parent handles Ctrl-C) and die at once on SIGTERM."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
