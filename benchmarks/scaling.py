"""How tifa's time and memory grow with the size of one file: a scaling series per kind of input.

Run from the repository root (standard library only; Python 3.10+)::

    python benchmarks/scaling.py                 # 1, 4 and 16 MB of each case
    python benchmarks/scaling.py --sizes 1,4 --cases prose,po-check

For each case and size the script writes one file built from the shipped example article,
runs ``tifa check -j 1`` on it (``--fix`` for the fix cases, on a fresh copy) and prints the
wall time (start-up included), the time per MB after the start-up (a run on an empty file is
subtracted), the peak RSS of the process, and the peak RSS per input byte above the start-up's.
The cases:

``prose``      plain text whose paragraphs are separated by single line breaks (one segment)
``line``       the same text on one line
``po-check``   a PO file, one ``# tifa: ignore`` comment per ten entries
``po-fix``     the same file with ``--fix``
``xliff``      an XLIFF 1.2 file of the same entries
``prose-fix``  ``--fix`` on prose with one safe fix about every 50 words

With ``--corpus-mb N`` it then writes a corpus of about N MB in many files (copies of the
example article, each made unique by its first line so that the result cache serves none) and
runs ``tifa check`` on the folder with the default processes and with ``-j 1``, sampling the
memory of the whole process tree (the command and its workers) every 50 ms: the peak of the
summed RSS, and the peak of the summed PSS, which counts a page shared by the forked
workers (the glossary) once rather than once per process.

tifa is ``--tifa``, else the ``tifa`` beside ``sys.executable``, on PATH, or in .venv.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from html import escape
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARTICLE = REPO / "examples" / "county-office-meeting.mt.txt"
CORRECTED = REPO / "examples" / "county-office-meeting.corrected.txt"
MEGABYTE = 1 << 20


def paragraphs(path: Path) -> list[str]:
    """The paragraphs of an example article, each on one line."""
    text = path.read_text(encoding="utf-8")
    return [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]


def repeat_to(size: int, pieces: list[str], separator: str) -> str:
    """``pieces`` joined by ``separator`` over and over until the text has about ``size`` bytes."""
    unit = separator.join(pieces) + separator
    return unit * max(1, size // len(unit.encode("utf-8")))


def prose(size: int) -> str:
    return repeat_to(size, paragraphs(ARTICLE), "\n")


def one_line(size: int) -> str:
    return prose(size).replace("\n", " ")


def prose_with_fixes(size: int) -> str:
    """Corrected prose with "two maintenances" (a safe fix) after about every 50 words."""
    words = " ".join(paragraphs(CORRECTED)).split()
    pieces = [
        " ".join(words[start : start + 50]) + " to achieve the two maintenances." for start in range(0, len(words), 50)
    ]
    return repeat_to(size, pieces, "\n")


def sentences() -> list[str]:
    return [sentence.strip() + "." for line in paragraphs(ARTICLE) for sentence in line.split(". ") if sentence.strip()]


def po(size: int) -> str:
    entries = []
    for number, sentence in enumerate(sentences() * 4):
        comment = "# tifa: ignore[TF201]\n" if number % 10 == 0 else ""
        text = sentence.replace("\\", "\\\\").replace('"', '\\"')
        entries.append(f'{comment}#: article.md:{number}\nmsgid "第{number}句。"\nmsgstr "{text}"\n')
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    return header + repeat_to(size, entries, "\n")


def xliff(size: int) -> str:
    units = [
        f'<trans-unit id="u{number}"><source>第{number}句。</source><target>{escape(sentence)}</target></trans-unit>'
        for number, sentence in enumerate(sentences() * 4)
    ]
    body = repeat_to(size, units, "\n")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2"><file source-language="zh" '
        f'target-language="en" datatype="plaintext" original="a.txt"><body>\n{body}</body></file></xliff>\n'
    )


CASES: dict[str, tuple[Callable[[int], str], str, tuple[str, ...]]] = {
    "prose": (prose, "txt", ()),
    "line": (one_line, "txt", ()),
    "po-check": (po, "po", ()),
    "po-fix": (po, "po", ("--fix",)),
    "xliff": (xliff, "xlf", ()),
    "prose-fix": (prose_with_fixes, "txt", ("--fix",)),
}


def find_tifa(given: str | None) -> str:
    if given:
        return given
    for candidate in (Path(sys.executable).with_name("tifa"), REPO / ".venv" / "bin" / "tifa"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which("tifa")
    if found is None:
        sys.exit("tifa not found: pass --tifa")
    return found


def run(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time in seconds and peak RSS in bytes of one run (exit status 0 or 1 expected)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    error = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"{' '.join(command)} failed: {error}")
    return elapsed, usage.ru_maxrss * 1024


def write_corpus(folder: Path, size: int) -> tuple[int, int]:
    """Write about ``size`` bytes of example articles into ``folder`` (100 per subfolder); return files and bytes."""
    article = ARTICLE.read_text(encoding="utf-8")
    files = total = 0
    while total < size:
        path = folder / f"part-{files // 100:04d}" / f"article-{files:06d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        data = f"Report {files} of the county office.\n\n{article}".encode()
        path.write_bytes(data)
        files += 1
        total += len(data)
    return files, total


def _tree(root: int) -> list[int]:
    """``root`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            parent = int(stat[stat.rindex(")") + 2 :].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    found, pending = [], [root]
    while pending:
        pid = pending.pop()
        found.append(pid)
        pending.extend(children.get(pid, []))
    return found


def _rollup(pid: int) -> tuple[int, int]:
    """RSS and PSS of process ``pid`` in bytes (0, 0 once it is gone)."""
    values = {"Rss:": 0, "Pss:": 0}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            name, _, rest = line.partition(" ")
            if name in values:
                values[name] = int(rest.split()[0]) * 1024
    except (OSError, ValueError):
        pass
    return values["Rss:"], values["Pss:"]


def run_tree(command: list[str], env: dict[str, str]) -> tuple[float, int, int]:
    """Wall time, and peak summed RSS and PSS over the process tree, of one run sampled every 50 ms."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    peak_rss = peak_pss = 0
    while process.poll() is None:
        sizes = [_rollup(pid) for pid in _tree(process.pid)]
        peak_rss = max(peak_rss, sum(rss for rss, _ in sizes))
        peak_pss = max(peak_pss, sum(pss for _, pss in sizes))
        time.sleep(0.05)
    elapsed = time.perf_counter() - started
    if process.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed: {process.stderr.read().decode() if process.stderr else ''}")
    return elapsed, peak_rss, peak_pss


def corpus_case(tifa: str, work: Path, env: dict[str, str], megabytes: int, repeat: int) -> None:
    """Print the time and the process tree's peak memory of checking a corpus of ``megabytes`` MB of many files."""
    corpus = work / "corpus"
    files, total = write_corpus(corpus, megabytes * MEGABYTE)
    print(f"corpus: {files} files, {total / MEGABYTE:.0f} MB")
    print(f"{'run':<10} {'time s':>8} {'tree RSS MB':>12} {'tree PSS MB':>12}")
    for _ in range(repeat):
        for label, options in (("default -j", ()), ("-j 1", ("-j", "1"))):
            shutil.rmtree(work / "cache" / "results", ignore_errors=True)
            elapsed, rss, pss = run_tree([tifa, "check", "-q", *options, str(corpus)], env)
            print(f"{label:<10} {elapsed:>8.1f} {rss / MEGABYTE:>12.0f} {pss / MEGABYTE:>12.0f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1,4,16", help="file sizes in MB, comma-separated")
    parser.add_argument("--cases", default=",".join(CASES), help="cases, comma-separated (empty: none)")
    parser.add_argument("--tifa", help="the tifa command")
    parser.add_argument("--corpus-mb", type=int, default=0, help="also check a corpus of this many MB in many files")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each case and size (best time and memory kept)")
    arguments = parser.parse_args()
    tifa = find_tifa(arguments.tifa)
    sizes = [int(size) for size in arguments.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="tifa-scaling-") as folder:
        work = Path(folder)
        env = {**os.environ, "TIFA_CACHE_DIR": str(work / "cache")}
        empty = work / "empty.txt"
        empty.write_text("", encoding="utf-8")
        run([tifa, "check", str(empty)], env)  # compile and cache the glossary
        if arguments.cases:
            scaling_series(tifa, work, env, arguments.cases.split(","), sizes, arguments.repeat)
        if arguments.corpus_mb:
            corpus_case(tifa, work, env, arguments.corpus_mb, arguments.repeat)


def scaling_series(tifa: str, work: Path, env: dict[str, str], cases: list[str], sizes: list[int], repeat: int) -> None:
    """Print each case's row per size: best time of ``repeat`` runs (sizes and the start-up interleaved), peak RSS."""
    empty = work / "empty.txt"
    start_time, start_rss = min(run([tifa, "check", str(empty)], env) for _ in range(3))
    print(f"{'case':<10} {'MB':>4} {'time s':>8} {'s/MB':>6} {'peak MB':>8} {'RSS/byte':>8}")
    for name in cases:
        make, suffix, options = CASES[name]
        inputs = {size: make(size * MEGABYTE).encode("utf-8") for size in sizes}
        best: dict[int, tuple[float, int]] = {}
        for _ in range(repeat):
            start_time = min(start_time, run([tifa, "check", str(empty)], env)[0])
            for size, data in inputs.items():
                path = work / f"{name}-{size}.{suffix}"
                path.write_bytes(data)  # afresh for every run: --fix rewrites it
                shutil.rmtree(work / "cache" / "results", ignore_errors=True)
                elapsed, rss = run([tifa, "check", "-q", "-j", "1", *options, str(path)], env)
                previous = best.get(size, (elapsed, rss))
                best[size] = (min(previous[0], elapsed), min(previous[1], rss))
                path.unlink()
        for size, (elapsed, rss) in best.items():
            megabytes = len(inputs[size]) / MEGABYTE
            per_mb = (elapsed - start_time) / megabytes
            per_byte = (rss - start_rss) / len(inputs[size])
            row = f"{name:<10} {megabytes:>4.0f} {elapsed:>8.2f} {per_mb:>6.2f}"
            print(f"{row} {rss / MEGABYTE:>8.0f} {per_byte:>8.1f}", flush=True)
    print(f"start-up (best): {start_time:.2f} s, {start_rss / MEGABYTE:.0f} MB")


if __name__ == "__main__":
    main()
