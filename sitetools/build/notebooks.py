"""Hands-on chapters as Jupyter notebooks: the whole chapter, its prose and its code, executed.

A page with `notebook: true` in its front matter gets a notebook in each language: its prose as
Markdown cells and its python blocks as code cells, in page order (`notebook_cells`). The English
one runs in a Jupyter kernel (a failing cell fails the build) once per change of the code, and is
cached; the translations get its outputs, and the figures the cells draw are written out for the
pages.

    python -m sitetools.build.notebooks     # write the notebooks and figures without building
"""

from __future__ import annotations

import base64
import copy
import hashlib
import os
import platform
import re
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import version
from pathlib import Path

from sitetools.build.languages import page_strings, strings
from sitetools.build.notebook_cells import NotebookCell, notebook_cells
from sitetools.build.placeholders import after_title
from sitetools.examples import model
from sitetools.examples.model import DOCS_DIR, ROOT, SiteError, relative
from sitetools.project import languages

NOTEBOOKS = "notebooks"
FIGURES = "figures"
CACHE_DIR = ROOT / ".cache" / "notebooks"
HEADING_RE = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
CELL_TIMEOUT_S = 300
KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}


def notebook_pages(docs_dir: Path = DOCS_DIR) -> list[Path]:
    return [
        page
        for page in model.english_pages(docs_dir)
        if model.front_matter(page.read_text(encoding="utf-8")).get("notebook") is True
    ]


def title_of(text: str, page: Path) -> str:
    for match in HEADING_RE.finditer(text):
        if len(match[1]) == 1:
            return match[2]
    raise SiteError(f"{relative(page)}: a notebook page needs a '# Title' heading")


def notebook_from(cells: list[NotebookCell], introduction: str):
    """The notebook of these cells, with the introduction under the chapter's title."""
    import nbformat

    notebook = nbformat.v4.new_notebook(metadata={"kernelspec": dict(KERNELSPEC)})
    for number, cell in enumerate(cells):
        if cell.kind == "code":
            made = nbformat.v4.new_code_cell(cell.source, metadata={"tags": [cell.section]})
        else:
            source = cell.source
            if number == 0:  # the title first, then what this notebook is
                title, _, rest = source.partition("\n")
                source = f"{title}\n\n{introduction}\n\n{rest.strip()}".rstrip()
            made = nbformat.v4.new_markdown_cell(source)
        made.id = f"cell-{number}"  # fixed, so an unchanged chapter writes the same file
        notebook.cells.append(made)
    return notebook


def code_key(cells: list[NotebookCell]) -> str:
    """What the outputs depend on: the code, and the versions that run it."""
    digest = hashlib.sha256(f"{platform.python_version()} {version('torch')}\n".encode())
    for cell in cells:
        if cell.kind == "code":
            digest.update(f"{cell.section}\n{cell.source}\n".encode())
    return digest.hexdigest()[:20]


def execute(notebook, page: Path):
    """Run every cell in a fresh kernel; an exception in any cell is an error naming it."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    environment = dict(os.environ, MPLBACKEND="module://matplotlib_inline.backend_inline")
    with tempfile.TemporaryDirectory() as workdir:
        client = NotebookClient(
            notebook,
            timeout=CELL_TIMEOUT_S,
            kernel_name="python3",
            record_timing=False,
            allow_errors=False,
            resources={"metadata": {"path": workdir}},
        )
        try:
            client.execute(env=environment)
        except CellExecutionError as error:
            failed = [
                cell.metadata.get("tags", ["?"])[0]
                for cell in notebook.cells
                if any(output.get("output_type") == "error" for output in cell.get("outputs", []))
            ]
            raise SiteError(
                f"{relative(page)}: the notebook's cell for section [{(failed or ['?'])[0]}] "
                f"failed:\n{error}"
            ) from None
    return notebook


def executed_english(page: Path, cells: list[NotebookCell], notebook, cache_dir: Path):
    import nbformat

    cache = cache_dir / f"{page.stem}-{code_key(cells)}.ipynb"
    if cache.exists():
        return nbformat.reads(cache.read_text(encoding="utf-8"), as_version=4)
    notebook = execute(notebook, page)
    cache_dir.mkdir(parents=True, exist_ok=True)
    for stale in cache_dir.glob(f"{page.stem}-*.ipynb"):
        stale.unlink()
    cache.write_text(nbformat.writes(notebook), encoding="utf-8")
    return notebook


def with_outputs_of(executed, notebook):
    """The notebook, its code cells given the executed notebook's outputs, in order."""
    ran = iter(cell for cell in executed.cells if cell.cell_type == "code")
    for cell in notebook.cells:
        if cell.cell_type == "code":
            source = next(ran)
            cell.outputs = copy.deepcopy(source.outputs)
            cell.execution_count = source.execution_count
    return notebook


def figures_of(executed) -> dict[str, bytes]:
    """The PNG each code cell drew, by section name (a cell drawing several keeps its last)."""
    return {
        cell.metadata["tags"][0]: base64.b64decode(output["data"]["image/png"])
        for cell in executed.cells
        for output in cell.get("outputs", [])
        if output.get("data", {}).get("image/png")
    }


def write_if_changed(path: Path, content: bytes) -> bool:
    if path.exists() and path.read_bytes() == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return True


def with_notebook_note(markdown: str, page_name: str) -> str:
    """The page with a pointer to its notebook under the title, in the page's language."""
    stem = Path(page_name).name.split(".")[0]
    return after_title(markdown, page_strings(page_name)["notebook_note"].format(stem=stem))


def write_notebooks(
    docs_dir: Path = DOCS_DIR, root: Path = ROOT, cache_dir: Path = CACHE_DIR
) -> list[Path]:
    """Write each notebook page's notebooks (every language) and figures; return those changed."""
    import nbformat

    def chapter_notebook(page: Path, english: Path, code: str):
        text = page.read_text(encoding="utf-8")
        title = title_of(text, page)
        cells = notebook_cells(text, page, english, root, code)
        introduction = strings(code, docs_dir.parent)["notebook_introduction"]
        return cells, notebook_from(cells, introduction.format(title=title, stem=english.stem))

    def execution(english: Path):
        cells, notebook = chapter_notebook(english, english, languages(docs_dir.parent)[0].code)
        return executed_english(english, cells, notebook, cache_dir)

    pages = notebook_pages(docs_dir)
    # Two chapters' kernels at a time: each is a process of its own, so they share the cores.
    with ThreadPoolExecutor(2) as pool:
        executions = dict(zip(pages, pool.map(execution, pages), strict=True))
    written = []
    for english in pages:
        stem, executed = english.stem, executions[english]
        for language in languages(docs_dir.parent):
            page = language.page(english)
            if not page.exists():
                continue
            _, notebook = chapter_notebook(page, english, language.code)
            notebook = with_outputs_of(executed, notebook)
            suffix = "" if language.default else f".{language.code}"
            target = docs_dir / NOTEBOOKS / f"{stem}{suffix}.ipynb"
            if write_if_changed(target, nbformat.writes(notebook).encode()):
                written.append(target)
        for section, png in figures_of(executed).items():
            target = docs_dir / FIGURES / stem / f"{section}.png"
            if write_if_changed(target, png):
                written.append(target)
    return written


if __name__ == "__main__":
    for path in write_notebooks():
        print(f"wrote {relative(path)}", file=sys.stderr)
