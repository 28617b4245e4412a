from pathlib import Path

import pytest

from sitetools.project import ROOT, build
from tests.support import FixtureProject


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once with --strict."""
    site = tmp_path_factory.mktemp("site")
    result = build(ROOT, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


pytest_plugins = ["pytester"]


@pytest.fixture
def project(pytester) -> FixtureProject:
    return FixtureProject(pytester.path, pytester)
