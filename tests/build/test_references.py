"""Under each block, plain links to the PyTorch reference of the pinned release, any language."""

import re

import pytest
import yaml

from sitetools.build.languages import strings
from sitetools.build.references import MissingReferences, reference_url, with_reference_links
from sitetools.examples.model import DOCS_DIR, includes
from sitetools.examples.recorded_references import RECORD, read
from sitetools.examples.releases import pinned
from sitetools.project import ROOT, build, copy_project
from tests.support import LANGUAGES, built_page, project_with_languages

DOCS = f"https://docs.pytorch.org/docs/{'.'.join(pinned().split('.')[:2])}/"
LINE_RE = re.compile(r'<p class="references">(.*?)</p>', re.DOTALL)
LINK_RE = re.compile(r'<a href="([^"]+)"><code>([^<]+)</code></a>')


@pytest.mark.parametrize(
    ("name", "url"),
    [
        ("torch.zeros", "generated/torch.zeros.html"),
        ("torch.Tensor.sum", "generated/torch.Tensor.sum.html"),
        ("torch.Tensor.T", "tensors.html#torch.Tensor.T"),
        ("torch.nn.Linear", "generated/torch.nn.Linear.html"),
        ("torch.nn.Module.parameters", "generated/torch.nn.Module.html#torch.nn.Module.parameters"),
        ("torch.nn.functional.relu", "generated/torch.nn.functional.relu.html"),
        ("torch.optim.Optimizer.zero_grad", "generated/torch.optim.Optimizer.zero_grad.html"),
        ("torch.optim.SGD.step", "generated/torch.optim.SGD.html#torch.optim.SGD.step"),
        ("torch.utils.data.DataLoader", "data.html#torch.utils.data.DataLoader"),
        ("torch.inference_mode", "generated/torch.autograd.grad_mode.inference_mode.html"),
        ("torch.nn.Flatten", "generated/torch.nn.modules.flatten.Flatten.html"),
    ],
)
def test_a_name_links_to_its_page_in_the_pinned_release(name, url):
    assert reference_url(name) == DOCS + url


@pytest.fixture
def root(tmp_path):
    """A project with the site's languages and strings and one recorded entry."""
    project_with_languages(tmp_path)
    entries = {
        "snippets/demo.py:add": ["torch.zeros", "torch.Tensor.sum"],
        "snippets/demo.py:x": [],
    }
    (tmp_path / RECORD).write_text(yaml.safe_dump(entries), encoding="utf-8")
    return tmp_path


def page(*sections: str, indent: str = "") -> str:
    fences = [
        f'{indent}```python\n{indent}--8<-- "snippets/demo.py:{s}"\n{indent}```' for s in sections
    ]
    return "# Demo\n\n" + "\n\n".join(fences) + "\n\nAfter.\n"


def test_a_line_of_links_follows_each_block_in_the_pages_language(root):
    links = (
        f"[`torch.zeros`]({DOCS}generated/torch.zeros.html) · "
        f"[`torch.Tensor.sum`]({DOCS}generated/torch.Tensor.sum.html)"
    )
    english = with_reference_links(page("add"), root / "docs" / "demo.md", root)
    assert f"```\n\nReference: {links}\n{{: .references }}\n\n" in english
    assert english.endswith("\nAfter.\n")
    taiwan = with_reference_links(page("add"), root / "docs" / "demo.zh-TW.md", root)
    assert f"```\n\n參考文件：{links}\n" in taiwan


def test_a_block_inside_an_admonition_keeps_its_indent_and_one_without_names_gets_no_line(root):
    markdown = "!!! note\n\n" + page("x", "add", indent="    ").replace("# Demo\n\n", "")
    result = with_reference_links(markdown, root / "docs" / "demo.md", root)
    assert result.count("Reference:") == 1
    assert "    ```\n\n    Reference: [`torch.zeros`]" in result
    assert "\n    {: .references }\n" in result


def test_a_section_without_an_entry_is_named(root):
    with pytest.raises(MissingReferences) as error:
        with_reference_links(page("add", "missing"), root / "docs" / "demo.md", root)
    assert f"snippets/demo.py:missing has no entry in {RECORD}" in str(error.value)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_built_page_links_what_each_block_uses(built_site, language):
    """The Tensors chapter, built: one line per block that uses torch, plain links to the names
    recorded for it, labelled in the page's language."""
    english = DOCS_DIR / "tensors.md"
    recorded = read(ROOT)
    expected = [
        recorded[str(include)]
        for fence, include in includes(english.read_text(encoding="utf-8"), english)
        if fence.is_python and recorded[str(include)]
    ]
    lines = LINE_RE.findall(built_page(built_site, english, language))
    assert [[name for _, name in LINK_RE.findall(line)] for line in lines] == expected
    label = strings(language)["references"].split("{links}")[0]
    assert all(line.startswith(label) for line in lines)
    for line in lines:
        assert all(href == reference_url(name) for href, name in LINK_RE.findall(line))


def test_a_block_without_recorded_references_fails_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    record = project / RECORD
    entries = yaml.safe_load(record.read_text(encoding="utf-8"))
    del entries["snippets/tensors.py:dimensions"]
    record.write_text(yaml.safe_dump(entries), encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    missing = "the block that includes snippets/tensors.py:dimensions has no entry"
    assert f"tensors.md: {missing} in {RECORD}" in result.stdout + result.stderr
