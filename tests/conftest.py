import os
import subprocess
import sys
from pathlib import Path

import pytest

# Imported before pytester snapshots sys.modules: torch cannot be imported a second time.
import torch  # noqa: F401

from sitetools.examples.engine import page_blocks
from sitetools.examples.fresh import FreshRun
from sitetools.examples.model import english_pages
from sitetools.measure.browser import chromium_path, launch
from sitetools.project import QUIET, ROOT, build
from tests.support import FixtureProject

FRESH_RUN = pytest.StashKey[FreshRun]()
FRESH_TEST = "test_every_block_runs_alone_in_a_fresh_interpreter"


def pytest_collection_finish(session):
    """Start the fresh-interpreter run as soon as it is known to be wanted: it takes about as
    long as `pytest docs`, and the two can share the machine's cores."""
    if any(item.name == FRESH_TEST for item in session.items):
        examples = [example for page in english_pages() for example in page_blocks(page)]
        session.config.stash[FRESH_RUN] = FreshRun(examples)


@pytest.fixture
def fresh_run(request) -> FreshRun:
    return request.config.stash[FRESH_RUN]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once with --strict."""
    site = tmp_path_factory.mktemp("site")
    result = build(ROOT, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="session")
def site_with_downloads(built_site, browser) -> Path:
    """The built site with its offline downloads added, as CI publishes it: Chromium prints the
    PDFs, so the tests that read them are browser tests."""
    offline = [sys.executable, "-m", "sitetools.build.offline", str(built_site)]
    result = subprocess.run(offline, cwd=ROOT, env=QUIET, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return built_site


pytest_plugins = ["pytester"]


@pytest.fixture
def project(pytester) -> FixtureProject:
    return FixtureProject(pytester.path, pytester)


@pytest.fixture(scope="session")
def browser():
    """The system Chromium, driven by Playwright, shared by every browser test."""
    if chromium_path() is None:
        reason = "no `chromium` on PATH (apt-get install chromium): the browser tests need it"
        if os.environ.get("CI"):
            pytest.fail(f"under CI a missing browser is a failure: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()
