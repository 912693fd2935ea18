"""How the bilingual rules behave on official pairs they were not tuned on.

The pairs of ``../shared/corpus/bilingual/official.tsv`` are split by a fixed hash of the Chinese
(a third held out while the term alignment was built, as ``tests/test_official_bilingual.py``
splits them). Each part is checked with every rule, with the shipped glossary and with the same
glossary stripped of every entry's accepted renderings, which stands in for official pairs the
lists were never tuned on. Run from the repository root::

    python benchmarks/heldout.py [path/to/official.tsv]
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import sys
from collections import Counter
from pathlib import Path

from tifa.formats import read_document
from tifa.glossary.compile import CompiledGlossary
from tifa.glossary.load import load_glossary
from tifa.linter import lint_document
from tifa.selection import RuleSelection

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bilingual" / "official.tsv"


def held_out(zh: str) -> bool:
    """True for the third of the pairs kept out of the tuning (the same split as the tests)."""
    return int(hashlib.sha256(zh.encode("utf-8")).hexdigest(), 16) % 3 == 0


def main(argv: list[str]) -> int:
    """Print the findings per rule for each part and glossary."""
    path = Path(argv[0]) if argv else DEFAULT
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [(row["zh"], row["en"]) for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)]
    loaded = load_glossary().glossary
    stripped = dataclasses.replace(loaded, entries=tuple(dataclasses.replace(e, accept=()) for e in loaded.entries))
    selection = RuleSelection.from_options(["ALL"])
    for name, glossary in (("shipped glossary", loaded), ("without accepted renderings", stripped)):
        compiled = CompiledGlossary(glossary)
        for part in ("tuned", "held-out"):
            pairs = [(zh, en) for zh, en in rows if held_out(zh) == (part == "held-out")]
            table = "zh\ten\n" + "".join(f"{zh}\t{en}\n" for zh, en in pairs)
            findings = lint_document(read_document("pairs.tsv", table.encode("utf-8")), compiled, selection)
            counts = dict(sorted(Counter(finding.code for finding in findings).items()))
            print(f"{name:28} {part:9} {len(pairs):4} pairs: {len(findings)} findings {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
