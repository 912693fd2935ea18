"""Start-up: ``tifa check`` of one small file with a cached glossary, next to bare Python and typer's floor.

Run from the repository root (standard library only; Python 3.10+)::

    python benchmarks/startup.py                 # 21 interleaved runs of each command
    python benchmarks/startup.py --runs 41 --profile

Each round runs every command once, in turn, so that a slow spell of a shared machine weighs
on all of them alike; the best and the median of the rounds are printed, with their ratio to
``python -c pass``. The commands:

``python -c pass``       the interpreter tifa runs in, doing nothing
``import typer``         the interpreter importing typer (tifa's command-line framework)
``typer command``        a typer command with options of the kinds ``tifa check`` has, run on
                         a path: typer validates each option through a pydantic adapter, so
                         this is the floor of any typer command, before tifa does anything
``tifa check``           one small file (a Party text), glossary cached, the per-file result
                         cache emptied before every run (the file is checked)
``... rerun``            the Party text again, its result cached (a pre-commit hook's rerun)
``... other English``    a small file of other English, checked (TF105 needs no lexicon there)

Every command runs once before the timed rounds: tifa compiles and caches its glossary then,
and Python writes the bytecode of tifa's modules (``PYTHONDONTWRITEBYTECODE`` is dropped from
the environment: an installed tifa has its bytecode, and compiling tifa's sources at every
start would add some 100 ms). ``--profile`` adds where ``tifa check``'s start-up goes, from
``python -X importtime``: the import time of each package, and the rest of the run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

# A Party text (TF105 then reads the literal lexicon) and other English (it does not).
PARTY_TEXT = (
    "The county Party committee held a study session on the spirit of the plenary session of the "
    "Central Committee.\n\n"
    "Party members and cadres were asked to achieve the two maintenances and to set an example in "
    "their work, and to report on the progress of rural revitalization by the end of the month.\n"
)
OTHER_ENGLISH = (
    "The library will open late on Monday while the heating is repaired.\n\n"
    "Members can renew their loans online, and the reading room will stay open until nine.\n"
)

# A typer command with options of the kinds tifa check declares (a list argument, an enum, an
# optional list, a flag, a bounded integer): what typer costs before the command does anything.
TYPER_COMMAND = """
from enum import Enum
from typing import Annotated, Optional

import typer


class Format(str, Enum):
    TEXT = "text"
    JSON = "json"


app = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False)


@app.command()
def check(
    paths: Annotated[Optional[list[str]], typer.Argument()] = None,
    output_format: Annotated[Format, typer.Option("--format")] = Format.TEXT,
    select: Annotated[Optional[list[str]], typer.Option()] = None,
    quiet: Annotated[bool, typer.Option("--quiet")] = False,
    jobs: Annotated[Optional[int], typer.Option("--jobs", min=1)] = None,
) -> None:
    pass


@app.command()
def other() -> None:
    pass


app()
"""


PROFILE_RUNS = 5


def python_of(tifa: Path) -> str:
    """The interpreter beside the ``tifa`` script (its virtual environment's), else this one."""
    beside = tifa.parent / "python"
    return str(beside) if beside.exists() else sys.executable


def commands(tifa: Path, work: Path) -> dict[str, list[str]]:
    """The commands to time, by row name, with the small files and the typer script written in ``work``."""
    small, other = work / "small.txt", work / "other.txt"
    small.write_text(PARTY_TEXT, encoding="utf-8")
    other.write_text(OTHER_ENGLISH, encoding="utf-8")
    script = work / "typer_command.py"
    script.write_text(TYPER_COMMAND, encoding="utf-8")
    python = python_of(tifa)
    return {
        "python -c pass": [python, "-c", "pass"],
        "import typer": [python, "-c", "import typer"],
        "typer command": [python, str(script), "check", str(small)],
        "tifa check": [str(tifa), "check", str(small)],
        "... rerun": [str(tifa), "check", str(small)],
        "... other English": [str(tifa), "check", str(other)],
    }


def environment(cache: Path) -> dict[str, str]:
    """The environment of the runs: tifa's cache of its own, bytecode written and read as after an install."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["TIFA_CACHE_DIR"] = str(cache)
    return env


def time_once(command: list[str], env: Mapping[str, str]) -> float:
    """Run ``command`` (output discarded) and return its wall time; tifa's status 1 (a finding) is expected."""
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"startup: {' '.join(command)} exited with {done.returncode}:\n{done.stderr.decode()[-2000:]}")
    return seconds


def measure(tifa: Path, runs: int, work: Path) -> dict[str, Any]:
    """Time every command ``runs`` times, interleaved, after one untimed run each; return best and median (ms)."""
    cache = work / "cache"
    env = environment(cache)
    timed = commands(tifa, work)
    for command in timed.values():
        time_once(command, env)
    seconds: dict[str, list[float]] = {name: [] for name in timed}
    for _ in range(runs):
        for name, command in timed.items():
            if name in ("tifa check", "... other English"):
                shutil.rmtree(cache / "results", ignore_errors=True)  # the file is checked, not served
            seconds[name].append(time_once(command, env))
    bare = seconds["python -c pass"]
    rows = {
        name: {
            "best_ms": round(min(times) * 1000, 1),
            "median_ms": round(statistics.median(times) * 1000, 1),
            "best_ratio": round(min(times) / min(bare), 1),
            "median_ratio": round(statistics.median(times) / statistics.median(bare), 1),
        }
        for name, times in seconds.items()
    }
    return {"runs": runs, "load_average": _load_average(), "rows": rows}


