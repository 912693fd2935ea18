"""Nothing quadratic: the sweeps and indexes that replaced pairwise loops give the pairwise answers,
and time and memory grow with the text, not with its square.

The property tests compare each fast path with the obvious pairwise computation it replaced;
the slow tests run the installed command on texts of two sizes, each with its own timeout.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import load_script
from tests.e2e import tifa_command as _tifa
from tifa.fixer import apply_fixes
from tifa.glossary.compile import KeyMatch, sentence_bounds
from tifa.glossary.official import _overlapping
from tifa.model import Applicability, Edit, Finding, Fix, Severity, Span
from tifa.rules.renderings import _inside_another
from tifa.suppress import Suppression, Suppressions

_SENTENCE_END = (". ", "! ", "? ", '." ', '?" ', '!" ')
spans = st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda pair: Span(pair[0], pair[0] + pair[1]))


def _old_apply(text: str, findings: list[Finding]) -> tuple[str, int]:
    """The pairwise algorithm that ``apply_fixes`` replaced."""

    def overlaps(first: Edit, second: Edit) -> bool:
        if first.span.overlaps(second.span):
            return True
        return any(
            edit.span.start == edit.span.end and other.span.start <= edit.span.start <= other.span.end
            for edit, other in ((first, second), (second, first))
        )

    chosen: list[Edit] = []
    applied = 0
    ordered = sorted(
        findings,
        key=lambda f: (f.span.start, -int(f.fix.applicability) if f.fix else 1, f.span.end, f.code),
    )
    for finding in ordered:
        assert finding.fix is not None
        if any(overlaps(edit, other) for edit in finding.fix.edits for other in chosen):
            continue
        chosen.extend(finding.fix.edits)
        applied += 1
    pieces, position = [], 0
    for edit in sorted(chosen, key=lambda edit: (edit.span.start, edit.span.end)):
        pieces += [text[position : edit.span.start], edit.text]
        position = edit.span.end
    return "".join([*pieces, text[position:]]), applied


def _finding(span: Span, text: str, safe: bool) -> Finding:
    applicability = Applicability.SAFE if safe else Applicability.UNSAFE
    return Finding("TF101", span, "m", Severity.ERROR, fix=Fix("f", (Edit(span, text),), applicability))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(spans, st.sampled_from(["", "X", "YY"]), st.booleans()), max_size=25))
def test_choosing_fixes_by_a_sweep_gives_the_pairwise_result(edits: list[tuple[Span, str, bool]]) -> None:
    text = "".join(chr(ord("a") + number % 26) for number in range(80))
    findings = [_finding(span, replacement, safe) for span, replacement, safe in edits]
    assert apply_fixes(text, findings) == _old_apply(text, findings)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(spans, min_size=1, max_size=3), max_size=12),
    st.lists(st.integers(0, 80), max_size=30),
)
def test_suppression_scopes_by_a_sweep_give_the_pairwise_result(scopes: list[list[Span]], offsets: list[int]) -> None:
    found = tuple(Suppression((), (), tuple(scope), Span(0, 0)) for scope in scopes)
    suppressions = Suppressions(found)
    expected = [
        tuple(index for index, suppression in enumerate(found) if suppression.in_scope(Span(offset, offset)))
        for offset in offsets
    ]
    assert suppressions.in_scope(offsets) == expected


def _old_sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(
        (found + len(mark) - 1 for mark in _SENTENCE_END if (found := text.rfind(mark, 0, start)) >= 0), default=0
    )
    right = min((found + 1 for mark in _SENTENCE_END if (found := text.find(mark, end)) >= 0), default=len(text))
    return left, right


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='ab .!?"', max_size=60), st.integers(0, 60), st.integers(0, 10))
def test_the_sentence_index_gives_the_bounds_of_a_whole_text_search(text: str, start: int, length: int) -> None:
    start = min(start, len(text))
    end = min(start + length, len(text))
    assert sentence_bounds(text, start, end) == _old_sentence_bounds(text, start, end)


def _matches(pairs: list[tuple[int, int]]) -> list[KeyMatch]:
    return [KeyMatch(start, start + length, ()) for start, length in pairs]


match_pairs = st.lists(st.tuples(st.integers(0, 40), st.integers(1, 8)), max_size=20)


@settings(max_examples=300, deadline=None)
@given(match_pairs)
def test_containment_by_a_sweep_gives_the_pairwise_result(pairs: list[tuple[int, int]]) -> None:
    matches = _matches(pairs)
    expected = [
        any(
            other.start <= match.start and match.end <= other.end and other.end - other.start > match.end - match.start
            for other in matches
        )
        for match in matches
    ]
    assert _inside_another(matches) == expected


@settings(max_examples=300, deadline=None)
@given(match_pairs, st.integers(0, 45), st.integers(1, 8))
def test_matches_overlapping_a_stretch_by_bisection(pairs: list[tuple[int, int]], start: int, length: int) -> None:
    matches = sorted(_matches(pairs), key=lambda match: match.end)  # as the automaton yields them
    end = start + length
    expected = [match for match in matches if match.start < end and start < match.end]
    assert sorted(_overlapping(matches, start, end), key=id) == sorted(expected, key=id)


ARTICLE = Path(__file__).parent.parent / "examples" / "county-office-meeting.mt.txt"


def _single_newline_prose(size: int) -> str:
    paragraphs = [" ".join(block.split()) for block in ARTICLE.read_text(encoding="utf-8").split("\n\n")]
    unit = "\n".join(paragraphs) + "\n"
    return unit * max(1, size // len(unit))


def _timed(*args: str, timeout: float) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.perf_counter()
    result = subprocess.run(
        [_tifa(), *args], capture_output=True, text=True, encoding="utf-8", timeout=timeout, check=False
    )
    return time.perf_counter() - started, result


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["paragraphs", "one-line"])
def test_a_four_times_larger_text_takes_far_less_than_sixteen_times_longer(tmp_path: Path, kind: str) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    start_up = min(_timed("check", str(empty), timeout=60)[0] for _ in range(2))
    times = []
    for size in (256 << 10, 1 << 20):
        text = _single_newline_prose(size)
        path = tmp_path / f"{kind}-{size}.txt"
        path.write_text(text if kind == "paragraphs" else text.replace("\n", " "), encoding="utf-8")
        elapsed, result = _timed("check", "-q", "-j", "1", str(path), timeout=120)
        assert result.returncode == 1, result.stderr
        times.append(max(elapsed - start_up, 0.05))
    assert times[1] / times[0] < 9, times  # linear: about 4; quadratic: 16


# Run through a small Python process: a child forked from this (large) test process would
# report this process's peak memory as its own.
_PEAK_OF_CHILD = (
    "import resource, subprocess, sys; "
    "result = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
    "sys.stdout.write(result.stdout); "
    "print(result.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)"
)


@pytest.mark.slow
def test_a_long_run_of_one_word_is_one_finding_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    path.write_text("word " * ((4 << 20) // 5) + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", _PEAK_OF_CHILD, _tifa(), "check", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    status, peak_kib = map(int, result.stderr.split())
    assert status == 1
    assert result.stdout.count("TF201") == 1 and result.stdout.endswith(
        "1 finding (1 error) in 1 file; 1 fixable with `--fix --unsafe-fixes`.\n"
    )
    assert peak_kib < 400 << 10  # once over 1.3 GB for 4 MB


def test_a_long_repetition_chain_is_fixed_in_one_run(tmp_path: Path) -> None:
    path = tmp_path / "chain.txt"
    path.write_text(
        "Offices must " + " and ".join(["set an example"] * 40) + ". We must " + "strengthen " * 60 + "it.\n",
        encoding="utf-8",
    )
    first = subprocess.run([_tifa(), "check", "--fix", "--unsafe-fixes", str(path)], capture_output=True, timeout=60)
    assert first.returncode == 0, first.stdout
    assert path.read_text(encoding="utf-8") == "Offices must set an example. We must strengthen it.\n"
    second = subprocess.run([_tifa(), "check", "--fix", "--unsafe-fixes", str(path)], capture_output=True, timeout=60)
    assert second.returncode == 0 and b"Fixed" not in second.stdout


def _scaling_script() -> ModuleType:
    return load_script(Path(__file__).parent.parent / "benchmarks" / "scaling.py")


def _peak_kib(tmp_path: Path, *args: str) -> int:
    result = subprocess.run(
        [sys.executable, "-c", _PEAK_OF_CHILD, _tifa(), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "TIFA_CACHE_DIR": str(tmp_path / "cache")},
    )
    status, peak_kib = map(int, result.stderr.split()[-2:])
    assert status in (0, 1), result.stderr
    return peak_kib


@pytest.mark.slow
@pytest.mark.parametrize(("case", "suffix"), [("po", "po"), ("xliff", "xlf")])
def test_translation_files_take_a_bounded_multiple_of_their_size(tmp_path: Path, case: str, suffix: str) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    _peak_kib(tmp_path, "check", str(empty))  # compile the glossary into the cache
    start_up = _peak_kib(tmp_path, "check", str(empty))
    path = tmp_path / f"big.{suffix}"
    data = getattr(_scaling_script(), case)(4 << 20).encode("utf-8")
    path.write_bytes(data)
    per_byte = (_peak_kib(tmp_path, "check", "-q", "-j", "1", str(path)) - start_up) * 1024 / len(data)
    fixed = (_peak_kib(tmp_path, "check", "-q", "-j", "1", "--fix", str(path)) - start_up) * 1024 / len(data)
    # About 9 (PO) and 14 (XLIFF) at 16 MB, more at 4 MB where fixed costs weigh; once 70 to 170.
    assert per_byte < 25 and fixed < 25, (per_byte, fixed)
