"""A small corpus of machine-translated county and provincial news, made from sentences written for the tests.

The sentences imitate the machine translations in ``../shared/corpus/mt/``: literal renderings
of Party terms, doubled phrases, and plain sentences with nothing to flag. Files are put
together from them with a seeded random choice, so the corpus is the same on every run.
"""

from __future__ import annotations

import random
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

FLAGGED = [
    "The county Party committee held a meeting to study how to implement the two maintenances in all work.",
    "Leader cadres must strengthen their sense of responsibility and take the lead and take the lead.",
    "The meeting arranged and deployed the work of the next stage of the rural revitalization campaign.",
    "We will resolutely carry out the decision-making and deployment of the Party Central Committee.",
    "Party members of the bureau should practise self-revolution and build a model agency.",
    "The township will push forward Chinese-style modernization with concrete actions.",
    "The two safeguards are the highest political principle of the Party organizations in the organs.",
    "Officials must surround the center and serve the big picture in every task this year.",
    "The district Party committee will strengthen its own construction and strengthen its own construction.",
    "We must build a community of common destiny for mankind together with friendly cities abroad.",
]
PLAIN = [
    "The meeting was chaired by the secretary of the county Party committee.",
    "Heads of the townships and the county departments attended the meeting.",
    "Work on the spring planting season has started across the county.",
    "The bureau reported on the progress of road repairs in the mountain villages.",
    "More than two hundred households received new water connections last month.",
    "The county will hold a job fair for college graduates in June.",
    "Officials visited enterprises in the industrial park to hear their difficulties.",
    "The weather service warned of heavy rain in the northern townships.",
]
SOURCES = {
    FLAGGED[5]: "乡镇将以实际行动推进中国式现代化。",
    "The county will keep food safety firmly in its own hands.": "全县要把粮食安全牢牢抓在手上。",
}


def _paragraph(rng: random.Random) -> str:
    sentences = [rng.choice(PLAIN) for _ in range(rng.randint(1, 3))]
    if rng.random() < 0.6:
        sentences.insert(rng.randrange(len(sentences) + 1), rng.choice(FLAGGED))
    return " ".join(sentences)


def write_text_corpus(folder: Path, files: int, seed: int = 17) -> list[Path]:
    """Write ``files`` plain-text and Markdown articles into ``folder``; return their paths."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for number in range(files):
        paragraphs = [_paragraph(rng) for _ in range(rng.randint(2, 5))]
        if number % 10 == 9:
            path = folder / f"news-{number:04d}.md"
            path.write_text(f"# County news {number}\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        else:
            path = folder / f"news-{number:04d}.mt.txt"
            path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        written.append(path)
    return written


def table_rows(rows: int, seed: int = 23) -> list[dict[str, str | None]]:
    """Rows of a table corpus: a ``text`` column and, for some rows, its Chinese ``source``."""
    rng = random.Random(seed)
    result: list[dict[str, str | None]] = []
    for _ in range(rows):
        text = rng.choice([*FLAGGED, *PLAIN, *SOURCES])
        result.append({"text": text, "source": SOURCES.get(text)})
    return result


def write_parquet_table(path: Path, rows: list[dict[str, str | None]], row_group_size: int) -> None:
    """Write ``rows`` as a Parquet file of several row groups."""
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=row_group_size)
