"""Measure how often tifa flags ordinary English: a corpus from Debian's documentation packages.

tifa's budget on English that is no translation of a Chinese political text: at most 0.4
terminology findings (all codes but TF201, duplicated phrases, counted apart) per 100,000 words::

    python benchmarks/ordinary_english.py gather /tmp/ordinary-english [--max-words-per-package N]
    python benchmarks/ordinary_english.py measure /tmp/ordinary-english [--tifa PATH] [--json]

``gather DEST`` fetches ``PACKAGES`` with ``apt-get download`` (one ``apt-get update`` if that
fails), unpacks each with ``dpkg-deb -x`` and reads, in path order, plain text (gzip'd or not),
HTML (``html.parser``; no script, style, head or pre) and man pages (``groff``, if installed). It
skips changelogs, Sphinx ``_sources``, paths naming another language (``fr/``, ``x.de.txt``) and
files ``reject_reason`` finds short, non-English (letters under 90% ASCII, or function words
under 15% of words) or code (over 7% code characters); then repeated, under-3-word or code-like
paragraphs. A package gives at most ``--max-words-per-package`` words. It writes DEST/PKG-NNN.txt
(at most 200 KB each) and DEST/MANIFEST.tsv (versions, digests, counts), prints the word count
and exits 1 under ``--min-words`` (1,000,000). Same packages and versions, same files.

``measure DEST`` runs ``tifa check --isolated --format json`` on DEST/*.txt and prints the words,
the terminology and duplicated-phrase findings per 100,000 words, and each terminology finding
as ``path:line: CODE message`` with its line, for a person to judge.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from debian_text import count_words, looks_like_code, paragraphs, read_document, reject_reason

REPO = Path(__file__).resolve().parents[1]
BUDGET_PER_100K = 0.4
DUPLICATE_CODE = "TF201"
CHUNK_BYTES = 200_000
DEFAULT_MIN_WORDS = 1_000_000
DEFAULT_MAX_WORDS_PER_PACKAGE = 200_000

#: Debian packages and what their English is about; the corpus is made of these, in this order.
PACKAGES: tuple[tuple[str, str], ...] = (
    ("doc-debian", "Debian's constitution, social contract and manifesto: governance"),
    ("debian-history", "a history of the Debian project"),
    ("base-files", "licence texts (GPL, Apache, Artistic, MPL...): law"),
    ("dict-devil", "Ambrose Bierce's Devil's Dictionary: satire on politics, law and society"),
    ("fortunes", "fortune cookies: quotations on politics, law, history, literature, work"),
    ("fortunes-min", "fortune cookies: the short default collection"),
    ("jargon-text", "the Jargon File: hacker culture and its history"),
    ("gnucash-docs", "GnuCash guide and manual: accounting, business and personal finance"),
    ("stellarium-data", "sky cultures of the world: the history of astronomy, China among them"),
    ("debian-policy", "the Debian Policy Manual: normative rules"),
    ("developers-reference", "Debian Developer's Reference: procedures of a volunteer organisation"),
    ("debian-handbook", "The Debian Administrator's Handbook: a book"),
    ("debian-reference-en", "Debian Reference: a user manual"),
    ("debian-faq", "the Debian FAQ"),
    ("maint-guide", "the Debian New Maintainers' Guide"),
    ("debian-kernel-handbook", "the Debian Linux kernel handbook"),
    ("debian-edu-doc-en", "the Debian Edu manual: computers in schools"),
    ("installation-guide-amd64", "the Debian installation guide"),
    ("gnu-standards", "GNU coding and maintainer standards"),
    ("libreoffice-help-en-us", "LibreOffice help: office work, spreadsheets, financial functions"),
    ("gimp-help-en", "the GIMP user manual: image editing"),
    ("r-doc-html", "R manuals: statistics"),
    ("octave-doc", "the GNU Octave manual: numerical computing"),
    ("python3.11-doc", "Python documentation: tutorial, library, what's new"),
    ("postgresql-doc-15", "the PostgreSQL manual: databases"),
    ("linux-doc-6.1", "Linux kernel documentation"),
    ("git-doc", "Git manuals and user guide"),
    ("bash-doc", "the Bash reference manual"),
    ("mutt", "the Mutt e-mail manual"),
    ("grass-doc", "GRASS GIS manual: geography"),
    ("manpages", "Linux man-pages: system overviews and interfaces"),
)


def run(command: Sequence[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run a command, capturing its output as text, without raising on failure."""
    return subprocess.run(list(command), cwd=cwd, capture_output=True, text=True, check=False)


