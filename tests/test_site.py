"""The site: a strict build passes, every page exists in every language with the same
code and markers, plots are injected with localized alt text, and nothing leaves the host."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from tools.discover import check_references, find_snippets
from tools.paths import LANGUAGES, SITE_PREFIX

RECIPES = [snippet.name for snippet in find_snippets()]  # every snippet has a page of its name
SITE_URL = "http://127.0.0.1:8000/"  # site_url in mkdocs.yml: the local server itself
HTML_LANG = {"en": "en", "ja": "ja", "pt-BR": "pt"}


def test_every_page_exists_in_every_language(pages):
    languages_by_base = defaultdict(set)
    for page in pages:
        languages_by_base[page.base].add(page.language)
    missing = {base: set(LANGUAGES) - found for base, found in languages_by_base.items() if found != set(LANGUAGES)}
    assert not missing
    assert set(RECIPES) <= set(languages_by_base)


def test_languages_have_the_same_includes_plots_outputs_and_quoted_numbers(pages):
    from tools.discover import OUTPUT_MARKER
    from tools.paths import DOCS_DIR
    from tools.quotes import QUOTE

    shape = defaultdict(dict)
    for page in pages:
        text = (DOCS_DIR / page.path).read_text()
        shape[page.base][page.language] = (
            [(r.snippet, r.section) for r in page.includes],
            [r.snippet for r in page.plots],
            [m["pattern"] for m in OUTPUT_MARKER.finditer(text)],  # the same printed lines quoted
            [(r.snippet, r.figure) for r in page.figures],
            sorted(m["name"] for m in QUOTE.finditer(text)),
        )
    for base, by_language in shape.items():
        assert len({repr(v) for v in by_language.values()}) == 1, f"{base}: languages differ {by_language}"


def test_every_recipe_page_shows_a_figure_from_its_snippets_run(pages):
    for page in pages:
        if page.base in RECIPES:
            shown = {r.snippet for r in page.plots + page.figures}
            assert shown == {page.base}, page.path


def test_pages_reference_only_existing_snippets_and_sections(pages):
    assert check_references(pages, find_snippets()) == []


def test_the_headings_have_the_same_levels_in_every_language(pages):
    from tools.paths import DOCS_DIR

    levels = defaultdict(dict)
    for page in pages:
        text = re.sub(r"```.*?```", "", (DOCS_DIR / page.path).read_text(), flags=re.S)
        levels[page.base][page.language] = [len(m) for m in re.findall(r"^(#+) ", text, flags=re.M)]
    for base, by_language in levels.items():
        assert len({tuple(v) for v in by_language.values()}) == 1, f"{base}: {by_language}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("recipe", RECIPES)
def test_built_recipe_page_has_its_figures_with_localized_alt_text(built_site, pages, recipe, language):
    (source,) = [p for p in pages if p.base == recipe and p.language == language]
    page = built_site / SITE_PREFIX[language] / recipe / "index.html"
    html = page.read_text()
    assert f'<html lang="{HTML_LANG[language]}"' in html
    figures = re.findall(r'<figure class="lr-plot">(.*?)</figure>', html, flags=re.S)
    assert len(figures) == len(source.plots) + len(source.figures) >= 1
    for figure in figures:
        alt, src = re.search(r'<img alt="([^"]+)" src="([^"]+)"', figure).groups()
        svg = (page.parent / src).resolve()
        assert svg.is_file() and svg.read_bytes().startswith(b"<?xml")
        if language == "ja":
            assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", alt), alt  # written in Japanese
    for figure in figures:  # every figure of a run says where it ran: the provenance line
        assert 'class="lr-provenance"' in figure and "TensorFlow 2.21" in figure and "Keras 3" in figure
    plots = [f for f in figures if f"snippets/{recipe}.py" in re.search(r'<img alt="([^"]+)"', f)[1]]
    assert len(plots) == len(source.plots)  # the recorded plots' alt text names the script
    for figure in plots:
        alt = re.search(r'<img alt="([^"]+)"', figure)[1]
        assert {"ja": "学習率", "pt-BR": "taxa de aprendizado", "en": "learning rate"}[language] in alt
    assert 'class="language-python highlight"' in html  # the recipe's code is on the page


def test_the_plot_matches_the_language_of_the_page(built_site):
    ja = (built_site / "ja/runs/exponential_decay.svg").read_text()
    pt = (built_site / "pt-BR/runs/exponential_decay.svg").read_text()
    en = (built_site / "runs/exponential_decay.svg").read_text()
    assert "学習率" in ja and "taxa de aprendizado" in pt and "learning rate" in en


def test_search_has_an_index_per_language(built_site):
    metas = {p.name.split("_")[0] for p in (built_site / "pagefind").glob("pagefind.*.pf_meta")}
    assert metas == {"pagefind.en", "pagefind.ja", "pagefind.pt"}


RESOURCE = re.compile(r'<(?:script|img|link|iframe|source|video|audio)\b[^>]*?\b(?:src|href)="((?:https?:)?//[^"]+)"')


def test_the_built_site_loads_nothing_from_another_host(built_site):
    """Pages, styles and scripts name no remote resource (links to read elsewhere are fine)."""
    offenders = []
    for path in list(built_site.rglob("*.html")) + list(built_site.rglob("*.css")):
        text = path.read_text()
        urls = RESOURCE.findall(text) + re.findall(r"@import\s+url\((?:['\"])?(https?://[^)'\"]+)", text)
        offenders += [f"{path.relative_to(built_site)}: {url}" for url in urls if not url.startswith(SITE_URL)]
    assert offenders == []


def test_a_recipe_page_shows_its_whole_snippet_in_order(tmp_path):
    """So that the page's code, copied in order, is the script, and its notebook is the build's run."""
    from tools.discover import check_recipe_code, find_pages as pages_of, find_snippets as snippets_of

    (tmp_path / "snippets").mkdir()
    (tmp_path / "docs").mkdir()
    section = "# --8<-- [start:{0}]\nx_{0} = 1\n# --8<-- [end:{0}]\n"
    snippet = tmp_path / "snippets/r.py"
    snippet.write_text(section.format("a") + section.format("b") + "# a comment after the sections is no code\n")
    include = '```python\n--8<-- "snippets/r.py:{}"\n```\n\n'
    page = tmp_path / "docs/r.md"

    def problems(*shown):
        page.write_text("---\nrecipe: {}\n---\n\n# R\n\n" + "".join(include.format(name) for name in shown))
        return [message for _, message in check_recipe_code(pages_of(tmp_path / "docs"), snippets_of(tmp_path / "snippets"))]

    assert problems("a", "b") == []
    assert problems("b", "a") == ["docs/r.md:8: the page shows sections ['b', 'a'] (and 0 other includes); "
                                  "a recipe page shows its snippet's sections ['a', 'b'], in order"]
    assert len(problems("a")) == 1
    with snippet.open("a") as more:
        more.write("y = 2\n")
    assert problems("a", "b") == ["snippets/r.py:8: code outside a section is on no page"]


def test_japanese_plot_labels_are_measured_with_the_cjk_font():
    """Matplotlib finds the CJK font even when its font cache predates the font's installation
    (the build adds the installed files), so Japanese labels are laid out with their own glyphs."""
    from matplotlib import font_manager

    from tools.plot import CJK_FAMILY, ensure_cjk_font

    ensure_cjk_font()
    found = font_manager.findfont(font_manager.FontProperties(family=CJK_FAMILY), fallback_to_default=False)
    assert "NotoSansCJK" in found


# what a Brazilian reader reads is written as Brazilians write numbers (tools/numbers.py); code,
# program output and version numbers keep their dots
VERSION = re.compile(r"(?:TensorFlow|Keras|PyTorch|Lightning|Python|transformers|optax|fastai|mkdocs|arXiv|versão|versões)"
                     r"(?: [\w-]+)? $")
NOT_PROSE = re.compile(r"<(pre|code|script|style|svg|textarea)\b.*?</\1>|<!--.*?-->", re.S)


def dot_decimals(text: str) -> list[str]:
    """The numbers written with a dot in ``text`` that are not versions (``Keras 3.15``, ``2.5.3``)."""
    return [match[0] for match in re.finditer(r"(?<![\w.])\d+(?:\.\d+)+(?![\w.]*\d)", text)
            if match[0].count(".") == 1 and not VERSION.search(text[max(0, match.start() - 40):match.start()])]


def test_dot_decimals_finds_decimals_but_not_versions():
    assert dot_decimals("taxa de 0.01 e Keras 3.15, TensorFlow 2.21 ou Lightning 2.5.3") == ["0.01"]
    assert dot_decimals("0,01; 1.797 imagens; a versão 2.6 do Lightning") == ["1.797"]


def test_portuguese_pages_write_decimal_commas_in_prose_alt_text_and_plots(built_site):
    offenders = []
    for page in sorted((built_site / "pt-BR").rglob("*.html")):
        html = page.read_text()
        body = html[html.find("<article"):html.rfind("</article>")]
        readable = NOT_PROSE.sub(" ", body)
        texts = re.findall(r">([^<]+)<", readable) + re.findall(r'\balt="([^"]*)"', readable)
        texts += re.findall(r"<mn>([^<]+)</mn>", body)  # formulas: MathML numbers
        offenders += [f"{page.relative_to(built_site)}: {found} in {text.strip()[:80]!r}" for text in texts
                      for found in dot_decimals(text) if not re.fullmatch(r"\d{1,3}\.\d{3}", found)]  # 1.797: thousands
    for plot in sorted((built_site / "pt-BR" / "runs").glob("*.svg")):  # the build's plots; a snippet's own figures are its output
        labels = re.findall(r"<text\b[^>]*>([^<]+)</text>", plot.read_text())
        offenders += [f"{plot.relative_to(built_site)}: {label}" for label in labels if dot_decimals(label)]
    assert offenders == []


def test_every_quoted_number_is_written_in_pages_and_notebooks(built_site):
    """No ``{{ name }}`` is left for a reader: the build wrote every quote of every page, in the page
    and in its notebook (the quotes themselves are tested in test_quotes.py)."""
    import json

    from tools.quotes import QUOTE

    left = [f"{page.relative_to(built_site)}: {match[0]}" for page in built_site.rglob("*.html")
            for match in QUOTE.finditer(NOT_PROSE.sub(" ", page.read_text()))]
    for notebook in built_site.rglob("*.ipynb"):
        cells = json.loads(notebook.read_text())["cells"]
        left += [f"{notebook.relative_to(built_site)}: {match[0]}" for cell in cells if cell["cell_type"] == "markdown"
                 for match in QUOTE.finditer("".join(cell["source"]))]
    assert left == []


def test_formulas_show_no_tex_command(built_site):
    """Every formula became MathML the browser draws: no ``\\arg`` or other TeX command left as text."""
    left = [f"{page.relative_to(built_site)}: {found}" for page in built_site.rglob("*.html")
            for found in re.findall(r"<m[ion]>\\\w+</m[ion]>", page.read_text())]
    assert left == []
