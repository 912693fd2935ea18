"""Exchange the glossary with terminology tools: export to TBX, CSV or tifa YAML; import TBX or CSV.

TBX (TBX-Basic, as CAT tools write it) and CSV carry each entry's Chinese and English terms,
the status of every English term (standard, accepted, wrong, outdated), the category, the
source and a note. They cannot carry the conditions on forms (``context``, ``not_before``,
``not_after``, ``until``), nor ``replace``, ``capitalized``, ``doubled`` and ``examples``:
an imported form has no conditions. Exports say so; imports are validated like any glossary.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from tifa import __version__
from tifa.errors import GlossaryError, UsageError
from tifa.glossary.build import DEFAULT_IMPORT_CONFIDENCE, build_entries
from tifa.glossary.conditions import has_conditions
from tifa.glossary.csv_format import read_csv, write_csv
from tifa.glossary.load import Glossary
from tifa.glossary.raw import ExchangeWarning
from tifa.glossary.schema import Entry
from tifa.glossary.tbx import read_tbx, write_tbx
from tifa.glossary.yaml_writer import glossary_to_yaml
from tifa.reading import FileReadError, read_regular_file


class ExchangeFormat(str, Enum):
    """The file formats the glossary is exchanged in."""

    TBX = "tbx"
    CSV = "csv"
    YAML = "yaml"


IMPORT_FORMATS = (ExchangeFormat.TBX, ExchangeFormat.CSV)
NOT_CARRIED = "conditions on forms (context, not_before, not_after, until), replace, capitalized, doubled, examples"
_SUFFIXES = {".tbx": ExchangeFormat.TBX, ".csv": ExchangeFormat.CSV, ".yaml": ExchangeFormat.YAML}


@dataclass(frozen=True, slots=True)
class ExportResult:
    """An exported glossary as text, and what the format could not carry."""

    text: str
    warnings: tuple[ExchangeWarning, ...] = ()


@dataclass(frozen=True, slots=True)
class ImportResult:
    """Entries read from a TBX or CSV file, as a tifa YAML glossary, and what was changed or left out."""

    entries: tuple[Entry, ...]
    yaml_text: str
    warnings: tuple[ExchangeWarning, ...] = ()


def format_for_path(path: Path | str, allowed: Sequence[ExchangeFormat] = tuple(ExchangeFormat)) -> ExchangeFormat:
    """Return the exchange format that ``path``'s suffix names; raise :class:`UsageError` if none does."""
    suffix = Path(path).suffix.lower()
    found = _SUFFIXES.get(".yaml" if suffix == ".yml" else suffix)
    if found is None or found not in allowed:
        names = ", ".join(item.value for item in allowed)
        raise UsageError(f"cannot tell the format from the suffix {suffix or '(none)'!r}: use --format ({names})", path)
    return found


def export_glossary(glossary: Glossary, output_format: ExchangeFormat) -> ExportResult:
    """Write ``glossary`` in ``output_format``, with warnings about what that format cannot carry."""
    if output_format is ExchangeFormat.YAML:
        header = f"tifa glossary: {len(glossary.entries)} entries, exported by tifa {__version__}."
        return ExportResult(glossary_to_yaml(glossary.entries, glossary.contexts, header))
    conditioned = sum(1 for entry in glossary.entries for form in entry.forms if has_conditions(form))
    warnings: tuple[ExchangeWarning, ...] = ()
    if conditioned:
        warnings = (
            ExchangeWarning(
                f"{output_format.value.upper()} cannot carry conditions on forms (context, not_before, not_after, "
                f"until): {conditioned} forms are exported without them"
            ),
        )
    if output_format is ExchangeFormat.TBX:
        return ExportResult(write_tbx(glossary.entries), warnings)
    return ExportResult(write_csv(glossary.entries), warnings)


def import_glossary(
    path: Path, input_format: ExchangeFormat | None = None, existing: Sequence[Entry] = ()
) -> ImportResult:
    """Read a TBX or CSV file into tifa entries and a YAML glossary text.

    ``input_format`` defaults to the one the suffix names; ``existing`` are the entries of the
    user's glossaries the result will be used with (their ids and phrases are respected). Malformed input raises
    :class:`GlossaryError` naming ``file:line``; entries that had to be changed or left out
    are reported as warnings.
    """
    chosen = input_format or format_for_path(path, IMPORT_FORMATS)
    if chosen not in IMPORT_FORMATS:
        raise UsageError(f"cannot import from {chosen.value}: use tbx or csv")
    try:
        data = read_regular_file(str(path))
    except FileReadError as error:
        raise GlossaryError(f"cannot read: {error.reason}", path) from None
    warnings: list[ExchangeWarning] = []
    raw_entries = read_tbx(data, path, warnings) if chosen is ExchangeFormat.TBX else read_csv(data, path)
    entries = build_entries(raw_entries, path, warnings, existing)
    header = (
        f"Imported by tifa {__version__} from {path.name}: {len(entries)} entries.\n"
        f"Review confidence (default {DEFAULT_IMPORT_CONFIDENCE.value}) and source, then run "
        "`tifa glossary check` on this file.\n"
        f"{chosen.value.upper()} does not carry {NOT_CARRIED}."
    )
    return ImportResult(tuple(entries), glossary_to_yaml(entries, {}, header), tuple(warnings))
