"""Highlighted code without the spans that draw nothing different, and the reason that holds."""

import re
from importlib.resources import files

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

from sitetools.code_markup import drop_plain_token_spans
from sitetools.pages import DOCS_DIR

CODE = "from torch import nn\nx = torch.ones(2, 3)  # two rows\nprint(x.sum() > 5, None)\n"


def text_of(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_names_and_whitespace_lose_their_spans_and_the_text_stays():
    html = highlight(CODE, PythonLexer(), HtmlFormatter())
    lighter = drop_plain_token_spans(html)
    assert '<span class="n">' in html and '<span class="w">' in html
    assert '<span class="n">' not in lighter and '<span class="w">' not in lighter
    assert text_of(lighter) == text_of(html)
    for kept in ("nb", "p", "o", "mi", "c1", "kc"):
        assert html.count(f'<span class="{kept}">') == lighter.count(f'<span class="{kept}">')


def test_the_theme_draws_names_in_the_plain_code_colour_and_whitespace_unstyled():
    stylesheets = files("material") / "templates" / "assets" / "stylesheets"
    css = "".join(
        sheet.read_text(encoding="utf-8")
        for sheet in stylesheets.iterdir()
        if sheet.name.endswith(".min.css")
    )
    css += (DOCS_DIR / "assets" / "stylesheets" / "extra.css").read_text(encoding="utf-8")
    assert set(re.findall(r"--md-code-hl-name-color:([^;}]+)", css)) == {"var(--md-code-fg-color)"}
    assert re.search(r"\.highlight \.n[,{]", css), "the theme no longer styles names"
    assert not re.search(r"\.highlight \.w\b", css), "the theme now styles whitespace"
