"""Every link and anchor in the built site leads somewhere, checked offline with lychee."""

import json
import subprocess
import sys
from pathlib import Path

from sitetools.build.offline import DOWNLOADS as DOWNLOADS_FOLDER
from sitetools.build.offline import NAME

LYCHEE = Path(sys.executable).with_name("lychee")
OFFLINE = ["--offline", "--include-fragments", "--no-progress", "--format", "json"]
# The zip and the PDF are added by the offline step, which needs Chromium: the browser tests
# check that each home page's links to them lead to the files (tests/build/test_offline.py).
DOWNLOADS = ["--exclude", rf"/{DOWNLOADS_FOLDER}/{NAME}\.(zip|pdf)$"]


def broken_links(site: Path) -> list[str]:
    """Links to missing files or anchors, as "page: link (reason)"; other hosts are not visited."""
    result = subprocess.run(
        [LYCHEE, *OFFLINE, *DOWNLOADS, "--root-dir", str(site), str(site)],
        capture_output=True,
        text=True,
    )
    report = json.loads(result.stdout)
    problems = [
        f"{Path(page).relative_to(site)}: {error['url']} ({error['status']['text']})"
        for page, errors in report["error_map"].items()
        for error in errors
    ]
    if result.returncode not in (0, 2) or (result.returncode == 2) != bool(problems):
        problems.append(f"lychee exited with {result.returncode}:\n{result.stderr}")
    return problems


def test_no_link_or_anchor_in_the_site_is_broken(built_site):
    problems = broken_links(built_site)
    assert not problems, "\n".join(problems)


def test_a_missing_page_or_anchor_is_reported(tmp_path):
    (tmp_path / "index.html").write_text(
        '<h2 id="here">Here</h2><a href="#here">ok</a><a href="#gone">anchor</a>'
        '<a href="missing/">page</a><a href="https://example.org/">elsewhere</a>'
    )
    problems = broken_links(tmp_path)
    assert len(problems) == 2, problems
    assert "index.html" in problems[0] and "#gone" in "\n".join(problems)
    assert "missing" in "\n".join(problems)
