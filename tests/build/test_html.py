"""Rendered HTML: figures get their PNG's size, and code loses the spans that draw nothing."""

import re
from importlib.resources import files

import pytest
from PIL import Image
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

from sitetools.build.html import drop_plain_token_spans, size_images, with_language
from sitetools.examples.model import DOCS_DIR


def write_image(path, width, height, image_format="PNG"):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("L", (width, height)).save(path, format=image_format)


def test_a_figure_gets_its_png_size_from_any_page_depth(tmp_path):
    write_image(tmp_path / "figures" / "demo" / "plot.png", 640, 360)
    html = '<p><img alt="A plot" src="../../figures/demo/plot.png" /></p>'
    sized = size_images(html, "zh-TW/demo/", tmp_path)
    assert sized == (
        '<p><img width="640" height="360" alt="A plot" src="../../figures/demo/plot.png" /></p>'
    )


def test_images_that_are_sized_already_or_not_local_pngs_are_left_alone(tmp_path):
    html = (
        '<img width="10" src="../figures/x.png" />'
        '<img src="../assets/logo.svg" />'
        '<img src="data:image/png;base64,iVBORw0KGgo=" />'
    )
    assert size_images(html, "demo/", tmp_path) == html


def test_a_missing_figure_is_named(tmp_path):
    with pytest.raises(
        ValueError, match=r"the image \.\./figures/demo/gone\.png is not in the docs"
    ):
        size_images('<img src="../figures/demo/gone.png" />', "demo/", tmp_path)


@pytest.mark.parametrize(
    "write",
    [lambda path: path.write_text("not a picture"), lambda path: write_image(path, 8, 8, "JPEG")],
)
def test_a_file_that_is_not_a_png_is_refused(tmp_path, write):
    (tmp_path / "figures").mkdir()
    write(tmp_path / "figures" / "fake.png")
    with pytest.raises(ValueError, match=r"fake\.png is not a PNG file"):
        size_images('<img src="../figures/fake.png" />', "demo/", tmp_path)


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


def test_a_page_is_tagged_with_its_languages_code():
    page = '<!doctype html>\n<html lang="zh" class="no-js">\n<p lang="en">x</p>'
    assert with_language(page, "zh-CN") == page.replace('lang="zh"', 'lang="zh-CN"')
    with pytest.raises(ValueError, match="no <html lang>"):
        with_language("<p>no html element</p>", "zh-CN")
