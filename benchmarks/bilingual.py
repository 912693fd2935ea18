"""The bilingual run of the benchmark: tifa check on a TSV of synthetic Chinese–English segment pairs.

Each pair's Chinese holds one or two terms of tifa's shipped glossary between stock phrases,
sometimes a figure in 万; its English holds, for each term, the standard rendering (most
pairs), a listed wrong form, or nothing (a missing term), and now and then a doubled phrase or a
misread figure, so that every bilingual rule has work to do. Used by bench.py
(``--bilingual-pairs``); run alone::

    python benchmarks/bilingual.py --pairs 100000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# Stock phrases of Chinese official prose and English filler, written for this benchmark.
CHINESE_FILLER = ["我们要", "进一步", "全面推进", "各地区各部门", "切实做好", "今年以来", "认真落实", "持续", "工作"]
ENGLISH_FILLER = (
    "we will further advance the work of all regions and departments this year and earnestly deliver"
    " on the tasks set out in the plan with solid steps and steady progress across the country"
).split()


def glossary_terms() -> list[tuple[str, str, list[str]]]:
    """Return (Chinese, standard rendering, wrong forms) for each shipped entry with a Chinese form."""
    import yaml  # optional dependency, as in bench.py

    terms = []
    for path in sorted((REPO / "glossary").glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        for entry in (data or {}).get("entries", []):
            zh = entry["zh"] if isinstance(entry["zh"], str) else entry["zh"][0]
            wrong = [form["form"] if isinstance(form, dict) else form for form in entry.get("wrong") or []]
            terms.append((zh.replace("“", "").replace("”", ""), entry["en"], wrong))
    return terms


def make_pairs(rng: random.Random, count: int, terms: list[tuple[str, str, list[str]]]) -> tuple[str, int]:
    """Return a TSV of ``count`` pairs with a header row, and its number of English words."""
    rows = ["zh\ten"]
    words = 0
    for _ in range(count):
        chinese = [rng.choice(CHINESE_FILLER)]
        english = rng.sample(ENGLISH_FILLER, rng.randint(8, 20))
        for zh, en, wrong in rng.sample(terms, rng.randint(1, 2)):
            chinese += [zh, rng.choice(CHINESE_FILLER)]
            roll = rng.random()
            if roll < 0.75:
                english.insert(rng.randrange(len(english)), en)
            elif roll < 0.9 and wrong:
                english.insert(rng.randrange(len(english)), rng.choice(wrong))
        roll = rng.random()
        if roll < 0.05:
            chinese.append("增加3.5万人")
            english.append("an increase of 3,500 people" if rng.random() < 0.5 else "an increase of 35,000 people")
        elif roll < 0.08:
            word = rng.choice(ENGLISH_FILLER)
            english += [word, "and", word]
        sentence = " ".join(english)
        words += len(sentence.split())
        rows.append("".join(chinese) + "。\t" + sentence[:1].upper() + sentence[1:] + ".")
    return "\n".join(rows) + "\n", words


def run(tifa: str, pairs: int, repeat: int, seed: int, work: Path) -> dict[str, object]:
    """Write the TSV, time ``tifa check --format json`` on it (best of ``repeat`` warm runs) and return the figures."""
    text, words = make_pairs(random.Random(seed), pairs, glossary_terms())
    table = work / "pairs.tsv"
    table.write_text(text, encoding="utf-8")
    env = {**os.environ, "TIFA_CACHE_DIR": str(work / "tifa-cache")}
    shutil.rmtree(work / "tifa-cache", ignore_errors=True)
    seconds = []
    for _ in range(repeat + 1):  # the first run compiles and caches the glossary
        shutil.rmtree(work / "tifa-cache" / "results", ignore_errors=True)  # every run checks the pairs
        start = time.perf_counter()
        with (work / "pairs.json").open("wb") as out:
            code = subprocess.run([tifa, "check", "--format", "json", str(table)], stdout=out, env=env)
        seconds.append(time.perf_counter() - start)
        if code.returncode not in (0, 1):
            sys.exit(f"bilingual bench: tifa exited with {code.returncode}")
    findings = json.loads((work / "pairs.json").read_text(encoding="utf-8"))
    best = min(seconds[1:])
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding["code"]] = counts.get(finding["code"], 0) + 1
    return {
        "pairs": pairs,
        "words": words,
        "best_s": round(best, 2),
        "pairs_per_s": round(pairs / best),
        "words_per_s": round(words / best),
        "first_run_s": round(seconds[0], 2),
        "findings": dict(sorted(counts.items())),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the bilingual benchmark alone and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--tifa", default=str(Path(sys.executable).parent / "tifa"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="tifa-bilingual-bench-") as tmp:
        print(run(args.tifa, args.pairs, args.repeat, args.seed, Path(tmp)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
