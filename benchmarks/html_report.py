"""Benchmark: how long a 20,000-finding HTML report takes to open in headless Chromium.

Run from the repository root, with tifa and Selenium installed (the test extra) and Debian's
``chromium`` and ``chromium-driver``::

    .venv/bin/python benchmarks/html_report.py                 # 20,000 findings, 5 page loads
    .venv/bin/python benchmarks/html_report.py --findings 50000 --repeat 3 --keep report.html

The script writes a corpus of machine-translated paragraphs (each with wrong renderings from
the shipped glossary), runs ``tifa check --format html`` on it as a user would, and opens the
report in headless Chromium several times. The figure is the time from navigation start to
the ``tifa-report-ready`` performance mark the report's script sets once the totals, charts
and first page of the table are on screen (then also a layout is forced, so the page has
been laid out too). The tests import :func:`chromium` from here.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,1000",
)
# One paragraph of a machine translation; every wrong rendering in it is in the shipped glossary.
PARAGRAPH = (
    "The county Party committee held a meeting to study the spirit of the plenary session. "
    "It urged leader cadres to achieve the two maintenances and to strengthen the four consciousnesses. "
    "Officials must advance Chinese-style modernization and carry forward the spirit of self-revolution. "
    "The meeting called for arranging and deploying the work of the model agency.\n\n"
)
READY_SCRIPT = "return document.body && document.body.dataset.ready === '1';"
TIMING_SCRIPT = """
document.body.getBoundingClientRect();
const mark = performance.getEntriesByName('tifa-report-ready')[0];
return mark ? mark.startTime : null;
"""


def chromium(user_data_dir: Path) -> Any:
    """Start headless Chromium under chromedriver with a fresh profile in ``user_data_dir``, keeping browser logs."""
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = str(CHROMIUM)
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={user_data_dir}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))


def wait_until_ready(driver: Any, timeout: float = 60.0) -> float:
    """Wait for the report's ready mark; return its time in milliseconds after navigation start."""
    deadline = time.monotonic() + timeout
    while not driver.execute_script(READY_SCRIPT):
        if time.monotonic() > deadline:
            raise TimeoutError("the report never set its ready mark")
        time.sleep(0.01)
    return float(driver.execute_script(TIMING_SCRIPT))


def tifa_command() -> list[str]:
    """The tifa beside this Python, else on PATH."""
    beside = Path(sys.executable).with_name("tifa")
    found = str(beside) if beside.exists() else shutil.which("tifa")
    if found is None:
        raise SystemExit("tifa is not installed: pip install -e '.[test]'")
    return [found]


def write_corpus(folder: Path, findings: int, files: int) -> None:
    """Write ``files`` text files whose paragraphs give at least ``findings`` findings in all."""
    probe = folder / "probe.txt"
    probe.write_text(PARAGRAPH, encoding="utf-8")
    result = subprocess.run(
        [*tifa_command(), "check", "--format", "json", str(probe)], capture_output=True, check=False
    )
    per_paragraph = len(json.loads(result.stdout))
    probe.unlink()
    if not per_paragraph:
        raise SystemExit("the benchmark paragraph gives no finding with this glossary")
    paragraphs = math.ceil(findings / per_paragraph)
    per_file = math.ceil(paragraphs / files)
    for number in range(files):
        count = min(per_file, paragraphs - number * per_file)
        if count > 0:
            (folder / f"article-{number:03}.txt").write_text(PARAGRAPH * count, encoding="utf-8")


def build_report(folder: Path, findings: int, files: int) -> tuple[Path, int, int]:
    """Write the corpus and its HTML report into ``folder``; return the report, its findings and its files."""
    corpus = folder / "corpus"
    corpus.mkdir()
    write_corpus(corpus, findings, files)
    report = folder / "report.html"
    with report.open("wb") as handle:
        subprocess.run([*tifa_command(), "check", "--format", "html", str(corpus)], stdout=handle, check=False)
    text = report.read_text(encoding="utf-8")
    start = text.index('<script id="tifa-data" type="application/json">') + len(
        '<script id="tifa-data" type="application/json">'
    )
    data = json.loads(text[start : text.index("</script>", start)])
    return report, len(data["findings"]), len(data["files"])


def measure(report: Path, repeat: int, profile: Path) -> list[float]:
    """Open ``report`` ``repeat`` times in one browser; return the milliseconds to the ready mark of each load."""
    driver = chromium(profile)
    try:
        times = []
        for _ in range(repeat):
            driver.get("about:blank")
            driver.get(report.as_uri())
            times.append(wait_until_ready(driver))
        return times
    finally:
        driver.quit()


def main() -> None:
    """Build the report, open it repeatedly, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--findings", type=int, default=20_000, help="findings the report should hold (at least)")
    parser.add_argument("--files", type=int, default=100, help="files to spread them over")
    parser.add_argument("--repeat", type=int, default=5, help="page loads to time")
    parser.add_argument("--keep", type=Path, help="copy the report here")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tifa-html-bench-") as work:
        folder = Path(work)
        started = time.perf_counter()
        report, count, files = build_report(folder, options.findings, options.files)
        built = time.perf_counter() - started
        times = measure(report, options.repeat, folder / "profile")
        if options.keep:
            shutil.copyfile(report, options.keep)
        size = report.stat().st_size / 2**20
    print(f"report: {count:,} findings in {files} files, {size:.1f} MiB; tifa check --format html took {built:.1f} s")
    print(
        f"navigation start to ready, {len(times)} loads: best {min(times) / 1000:.2f} s, "
        f"median {statistics.median(times) / 1000:.2f} s, worst {max(times) / 1000:.2f} s"
    )


if __name__ == "__main__":
    main()
