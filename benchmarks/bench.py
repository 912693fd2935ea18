"""Benchmark tifa as a user runs it, on a synthetic glossary and corpus, against grep.

Run from the repository root (standard library only; Python 3.10+)::

    python benchmarks/bench.py                     # 1000 entries, 1M words, 500 files, 3 runs
    python benchmarks/bench.py --entries 10000 --with-fix --json
    python benchmarks/bench.py --entries 1000,10000 --repeat 7  # interleaved runs, and their ratio
    python benchmarks/bench.py --shipped-glossary  # tifa's own glossary (needs PyYAML)

The script writes a seeded glossary (tifa's YAML format, docs/glossary-format.md) and an
English prose corpus with a glossary wrong form injected about once every 200 words, then
times ``tifa check --format json`` (wall time including start-up; peak RSS of the child, read
by GNU time where it is there), ``LC_ALL=C grep -F -i -r -c`` over the same wrong forms, and
with ``--with-fix`` ``tifa check --fix`` on a fresh copy of the corpus. tifa exits 1 when it
finds something; any other status but 0 stops the benchmark. tifa is ``--tifa``, else the
``tifa`` beside ``sys.executable``, on PATH, or in the repository's .venv. ``--workdir DIR``
keeps the glossary, corpus and outputs.

tifa gets a cache folder of its own in the work folder, emptied first: its first run compiles
and caches the glossary (as after any glossary edit) and is reported on its own row; the
repeats are the runs a user sees every time after that.
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import itertools
import json
import os
import random
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import recall

REPO = Path(__file__).resolve().parents[1]


def vocabulary(text: str) -> list[str]:
    """Split ``text`` into words."""
    return text.split()


POLITICAL = vocabulary(
    "Party CPC Central Committee socialist socialism Chinese characteristics development reform "
    "opening governance modernization cooperation people system rural revitalization "
    "supervision innovation rule law democracy consultative discipline inspection anti-corruption "
    "ecological civilization prosperity common national rejuvenation security sovereignty "
    "poverty alleviation targeted moderate society community shared future initiative belt road "
    "strategic mechanism institutional capacity collective leadership centralized unified "
    "ideological political economic cultural structural supply-side quality green coordinated "
    "inclusive open high-level self-reliance science technology talent education health "
    "harmony stability unity patriotic front united core position mass line frugality "
    "formalism bureaucratism accountability integrity whole-process dual circulation "
    "domestic demand market-oriented state-owned enterprise private sector fiscal monetary "
    "prudent proactive provincial county township grassroots cadre official comrade congress "
    "plenary session resolution outline plan five-year campaign pilot zone region corridor"
)
FUNCTION = vocabulary("the of and to in a for with on by as at from that this its their")
CONTENT = vocabulary(
    "new work important year time way part country world city government report measure "
    "effort step support policy area growth level number group process issue result service "
    "percent major key further efforts continue ensure promote improve strengthen advance "
    "deepen build implement carry out make take better more greater all every also should "
    "will must can has have been was were is are not only but both over under during while "
    "through across great solid steady firm overall basic long-term various local public"
)
COMMON = FUNCTION + CONTENT
DOUBLED = ["set an example", "take the lead", "play a leading role", "seek truth from facts"]
CATEGORIES = ["party-building", "economy", "governance", "diplomacy", "rural", "ecology"]
q = functools.partial(json.dumps, ensure_ascii=False)  # a JSON string is a valid YAML scalar
LENGTH_WEIGHTS = {2: 8, 3: 34, 4: 30, 5: 17, 6: 11}
FORM_LINE = re.compile(r"^\s*(?:-\s+)?(?:form:|en:|accept:|wrong:|outdated:|-)?\s*(.*?)\s*$")


def norm(text: str) -> str:
    """Normalise a form as tifa compares them, and also fold the last word's inflection."""
    words = re.sub(r"[-\u2011\u2013\s]+", " ", text.lower()).strip().split()
    if words:
        words[-1] = re.sub(r"(?:ing|ed|s)$", "", words[-1]) or words[-1]
    return " ".join(words)


