"""benchmarks/ordinary_english.py and debian_text.py: the corpus of ordinary English that tifa must stay silent on.

The pure parts run everywhere; the end-to-end test fetches Debian packages and is marked
``network`` and ``slow``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, load_script

SCRIPT = ROOT / "benchmarks" / "ordinary_english.py"


oe = load_script(SCRIPT)
debian_text = load_script(ROOT / "benchmarks" / "debian_text.py")

PROSE = (
    "The committee met on Tuesday to discuss the budget for the coming year. Members agreed that "
    "the library should open for longer hours, and that the town would pay for two more staff. "
    "There was some debate about the cost of heating the old building in the winter months, but "
    "in the end the proposal was accepted by a large majority of those who were present."
)
CODE = "\n".join(
    [
        "def main(argv: list[str]) -> int:",
        "    for i in range(len(argv)):",
        "        if argv[i] == '--help': return usage(argv[0]) # print {usage}",
        "    return run(argv[1:], env={'PATH': os.environ['PATH']}) | (x & 0xff) ^ ~y",
        "    x = [a * b for (a, b) in zip(xs, ys)]; y = {k: v for k, v in d.items()}",
        "    z = f'{x}_{y}' + '$HOME/~/@mail' + `cmd` + a[b][c] + (d) + <e> / f % g",
    ]
    * 3
)
FRENCH = (
    "Le comité s'est réuni mardi pour discuter du budget de l'année prochaine. Les membres ont "
    "convenu que la bibliothèque devrait ouvrir plus longtemps et que la ville paierait deux "
    "employés de plus. Il y a eu un débat sur le coût du chauffage du vieux bâtiment pendant les "
    "mois d'hiver, mais la proposition a finalement été acceptée par une large majorité."
)


def test_html_to_text_keeps_blocks_as_paragraphs_and_drops_scripts_and_code() -> None:
    markup = (
        "<html><head><title>T</title><style>p {color: red}</style></head><body>"
        "<h1>Sky &amp; stars</h1><p>Chinese astronomy was\n developed <b>independently</b>.</p>"
        "<script>var x = 1;</script><pre>make install</pre>"
        "<ul><li>one item</li><li>another&nbsp;item</li></ul>"
        "<table><tr><td>cell</td><td>next</td></tr></table></body></html>"
    )
    assert debian_text.html_to_text(markup).split("\n\n") == [
        "Sky & stars",
        "Chinese astronomy was developed independently.",
        "one item",
        "another item",
        "cell next",
    ]


def test_clean_plain_text_removes_overstrikes_and_control_characters() -> None:
    assert debian_text.clean_plain_text("B\bBo\bol\bld\x1f\r\nline\x7f") == "Bold\nline"


def test_prose_passes_the_heuristic_and_code_and_french_do_not() -> None:
    assert debian_text.reject_reason(PROSE) is None
    assert debian_text.reject_reason(CODE) == "code"
    assert debian_text.reject_reason(FRENCH) == "non-english"
    assert debian_text.reject_reason("星官 " * 40) == "non-english"
    assert debian_text.reject_reason("Too short to judge.") == "short"
    assert debian_text.looks_like_code(CODE)
    assert not debian_text.looks_like_code(PROSE)


def test_paths_naming_another_language_are_recognised() -> None:
    assert debian_text.names_other_language(Path("usr/share/doc/x/fr/index.html"))
    assert debian_text.names_other_language(Path("usr/share/doc/x/description.pt_BR.utf8"))
    assert debian_text.names_other_language(Path("usr/share/doc/gnucash-docs/gnucash-guide-it/a.html"))
    assert debian_text.names_other_language(Path("usr/share/man/zh_CN/man1/ls.1.gz"))
    assert not debian_text.names_other_language(Path("usr/share/doc/x/en/index.html"))
    assert not debian_text.names_other_language(Path("usr/share/doc/python3.11-doc/html/library/os.html"))
    assert not debian_text.names_other_language(Path("usr/share/stellarium/skycultures/chinese/description.en.utf8"))


def test_count_words_splits_on_whitespace() -> None:
    assert debian_text.count_words("  one two\tthree\n\nfour-five  ") == 4
    assert debian_text.count_words("") == 0


def test_paragraphs_split_at_blank_lines_and_fortune_separators() -> None:
    text = "first line\nsecond line\n\n  \nthird\n%\nfourth\n%\n"
    assert debian_text.paragraphs(text) == ["first line\nsecond line", "third", "fourth"]


def test_select_paragraphs_drops_repeats_short_and_code_and_stops_at_the_cap() -> None:
    seen: set[bytes] = set()
    docs = [(None, f"{PROSE}\n\nNext page\n\n{PROSE}"), ("code", CODE), (None, f"{CODE}\n\nA new paragraph here.")]
    kept, counts = oe.select_paragraphs(docs, seen, max_words=10_000)
    assert kept == [PROSE, "A new paragraph here."]
    assert counts == {"documents": 2, "non-english": 0, "code": 1, "short": 0}
    again, _ = oe.select_paragraphs([(None, PROSE)], seen, max_words=10_000)
    assert again == []
    capped, counts = oe.select_paragraphs([(None, "a b c\n\nd e f\n\ng h i"), (None, "j k l")], set(), 5)
    assert capped == ["a b c", "d e f"]
    assert counts["documents"] == 1


def test_chunks_stay_under_the_limit_in_order() -> None:
    paragraphs = [f"paragraph {i} " + "x" * 40 for i in range(10)]
    chunks = oe.chunk_paragraphs(paragraphs, limit=120)
    assert [p for chunk in chunks for p in chunk] == paragraphs
    assert all(sum(len(p) + 2 for p in chunk) <= 120 for chunk in chunks)
    assert oe.chunk_paragraphs(["y" * 500], limit=120) == [["y" * 500]]


def test_summary_counts_terminology_apart_from_duplicated_phrases() -> None:
    findings = [
        {"path": "a.txt", "line": 1, "column": 1, "code": "TF201", "message": "m", "severity": "error"},
        {"path": "a.txt", "line": 2, "column": 1, "code": "TF101", "message": "m", "severity": "error"},
        {"path": "b.txt", "line": 3, "column": 1, "code": "TF102", "message": "m", "severity": "warning"},
        {"path": "b.txt", "line": 4, "column": 1, "code": "TF101", "message": "m", "severity": "error"},
    ]
    summary = oe.summarize(findings, 1_000_000)
    assert summary["words"] == 1_000_000
    assert summary["terminology_findings"] == 3
    assert summary["terminology_per_100k"] == 0.3
    assert summary["terminology_by_code"] == {"TF101": 2, "TF102": 1}
    assert summary["duplicate_findings"] == 1
    assert summary["duplicate_per_100k"] == 0.1
    assert summary["within_budget"] is True
    assert oe.summarize(findings, 500_000)["within_budget"] is False
    assert oe.summarize([], 0)["terminology_per_100k"] == 0.0


@pytest.mark.network
@pytest.mark.slow
def test_ordinary_english_from_debian_stays_within_the_budget(tmp_path: Path) -> None:
    if not (shutil.which("apt-get") and shutil.which("dpkg-deb")):
        pytest.skip("needs Debian's apt-get and dpkg-deb")
    corpus = tmp_path / "ordinary-english"
    gathered = subprocess.run(
        [sys.executable, str(SCRIPT), "gather", str(corpus)], capture_output=True, text=True, timeout=1800
    )
    assert gathered.returncode == 0, gathered.stdout + gathered.stderr
    assert (corpus / "MANIFEST.tsv").exists()
    tifa = Path(sys.executable).with_name("tifa")
    command = [sys.executable, str(SCRIPT), "measure", str(corpus), "--json"]
    if tifa.exists():
        command += ["--tifa", str(tifa)]
    measured = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    assert measured.returncode == 0, measured.stderr
    summary = json.loads(measured.stdout)
    assert summary["words"] >= 1_000_000
    assert summary["terminology_per_100k"] <= 0.4, summary
