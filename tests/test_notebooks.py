"""Notebooks: a recipe's notebook in a language is its page in that language, with the outputs of
the build's one run of the snippet; it is a light page of the site and a download, in every language."""

from __future__ import annotations

import ast
import json
import re

import nbformat
import pytest

from tools.cache import SCRIPT_FILE, RunCache
from tools.cells import SECTION, split_cells
from tools.discover import find_pages, find_snippets
from tools.labels import label
from tools.paths import DOCS_DIR, LANGUAGES, SITE_PREFIX

SNIPPETS = {snippet.name: snippet for snippet in find_snippets()}
RECIPE_PAGES = [page for page in find_pages() if page.base in SNIPPETS]
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
HEADING = re.compile(r"^#{1,6} (.+)$", re.M)


def _notebook(site, page) -> nbformat.NotebookNode:
    """The notebook a reader of ``page`` downloads from the built site."""
    path = site / SITE_PREFIX[page.language] / "runs/download" / f"{page.base}.ipynb"
    notebook = nbformat.reads(path.read_text(), 4)
    nbformat.validate(notebook)
    return notebook


def prose_paragraphs(markdown: str) -> list[str]:
    """The paragraphs of running text of a Markdown document: no code, formulas, link targets or markup."""
    text = re.sub(r"^---\n.*?\n---\n", "", markdown, flags=re.S)  # front matter
    text = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)  # fenced blocks
    text = re.sub(r"\$\$.*?\$\$", "", text, flags=re.S)  # display formulas
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)  # markers
    text = re.sub(r"`[^`]*`|\$[^$]*\$|\]\([^)]*\)|\{[^}]*\}|https?://\S+", "", text)
    paragraphs = [re.sub(r"[\s#|>*_\-\[\]():.,;!?/0-9]+", " ", p).strip() for p in text.split("\n\n")]
    return [p for p in paragraphs if re.search(r"[A-Za-z\u3040-\u30ff\u4e00-\u9fff]{2}", p)]


@pytest.mark.parametrize("page", [p for p in find_pages() if p.language == "ja"], ids=lambda p: p.path)
def test_every_paragraph_of_a_japanese_page_is_japanese(page):
    english = [p for p in prose_paragraphs((DOCS_DIR / page.path).read_text()) if not JAPANESE.search(p)]
    assert english == [], f"docs/{page.path}: paragraphs with no Japanese"


@pytest.mark.parametrize("page", RECIPE_PAGES, ids=lambda p: p.path)
def test_the_notebook_is_the_page_with_the_runs_outputs(built_site, records, page):
    record = records[page.base]
    notebook = _notebook(built_site, page)
    markdown = "\n\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    page_text = (DOCS_DIR / page.path).read_text()
    # its title first, then the page's headings in order, its prose in the page's language
    assert notebook.cells[0].source.startswith(f"# {page.title}\n")
    assert HEADING.findall(markdown) == HEADING.findall(re.sub(r"^```.*?^```", "", page_text, flags=re.S | re.M))
    if page.language == "ja":
        assert [p for p in prose_paragraphs(markdown) if not JAPANESE.search(p)] == []
        docstring = ast.get_docstring(ast.parse(SNIPPETS[page.base].path.read_text()))
        assert docstring.splitlines()[0] not in markdown  # no English docstring
    prose = re.sub(r"```.*?```|`[^`\n]*`", "", markdown, flags=re.S)  # code may hold `](` that is no link
    assert not re.search(r"\]\((?!https?://|attachment:|#)", prose), "a relative link left in the notebook"
    assert "`schedules[0](t)`" in markdown or page.base != "chaining_schedules"  # code is left as it is"
    # its code cells: the snippet's sections, in order; their outputs: exactly what the run printed
    sections = [cell.source for cell in split_cells(SNIPPETS[page.base].path) if cell.kind == "code"]
    assert [cell.source for cell in code] == sections
    assert not any(SECTION.search(cell.source) for cell in code)
    printed = "".join(output.text if output.output_type == "stream" else output.traceback[0] + "\n"
                      for cell in code for output in cell.outputs if output.output_type in ("stream", "error"))
    assert printed == record.stdout
    for cell in code:  # `# Raises Name`: that error, tagged; `# Warns Name`: the warning on stderr
        expected = re.match(r"# (Raises|Warns) (\w+)", cell.source)
        errors = [o.ename for o in cell.outputs if o.output_type == "error"]
        assert errors == ([expected[2]] if expected and expected[1] == "Raises" else [])
        assert cell.metadata.get("tags", []) == (["raises-exception"] if errors else [])
        if expected and expected[1] == "Warns":
            assert any(o.get("name") == "stderr" and o.text.startswith(expected[2]) for o in cell.outputs)
    drawn = [o for cell in code for o in cell.outputs if o.output_type == "display_data"]
    assert len(drawn) == record.figures
    assert all(o.data["image/svg+xml"].lstrip().startswith("<?xml") and o.data["text/plain"] for o in drawn)
    # the recorded plot, in the page's language, where the page shows it
    plots = [svg["image/svg+xml"] for cell in notebook.cells for svg in cell.get("attachments", {}).values()]
    assert len(plots) == len(page.plots) and len(plots) + len(drawn) >= 1
    assert all({"en": "learning rate", "ja": "学習率", "pt-BR": "taxa de aprendizado"}[page.language] in svg
               for svg in plots)
    assert [cell.id for cell in notebook.cells] == [f"cell-{i}" for i in range(len(notebook.cells))]


