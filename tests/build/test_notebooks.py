"""Notebook pages: made from a chapter's own blocks, executed for real, figures taken from them."""

import base64
import json

import pytest

from sitetools.build import notebooks
from sitetools.examples.model import SiteError

DRAWING = (
    "# --8<-- [start:draw]\n"
    "import matplotlib.pyplot as plt\n"
    "\n"
    "print('drawing a parabola')\n"
    "plt.plot([0, 1, 2], [0, 1, 4])\n"
    "plt.show()\n"
    "#> drawing a parabola\n"
    "# --8<-- [end:draw]\n"
    "# --8<-- [start:count]\n"
    "# Add up 0, 1, 2 and 3.\n"
    "print(sum(range(4)))\n"
    "#> 6\n"
    "# --8<-- [end:count]\n"
)


def chapter(title: str, first: str, second: str) -> str:
    return (
        f"---\nnotebook: true\n---\n\n# {title}\n\n## {first}\n\n"
        '```python\n--8<-- "snippets/demo.py:draw"\n```\n\n'
        "![a parabola](figures/demo/draw.png)\n\n"
        f"## {second}\n\nProse about {second}, see [the other page](other.md#top).\n\n"
        f'!!! warning "{second}!"\n    Mind the sum.\n\n'
        '    ```python\n    --8<-- "snippets/demo.py:count"\n    ```\n\n    After the sum.\n'
    )


@pytest.fixture
def notebook_project(project):
    project.with_languages()
    project.snippet("demo.py", DRAWING)
    project.page("demo.md", chapter("Demo", "Drawing", "Counting"))
    project.page("demo.zh-TW.md", chapter("示範", "繪圖", "計數"))
    comments = "snippets/demo.py:\n  Add up 0, 1, 2 and 3.: 把 0、1、2、3 加起來。\n"
    project.page("comments.zh-TW.yml", comments)
    return project


def write(project):
    return notebooks.write_notebooks(
        project.root / "docs", project.root, project.root / ".cache" / "notebooks"
    )


def cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def test_a_notebook_page_becomes_an_executed_notebook_in_each_language(notebook_project):
    docs = notebook_project.root / "docs"
    written = write(notebook_project)
    english, taiwan = docs / "notebooks" / "demo.ipynb", docs / "notebooks" / "demo.zh-TW.ipynb"
    figure = docs / "figures" / "demo" / "draw.png"
    assert set(written) == {english, taiwan, figure}

    code = [cell for cell in cells(english) if cell["cell_type"] == "code"]
    assert ["".join(cell["source"]) for cell in code] == [
        "import matplotlib.pyplot as plt\n\nprint('drawing a parabola')\n"
        "plt.plot([0, 1, 2], [0, 1, 4])\nplt.show()\n#> drawing a parabola",
        "# Add up 0, 1, 2 and 3.\nprint(sum(range(4)))\n#> 6",
    ]
    assert code[0]["outputs"][0]["text"] == ["drawing a parabola\n"]
    assert code[1]["outputs"][0]["text"] == ["6\n"]
    (drawn,) = [out for out in code[0]["outputs"] if "image/png" in out.get("data", {})]
    assert figure.read_bytes() == base64.b64decode(drawn["data"]["image/png"])
    assert figure.read_bytes().startswith(b"\x89PNG")

    prose = ["".join(cell["source"]) for cell in cells(taiwan) if cell["cell_type"] == "markdown"]
    assert prose[0].startswith("# 示範\n\n") and prose[0].endswith("\n\n## 繪圖")
    assert prose[1:] == [
        "## 計數\n\nProse about 計數, see [the other page](../other/#top).\n\n"
        "**計數!**\n\nMind the sum.",
        "After the sum.",
    ], "the figure is the cell's output; an admonition is a bold title over its text"
    taiwan_code = ["".join(c["source"]) for c in cells(taiwan) if c["cell_type"] == "code"]
    assert taiwan_code[1] == "# 把 0、1、2、3 加起來。\nprint(sum(range(4)))\n#> 6"
    assert [cell.get("outputs") for cell in cells(taiwan) if cell["cell_type"] == "code"] == [
        cell["outputs"] for cell in code
    ]


def test_an_unchanged_chapter_is_not_run_again(notebook_project, monkeypatch):
    write(notebook_project)

    def must_not_run(*args):
        raise AssertionError("executed again")

    monkeypatch.setattr(notebooks, "execute", must_not_run)
    assert write(notebook_project) == []
    page = notebook_project.root / "docs" / "demo.zh-TW.md"
    page.write_text(page.read_text().replace("計數", "數數看"))
    assert write(notebook_project) == [notebook_project.root / "docs/notebooks/demo.zh-TW.ipynb"]


def test_a_failing_cell_fails_naming_the_page_and_section(notebook_project):
    notebook_project.snippet("demo.py", DRAWING.replace("sum(range(4))", "sum(range(4)) / 0"))
    with pytest.raises(SiteError) as raised:
        write(notebook_project)
    message = str(raised.value)
    assert "docs/demo.md: the notebook's cell for section [count] failed" in message
    assert "ZeroDivisionError" in message
    assert not (notebook_project.root / "docs" / "notebooks").exists()
