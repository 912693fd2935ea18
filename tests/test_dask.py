"""tifa.dask and tifa check --dask on a real local cluster of two worker processes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
import pytest

from tests.conftest import ROOT
from tests.dask_corpus import table_rows, write_parquet_table, write_text_corpus
from tests.test_api import readme_python_block
from tests.test_end_to_end import tifa
from tifa.api import InputError, Linter

distributed = pytest.importorskip("distributed")
tifa_dask = pytest.importorskip("tifa.dask")

pytestmark = pytest.mark.slow
EXAMPLE_PO = ROOT / "examples" / "county-office-meeting.po"
FILES = 300


def _order(item: dict[str, Any]) -> tuple[Any, ...]:
    return (item["path"], item.get("row", -1), item["line"], item["column"], item["end_line"], item["end_column"])


def _sorted(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(items, key=lambda item: (_order(item), item["code"], item["message"]))


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """A local cluster of two worker processes, one thread each, as the default client."""
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
        ) as cluster,
        distributed.Client(cluster) as dask_client,
    ):
        yield dask_client


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dask") / "corpus"
    write_text_corpus(folder, FILES)
    for number in range(4):
        shutil.copy(EXAMPLE_PO, folder / f"meeting-{number}.po")
    return folder


@pytest.fixture(scope="module")
def local_json(corpus: Path) -> list[dict[str, Any]]:
    completed = tifa("check", "--format", "json", str(corpus))
    assert completed.returncode == 1, completed.stderr
    findings: list[dict[str, Any]] = json.loads(completed.stdout)
    return findings


def test_findings_on_the_cluster_equal_a_local_run(client: Any, corpus: Path, local_json: list[dict[str, Any]]) -> None:
    frame = tifa_dask.lint_files(str(corpus), files_per_partition=25)
    assert frame.npartitions == -(-(FILES + 4) // 25)
    computed = frame.compute()
    assert len(local_json) > FILES  # the corpus gives work to do
    assert _sorted(tifa_dask.records(computed)) == _sorted(local_json)
    by_glob = tifa_dask.lint_files(str(corpus / "*.po")).compute()
    assert _sorted(tifa_dask.records(by_glob)) == _sorted([item for item in local_json if item["path"].endswith(".po")])


class CrashingLinter(Linter):
    """Kills the worker process it runs in at one file, the first time only (a marker file remembers)."""

    def __init__(self, target: str, marker: str) -> None:
        super().__init__()
        self.target, self.marker = target, marker

    def __reduce__(self) -> Any:
        return _crashing, (self.target, self.marker)

    def lint_path(self, path: str | os.PathLike[str]) -> Any:
        if os.fspath(path) == self.target and not os.path.exists(self.marker):
            Path(self.marker).write_text(str(os.getpid()), encoding="utf-8")
            os._exit(1)
        return super().lint_path(path)


def _crashing(target: str, marker: str) -> CrashingLinter:
    return CrashingLinter(target, marker)


def test_a_worker_that_dies_mid_run_is_retried_without_lost_or_doubled_findings(
    client: Any, corpus: Path, local_json: list[dict[str, Any]], tmp_path: Path
) -> None:
    marker = tmp_path / "crashed"
    target = str(corpus / f"news-{FILES // 2:04d}.mt.txt")
    frame = tifa_dask.lint_files(str(corpus), CrashingLinter(target, str(marker)), files_per_partition=25)
    computed = frame.compute()
    pid = int(marker.read_text(encoding="utf-8"))  # the crash happened, in a worker process
    assert pid != os.getpid()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert _sorted(tifa_dask.records(computed)) == _sorted(local_json)
    client.wait_for_workers(2, timeout=60)


def test_parquet_and_jsonl_output_read_back(client: Any, corpus: Path, tmp_path: Path) -> None:
    frame = tifa_dask.lint_files(str(corpus), files_per_partition=50)
    expected = _sorted(tifa_dask.records(frame.compute()))
    files = tifa_dask.write_parquet(frame, tmp_path / "findings.parquet")
    assert len(files) == frame.npartitions
    with_pandas = pd.read_parquet(tmp_path / "findings.parquet")
    assert len(with_pandas) == len(expected)
    assert sorted(with_pandas["code"].tolist()) == sorted(item["code"] for item in expected)
    with_pyarrow = pq.read_table(tmp_path / "findings.parquet").to_pylist()
    for row in with_pyarrow:
        assert row.pop("row") is None
    assert _sorted(with_pyarrow) == expected
    lines = tifa_dask.write_jsonl(frame, tmp_path / "jsonl")
    read = [json.loads(line) for name in lines for line in Path(name).read_text(encoding="utf-8").splitlines()]
    assert _sorted(read) == expected


def test_rows_of_table_corpora_are_checked_with_their_source(client: Any, tmp_path: Path) -> None:
    rows = table_rows(120)
    write_parquet_table(tmp_path / "rows.parquet", rows, row_group_size=25)
    (tmp_path / "rows.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    pd.DataFrame(rows).to_csv(tmp_path / "rows.csv", index=False)
    linter = Linter()
    for name in ("rows.parquet", "rows.jsonl", "rows.csv"):
        path = str(tmp_path / name)
        expected = [
            {**finding.to_dict(), "row": number}
            for number, row in enumerate(rows)
            for finding in linter.lint_text(row["text"] or "", source=row["source"], path=path)
        ]
        frame = tifa_dask.lint_files(path, linter, text_column="text", source_column="source")
        assert _sorted(tifa_dask.records(frame.compute())) == _sorted(expected), name
        assert any(item["code"] == "TF101" and "粮食安全" in item["message"] for item in expected)
    assert tifa_dask.lint_files(str(tmp_path / "rows.parquet")).npartitions == 5  # one per row group
    mixed = tifa_dask.records(tifa_dask.lint_files([str(EXAMPLE_PO), str(tmp_path / "rows.jsonl")]).compute())
    po_findings = [finding.to_dict() for finding in linter.lint_path(EXAMPLE_PO)]
    assert [item for item in mixed if "row" not in item] == po_findings
    assert len(mixed) == len(po_findings) + len(tifa_dask.lint_files(str(tmp_path / "rows.jsonl")).compute())


def test_a_missing_column_or_path_is_an_input_error(client: Any, tmp_path: Path) -> None:
    (tmp_path / "rows.jsonl").write_text('{"body": "two maintenances"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="no column 'text'"):
        tifa_dask.lint_files(str(tmp_path / "rows.jsonl")).compute()
    with pytest.raises(InputError):
        tifa_dask.lint_files(str(tmp_path / "missing"))
    with pytest.raises(InputError, match="no file matches"):
        tifa_dask.lint_files(str(tmp_path / "*.parquet"))


def test_check_dask_prints_the_report_of_a_local_run(client: Any, corpus: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.po"
    broken.write_text('msgid "a"\nmsgstr "unterminated\n', encoding="utf-8")
    paths = [str(corpus), str(broken), str(tmp_path / "missing.txt")]
    local = tifa("check", *paths)
    address = client.scheduler.address
    on_cluster = tifa("check", "--dask", address, *paths)
    assert on_cluster.stdout == local.stdout
    assert (on_cluster.returncode, on_cluster.stderr) == (local.returncode, local.stderr)
    assert local.returncode == 2 and "broken.po" in local.stderr
    as_json = tifa("check", "--dask", "local", "-j", "2", "--format", "json", str(corpus))
    assert as_json.stdout == tifa("check", "--format", "json", str(corpus)).stdout
    assert as_json.returncode == 1


def test_the_example_script_writes_parquet(tmp_path: Path) -> None:
    output = tmp_path / "findings.parquet"
    completed = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "dask_check.py"), str(ROOT / "examples"), str(output)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    expected = tifa("check", "--format", "json", str(ROOT / "examples"))
    assert len(pd.read_parquet(output)) == len(json.loads(expected.stdout))
    assert completed.stdout.splitlines()[-1] == f"{len(json.loads(expected.stdout))} findings written to {output}"


def test_check_dask_fixes_files_as_a_local_run_does(client: Any, corpus: Path, tmp_path: Path) -> None:
    copies = {}
    for name in ("local", "cluster"):
        copies[name] = tmp_path / name
        copies[name].mkdir()
        for source in sorted(corpus.iterdir())[:20]:
            shutil.copy(source, copies[name] / source.name)
    local = tifa("check", "--fix", "--unsafe-fixes", str(copies["local"]))
    on_cluster = tifa("check", "--dask", client.scheduler.address, "--fix", "--unsafe-fixes", str(copies["cluster"]))
    assert on_cluster.returncode == local.returncode
    assert on_cluster.stdout.replace(str(copies["cluster"]), "") == local.stdout.replace(str(copies["local"]), "")
    assert "Fixed" in local.stdout
    for fixed in sorted(copies["local"].iterdir()):
        assert (copies["cluster"] / fixed.name).read_bytes() == fixed.read_bytes(), fixed.name


def test_the_readme_dask_example_runs(tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "translations" / "county"
    folder.mkdir(parents=True)
    for number in range(3):
        shutil.copy(EXAMPLE_PO, folder / f"meeting-{number}.po")
    monkeypatch.chdir(tmp_path)
    exec(compile(readme_python_block("## Checking corpora on Dask"), "README.md", "exec"), {})
    written = pd.read_parquet(tmp_path / "findings.parquet")
    assert set(written["code"]) == {"TF101"} and len(written) == 3 * 6