@pytest.mark.parametrize("language", LANGUAGES)
def test_notebook_pages_are_light_pages_in_their_language(built_site, language):
    for name in SNIPPETS:
        notebook = built_site / SITE_PREFIX[language] / "runs/notebooks" / name / "index.html"
        recipe = built_site / SITE_PREFIX[language] / name / "index.html"
        html = notebook.read_text()
        (title,) = [p.title for p in RECIPE_PAGES if p.base == name and p.language == language]
        assert re.search(r'<html lang="([^"]+)"', html)[1] == {"pt-BR": "pt"}.get(language, language)
        assert re.search(r"<h1[^>]*>(.*?)<", html)[1] == label(language, "notebook_title").format(title=title)
        assert 'class="lr-plot"' in html and "lr-cell-output" in html  # the plot, and the cells' outputs
        assert notebook.stat().st_size <= 2 * recipe.stat().st_size, notebook
        assert not re.search(r'<script[^>]+src="(?:https?:)?//', html)  # no script from another host
        assert "data-pagefind-body" not in html  # search lists the recipe, which holds the same text


def _href(html: str, attribute: str) -> str:
    """The ``href`` of the first link that has ``attribute`` (a regular expression)."""
    link = re.search(rf"<a [^>]*{attribute}[^>]*>", html)
    assert link, f"no link with {attribute}"
    return re.search(r'href="([^"]+)"', link[0])[1]


@pytest.mark.parametrize("language", LANGUAGES)
def test_recipe_pages_link_their_notebook_and_script(built_site, language):
    for name in SNIPPETS:
        page = built_site / SITE_PREFIX[language] / name / "index.html"
        html = page.read_text()
        ipynb = _href(html, f'download="{name}.ipynb"')
        downloaded = nbformat.reads((page.parent / ipynb).resolve().read_text(), 4)
        (title,) = [p.title for p in RECIPE_PAGES if p.base == name and p.language == language]
        assert downloaded.cells[0].source.startswith(f"# {title}\n")  # the notebook in the page's language
        script = _href(html, f'download="{name}.py"')
        assert (page.parent / script).resolve().is_file()
        view = _href(html, f'href="[^"]*runs/notebooks/{name}/"')
        assert (page.parent / view / "index.html").resolve().is_file()


@pytest.mark.parametrize("snippet", SNIPPETS.values(), ids=lambda s: s.name)
def test_downloadable_script_is_the_snippet_without_markers(records, snippet):
    script = (RunCache().entry(snippet.name, records[snippet.name].key) / SCRIPT_FILE).read_text()
    kept = [line for line in snippet.path.read_text().splitlines(keepends=True) if not SECTION.search(line)]
    assert script == "".join(kept) and "--8<--" not in script
    ast.parse(script)


def test_cell_outputs_are_stored_with_the_run(records):
    """``cells.json``: one entry per code cell, by section, whose text adds up to the record's output."""
    for name, record in records.items():
        if name not in SNIPPETS:  # a technique of the comparison: no page, no notebook
            continue
        outputs = RunCache().outputs(record)
        sections = [cell.section for cell in split_cells(SNIPPETS[name].path) if cell.kind == "code"]
        assert [output["section"] for output in outputs] == sections
        assert "".join(o["stdout"] + o["warnings"] + o["error"] for o in outputs) == record.stdout
        assert sorted(n for o in outputs for n in o["figures"]) == list(range(1, record.figures + 1))
        json.dumps(outputs)
