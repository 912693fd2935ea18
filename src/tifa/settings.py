"""What one ``tifa check`` run is asked to do, as one frozen value the command line builds."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from tifa.config import Configuration
from tifa.formats import ReaderOptions
from tifa.model import Applicability
from tifa.reading import DEFAULT_MAX_FILE_SIZE, STDIN
from tifa.result_cache import ResultCache
from tifa.segments import InputFormat
from tifa.selection import RuleSelection


@dataclass(frozen=True)
class FixMode:
    """How a run fixes: which fixes it applies, and whether it writes the files."""

    threshold: Applicability = Applicability.SAFE
    write: bool = True  # False: compute the fixed text only (for --diff and standard input)


@dataclass(frozen=True)
class CheckSettings:
    """Everything a run needs besides the glossary and the paths.

    ``input_format`` reads every file as that format (None: by suffix); ``fix`` is None when
    the run only reports. ``config`` chooses the files found in directories and adds its
    per-file ignores to ``selection`` (see :meth:`for_file`). ``jobs`` is the number of
    processes to check files in (None: as many as pay off); a file over ``max_file_size`` bytes
    is refused. ``result_cache`` remembers the findings of files checked without fixing.
    """

    selection: RuleSelection = field(default_factory=RuleSelection)
    input_format: InputFormat | None = None
    fix: FixMode | None = None
    reader_options: ReaderOptions = field(default_factory=ReaderOptions)
    config: Configuration | None = None
    report_unused_suppressions: bool = False
    jobs: int | None = 1
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    result_cache: ResultCache | None = None  # None: every file is checked afresh
    stdin_filename: str | None = None  # the name standard input is read, reported and configured as

    def name_of(self, item: str) -> str:
        """The name file ``item`` is read and reported as: ``--stdin-filename`` for standard input."""
        return self.stdin_filename if item == STDIN and self.stdin_filename else item

    def for_file(self, path: str) -> CheckSettings:
        """Return the settings for checking file ``path``: the configuration's per-file ignores applied."""
        if self.config is None:
            return self
        return replace(self, selection=self.config.selection_for(path, self.selection))

    def describe_for_cache(self, document_format: str) -> str:
        """What, besides the glossary and the file's bytes, decides a file's findings (for the result cache)."""
        party_texts = self.config is not None and self.config.party_texts
        options = (document_format, self.selection, self.reader_options, party_texts, self.report_unused_suppressions)
        return repr(options)

    def accepts(self, path: str, *, named: bool) -> bool:
        """Return True when file ``path`` is to be checked (see :meth:`Configuration.accepts`)."""
        return self.config is None or self.config.accepts(path, named=named)