def reserved_forms(glossary_dir: Path) -> set[str]:
    """Collect every string that looks like a form in the shipped glossary (a superset is harmless)."""
    keys: set[str] = set()
    for path in sorted(glossary_dir.glob("*.yaml")):
        for line in path.read_text(encoding="utf-8").splitlines():
            value = FORM_LINE.match(line.split(" #")[0]).group(1)  # type: ignore[union-attr]
            parts = (part.strip().strip("'\"") for part in value.strip("[]").split(","))
            keys.update(norm(part) for part in parts if part)
    return keys


def make_phrase(rng: random.Random) -> str:
    """Make a 2-6 word phrase with two adjacent political words, no function word at an end."""
    length = rng.choices(list(LENGTH_WEIGHTS), weights=list(LENGTH_WEIGHTS.values()))[0]
    while True:
        words = [rng.choice(POLITICAL) if rng.random() < 0.5 else rng.choice(COMMON) for _ in range(length)]
        pair = rng.randrange(length - 1)
        words[pair], words[pair + 1] = rng.choice(POLITICAL), rng.choice(POLITICAL)
        for edge in (0, -1):
            if words[edge] in FUNCTION:
                words[edge] = rng.choice(POLITICAL)
        if not any(doubles(left, right) for left, right in itertools.pairwise(words)):
            return " ".join(words)


def doubles(left: str, right: str) -> bool:
    """Tell whether ``right`` repeats the end of ``left`` ("growth growth", "whole-process process")."""
    return left.rstrip(",").rpartition("-")[2].lower() == right.partition("-")[0].lower()


def make_glossary(rng: random.Random, count: int, reserved: set[str]) -> tuple[str, list[str], list[str]]:
    """Build ``count`` entries as YAML; return it, the wrong forms and the standard renderings.

    Every form differs from every other (and from ``reserved``) once normalised.
    """
    used, zh_used = set(reserved), set()
    lines, all_wrong, standard = ["entries:"], [], []

    def fresh() -> str:
        while True:
            phrase = make_phrase(rng)
            if norm(phrase) not in used:
                used.add(norm(phrase))
                return phrase

    for i in range(count):
        zh = ""
        while not zh or zh in zh_used:
            zh = "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(rng.randint(3, 7)))
        zh_used.add(zh)
        en, accept = fresh(), [fresh() for _ in range(rng.randint(0, 2))]
        wrong = [fresh() for _ in range(rng.randint(2, 4))]
        lines += [f"  - id: synth-{i:05d}", f"    zh: {q(zh)}", f"    en: {q(en)}"]
        lines += ["    accept:", *(f"      - {q(a)}" for a in accept)] if accept else []
        lines += ["    wrong:", *(f"      - {q(w)}" for w in wrong)]
        if rng.random() < 0.1:  # a conditional form, as in the shipped glossary
            lines[-1] = f"      - form: {q(wrong[-1])}\n        not_before: [staff, workers]"
        confidence = rng.choices(["high", "medium", "low"], weights=[80, 15, 5])[0]
        lines += [f"    category: {rng.choice(CATEGORIES)}", f"    confidence: {confidence}"]
        lines += ["    replace: true", f'    source: "Synthetic benchmark entry {i}"']
        all_wrong += wrong
        standard.append(en)
    return "\n".join(lines) + "\n", all_wrong, standard


