"""Figures get the width and height of their PNG; a figure that is not there stops the build."""

import pytest
from PIL import Image

from sitetools.images import size_images


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
