"""Measure the site's figures, print them next to their targets, write benchmarks/results.json.

    python -m sitetools.measure.benchmark                 # everything, about 40 minutes on 2 cores
    python -m sitetools.measure.benchmark --suites-only   # the test suites again, 10 minutes

It measures; it does not gate: a missed target is printed as MISSED and the exit status is 0.
The builds run in a fresh copy of the project, so "cold" means no executed notebooks and no
jieba cache; the whole suite runs in a fresh clone of the repository's last commit.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path
from typing import Any

from sitetools.measure.browser import CHROMIUM_ARGS, chromium_path, launch
from sitetools.measure.results import CATEGORIES, RESULTS, TARGETS, ResultsError, table
from sitetools.measure.serve import serve
from sitetools.project import QUIET, ROOT, build, copy_project

LIGHTHOUSE = ROOT / "benchmarks" / "node_modules" / ".bin" / "lighthouse"
# One run on every page, then this many on the slowest (scores vary from run to run).
LIGHTHOUSE_RERUN, LIGHTHOUSE_RUNS = 5, 3
GLUE = ("sitetools/**/*.py", "docs/conftest.py")
MAIN_THREAD_IDLE = "() => new Promise(done => requestIdleCallback(done, {timeout: 10000}))"
SCROLL_TO_THE_END = """async () => {
  for (let y = 0; y < document.body.scrollHeight; y += innerHeight / 2) {
    scrollTo(0, y)
    await new Promise(done => requestAnimationFrame(done))
  }
}"""


def run_pytest(*args: str, cwd: Path = ROOT) -> dict[str, Any]:
    """Wall time and outcome counts of `python -m pytest -q -p no:cacheprovider <args>`."""
    command = [sys.executable, "-m", "pytest", *args, "-q", "-p", "no:cacheprovider"]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=QUIET, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode:
        # The figure of a failing run means little: show why it failed.
        print("\n".join(result.stdout.splitlines()[-80:]), file=sys.stderr)
    lines = reversed(result.stdout.splitlines())
    summary = next((line for line in lines if re.search(r" in [\d.]+s\b", line)), "")
    counts = {word: int(n) for n, word in re.findall(r"(\d+) (\w+)", summary)}
    return {
        "seconds": round(seconds, 1),
        "passed": counts.get("passed", 0),
        "skipped": counts.get("skipped", 0),
        "failed": counts.get("failed", 0) + counts.get("errors", counts.get("error", 0)),
        "command": " ".join(["python", *command[1:]]),
    }


def measure_builds(workdir: Path) -> tuple[dict[str, Any], Path]:
    """Cold: a fresh copy with no .cache/ and an empty TMPDIR (jieba keeps its cache there)."""
    project, site, tmp = workdir / "project", workdir / "site", workdir / "tmp"
    tmp.mkdir(parents=True)
    copy_project(project, share_cache=False)
    seconds = {}
    for kind in ("cold_seconds", "warm_seconds"):
        start = time.perf_counter()
        result = build(project, site, {**QUIET, "TMPDIR": str(tmp)})
        if result.returncode:
            raise ResultsError(f"mkdocs build failed:\n{result.stdout}{result.stderr}")
        seconds[kind] = round(time.perf_counter() - start, 1)
    how = "cold: a fresh copy of the project (no .cache/) and an empty TMPDIR (no jieba cache)"
    return {**seconds, "how": how}, site


def glue_lines() -> dict[str, int]:
    """Lines of the machinery, by folder."""
    counts: Counter[str] = Counter()
    for path in (path for pattern in GLUE for path in sorted(ROOT.glob(pattern))):
        folder = path.relative_to(ROOT).parent.as_posix()
        counts[folder] += len(path.read_text("utf-8").splitlines())
    return {**counts, "total": counts.total()}


def transferred(browser: Any, url: str) -> tuple[int, int]:
    """Bytes on the wire (headers and compressed bodies) and requests, from an empty cache."""
    context = browser.new_context()
    started: list[Any] = []
    finished: list[Any] = []
    # Playwright sets an attribute on each handler, which a bound builtin method cannot take.
    context.on("request", lambda request: started.append(request))
    context.on("requestfinished", lambda request: finished.append(request))
    context.on("requestfailed", lambda request: finished.append(request))
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    # Read to the end, half a screen at a time: what loads as the reader scrolls (Mermaid, when
    # a diagram nears the screen) counts too, as do requests that start once the thread is free.
    page.evaluate(SCROLL_TO_THE_END)
    seen, deadline = -1, time.monotonic() + 60
    while (len(started), len(finished)) != (seen, seen) and time.monotonic() < deadline:
        seen = len(finished)
        page.evaluate(MAIN_THREAD_IDLE)
        page.wait_for_timeout(500)
    total = 0
    for request in finished:
        sizes, response = request.sizes(), request.response()
        length = int(response.header_value("content-length") or 0) if response else 0
        # Playwright reports 0 for the body of a worker's script; the header has its size.
        body = sizes["responseBodySize"] or length
        if length and body != length:
            raise ResultsError(f"{request.url}: counted {body} body bytes, sent {length}")
        total += sizes["responseHeadersSize"] + body
    context.close()
    return total, len(finished)


def measure_pages(site: Path) -> tuple[list[dict[str, Any]], str]:
    """Every page of every language in the built site, and the Chromium that loaded them."""
    from playwright.sync_api import sync_playwright

    urls = sorted(
        f"{page}/" if page != "." else ""
        for page in (path.parent.relative_to(site).as_posix() for path in site.rglob("index.html"))
    )
    results = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        for url in urls:
            total, requests = transferred(browser, base + url)
            diagrams = 'class="mermaid"' in (site / url / "index.html").read_text(encoding="utf-8")
            results.append({"url": url, "bytes": total, "requests": requests, "diagrams": diagrams})
        chromium = browser.version
        browser.close()
    return results, chromium


def lighthouse(base: str, url: str, runs: int) -> dict[str, Any]:
    """Median score per category of `runs` runs (mobile), and what cost points."""
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    env = {**os.environ, "CHROME_PATH": chromium_path() or "chromium"}
    reports = []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(runs):
            output = Path(tmp) / f"{run}.json"
            command = [str(LIGHTHOUSE), base + url, "--quiet", "--output=json"]
            command += [f"--output-path={output}", f"--chrome-flags={flags}"]
            command += [f"--only-categories={','.join(CATEGORIES)}"]
            result = subprocess.run(command, env=env, capture_output=True, text=True)
            if result.returncode or not output.is_file():
                raise ResultsError(f"Lighthouse failed on /{url}:\n{result.stderr[-2000:]}")
            reports.append(json.loads(output.read_text(encoding="utf-8")))
    scores = [{c: report["categories"][c]["score"] for c in CATEGORIES} for report in reports]
    # What cost points, from the run whose performance score is the median one.
    middle = sorted(reports, key=lambda report: report["categories"]["performance"]["score"])
    middle = middle[runs // 2]
    return {
        "url": url,
        "scores": {c: statistics.median(run[c] for run in scores) for c in CATEGORIES},
        "runs": scores,
        "metrics_ms": {
            name: round(middle["audits"][name]["numericValue"])
            for name in ("largest-contentful-paint", "total-blocking-time")
        },
        "not_full_marks": findings(middle),
    }


def lighthouse_every_page(site: Path, urls: list[str]) -> dict[str, Any]:
    """One run on every page; then LIGHTHOUSE_RUNS on the slowest LIGHTHOUSE_RERUN, kept instead."""
    with serve(site) as base:
        pages = {}
        for number, url in enumerate(urls, start=1):
            print(f"  Lighthouse {number}/{len(urls)}: /{url}", flush=True)
            pages[url] = lighthouse(base, url, 1)
        slowest = sorted(urls, key=lambda url: pages[url]["scores"]["performance"])
        for url in slowest[:LIGHTHOUSE_RERUN]:
            print(f"  Lighthouse x{LIGHTHOUSE_RUNS}: /{url}", flush=True)
            pages[url] = lighthouse(base, url, LIGHTHOUSE_RUNS)
    return {
        "form_factor": "mobile",
        "runs": LIGHTHOUSE_RUNS,
        "rerun": LIGHTHOUSE_RERUN,
        "kept": f"one run a page, then the median of {LIGHTHOUSE_RUNS} for the slowest",
        "pages": list(pages.values()),
    }


def findings(report: dict[str, Any]) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            scored = audit["scoreDisplayMode"] in {"binary", "numeric", "metricSavings"}
            if scored and audit["score"] is not None and audit["score"] < 1:
                items = (audit.get("details") or {}).get("items") or []
                shown = [audit.get("displayValue") or f"score {audit['score']}"]
                shown += [what(item) for item in items[:3] if category != "performance"]
                found.setdefault(category, {})[ref["id"]] = "; ".join(filter(None, shown))
    return found


def what(item: dict[str, Any]) -> str:
    """The failing element, message or URL of one item of a Lighthouse audit."""
    node = item.get("node") or {}
    return str(node.get("snippet") or item.get("description") or item.get("url") or "")[:160]


def machine(chromium: str) -> dict[str, Any]:
    cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    package = json.loads((LIGHTHOUSE.parents[1] / "lighthouse" / "package.json").read_text())
    return {
        "cpu_count": len(os.sched_getaffinity(0)),
        "cpu_model": model[1].strip() if model else platform.processor(),
        # What /proc/meminfo calls MemTotal.
        "memory_gib": round(os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") / 2**30, 1),
        "system": f"{platform.system()} {platform.release()}",
        "python_version": platform.python_version(),
        "torch_version": version("torch").split("+")[0],
        "chromium_version": chromium,
        "lighthouse_version": package["version"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument(
        "--suites-only",
        action="store_true",
        help="measure the test suites again; keep the builds, pages and Lighthouse of the last run",
    )
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"no {LIGHTHOUSE}: run `npm ci --prefix benchmarks` first")
    data: dict[str, Any] = {"measured_on": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    data["targets"] = TARGETS
    data["load_average"] = {"start": [round(load, 2) for load in os.getloadavg()]}
    data["glue"] = glue_lines()
    with tempfile.TemporaryDirectory() as workdir:
        if args.suites_only:
            last = json.loads(args.output.read_text(encoding="utf-8"))
            kept = last.get("kept_from", last["measured_on"])
            data |= {k: last[k] for k in ("build", "pages", "lighthouse", "machine")}
            data["kept_from"], chromium = kept, last["machine"]["chromium_version"]
            print(f"builds, pages and Lighthouse kept from the run of {kept}", flush=True)
        else:
            print("mkdocs build, cold and warm ...", flush=True)
            data["build"], site = measure_builds(Path(workdir))
            print("bytes per page ...", flush=True)
            data["pages"], chromium = measure_pages(site)
            print("Lighthouse on every page ...", flush=True)
            urls = [page["url"] for page in data["pages"]]
            data["lighthouse"] = lighthouse_every_page(site, urls)
        print("pytest docs, then the quick suite ...", flush=True)
        data["pytest_docs"] = run_pytest("docs")
        data["quick_suite"] = run_pytest("-m", "not browser")
        # The README's test command in a clone of the last commit: no cache, notebooks run cold.
        print("the whole suite in a fresh clone ...", flush=True)
        clone = Path(workdir) / "clone"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        data["suite"] = {**run_pytest(cwd=clone), "where": "a fresh clone of the last commit"}
    data["machine"] = machine(chromium)
    data["load_average"]["end"] = [round(load, 2) for load in os.getloadavg()]
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(data))
    print(f"\nWritten to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
