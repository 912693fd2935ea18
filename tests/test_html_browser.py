"""The HTML report in a real headless Chromium (Debian's chromium and chromium-driver, driven by Selenium).

The report is written as a user writes it, ``tifa check --format html PATHS > report.html``, and
compared with ``--format json`` of the same files. Skipped, saying why, where the browser is
not installed (``.ci/run`` installs it).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, load_script

pytestmark = pytest.mark.slow

REVIEW = Path(__file__).parent / "data" / "review"
EXAMPLES = ROOT / "examples"
bench = load_script(ROOT / "benchmarks" / "html_report.py")


def tifa_output(arguments: list[str], output: Path) -> None:
    """Run ``tifa ARGUMENTS > OUTPUT``; tifa exits 1 when it finds something."""
    with output.open("wb") as handle:
        status = subprocess.run([sys.executable, "-m", "tifa", *arguments], stdout=handle, check=False).returncode
    assert status == 1


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Headless Chromium with a fresh profile, or a skip that says what is missing."""
    for program in (bench.CHROMIUM, bench.CHROMEDRIVER):
        if not program.exists():
            pytest.skip(f"{program} is missing: install Debian's chromium and chromium-driver (.ci/run does)")
    pytest.importorskip("selenium", reason="Selenium is missing: pip install -e '.[test]'")
    driver = bench.chromium(tmp_path_factory.mktemp("chromium-profile"))
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    """The HTML report of the review texts and the example article, and the JSON findings of the same files."""
    folder = tmp_path_factory.mktemp("report")
    paths = ["--isolated", str(REVIEW), str(EXAMPLES / "county-office-meeting.mt.txt")]
    tifa_output(["check", "--format", "html", *paths], folder / "report.html")
    tifa_output(["check", "--format", "json", *paths], folder / "report.json")
    return folder / "report.html", json.loads((folder / "report.json").read_text(encoding="utf-8"))


def open_report(browser: Any, report: Path) -> None:
    """Load ``report`` and wait for its ready mark."""
    browser.get(report.as_uri())
    bench.wait_until_ready(browser)


def value(browser: Any, element_id: str) -> int:
    """The number an element of the page shows in its ``data-value``."""
    return int(browser.find_element("id", element_id).get_attribute("data-value"))


def visible_rows(browser: Any) -> list[tuple[str, str]]:
    """The (rule code, severity) of each row the table shows."""
    script = (
        "return [...document.querySelectorAll('#findings tbody tr')].map(r => [r.dataset.code, r.dataset.severity]);"
    )
    return [tuple(row) for row in browser.execute_script(script)]


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Wait until ``condition()`` holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the page did not update"
        time.sleep(0.05)


def test_page_loads_without_errors_and_counts_match_json(browser: Any, reports: tuple[Path, list[Any]]) -> None:
    """No console error (a blocked network load would be one); the totals and bars equal the JSON output's counts."""
    report, findings = reports
    browser.get_log("browser")  # what earlier pages logged
    open_report(browser, report)
    problems = [entry for entry in browser.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]
    assert problems == []
    severities = Counter(item["severity"] for item in findings)
    assert value(browser, "count-findings") == len(findings)
    for severity in ("error", "warning", "info"):
        assert value(browser, f"count-{severity}") == severities[severity]
    assert value(browser, "count-files") == len({item["path"] for item in findings})
    script = "return [...document.querySelectorAll('#chart-rules .bar .count')].map(n => n.textContent);"
    labels = browser.execute_script(
        "return [...document.querySelectorAll('#chart-rules .bar .label')].map(n => n.textContent);"
    )
    bars = {label.split()[0]: int(count) for label, count in zip(labels, browser.execute_script(script), strict=True)}
    assert bars == Counter(item["code"] for item in findings)
    assert len(visible_rows(browser)) == len(findings)


def test_filtering_by_rule_shows_only_that_rule(browser: Any, reports: tuple[Path, list[Any]]) -> None:
    """Choosing a rule, then clicking another rule's bar, then searching, shows exactly the matching rows."""
    from selenium.webdriver.support.select import Select

    report, findings = reports
    open_report(browser, report)
    codes = Counter(item["code"] for item in findings)
    Select(browser.find_element("id", "filter-rule")).select_by_visible_text("TF201 duplicated-phrase")
    assert {code for code, _ in visible_rows(browser)} == {"TF201"}
    assert len(visible_rows(browser)) == codes["TF201"] == value(browser, "shown-count")
    browser.find_element("css selector", "#chart-rules .bar:last-child").click()
    last_code = browser.find_element("css selector", "#chart-rules .bar:last-child .label").text.split()[0]
    assert {code for code, _ in visible_rows(browser)} == {last_code}
    Select(browser.find_element("id", "filter-rule")).select_by_index(0)
    browser.find_element("id", "search").send_keys("bureau-minutes")
    in_po = [item for item in findings if item["path"].endswith("bureau-minutes.po")]
    wait_for(lambda: value(browser, "shown-count") == len(in_po))
    assert len(visible_rows(browser)) == len(in_po)


def test_terms_view_ranks_entries_and_filters_the_table(browser: Any, reports: tuple[Path, list[Any]]) -> None:
    """The per-term view lists the entry with most findings first; choosing it lists its findings."""
    report, findings = reports
    open_report(browser, report)
    browser.find_element("id", "tab-entries").click()
    first = browser.find_element("css selector", "#entries tbody tr")
    top_entry, top_count = Counter(item["entry"] for item in findings if item["entry"]).most_common(1)[0]
    assert first.get_attribute("data-entry") == top_entry
    first.click()
    assert browser.find_element("id", "view-findings").is_displayed()
    assert value(browser, "shown-count") == top_count


def test_screenshot_is_not_blank(browser: Any, reports: tuple[Path, list[Any]], tmp_path: Path) -> None:
    """A screenshot of the report is a PNG whose pixels vary (text, bars, highlights)."""
    from PIL import Image

    open_report(browser, reports[0])
    shot = tmp_path / "report.png"
    assert browser.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with Image.open(shot) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 16)
    assert colours is None or len(colours) > 50  # None: more colours than that


def test_a_large_report_pages_through_its_rows(browser: Any, tmp_path: Path) -> None:
    """With 1,000 findings the table shows 200 rows a page, and the next page the next 200."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    bench.write_corpus(corpus, 1000, 5)
    tifa_output(["check", "--isolated", "--format", "html", str(corpus)], tmp_path / "report.html")
    open_report(browser, tmp_path / "report.html")
    total = value(browser, "count-findings")
    assert total >= 1000 and len(visible_rows(browser)) == 200
    first_page = browser.execute_script(
        "return document.querySelector('#findings tbody tr td:nth-child(2)').textContent"
    )
    browser.find_element("id", "page-next").click()
    assert browser.find_element("id", "page-label").text == f"page 2 of {(total + 199) // 200}"
    second_page = browser.execute_script(
        "return document.querySelector('#findings tbody tr td:nth-child(2)').textContent"
    )
    assert second_page != first_page