def _import_times(command: list[str], env: Mapping[str, str]) -> tuple[dict[str, float], float]:
    """Run ``command`` under ``-X importtime``: each module's own import time (ms), and the run's wall time (ms)."""
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False, text=True)
    total_ms = (time.perf_counter() - start) * 1000
    own: dict[str, float] = {}
    for line in done.stderr.splitlines():
        fields = line.removeprefix("import time:").split("|")
        if line.startswith("import time:") and len(fields) == 3 and fields[0].strip().isdigit():
            own[fields[2].strip()] = int(fields[0]) / 1000
    return own, total_ms


def import_profile(tifa: Path, work: Path) -> dict[str, float]:
    """Where ``tifa check``'s start-up goes (ms, the least of :data:`PROFILE_RUNS` runs under ``-X importtime``,
    which itself slows imports a little).

    Imports are split into those the typer command imports too (typer, pydantic and the parts
    of the standard library they use), tifa's own modules (the largest packages listed), and
    the other modules only tifa imports; the rest is the run itself.
    """
    python, small, cache = python_of(tifa), work / "small.txt", work / "cache"
    env = environment(cache)
    floor, _ = _import_times([python, "-X", "importtime", str(work / "typer_command.py"), "check", str(small)], env)
    own: dict[str, float] = {}
    totals = []
    for _ in range(PROFILE_RUNS):  # each module's least time over the runs: a shared machine only adds
        shutil.rmtree(cache / "results", ignore_errors=True)
        times, total_ms = _import_times([python, "-X", "importtime", "-m", "tifa", "check", str(small)], env)
        own = {name: min(ms, own.get(name, ms)) for name, ms in times.items()}
        totals.append(total_ms)
    total_ms = min(totals)
    tifa_modules = {name: ms for name, ms in own.items() if name == "tifa" or name.startswith("tifa.")}
    packages: dict[str, float] = {}
    for name, ms in tifa_modules.items():
        package = ".".join(name.split(".")[:2])
        packages[package] = packages.get(package, 0.0) + ms
    shared = sum(ms for name, ms in own.items() if name in floor and name not in tifa_modules)
    only_tifa = {name: ms for name, ms in own.items() if name not in floor and name not in tifa_modules}
    libraries: dict[str, float] = {}
    for name, ms in only_tifa.items():
        libraries[name.split(".")[0]] = libraries.get(name.split(".")[0], 0.0) + ms
    imports = sum(own.values())
    profile = {"imports the typer command has too (typer, pydantic, the standard library they use)": shared}
    profile["tifa's own modules"] = sum(tifa_modules.values())
    profile.update({f"  {name}": ms for name, ms in sorted(packages.items(), key=lambda item: -item[1])[:8]})
    profile["other modules only tifa imports"] = sum(only_tifa.values())
    profile.update({f"  {name}": ms for name, ms in sorted(libraries.items(), key=lambda item: -item[1])[:8]})
    profile["everything else (interpreter start, glossary cache, configuration, checking, report)"] = total_ms - imports
    profile["total under -X importtime"] = total_ms
    return {name: round(ms, 1) for name, ms in profile.items()}


def _load_average() -> list[float]:
    try:
        return [round(value, 2) for value in os.getloadavg()]
    except OSError:
        return []


def print_startup(report: Mapping[str, Any]) -> None:
    """Print the start-up rows (and the profile, where there is one) as a table."""
    print(f"\nstart-up, {report['runs']} interleaved rounds (load average before: {report['load_average']}):")
    print(f"  {'command':<20} {'best ms':>8} {'median ms':>10} {'x python (best)':>16} {'x python (median)':>18}")
    for name, row in report["rows"].items():
        print(
            f"  {name:<20} {row['best_ms']:>8} {row['median_ms']:>10} {row['best_ratio']:>16} {row['median_ratio']:>18}"
        )
    if "profile" in report:
        print(f"  where tifa check's start-up goes (least of {PROFILE_RUNS} runs under python -X importtime):")
    for name, ms in report.get("profile", {}).items():
        print(f"    {ms:>7.1f} ms  {name}")


def run(tifa: Path, runs: int, *, profile: bool = False) -> dict[str, Any]:
    """Measure start-up in a temporary folder of its own (and with ``profile``, one ``-X importtime`` run)."""
    with tempfile.TemporaryDirectory(prefix="tifa-startup-") as tmp:
        report = measure(tifa, runs, Path(tmp))
        if profile:
            report["profile"] = import_profile(tifa, Path(tmp))
    return report


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, time the start-up and print it."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=21, help="interleaved rounds (each command once per round)")
    parser.add_argument("--tifa", type=Path, help="tifa executable (default: beside sys.executable)")
    parser.add_argument("--profile", action="store_true", help="also show where tifa check's start-up goes")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be positive")
    tifa = args.tifa or Path(sys.executable).with_name("tifa")
    if not tifa.is_file():
        parser.error(f"tifa not found at {tifa}; pass --tifa PATH")
    print_startup(run(tifa, args.runs, profile=args.profile))
    return 0


if __name__ == "__main__":
    sys.exit(main())
