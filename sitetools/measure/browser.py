"""Debian's Chromium, driven by Playwright, for the browser tests and the benchmark."""

from __future__ import annotations

import contextlib
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


# Material draws each diagram in a closed shadow root; opened, the drawn ones can be counted.
OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) {
  return attach.call(this, {...init, mode: "open"});
};
"""
OPEN_EVERY_DETAILS = "document.querySelectorAll('details').forEach(d => { d.open = true; })"
DIAGRAMS = "pre.mermaid, div.mermaid"
DRAWN_DIAGRAMS = """() => [...document.querySelectorAll('div.mermaid')]
  .filter(diagram => diagram.shadowRoot && diagram.shadowRoot.querySelector('svg')).length"""
# In the page, in one step: Material replaces each <pre> with its drawing, so an element handle
# held from Python can lose its element between finding it and scrolling to it.
SCROLL_TO_DIAGRAM = f"""index => document.querySelectorAll('{DIAGRAMS}')[index]
  ?.scrollIntoView({{block: 'center'}})"""


def draw_every_diagram(page, expected: int, timeout_ms: int = 20_000) -> int:
    """Scroll to each diagram in turn, as a reader would (Mermaid loads when one nears the
    screen), and return how many were drawn as SVG; a diagram not drawn in time is left out."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for index in range(expected):
        page.evaluate(SCROLL_TO_DIAGRAM, index)
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_function(f"({DRAWN_DIAGRAMS})() > {index}", timeout=timeout_ms)
    return page.evaluate(DRAWN_DIAGRAMS)