def make_sentence(rng: random.Random) -> list[str]:
    """Make 10-30 filler words; political words are never adjacent, so no glossary form matches."""
    n = rng.randint(10, 30)
    words = rng.choices(COMMON, k=n)
    spots = rng.sample(range(0, n, 2), k=n // 5)
    for spot, word in zip(spots, rng.choices(POLITICAL, k=len(spots)), strict=True):
        words[spot] = word
    for i in range(1, n):  # "growth growth" would be a doubled phrase (TF201)
        while doubles(words[i - 1], words[i]):
            words[i] = rng.choice(COMMON)
    if rng.random() < 0.3:
        words[rng.randrange(n - 1)] += ","
    return words


def make_corpus(
    rng: random.Random, root: Path, words: int, files: int, wrong: list[str], standard: list[str]
) -> dict[str, int]:
    """Write ``files`` text files totalling about ``words`` words; return what was injected."""
    root.mkdir(parents=True, exist_ok=True)
    stats = {"words": 0, "wrong": 0, "standard": 0, "doubled": 0}
    for index in range(files):
        target = words // files + (1 if index < words % files else 0)
        paragraphs: list[str] = []
        sentences: list[str] = []
        written = 0
        while written < target:
            sentence = make_sentence(rng)
            roll = rng.random() * 200 / len(sentence)
            insert = None
            if roll < 1.0:
                insert, kind = rng.choice(wrong), "wrong"
            elif roll < 1.2:
                insert, kind = rng.choice(standard), "standard"
            elif roll < 1.24:
                marker, phrase = rng.choice(["must", "should", "will"]), rng.choice(DOUBLED)
                insert, kind = f"{marker} {phrase} and {phrase}", "doubled"  # TF201 wants a verb marker
            if insert:
                at, parts = rng.randrange(len(sentence) + 1), insert.split()
                if at and doubles(sentence[at - 1], parts[0]):
                    sentence[at - 1] = "the"
                if at < len(sentence) and doubles(parts[-1], sentence[at]):
                    sentence[at] = "in"
                sentence[at:at] = parts
                stats[kind] += 1
            sentence[0] = sentence[0][:1].upper() + sentence[0][1:]
            sentences.append(" ".join(sentence).rstrip(",") + ".")
            written += len(sentence)
            if len(sentences) >= rng.randint(3, 8) or written >= target:
                text = " ".join(sentences)
                if rng.random() < 0.3:
                    text = textwrap.fill(text, 80, break_long_words=False, break_on_hyphens=False)
                paragraphs.append(text)
                sentences = []
        (root / f"doc{index:05d}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        stats["words"] += written
    return stats


def shipped_forms() -> tuple[int, list[str], list[str]]:
    """Return the entry count, wrong forms and standard renderings of the shipped glossary."""
    import yaml  # optional dependency

    count, wrong, standard = 0, [], []
    for path in sorted((REPO / "glossary").glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        for entry in (data or {}).get("entries", []):
            count += 1
            standard.append(entry["en"])
            wrong += [f["form"] if isinstance(f, dict) else f for f in entry.get("wrong") or []]
    return count, wrong, standard


@functools.cache
def gnu_time() -> str | None:
    """Return ``/usr/bin/time`` if it is GNU time, which reports a child's peak RSS."""
    path = "/usr/bin/time"
    probe = [path, "-f", "%M", "-o", os.devnull, "true"]
    ok = Path(path).is_file() and subprocess.run(probe, check=False).returncode == 0
    return path if ok else None


@dataclass
class Result:
    """Timings of one tool over all repeats."""

    tool: str
    words: int
    files: int
    glossary: str
    seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)  # user + system: steadier on a shared machine
    rss_mib: list[float] = field(default_factory=list)
    findings: int | None = None

    def row(self) -> dict[str, object]:
        """Summarise the runs for the table and the JSON output."""
        best = min(self.seconds)
        return {
            "tool": self.tool,
            "words": self.words,
            "files": self.files,
            "best_s": round(best, 3),
            "median_s": round(statistics.median(self.seconds), 3),
            "cpu_best_s": round(min(self.cpu_seconds), 3),
            "words_per_s": round(self.words / best),
            "peak_rss_mib": round(max(self.rss_mib), 1),
            "findings": self.findings,
            "glossary": self.glossary,
            "runs_s": [round(s, 3) for s in self.seconds],
        }

    def measure(self, cmd: list[str], out: Path, env: dict[str, str] | None = None) -> Path:
        """Run ``cmd`` in ``out``'s folder, stdout to ``out``; record wall time and peak RSS.

        A child's own ``ru_maxrss`` includes this (large) Python process's memory at fork time,
        so GNU time, itself small, reports the peak when it is there; else ``os.wait4``'s.
        """
        err, rss = out.with_suffix(".stderr"), out.with_suffix(".rss")
        timer = gnu_time()
        wrapped = [timer, "-f", "%M", "-o", str(rss), *cmd] if timer else cmd
        with out.open("wb") as stdout, err.open("wb") as stderr:
            start = time.perf_counter()
            proc = subprocess.Popen(wrapped, stdout=stdout, stderr=stderr, cwd=out.parent, env=env)
            _, status, usage = os.wait4(proc.pid, 0)
            self.seconds.append(time.perf_counter() - start)
            self.cpu_seconds.append(usage.ru_utime + usage.ru_stime)
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1) or "Traceback (most recent call last)" in err.read_text(errors="replace"):
            tail = err.read_text(errors="replace")[-2000:]
            sys.exit(f"bench: {' '.join(cmd)} exited with {code}:\n{tail}")
        kib = int(re.findall(r"\d+", rss.read_text())[-1]) if timer else usage.ru_maxrss
        self.rss_mib.append(kib / 1024)
        return out


def count_json(path: Path) -> int | None:
    """Count the findings in tifa's JSON output (a list, or an object with ``findings``)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8") or "null")
    except json.JSONDecodeError:
        return None
    if isinstance(data, dict):
        data = data.get("findings")
    return len(data) if isinstance(data, list) else None


def find_tifa(option: str | None) -> Path:
    """Find ``--tifa``, else tifa beside ``sys.executable``, on PATH or in the repo's .venv."""
    beside = str(Path(sys.executable).parent / "tifa")
    candidates = [option] if option else [beside, shutil.which("tifa"), str(REPO / ".venv/bin/tifa")]
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK) and Path(candidate).is_file():
            return Path(candidate)
    tried = ", ".join(dict.fromkeys(filter(None, candidates)))
    sys.exit(f"bench: tifa not found (tried {tried}); pass --tifa PATH")