def download(names: Sequence[str], folder: Path) -> dict[str, Path]:
    """Fetch the packages ``names`` into ``folder`` with apt-get download; return each one's .deb."""
    done = run(["apt-get", "download", *names], cwd=folder)
    if done.returncode != 0:
        print("apt-get download failed; running apt-get update once", file=sys.stderr)
        run(["apt-get", "update"])
        done = run(["apt-get", "download", *names], cwd=folder)
        if done.returncode != 0:
            raise SystemExit(f"apt-get download failed:\n{done.stderr}")
    return {run(["dpkg-deb", "-f", str(deb), "Package"]).stdout.strip(): deb for deb in sorted(folder.glob("*.deb"))}


def documents(root: Path, groff: str | None) -> Iterator[tuple[str | None, str]]:
    """Yield (reject reason or None, text) for each document unpacked in ``root``, in path order."""
    for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()):
        text = read_document(path, path.relative_to(root), groff)
        if text is not None:
            yield reject_reason(text), text


def select_paragraphs(
    docs: Iterable[tuple[str | None, str]], seen: set[bytes], max_words: int
) -> tuple[list[str], dict[str, int]]:
    """Keep the new, non-code paragraphs of at least 3 words of the accepted documents, up to about
    ``max_words`` words; ``seen`` holds the digests of the paragraphs kept so far in the corpus.
    Return them and the count of documents by verdict (documents, non-english, code, short)."""
    counts = {"documents": 0, "non-english": 0, "code": 0, "short": 0}
    kept: list[str] = []
    words = 0
    for reason, text in docs:
        if words >= max_words:
            break
        counts[reason or "documents"] += 1
        if reason is not None:
            continue
        for paragraph in paragraphs(text):
            key = hashlib.sha1(" ".join(paragraph.split()).encode()).digest()
            if key in seen or count_words(paragraph) < 3 or looks_like_code(paragraph):
                continue
            seen.add(key)
            kept.append(paragraph)
            words += count_words(paragraph)
            if words >= max_words:
                break
    return kept, counts


def chunk_paragraphs(kept: Sequence[str], limit: int = CHUNK_BYTES) -> list[list[str]]:
    """Group paragraphs, in order, into files of at most ``limit`` bytes (a longer paragraph alone)."""
    chunks: list[list[str]] = [[]]
    size = 0
    for paragraph in kept:
        length = len(paragraph.encode()) + 2
        if chunks[-1] and size + length > limit:
            chunks.append([])
            size = 0
        chunks[-1].append(paragraph)
        size += length
    return [chunk for chunk in chunks if chunk]


