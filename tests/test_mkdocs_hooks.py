"""The build-time hooks: placeholders filled from the environment, and nothing else."""

import platform
from importlib.metadata import version

import pytest
from mkdocs.exceptions import PluginError

from sitetools.mkdocs_hooks import environment, fill_placeholders


def test_placeholders_are_filled_from_the_environment():
    text = fill_placeholders(
        "torch {{ torch_version }} on {{device}}, Python {{ python_version }}", "x.md"
    )
    assert text == (
        f"torch {version('torch').split('+')[0]} on {environment()['device']}, "
        f"Python {platform.python_version()}"
    )


def test_an_unknown_placeholder_names_the_page():
    with pytest.raises(PluginError, match=r"index.md: unknown placeholder \{\{ torch_verison \}\}"):
        fill_placeholders("{{ torch_verison }}", "index.md")


def test_text_without_placeholders_is_unchanged():
    assert fill_placeholders("a {b} and {{ not closed", "x.md") == "a {b} and {{ not closed"
