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
# Run in the page at each poll, until the diagram is drawn: Material replaces each <pre> with its
# drawing (a handle held from Python could lose its element), and blocks that render as they near
# the screen move the diagram after the first scroll.
DRAW_DIAGRAM = f"""index => {{
  document.querySelectorAll('{DIAGRAMS}')[index]?.scrollIntoView({{block: 'center'}});
  return ({DRAWN_DIAGRAMS})() > index;
}}"""


def draw_every_diagram(page, expected: int, timeout_ms: int = 20_000) -> int:
    """Scroll to each diagram in turn, as a reader would (Mermaid loads when one nears the
    screen), and return how many were drawn as SVG; a diagram not drawn in time is left out."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for index in range(expected):
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_function(DRAW_DIAGRAM, arg=index, polling=200, timeout=timeout_ms)
    return page.evaluate(DRAWN_DIAGRAMS)
