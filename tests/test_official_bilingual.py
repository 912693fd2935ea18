"""Official translations with their Chinese source give no finding with every rule on: as TSV, PO and XLIFF.

The pairs are split by a fixed hash into a part the bilingual rules were tuned on and a part
held out of that tuning (:func:`held_out`); both must stay silent.
"""

from __future__ import annotations

import csv
import hashlib
from xml.sax.saxutils import escape

import polib
import pytest

from tests.conftest import SHARED
from tifa.formats import read_document
from tifa.glossary.compile import CompiledGlossary
from tifa.linter import lint_document
from tifa.selection import RuleSelection

BILINGUAL = SHARED / "corpus" / "bilingual" / "official.tsv"

pytestmark = pytest.mark.skipif(not BILINGUAL.is_file(), reason="shared bilingual corpus not available")


def held_out(zh: str) -> bool:
    """True for the pairs kept out of the tuning of the bilingual rules: a third, by a hash of the Chinese."""
    return int(hashlib.sha256(zh.encode("utf-8")).hexdigest(), 16) % 3 == 0


def official_pairs() -> list[tuple[str, str]]:
    """The (Chinese, English) pairs of the shared bilingual corpus."""
    with BILINGUAL.open(encoding="utf-8", newline="") as handle:
        return [(row["zh"], row["en"]) for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)]


def as_tsv(pairs: list[tuple[str, str]]) -> str:
    """The pairs as a bilingual TSV file with a header row."""
    return "zh\ten\n" + "".join(f"{zh}\t{en}\n" for zh, en in pairs)


def as_po(pairs: list[tuple[str, str]]) -> str:
    """The pairs as a gettext PO file (written by polib)."""
    catalog = polib.POFile()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "en"}
    for zh, en in pairs:
        catalog.append(polib.POEntry(msgid=zh, msgstr=en))
    return str(catalog)


def as_xliff(pairs: list[tuple[str, str]]) -> str:
    """The pairs as an XLIFF 1.2 file, one trans-unit per pair."""
    units = "".join(
        f'<trans-unit id="{number}"><source>{escape(zh)}</source><target>{escape(en)}</target></trans-unit>\n'
        for number, (zh, en) in enumerate(pairs, 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '<file original="official" source-language="zh-CN" target-language="en" datatype="plaintext"><body>\n'
        f"{units}</body></file></xliff>\n"
    )


WRITERS = {"official.tsv": as_tsv, "official.po": as_po, "official.xlf": as_xliff}


@pytest.mark.parametrize("part", ["tuned", "held-out"])
@pytest.mark.parametrize("name", sorted(WRITERS))
def test_official_pairs_give_no_finding(name: str, part: str, shipped_glossary: CompiledGlossary) -> None:
    pairs = [pair for pair in official_pairs() if held_out(pair[0]) == (part == "held-out")]
    assert pairs
    document = read_document(name, WRITERS[name](pairs).encode("utf-8"))
    assert len(document.segments) == len(pairs)
    assert all(segment.source for segment in document.segments)
    findings = lint_document(document, shipped_glossary, RuleSelection.from_options(["ALL"]))
    assert [f"{finding.code} {document.text[finding.span.start : finding.span.end]!r}" for finding in findings] == []
