"""Check the examples on torch releases other than the pin: `pytest docs` in an environment each.

    python -m sitetools.examples.releases                  # the pinned release and the newest
    python -m sitetools.examples.releases 2.14.1           # releases named, or pinned / newest
    python -m sitetools.examples.releases newest --index-url https://download.pytorch.org/whl/cpu

A release that is not the one installed here gets a virtual environment of its own under
`.cache/releases/` with the project's other dependencies at their pins. The releases that pass
are recorded in `docs/releases.yml`, which the home page's "checked with" note reads; one that
fails is dropped from it, and the command exits with status 1 after showing why.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from datetime import date
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import tomllib
import yaml

from sitetools.project import QUIET, ROOT

RECORD = ROOT / "docs" / "releases.yml"
ENVIRONMENTS = ROOT / ".cache" / "releases"
# What `pytest docs` needs beside torch; the browser and lint tools are left out.
TEST_TOOLS = ("pytest", "sybil")
HEADER = "# The torch releases `pytest docs` passed on: `python -m sitetools.examples.releases`.\n"
COUNTS_RE = re.compile(r"(\d+) (passed|skipped|failed)")
VERSIONS = "import platform, torch; print(torch.__version__, platform.python_version())"


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def pinned() -> str:
    dependencies = project()["dependencies"]
    return next(dep.removeprefix("torch==") for dep in dependencies if "torch==" in dep)


def requirements() -> list[str]:
    """The project's dependencies at their pins, without torch."""
    extras = project()["optional-dependencies"]
    tools = [dep for dep in extras["test"] if dep.split("==")[0] in TEST_TOOLS]
    wanted = project()["dependencies"] + extras["docs"] + tools
    return [dep for dep in wanted if dep.split("==")[0] != "torch"]


def environment(release: str, index_url: str | None) -> Path:
    """The Python of an environment with that torch release ("newest": whatever pip picks)."""
    folder = ENVIRONMENTS / f"torch-{release}"
    python = folder / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
        wanted = "torch" if release == "newest" else f"torch=={release}"
        index = ["--index-url", index_url] if index_url else []
        pip = [str(python), "-m", "pip", "install", "-q"]
        subprocess.run([*pip, wanted, *index], check=True)
        subprocess.run([*pip, *requirements()], check=True)
    return python


def check(python: Path) -> dict:
    """`pytest docs` with that Python, in this checkout; its torch version and counts."""
    command = [str(python), "-m", "pytest", "docs", "-q", "-p", "no:cacheprovider"]
    result = subprocess.run(command, cwd=ROOT, env=QUIET, capture_output=True, text=True)
    found = subprocess.check_output([str(python), "-c", VERSIONS], text=True)
    torch, python_version = found.split()
    counts = {word: int(n) for n, word in COUNTS_RE.findall(result.stdout)}
    return {
        "torch": torch.split("+")[0],
        "python": python_version,
        "passed": counts.get("passed", 0),
        "skipped": counts.get("skipped", 0),
        "failed": counts.get("failed", 0) + (result.returncode not in (0, 1)),
        "checked_on": date.today().isoformat(),
        "output": result.stdout,
    }


def recorded() -> list[dict]:
    return (yaml.safe_load(RECORD.read_text(encoding="utf-8")) or []) if RECORD.is_file() else []


def record(runs: list[dict]) -> None:
    """Keep the passing runs' entries, drop the failing ones', sorted by release."""
    kept = {entry["torch"]: entry for entry in recorded()}
    for run in runs:
        kept.pop(run["torch"], None)
        if not run["failed"]:
            kept[run["torch"]] = {k: v for k, v in run.items() if k != "output"}
    entries = sorted(kept.values(), key=lambda e: [int(p) for p in re.findall(r"\d+", e["torch"])])
    RECORD.write_text(HEADER + yaml.safe_dump(entries, sort_keys=False), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("releases", nargs="*", default=["pinned", "newest"])
    parser.add_argument("--index-url", help="where pip finds torch (the CPU wheels, say)")
    args = parser.parse_args(argv)
    try:
        installed = version("torch").split("+")[0]
    except PackageNotFoundError:
        installed = None
    runs = []
    for release in args.releases:
        release = pinned() if release == "pinned" else release
        here = installed == release
        run = check(Path(sys.executable) if here else environment(release, args.index_url))
        print(
            f"torch {run['torch']}: {run['passed']} passed, {run['skipped']} skipped, "
            f"{run['failed']} failed"
        )
        if run["failed"]:
            print(run["output"][-6000:], file=sys.stderr)
        runs.append(run)
    record(runs)
    print(f"recorded in {RECORD.relative_to(ROOT)}")
    return 1 if any(run["failed"] for run in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