@dataclass
class Setup:
    """The inputs and commands of one glossary size, and the results of its runs."""

    label: str
    corpus: Path
    work: Path
    tifa_cmd: list[str]
    grep_cmd: list[str]
    env: dict[str, str]
    injected: dict[str, int]
    generation_s: float
    results: dict[str, Result] = field(default_factory=dict)


def prepare(args: argparse.Namespace, tifa: Path, work: Path, entries: int) -> Setup:
    """Write the glossary (unless ``--shipped-glossary``), wrong-form list and corpus for one size."""
    rng = random.Random(args.seed)
    started = time.perf_counter()
    glossary_args: list[str] = []
    if args.shipped_glossary:
        count, wrong, standard = shipped_forms()
        label = f"shipped {count} entries/{len(wrong)} wrong"
    else:
        text, wrong, standard = make_glossary(rng, entries, reserved_forms(REPO / "glossary"))
        (work / "synth-glossary.yaml").write_text(text, encoding="utf-8")
        glossary_args = ["--glossary", str(work / "synth-glossary.yaml")]
        label = f"{entries} entries/{len(wrong)} wrong"
    if not wrong:
        sys.exit("bench: the glossary has no wrong forms to inject")
    forms_file = work / "wrong-forms.txt"
    forms_file.write_text("\n".join(wrong) + "\n", encoding="utf-8")
    corpus = work / "corpus"
    shutil.rmtree(corpus, ignore_errors=True)
    injected = make_corpus(rng, corpus, args.words, args.files, wrong, standard)
    # tifa's own cache, emptied: the first run compiles the glossary as after any glossary edit.
    cache = work / "tifa-cache"
    shutil.rmtree(cache, ignore_errors=True)
    return Setup(
        label=label,
        corpus=corpus,
        work=work,
        tifa_cmd=[str(tifa), "check", *glossary_args, "--format", "json"],
        grep_cmd=["grep", "-F", "-i", "-r", "-c", "-f", str(forms_file), str(corpus)],
        env={**os.environ, "TIFA_CACHE_DIR": str(cache)},
        injected=injected,
        generation_s=time.perf_counter() - started,
    )


COLD, CHECK, GREP, FIX = "tifa check, first run", "tifa check", "grep -F -i (LC_ALL=C)", "tifa check --fix"


