"""What a file-format adapter declares: its name, suffixes, reader, escaping and suppression comments.

Each module in :mod:`tifa.formats` declares its formats as :class:`FileFormat` values; the
package lists them in one registry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tifa.model import Span
from tifa.segments import Document, InputFormat, Segment
from tifa.suppress import Suppressions


@dataclass(frozen=True, slots=True)
class TableOptions:
    """Which columns hold the source and the target (a header name or a 1-based number), and the delimiter.

    ``None`` means: choose automatically (see :mod:`tifa.formats.tabular`); the delimiter
    defaults to a tab for TSV and to the one of ``,``, ``;`` or tab that the first rows use for
    CSV.
    """

    source_column: str | int | None = None
    target_column: str | int | None = None
    delimiter: str | None = None


@dataclass(frozen=True, slots=True)
class ReaderOptions:
    """Options for reading files: PO fuzzy entries, table columns, and the encoding of files without a BOM."""

    include_fuzzy: bool = False
    table: TableOptions = field(default_factory=TableOptions)
    encoding: str | None = None  # None: UTF-8


@dataclass(frozen=True, slots=True)
class FileFormat:
    """One input format: how tifa recognises, reads and writes it, and finds its suppression comments.

    ``escape`` makes replacement text fit the file's syntax (None: it is written as it is);
    ``escape_at`` does so for a given span of a document, where the place matters (a quoted or
    unquoted CSV cell, XLIFF markup); None means ``escape`` holds everywhere. Both raise
    :class:`~tifa.errors.InputError` for text the format cannot hold there.
    """

    name: InputFormat
    suffixes: tuple[str, ...]
    read: Callable[[str, ReaderOptions], list[Segment]]
    find_suppressions: Callable[[Document], Suppressions]
    escape: Callable[[str], str] | None = None
    escape_at: Callable[[Document, Span, str], str] | None = None

    @property
    def writes_text_as_is(self) -> bool:
        """True when replacement text goes into the file unchanged (plain text, Markdown)."""
        return self.escape is None and self.escape_at is None
