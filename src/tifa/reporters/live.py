"""The report as a run goes: each file's findings printed as soon as it is done, and a progress bar."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import TextIO

from tifa.progress import ProgressBar
from tifa.results import FileResult

FilePrinter = Callable[[FileResult], Iterable[str]]


class LiveReport:
    """Prints each file's part of the report as the file is done (``printer`` makes it, in blocks), and shows progress.

    A report for standard output goes to ``sys.stdout`` as it is at that moment (tests replace
    it); on a terminal it is printed above the bar.
    """

    def __init__(
        self,
        progress: ProgressBar,
        stream: TextIO,
        printer: FilePrinter | None = None,
        closing: Callable[[], str] | None = None,
    ) -> None:
        self.progress = progress
        self.stream = stream
        self.to_stdout = stream is sys.stdout
        self.printer = printer
        self._closing = closing

    def closing(self) -> str:
        """What the report prints after the last file (the end of a JSON array), or ""."""
        return self._closing() if self._closing is not None else ""

    @property
    def prints_files(self) -> bool:
        """True when this report prints each file's findings as the file is done."""
        return self.printer is not None

    def files_found(self, count: int) -> None:
        """The run will check ``count`` files."""
        self.progress.files_found(count)

    def file_done(self, file_result: FileResult | None) -> None:
        """Print the file's findings (if this report prints any) and move the bar on."""
        if file_result is not None and self.printer is not None:
            for text in self.printer(file_result):
                if text:
                    self.progress.write(sys.stdout if self.to_stdout else self.stream, text)
        self.progress.file_done()

    def close(self) -> None:
        """Take the progress bar away."""
        self.progress.close()