def run_once(setup: Setup, with_fix: bool, variants: Sequence[tuple[str, list[str]]] = ()) -> None:
    """Time each tool once on ``setup``'s corpus (tifa's first run apart, as the cold-cache row).

    Each of ``variants`` (a name and extra ``tifa check`` arguments) is timed right after the
    default run, so that the two meet the machine in the same mood.
    """
    words, files = setup.injected["words"], len(list(setup.corpus.iterdir()))

    def result(name: str) -> Result:
        return setup.results.setdefault(name, Result(name, words, files, setup.label))

    cold = COLD not in setup.results
    check = result(COLD if cold else CHECK)
    check.findings = count_json(
        check.measure([*setup.tifa_cmd, str(setup.corpus)], setup.work / "tifa.json", setup.env)
    )
    if cold:
        run_once(setup, with_fix, variants)  # every repeat times a warm run; the first run is extra
        return
    for name, extra in variants:
        variant = result(f"{CHECK} {name}")
        output = setup.work / "tifa-variant.json"
        variant.findings = count_json(variant.measure([*setup.tifa_cmd, *extra, str(setup.corpus)], output, setup.env))
    # The corpus is ASCII: in a UTF-8 locale grep -F -i is some 300 times slower.
    grep = result(GREP)
    out = grep.measure(setup.grep_cmd, setup.work / "grep.txt", env={**os.environ, "LC_ALL": "C"})
    grep.findings = sum(int(line.rsplit(":", 1)[1]) for line in out.read_text(encoding="utf-8").splitlines())
    if with_fix:
        copy = setup.work / "corpus-fix"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(setup.corpus, copy)
        fix = result(FIX)
        fix.findings = count_json(
            fix.measure([*setup.tifa_cmd, "--fix", str(copy)], setup.work / "tifa-fix.json", setup.env)
        )
        setup.injected["fixed_files_changed"] = sum(
            (copy / f.name).read_bytes() != f.read_bytes() for f in setup.corpus.iterdir()
        )


