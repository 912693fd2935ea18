"""Measuring one command as a user runs it: wall time, CPU time and peak RSS; shared by the benchmarks."""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from synthetic import REPO


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
