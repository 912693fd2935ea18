"""The synthetic inputs of the benchmark: a glossary of political phrases and an English corpus.

The glossary is written in tifa's YAML format; the corpus is prose made of political and
common words, with a glossary wrong form injected about once every 200 words, doubled
phrases, and standard renderings that must stay silent. Used by bench.py and rerun.py.
"""

from __future__ import annotations

import functools
import itertools
import json
import random
import re
import textwrap
from pathlib import Path

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