def benchmark(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """Generate the inputs of every glossary size, run every tool ``--repeat`` times and return the results.

    With several sizes the runs are interleaved (each repeat runs every size in turn), so that a
    slower spell of a shared machine weighs on all sizes alike and their ratio holds.
    """
    tifa = find_tifa(args.tifa)
    sizes = [0] if args.shipped_glossary else args.entries
    setups = []
    for entries in sizes:
        folder = work / f"entries-{entries}" if len(sizes) > 1 else work
        folder.mkdir(parents=True, exist_ok=True)
        setups.append(prepare(args, tifa, folder, entries))
    for _ in range(args.repeat):
        for setup in setups:
            run_once(setup, args.with_fix, args.variant)
    variant_names = [f"{CHECK} {name}" for name, _ in args.variant]
    rows = [
        result.row()
        for setup in setups
        for name in (CHECK, *variant_names, COLD, GREP, FIX)
        if (result := setup.results.get(name)) is not None
    ]
    ratios = [
        _ratio(setup.results[CHECK], setup.results[name], setup.label, f"{setup.label}, {name}")
        for setup in setups
        for name in variant_names
    ]
    base = setups[0].results[CHECK]
    ratios.extend(_ratio(setup.results[CHECK], base, setup.label, setups[0].label) for setup in setups[1:])
    return {
        "tifa": str(tifa),
        "seed": args.seed,
        "repeat": args.repeat,
        "generation_s": round(sum(setup.generation_s for setup in setups), 2),
        "injected": {setup.label: setup.injected for setup in setups},
        "rss_from": "GNU time" if gnu_time() else "os.wait4 (includes this script's RSS)",
        "results": rows,
        "ratios": ratios,
    }


def _ratio(check: Result, base: Result, label: str, against: str) -> dict[str, Any]:
    """How many times ``base``'s time ``check`` takes: best, median, best CPU and median of paired runs."""
    return {
        "glossary": label,
        "against": against,
        "best": round(min(check.seconds) / min(base.seconds), 3),
        "median": round(statistics.median(check.seconds) / statistics.median(base.seconds), 3),
        "cpu_best": round(min(check.cpu_seconds) / min(base.cpu_seconds), 3),
        # Runs alternate, so each run and the base run next to it met the machine in the same
        # mood: the median of these pairs is the steadiest figure.
        "paired_median": round(
            statistics.median(mine / theirs for mine, theirs in zip(check.seconds, base.seconds, strict=True)), 3
        ),
    }


def variant(text: str) -> tuple[str, list[str]]:
    """Parse ``--variant NAME=ARGS``: a name for the row and extra ``tifa check`` arguments."""
    name, separator, extra = text.partition("=")
    if not separator or not name.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=ARGS, e.g. 'without TF105=--ignore TF105': {text!r}")
    return name.strip(), shlex.split(extra)


def print_table(report: dict[str, Any]) -> None:
    """Print the results as a fixed-width table."""
    keys = vocabulary("tool words files best_s median_s cpu_best_s words_per_s peak_rss_mib findings glossary")
    rows = [[str(r[k]) for k in keys] for r in report["results"]]
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(keys)]
    for row in [keys, ["-" * w for w in widths], *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    print(f"\ninputs made in {report['generation_s']} s; injected {report['injected']}")
    print(f"best/median of {report['repeat']} warm runs of {report['tifa']}; RSS: {report['rss_from']}")
    for ratio in report["ratios"]:
        print(
            f"tifa check with {ratio['glossary']} takes {ratio['best']}x (best) / {ratio['median']}x (median)"
            f" / {ratio['cpu_best']}x (best CPU time) / {ratio['paired_median']}x (median of paired runs)"
            f" the time with {ratio['against']}"
        )


def entry_counts(text: str) -> list[int]:
    """Parse ``--entries``: one count or several, comma-separated ("1000,10000")."""
    try:
        return [int(part) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a count or comma-separated counts: {text!r}") from None


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run the benchmark and print the results."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--entries",
        type=entry_counts,
        default=[1000],
        help="synthetic glossary entries; several sizes, comma-separated, are run in turn and compared",
    )
    parser.add_argument("--words", type=int, default=1_000_000, help="corpus words")
    parser.add_argument("--files", type=int, default=500, help="corpus files")
    parser.add_argument("--repeat", type=int, default=3, help="runs per tool")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--tifa", help="tifa executable (default: beside sys.executable)")
    parser.add_argument("--workdir", type=Path, help="keep inputs and outputs here")
    parser.add_argument("--with-fix", action="store_true", help="also time tifa check --fix")
    parser.add_argument("--shipped-glossary", action="store_true", help="use tifa's glossary")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--variant",
        type=variant,
        action="append",
        default=[],
        help="also time tifa check with extra arguments, interleaved, e.g. 'without TF105=--ignore TF105' or "
        "'one process=-j 1'; prints its ratio to the default run (repeatable)",
    )
    parser.add_argument(
        "--recall",
        type=Path,
        default=recall.DEFAULT_CORPUS,
        help="also measure recall on this folder of machine translations with expected.yaml (skipped if absent)",
    )
    args = parser.parse_args(argv)
    if min(args.entries) < 1 or args.files < 1 or args.repeat < 1 or args.words < args.files:
        parser.error("--entries, --files and --repeat must be positive and --words >= --files")
    if args.shipped_glossary and importlib.util.find_spec("yaml") is None:
        print("bench: --shipped-glossary needs PyYAML; not importable, skipped", file=sys.stderr)
        return 0
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        report = benchmark(args, args.workdir.resolve())
    else:
        with tempfile.TemporaryDirectory(prefix="tifa-bench-") as tmp:
            report = benchmark(args, Path(tmp))
    if (args.recall / "expected.yaml").is_file():
        found = recall.measure(args.recall, recall.run_tifa(report["tifa"], args.recall))
        report["recall"] = {"found": found.found, "total": found.total, "recall": round(found.ratio, 3)}
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_table(report)
        if "recall" in report:
            print(
                f"recall on {args.recall}: {report['recall']['found']}/{report['recall']['total']}"
                f" = {report['recall']['recall']:.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
