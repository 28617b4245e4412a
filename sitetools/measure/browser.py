"""Debian's Chromium, driven by Playwright, for the browser tests and the benchmark."""

from __future__ import annotations

import shutil

# Nothing but the page under test may reach the network, and nothing is downloaded.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str | None:
    """The system Chromium (`apt-get install chromium`); Playwright's own download is never used."""
    return shutil.which("chromium")


def launch(playwright):
    """A headless Chromium; raises if the system has none."""
    if (path := chromium_path()) is None:
        raise RuntimeError("no `chromium` on PATH: install it with `apt-get install chromium`")
    return playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
