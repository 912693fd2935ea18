"""A progress bar on standard error for long runs on a terminal, drawn with rich.

The bar appears only when standard error is a terminal and the run has taken longer than
:data:`DELAY_SECONDS`, so short runs and redirected output never see it. While it is shown,
what is printed to standard output on the same terminal goes above it.
"""

from __future__ import annotations

import sys
import time
from typing import Any

DELAY_SECONDS = 2.0


class ProgressBar:
    """Counts the files of a run and, once the run is long, shows the count as a bar."""

    def __init__(self, *, enabled: bool, delay: float = DELAY_SECONDS) -> None:
        self.enabled = enabled
        self.delay = delay
        self.total = 0
        self.done = 0
        self.started = time.monotonic()
        self._progress: Any = None  # a rich Progress, imported only when a bar is shown
        self._task: Any = None

    @classmethod
    def for_terminal(cls) -> ProgressBar:
        """A bar that shows when standard error is a terminal."""
        return cls(enabled=sys.stderr.isatty())

    def files_found(self, count: int) -> None:
        """The run will check ``count`` files."""
        self.total = count
        self.started = time.monotonic()

    def file_done(self) -> None:
        """One more file is checked; show the bar if the run has become long."""
        self.done += 1
        if not self.enabled or self.done >= self.total:
            return
        if self._progress is None and time.monotonic() - self.started >= self.delay:
            self._show()
        if self._progress is not None:
            self._progress.update(self._task, completed=self.done)

    def close(self) -> None:
        """Remove the bar (it leaves nothing behind)."""
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def _show(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._progress = Progress(
            TextColumn("tifa: checking"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("files"),
            TimeRemainingColumn(),
            console=Console(file=sys.stderr),
            transient=True,
            redirect_stdout=sys.stdout.isatty(),  # findings printed to the same terminal go above the bar
            redirect_stderr=False,
        )
        self._task = self._progress.add_task("check", total=self.total, completed=self.done)
        self._progress.start()