def gather(dest: Path, max_words: int, min_words: int) -> int:
    """Build the corpus in ``dest``; return the exit status (1 when it has under ``min_words`` words)."""
    if dest.exists() and any(dest.iterdir()) and not (dest / "MANIFEST.tsv").exists():
        raise SystemExit(f"{dest} is neither empty nor a corpus of this script: not touching it")
    dest.mkdir(parents=True, exist_ok=True)
    for old in [*dest.glob("*.txt"), dest / "MANIFEST.tsv"]:
        old.unlink(missing_ok=True)
    groff = shutil.which("groff")
    groff_version = run([groff, "--version"]).stdout.splitlines()[0] if groff else "none"
    names = [name for name, _ in PACKAGES]
    seen: set[bytes] = set()
    rows = ["package\tversion\tsha256\tdocuments\tnon_english\tcode\tshort\twords\tfiles\tmax_words\tgroff\tsubject"]
    total = 0
    with tempfile.TemporaryDirectory(prefix="ordinary-english-") as tmp:
        work = Path(tmp)
        debs = download(names, work)
        for name, subject in PACKAGES:
            if name not in debs:
                raise SystemExit(f"apt-get download gave no {name}")
            root = work / name
            if run(["dpkg-deb", "-x", str(debs[name]), str(root)]).returncode != 0:
                raise SystemExit(f"dpkg-deb -x {debs[name]} failed")
            kept, counts = select_paragraphs(documents(root, groff), seen, max_words)
            words = sum(map(count_words, kept))
            shutil.rmtree(root)
            chunks = chunk_paragraphs(kept)
            for number, chunk in enumerate(chunks, 1):
                (dest / f"{name}-{number:03d}.txt").write_text("\n\n".join(chunk) + "\n", encoding="utf-8")
            version = run(["dpkg-deb", "-f", str(debs[name]), "Version"]).stdout.strip()
            digest = hashlib.sha256(debs[name].read_bytes()).hexdigest()
            row = [name, version, digest, *counts.values(), words, len(chunks), max_words, groff_version, subject]
            rows.append("\t".join(map(str, row)))
            print(f"{name:28} {version:32} {words:>9,} words in {len(chunks)} files", flush=True)
            total += words
    (dest / "MANIFEST.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"total: {total:,} words in {dest}")
    if total < min_words:
        print(f"too few words: {total:,} < {min_words:,}", file=sys.stderr)
        return 1
    return 0


def per_100k(count: int, words: int) -> float:
    """Return ``count`` per 100,000 of ``words`` (0 for no words)."""
    return round(count * 100_000 / words, 3) if words else 0.0


def summarize(findings: Sequence[dict[str, Any]], words: int) -> dict[str, Any]:
    """Summarize tifa's JSON findings over a corpus of ``words`` words against the budget."""
    terminology = [f for f in findings if f.get("code") != DUPLICATE_CODE]
    duplicates = len(findings) - len(terminology)
    by_code: dict[str, int] = {}
    for finding in terminology:
        by_code[str(finding.get("code"))] = by_code.get(str(finding.get("code")), 0) + 1
    rate = per_100k(len(terminology), words)
    return {
        "words": words,
        "terminology_findings": len(terminology),
        "terminology_per_100k": rate,
        "terminology_by_code": dict(sorted(by_code.items())),
        "duplicate_findings": duplicates,
        "duplicate_per_100k": per_100k(duplicates, words),
        "budget_per_100k": BUDGET_PER_100K,
        "within_budget": rate <= BUDGET_PER_100K,
    }


def find_tifa(given: str | None) -> str:
    """Return the tifa command: ``given``, else the repository's .venv one, else tifa on PATH."""
    if given:
        return given
    local = REPO / ".venv" / "bin" / "tifa"
    return str(local) if local.exists() else shutil.which("tifa") or "tifa"


def measure(dest: Path, tifa: str, as_json: bool) -> int:
    """Run tifa on the corpus in ``dest`` and print the summary and each terminology finding."""
    files = sorted(dest.glob("*.txt"))
    done = run([tifa, "check", "--isolated", "--format", "json", *map(str, files)])
    if done.returncode not in (0, 1):
        raise SystemExit(f"tifa exited {done.returncode}:\n{done.stderr}")
    findings: list[dict[str, Any]] = json.loads(done.stdout or "[]")
    summary = summarize(findings, sum(count_words(p.read_text(encoding="utf-8")) for p in files))
    if as_json:
        print(json.dumps(summary, indent=2))
        return 0
    rate, dup_rate = summary["terminology_per_100k"], summary["duplicate_per_100k"]
    print(f"words: {summary['words']:,}")
    print(
        f"terminology findings: {summary['terminology_findings']} ({rate} per 100,000 words; budget {BUDGET_PER_100K})"
    )
    print(
        f"duplicated-phrase findings ({DUPLICATE_CODE}): {summary['duplicate_findings']} ({dup_rate} per 100,000 words)"
    )
    for finding in (f for f in findings if f.get("code") != DUPLICATE_CODE):
        path, line = Path(str(finding["path"])), int(finding["line"])
        print(f"{path}:{line}: {finding['code']} {finding['message']}")
        column = max(int(finding.get("column", 1)) - 1, 0)
        lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
        text = lines[line - 1].strip() if 0 < line <= len(lines) else ""
        print(f"    | {text[max(column - 150, 0) : column + 150]}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run ``gather`` or ``measure``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("gather", help="build the corpus in DEST from Debian packages")
    build.add_argument("dest", type=Path, metavar="DEST")
    build.add_argument("--max-words-per-package", type=int, default=DEFAULT_MAX_WORDS_PER_PACKAGE)
    build.add_argument("--min-words", type=int, default=DEFAULT_MIN_WORDS)
    check = commands.add_parser("measure", help="run tifa on the corpus in DEST and summarize")
    check.add_argument("dest", type=Path, metavar="DEST")
    check.add_argument("--tifa", help="the tifa command (default: the repository's .venv, else PATH)")
    check.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)
    if args.command == "gather":
        return gather(args.dest, args.max_words_per_package, args.min_words)
    return measure(args.dest, find_tifa(args.tifa), args.json)


if __name__ == "__main__":
    sys.exit(main())
