"""Notebooks and downloads: generated from each snippet's one run, with that run's outputs,
rendered as a page in every language, and downloadable with the script."""

from __future__ import annotations

import ast
import json

import nbformat
import pytest

from tools.cache import RunCache
from tools.discover import SECTION, find_snippets
from tools.plot import SCRIPT_NAME, notebook_name
from tools.notebook import EXPECTED_ERROR
from tools.paths import LANGUAGES, SITE_PREFIX

SNIPPETS = find_snippets()
INTRO_WORD = {"en": "This notebook", "ja": "このノートブック", "pt-BR": "Este notebook"}


def _entry(records, name):
    return RunCache().entry(name, records[name].key)


@pytest.mark.parametrize("snippet", SNIPPETS, ids=lambda s: s.name)
def test_notebook_holds_the_runs_outputs_and_no_section_markers(records, snippet):
    record = records[snippet.name]
    for language in LANGUAGES:
        notebook = nbformat.reads((_entry(records, snippet.name) / notebook_name(language)).read_text(), 4)
        nbformat.validate(notebook)
        assert INTRO_WORD[language] in notebook.cells[0].source
        code = [cell for cell in notebook.cells if cell.cell_type == "code"]
        assert not any(SECTION.search(cell.source) for cell in code)
        printed = "".join(o.text if o.output_type == "stream" else o.traceback[0] + "\n"
                          for cell in code for o in cell.outputs if o.output_type in ("stream", "error"))
        assert printed == record.stdout
        for cell in code:  # a cell marked `# Raises Name` shows that error and is tagged for Jupyter
            errors = [o.ename for o in cell.outputs if o.output_type == "error"]
            expected = EXPECTED_ERROR.match(cell.source)
            assert errors == ([expected["name"]] if expected else [])
            assert cell.metadata.get("tags", []) == (["raises-exception"] if expected else [])
        drawn = [o for cell in code for o in cell.outputs if o.output_type == "display_data"]
        assert len(drawn) == record.figures
        assert all(o.data["image/svg+xml"].lstrip().startswith("<?xml") and 'alt="' in o.data["text/html"]
                   for o in drawn)


@pytest.mark.parametrize("snippet", SNIPPETS, ids=lambda s: s.name)
def test_downloadable_script_is_the_snippet_without_markers(records, snippet):
    script = (_entry(records, snippet.name) / SCRIPT_NAME).read_text()
    kept = [line for line in snippet.path.read_text().splitlines(keepends=True) if not SECTION.search(line)]
    assert script == "".join(kept) and "--8<--" not in script
    ast.parse(script)


def test_notebook_is_identical_across_builds_of_the_same_run(records):
    """Cell ids are numbered, not random: the bytes depend only on the run."""
    for name in ("warmup", "momentum"):
        data = json.loads((_entry(records, name) / notebook_name("en")).read_text())
        assert [cell["id"] for cell in data["cells"]] == [f"cell-{i}" for i in range(len(data["cells"]))]


@pytest.mark.parametrize("language", LANGUAGES)
def test_notebook_pages_and_downloads_are_built(built_site, language):
    for snippet in SNIPPETS:
        page = built_site / SITE_PREFIX[language] / "runs/notebooks" / snippet.name / "index.html"
        html = page.read_text()
        assert INTRO_WORD[language] in html, page
        recipe = (built_site / SITE_PREFIX[language] / snippet.name / "index.html").read_text()
        assert f'href="../{"../" if language != "en" else ""}runs/download/{snippet.name}.ipynb"' in recipe
        assert f'download="{snippet.name}.py"' in recipe
        assert 'href="../runs/notebooks/' + snippet.name + '/"' in recipe
    for snippet in SNIPPETS:
        assert (built_site / "runs/download" / f"{snippet.name}.ipynb").is_file()
        assert (built_site / "runs/download" / f"{snippet.name}.py").is_file()
