"""One place per recipe: the navigation, the home page's table and the chooser come from the
recipe pages' front matter; stale translations are reported; the published address is a setting.

The tests that build do it in a copy of the project with the session's run cache.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from mkdocs.config import load_config

from tests.project import TINY, run_tool
from tools.catalog import nav_sections, read_catalog
from tools.discover import find_pages, find_snippets
from tools.paths import DOCS_DIR, LANGUAGES, MKDOCS_YML, SITE_PREFIX
from tools.sandbox import copy_project
from tools.translations import english_version

SECTIONS = nav_sections(load_config(str(MKDOCS_YML)).nav)
SNIPPETS = {snippet.name for snippet in find_snippets()}


def _catalog():
    return read_catalog(find_pages(), SECTIONS, SNIPPETS, DOCS_DIR)


def test_every_recipe_says_where_it_goes_in_every_language():
    recipes, problems = _catalog()
    assert problems == []
    assert {recipe.base for recipe in recipes} == SNIPPETS
    for recipe in recipes:
        assert set(recipe.entries) == set(LANGUAGES)
        for entry in recipe.entries.values():
            assert entry.title and all(term.strip() for term in entry.search)


def test_a_recipe_front_matter_mistake_is_named_by_file_and_line(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "x.md").write_text("---\nrecipe:\n  section: Nowhere\n  order: first\n---\n\n# X\n")
    (docs / "x.ja.md").write_text("# X\n")
    (docs / "x.pt-BR.md").write_text("---\nrecipe:\n  section: Callbacks\n  changes: a\n---\n\n# X\n")
    from tools.discover import find_pages as pages_of

    _, problems = read_catalog(pages_of(docs), SECTIONS, {"x"}, docs)
    said = "\n".join(problems)
    assert "docs/x.md:2: `section: Nowhere` is not a nav section of mkdocs.yml" in said
    assert "docs/x.md:2: `recipe:` lacks changes, when, situation, why, search (a list of terms), order" in said
    assert "docs/x.ja.md:1: a recipe page needs `recipe:` front matter" in said
    assert "docs/x.pt-BR.md:2: `section` and `order` belong in the English page only" in said


def _table(html: str, header: str) -> list[tuple[str, str]]:
    """The (href, text) of each recipe link in the table whose first header cell is ``header``."""
    table = re.search(rf"<table>\s*<thead>\s*<tr>\s*<th>{re.escape(header)}</th>.*?</table>", html, flags=re.S)
    return re.findall(r'<a href="([^"]+)">(.*?)</a>', table[0])


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_chooser_and_nav_list_every_recipe_by_its_title(built_site, language):
    from tools.labels import label

    recipes, _ = _catalog()
    expected = [(f"{recipe.base}/", recipe.entries[language].title) for recipe in recipes]
    home = (built_site / SITE_PREFIX[language] / "index.html").read_text()
    assert _table(home, label(language, "column_recipe")) == expected
    chooser = (built_site / SITE_PREFIX[language] / "choosing/index.html").read_text()
    assert _table(chooser, label(language, "column_situation")) == [(f"../{href}", title) for href, title in expected]
    nav = re.findall(r'<a href="([^"]+)" class="md-nav__link">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>',
                     home)
    for href, title in expected:
        assert (href, title) in nav, f"{href} is not in the nav as {title!r}"


RECIPE = ('"""A recipe added to the cookbook in its own files only."""\n\n# --8<-- [start:recipe]\n' + TINY
          + "# --8<-- [end:recipe]\n")
TITLES = {"en": "Added recipe", "ja": "追加したレシピ", "pt-BR": "Receita adicionada"}


def _page(language: str) -> str:
    place = "  section: Optimizers\n  order: 99\n" if language == "en" else ""
    return (f"---\nrecipe:\n{place}  changes: {language} changes\n  when: {language} when\n"
            f"  situation: {language} situation\n  why: {language} why\n  search: [added]\n---\n\n"
            f"# {TITLES[language]}\n\n<!-- lr-downloads: added_recipe -->\n\n"
            '```python\n--8<-- "snippets/added_recipe.py:recipe"\n```\n\n<!-- lr-plot: added_recipe -->\n')


def test_a_new_recipe_is_its_snippet_and_its_three_pages(tmp_path, records, built_site):
    project = copy_project(tmp_path / "project", with_cache=True, with_site_caches=True)
    (project / "snippets/added_recipe.py").write_text(RECIPE)
    for language in LANGUAGES:
        suffix = "" if language == "en" else f".{language}"
        (project / f"docs/added_recipe{suffix}.md").write_text(_page(language))
    result = run_tool(project, "build")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert re.search(r"\(1 run, \d+ cached\)", result.stderr)  # the new snippet only
    site = project / "site"
    for language in LANGUAGES:
        root = site / SITE_PREFIX[language]
        home = (root / "index.html").read_text()
        assert f'<a href="added_recipe/">{TITLES[language]}</a></td>\n<td>{language} changes</td>' in home
        assert f'<a href="../added_recipe/">{TITLES[language]}</a></td>' in (root / "choosing/index.html").read_text()
        assert re.search(rf'href="added_recipe/" class="md-nav__link">\s*<span class="md-ellipsis">\s*{TITLES[language]}',
                         home)  # in the nav
        assert 'class="lr-plot"' in (root / "added_recipe/index.html").read_text()
        assert (root / "runs/notebooks/added_recipe/index.html").is_file()


def _git(project: Path, *arguments: str) -> str:
    return subprocess.run(["git", "-C", str(project), "-c", "user.name=tests", "-c", "user.email=tests@localhost",
                           *arguments], capture_output=True, text=True, check=True).stdout


def test_a_changed_english_page_makes_its_translations_stale(tmp_path, records, built_site):
    project = copy_project(tmp_path / "project", with_cache=True, with_site_caches=True)
    for language in ("ja", "pt-BR"):  # as they are in the repository: following the English page
        assert run_tool(project, "translations", "--update", f"docs/warmup.{language}.md").returncode == 0
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "a copy")
    recorded = english_version(project / "docs/warmup.md")
    with (project / "docs/warmup.md").open("a") as page:
        page.write("\nA sentence the translators have not seen.\n")
    result = run_tool(project, "build")
    output = re.sub(r"\s+", " ", result.stdout + result.stderr)
    assert result.returncode == 0, output[-3000:]  # a warning, not a failure
    for language in ("ja", "pt-BR"):
        assert f"stale translation: docs/warmup.{language}.md follows version {recorded} of docs/warmup.md" in output
    listed = run_tool(project, "translations").stdout
    assert "docs/warmup.ja.md follows version" in listed and "docs/warmup.pt-BR.md follows version" in listed
    assert "+A sentence the translators have not seen." in listed  # the English diff since that version
    run_tool(project, "translations", "--update", "docs/warmup.ja.md")
    listed = run_tool(project, "translations").stdout
    assert "docs/warmup.ja.md" not in listed and "docs/warmup.pt-BR.md follows version" in listed


def test_the_published_address_is_set_without_editing_mkdocs_yml(tmp_path, records, built_site):
    project = copy_project(tmp_path / "project", with_cache=True, with_site_caches=True)
    address = "https://example.org/lr-cookbook/"
    result = run_tool(project, "build", SITE_URL=address)
    assert result.returncode == 0, result.stderr[-3000:]
    site = project / "site"
    assert f'<link rel="canonical" href="{address}ja/warmup/">' in (site / "ja/warmup/index.html").read_text()
    locations = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text())
    assert locations and all(location.startswith(address) for location in locations)
    notebook = (site / "pt-BR/runs/download/warmup.ipynb").read_text()
    assert f"({address}pt-BR/" in notebook  # links to other pages point to the published site
    assert "127.0.0.1" not in notebook
