"""A progress bar on standard error for long runs on a terminal, drawn with rich.

The bar appears only when standard error is a terminal and the run has taken longer than
:data:`DELAY_SECONDS`, so short runs and redirected output never see it. While it is shown,
:meth:`ProgressBar.write` puts what is printed on a terminal above it: the bar's line is
erased, the text written as it is (never wrapped or restyled), and the bar drawn again below.
"""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO

DELAY_SECONDS = 2.0
_ERASE_LINE = "\r\x1b[2K"  # back to the line's start, erase it: where the bar was


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
            self._progress.refresh()

    def write(self, stream: TextIO, text: str) -> None:
        """Write ``text`` to ``stream``, above the bar when both are on a terminal."""
        if self._progress is None or not stream.isatty():
            stream.write(text)
            if stream.isatty():
                stream.flush()
            return
        sys.stderr.write(_ERASE_LINE)
        sys.stderr.flush()
        stream.write(text)
        stream.flush()
        self._progress.refresh()

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
            auto_refresh=False,  # drawn as files are done, so that nothing else writes to the terminal meanwhile
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self._task = self._progress.add_task("check", total=self.total, completed=self.done)
        self._progress.start()
        self._progress.refresh()
