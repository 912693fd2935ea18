"""Recall of tifa on real machine translation: how many known literal renderings it reports.

The corpus is a folder of machine-translated pages with an ``expected.yaml`` beside them
(the project's development set lives in ``../shared/corpus/mt``). Each expectation names a
phrase (case-sensitive, as it stands in a page), the text the first suggestion must contain
(``fix``) and the Chinese term. Every occurrence of a phrase in every page counts once; it is
found when a finding overlaps it and the finding's first suggestion contains ``fix``.

    python benchmarks/recall.py [CORPUS] [--tifa PATH] [--misses] [--json]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "mt"


@dataclass(frozen=True)
class Occurrence:
    """One occurrence of an expected literal rendering in a page."""

    page: str
    start: int
    end: int
    phrase: str
    fix: str


@dataclass(frozen=True)
class Recall:
    """What a run found of the expected occurrences."""

    found: int
    total: int
    findings: int
    words: int
    misses: tuple[str, ...]

    @property
    def ratio(self) -> float:
        """Found over total (0 when nothing is expected)."""
        return self.found / self.total if self.total else 0.0


def occurrences(corpus: Path) -> list[Occurrence]:
    """Every occurrence of every expected phrase in the corpus's pages."""
    expected = yaml.safe_load((corpus / "expected.yaml").read_text(encoding="utf-8")) or []
    found = []
    for page in sorted(corpus.glob("*.txt")):
        text = page.read_text(encoding="utf-8")
        for item in expected:
            phrase = str(item["phrase"])
            start = text.find(phrase)
            while start >= 0:
                found.append(Occurrence(page.name, start, start + len(phrase), phrase, str(item["fix"])))
                start = text.find(phrase, start + len(phrase))
    return found


def offset_of(text: str, line: int, column: int) -> int:
    """The offset of a 1-based line and column (columns count code points)."""
    starts = [0]
    for number, character in enumerate(text):
        if character == "\n":
            starts.append(number + 1)
    return starts[line - 1] + column - 1


def measure(corpus: Path, findings: list[dict[str, Any]]) -> Recall:
    """Match ``findings`` (tifa's JSON output) against the expected occurrences."""
    spans: dict[str, list[tuple[int, int, str]]] = {}
    texts = {page.name: page.read_text(encoding="utf-8") for page in corpus.glob("*.txt")}
    for finding in findings:
        name = Path(str(finding["path"])).name
        text = texts[name]
        start = offset_of(text, int(finding["line"]), int(finding["column"]))
        end = offset_of(text, int(finding["end_line"]), int(finding["end_column"]))
        suggestion = (finding.get("suggestions") or [""])[0]
        spans.setdefault(name, []).append((start, end, str(suggestion)))
    found = 0
    misses = []
    expected = occurrences(corpus)
    for occurrence in expected:
        near = [
            span for span in spans.get(occurrence.page, []) if span[0] < occurrence.end and occurrence.start < span[1]
        ]
        if any(occurrence.fix.lower() in suggestion.lower() for _, _, suggestion in near):
            found += 1
        else:
            said = "; ".join(repr(suggestion) for _, _, suggestion in near) or "nothing"
            misses.append(f"{occurrence.page}: {occurrence.phrase!r} (want {occurrence.fix!r}; tifa said {said})")
    words = sum(len(text.split()) for text in texts.values())
    return Recall(found, len(expected), len(findings), words, tuple(misses))


def run_tifa(tifa: str, corpus: Path) -> list[dict[str, Any]]:
    """Run ``tifa check --format json`` over the corpus's pages and return its findings."""
    pages = [str(page) for page in sorted(corpus.glob("*.txt"))]
    result = subprocess.run([tifa, "check", "--isolated", "--format", "json", *pages], capture_output=True, text=True)
    if result.returncode not in (0, 1):
        raise SystemExit(f"tifa exited with {result.returncode}: {result.stderr.strip()[-300:]}")
    findings: list[dict[str, Any]] = json.loads(result.stdout or "[]")
    return findings


def main(argv: list[str] | None = None) -> int:
    """Print tifa's recall on the corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--tifa", default=str(Path(sys.executable).with_name("tifa")))
    parser.add_argument("--misses", action="store_true", help="list every missed occurrence")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    arguments = parser.parse_args(argv)
    if not (arguments.corpus / "expected.yaml").is_file():
        print(f"{arguments.corpus}: no expected.yaml here; nothing to measure")
        return 2
    recall = measure(arguments.corpus, run_tifa(arguments.tifa, arguments.corpus))
    if arguments.json:
        print(json.dumps({"found": recall.found, "total": recall.total, "recall": round(recall.ratio, 3)}))
        return 0
    if arguments.misses:
        print("\n".join(recall.misses))
    print(
        f"recall {recall.found}/{recall.total} = {recall.ratio:.2f}; {recall.findings} findings in "
        f"{recall.words} words ({1000 * recall.findings / max(recall.words, 1):.1f} per 1,000 words)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
