"""The repository's own hygiene: lint, workflow security, and the promise the README makes."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sitetools.project import ROOT


def tool(name: str) -> str:
    """A tool installed beside the Python that runs the tests, wherever its environment lives."""
    path = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed; install the test extras: pip install -e '.[test]'")
    return path


def test_ruff_finds_nothing():
    for command in (["check", "."], ["format", "--check", "."]):
        result = subprocess.run([tool("ruff"), *command], cwd=ROOT, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_in_the_workflows():
    result = subprocess.run(
        [tool("zizmor"), "--offline", ".github/workflows"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def readme_command(heading: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"^## {heading}\n.*?```sh\n(.+?)\n```", readme, re.MULTILINE | re.DOTALL)
    assert match, f"README.md has no ```sh block under '## {heading}'"
    return match[1]


def test_ci_runs_the_readme_test_command_verbatim():
    command = readme_command("Run the tests")
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert command in ci_lines


def test_the_test_workflow_runs_nothing_but_the_ci_script():
    """One script for both CI runs, so the two cannot drift apart."""
    workflow = yaml.safe_load((ROOT / ".github/workflows/tests.yml").read_text(encoding="utf-8"))
    runs = [step["run"] for step in workflow["jobs"]["tests"]["steps"] if "run" in step]
    assert runs == [".ci/run"]


def test_the_readme_serve_command_serves_on_localhost_8000():
    command = readme_command("Read the site")
    assert command.startswith("python3 -m venv .venv && ")
    assert "mkdocs serve" in command
    assert "127.0.0.1:8000" in command


def test_the_torch_pin_matches_the_installed_release():
    from importlib.metadata import version

    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    pinned = re.search(r'"torch==([\d.]+)"', pyproject)[1]
    assert version("torch").split("+")[0] == pinned, (
        f"the outputs are verified with torch {pinned}; this environment has {version('torch')}"
    )
    assert sys.version_info >= (3, 10)
