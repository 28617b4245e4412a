"""One visit of a built page in Chromium: what a reader's browser sees, recorded for the tests."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from axe_playwright_python.sync_playwright import Axe

from sitetools.measure.browser import (
    OPEN_EVERY_DETAILS,
    draw_every_diagram,
)

SERIOUS = ("serious", "critical")
# What extra.css lets the browser leave unrendered while it is far from the screen.
SKIPS_RENDERING = ".md-content .highlight, .md-content__inner > p"
# The page's structure is the same in both schemes; only these rules' outcome depends on colour.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
# A page's code is thousands of tokens in a handful of looks, and axe's colour rule costs a third
# of a second per thousand: axe judges, in each scheme, the blocks that show some look first (a
# look is what contrast depends on: colour, weight, style, opacity, the background behind it), and
# leaves out the blocks whose every look it has already judged, marked here.
SAME_LOOK = "data-same-looks"
MARK_BLOCKS_THAT_LOOK_THE_SAME = f"""() => {{
  const backgroundOf = element => {{
    for (; element; element = element.parentElement) {{
      const colour = getComputedStyle(element).backgroundColor
      if (colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent') return colour
    }}
    return ''
  }}
  const lookOf = element => {{
    const style = getComputedStyle(element)
    return [style.color, style.fontWeight, style.fontStyle, style.opacity,
      backgroundOf(element)].join('|')
  }}
  const seen = new Set()
  for (const block of document.querySelectorAll('.highlight')) {{
    const texts = [...block.querySelectorAll('code, code span:not(:has(*))')]
    const looks = texts.map(lookOf).filter(look => !seen.has(look))
    looks.length ? looks.forEach(look => seen.add(look)) : block.setAttribute('{SAME_LOOK}', '')
  }}
}}"""
COPY_BUTTONS = """() => [...document.querySelectorAll('button[data-md-type="copy"]')].map(b => {
  const block = b.closest('.highlight');
  const language = [...block.classList].find(name => name.startsWith('language-'));
  return {
    language: language ? language.slice('language-'.length) : '',
    shown: block.querySelector('code').textContent,
  };
})"""
# Material's script starts after the first frame, which on a busy machine can come after the
# network has been idle for the half second that "networkidle" waits: its buttons are its mark.
EVERY_BLOCK_HAS_ITS_BUTTON = """() => document.querySelectorAll('.highlight').length
  === document.querySelectorAll('.highlight button[data-md-type="copy"]').length"""
MATERIAL_TIMEOUT_MS = 30_000
CLICK_EVERY_COPY_BUTTON = """async () => {
  const copied = []
  for (const button of document.querySelectorAll('button[data-md-type="copy"]')) {
    await navigator.clipboard.writeText('')
    button.click()
    await new Promise(done => setTimeout(done, 0))
    copied.push(await navigator.clipboard.readText())
  }
  return copied
}"""
BROKEN_IMAGES = """async () => {
  const images = [...document.images];
  images.forEach(image => { image.loading = 'eager'; });
  await Promise.allSettled(images.map(image => image.decode()));
  return images.filter(image => !image.complete || !image.naturalWidth).map(image => image.src);
}"""
# How many screen heights below the top of the page the first diagram starts.
FIRST_DIAGRAM_SCREENS = """() => document.querySelector('pre.mermaid, div.mermaid')
  .getBoundingClientRect().top / innerHeight"""
MERMAID_LIBRARY = "/assets/javascripts/mermaid-1"
# How far what is on screen moves while the page opens, as Lighthouse's layout shift sums it.
WATCH_LAYOUT_SHIFTS = """window.__layoutShift = 0
new PerformanceObserver(list => list.getEntries().forEach(entry =>
  entry.hadRecentInput || (window.__layoutShift += entry.value)
)).observe({type: "layout-shift", buffered: true})"""
# Read a few frames after the load event (a block that skips rendering is sized in the frame after
# the first), before anything here scrolls or opens.
LAYOUT_SHIFT = """() => new Promise(done => {
  let frames = 5
  const next = () => --frames ? requestAnimationFrame(next) : done(window.__layoutShift)
  requestAnimationFrame(next)
})"""


@dataclass
class CopiedBlock:
    index: int
    language: str
    text: str
    shown: str

    @property
    def place(self) -> str:
        return f"copy button {self.index + 1} ({self.language} block)"


@dataclass
class Visit:
    url: str
    problems: list[str] = field(default_factory=list)
    copied: list[CopiedBlock] = field(default_factory=list)
    violations: dict[str, list[str]] = field(default_factory=dict)
    diagrams_expected: int = 0
    diagrams_rendered: int = 0
    broken_images: list[str] = field(default_factory=list)
    notebook_download: str | None = None
    requested: list[str] = field(default_factory=list)
    # Where the first diagram is, and whether Mermaid was fetched before the reader scrolled.
    first_diagram_screens: float | None = None
    mermaid_before_scrolling: bool = False
    # Layout shift while the page opened on a phone's screen (the dark-mode visit).
    layout_shift: float = 0.0
    # Why the visit ended early, if it did: every test of this page then fails saying so.
    stopped: str | None = None


def watch(page, base: str, visit: Visit) -> None:
    """Record console errors, uncaught exceptions, failed loads and requests to other hosts."""
    page.on(
        "console",
        lambda message: (
            message.type == "error" and visit.problems.append(f"console error: {message.text}")
        ),
    )
    page.on("pageerror", lambda error: visit.problems.append(f"uncaught exception: {error}"))
    page.on("request", lambda request: visit.requested.append(request.url))
    page.on(
        "request",
        lambda request: (
            not request.url.startswith((base, "data:", "blob:"))
            and visit.problems.append(f"request to another host: {request.url}")
        ),
    )
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and visit.problems.append(f"HTTP {response.status} for {response.url}")
        ),
    )


def serious_violations(page, colour_only: bool = False) -> list[str]:
    """axe-core's serious and critical findings: every rule, or the colour rules only."""
    # Blocks far from the screen skip rendering (extra.css); axe cannot judge the colours
    # of what is not rendered, and would only call them "incomplete".
    page.add_style_tag(content=f"{SKIPS_RENDERING} {{ content-visibility: visible !important }}")
    found = []
    if not colour_only:
        others = {"rules": {rule: {"enabled": False} for rule in COLOUR_RULES}}
        found += findings(page, None, others)
    page.evaluate(MARK_BLOCKS_THAT_LOOK_THE_SAME)
    colours = {"runOnly": {"type": "rule", "values": COLOUR_RULES}}
    return found + findings(page, {"exclude": [[f"[{SAME_LOOK}]"]]}, colours)


def findings(page, context: dict | None, options: dict) -> list[str]:
    found = []
    response = Axe().run(page, context=context, options={**options, "resultTypes": ["violations"]})
    for violation in response.response["violations"]:
        if violation["impact"] in SERIOUS:
            targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
            found.append(
                f"{violation['id']} ({violation['impact']}, {len(violation['nodes'])} elements): "
                f"{violation['help']}; e.g. {targets}"
            )
    return found


def copy_every_block(page) -> list[CopiedBlock]:
    """Click each copy button in turn and read what landed on the clipboard, in the page itself
    (a round trip from Python per button would cost more than the clicks)."""
    blocks = page.evaluate(COPY_BUTTONS)
    texts = page.evaluate(CLICK_EVERY_COPY_BUTTON)
    return [
        CopiedBlock(index, block["language"], text, block["shown"])
        for index, (block, text) in enumerate(zip(blocks, texts, strict=True))
    ]


def visit(light, dark, base: str, url: str, source_html: str) -> Visit:
    """Every check in a light-mode context (all of axe's rules), then, in a context of a reader
    who prefers dark mode on a phone, the layout shift and axe's colour rules (the structure
    does not change with the scheme)."""
    visit = Visit(url)
    page = light.new_page()
    watch(page, base, visit)
    # Every request is recorded until the page closes, long after it has loaded.
    page.goto(base + url, wait_until="load")
    page.wait_for_function(EVERY_BLOCK_HAS_ITS_BUTTON, timeout=MATERIAL_TIMEOUT_MS)
    visit.diagrams_expected = source_html.count('class="mermaid"')
    if visit.diagrams_expected:
        # Whatever the page fetches before the reader scrolls, it has fetched by now.
        page.wait_for_load_state("networkidle")
    page.evaluate(OPEN_EVERY_DETAILS)
    if visit.diagrams_expected:
        visit.first_diagram_screens = page.evaluate(FIRST_DIAGRAM_SCREENS)
        visit.mermaid_before_scrolling = any(MERMAID_LIBRARY in url for url in visit.requested)
        visit.diagrams_rendered = draw_every_diagram(page, visit.diagrams_expected)
    visit.broken_images = page.evaluate(BROKEN_IMAGES)
    visit.copied = copy_every_block(page)
    if page.locator("a[download]").count():
        with page.expect_download() as download:
            page.locator("a[download]").first.click()
        visit.notebook_download = download.value.path().read_text(encoding="utf-8")
    visit.violations["light"] = serious_violations(page)
    page.close()

    page = dark.new_page()
    watch(page, base, visit)
    page.add_init_script(WATCH_LAYOUT_SHIFTS)
    # Read before Material's script has run: the scheme must be right from the first frame.
    page.goto(base + url, wait_until="domcontentloaded")
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    if scheme != "slate":
        visit.problems.append(f"a reader who prefers dark mode gets the {scheme!r} scheme first")
    page.wait_for_load_state("load")  # every request was already seen in light mode
    visit.layout_shift = page.evaluate(LAYOUT_SHIFT)
    page.evaluate(OPEN_EVERY_DETAILS)
    drawn = draw_every_diagram(page, visit.diagrams_expected)
    if drawn != visit.diagrams_expected:
        visit.problems.append(
            f"dark mode: {drawn} of {visit.diagrams_expected} diagrams drawn for axe's colour rules"
        )
    visit.violations["dark"] = serious_violations(page, colour_only=True)
    page.close()
    return visit


def notebook_cells_run(text: str) -> str | None:
    """What is wrong with a downloaded notebook, if anything."""
    notebook = json.loads(text)
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    if not code:
        return "it has no code cell"
    if [cell["execution_count"] for cell in code] != list(range(1, len(code) + 1)):
        return "not every cell was run, in order"
    return None
