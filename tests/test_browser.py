"""The site as mike deploys it, in a real headless Chromium, served on localhost.

Every page of every language loads without a console error, a failed request or a
request to another host; plots load with alt text in the page's language; every
page's language switcher leads to the same page in each language; the version
selector works; search finds each language's recipes, and each recipe first by its
name and its glossary term; a code block's copy button copies exactly the code, which runs.
"""

from __future__ import annotations

import re
import subprocess
import sys
from urllib.parse import urlparse

import pytest
from playwright.sync_api import sync_playwright

from tests.pagecode import python_chains
from mkdocs.config import load_config

from tools.catalog import nav_sections, read_catalog
from tools.discover import find_pages, find_snippets
from tools.labels import PLAYGROUND_WORDS
from tools.pageweight import CHROMIUM, served
from tools.paths import DOCS_DIR, MKDOCS_YML, ROOT, SITE_PREFIX
from tools.playground import SPECS
from tests.closed_forms import BY_CLASS as PLAYGROUND_BUILTINS
from tests.tolerances import CUSTOM, PARSED, differing_kernels, significant, within

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-background-networking", "--disable-component-update"]
RECIPES = {snippet.name for snippet in find_snippets()}
CATALOG = read_catalog(find_pages(), nav_sections(load_config(str(MKDOCS_YML)).nav), RECIPES, DOCS_DIR)[0]
ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="module")
def server(published):
    directory, _, _ = published
    with served(directory) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    """A fresh page that records console errors, failed requests and every host it contacts."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page = context.new_page()
    page.problems, page.hosts = [], set()
    page.on("console", lambda m: m.type == "error" and page.problems.append(f"{page.url}: console: {m.text}"))
    # a request cut short by leaving the page (net::ERR_ABORTED) did not fail; a missing file shows as a 404
    page.on("requestfailed", lambda r: "ERR_ABORTED" not in (r.failure or "")
            and page.problems.append(f"{page.url}: failed: {r.url} ({r.failure})"))
    page.on("response", lambda r: r.status >= 400 and page.problems.append(f"{page.url}: {r.status}: {r.url}"))
    page.on("request", lambda r: page.hosts.add(urlparse(r.url).netloc))
    yield page
    context.close()


def _pages(published) -> list[str]:
    directory, _, _ = published
    return sorted(p.parent.relative_to(directory).as_posix() + "/"
                  for p in (directory / "0.2").rglob("index.html"))


def _same_page_in(path: str, language: str) -> str:
    """``0.2/ja/runs/notebooks/x/`` in another language: ``0.2/pt-BR/runs/notebooks/x/``."""
    version, rest = path.split("/", 1)
    for prefix in sorted(SITE_PREFIX.values(), key=len, reverse=True):
        if prefix and rest.startswith(prefix):
            rest = rest[len(prefix):]
            break
    return f"/{version}/{SITE_PREFIX[language]}{rest}"


def test_every_page_of_every_language_loads_cleanly_with_its_images_and_switcher(page, server, published):
    paths = _pages(published)
    assert len(paths) >= 3 * (len(RECIPES) * 2 + 2)  # recipes, their notebooks, home and chooser
    wrong_switches = []
    for path in paths:
        page.goto(f"{server}/{path}")
        page.wait_for_load_state("load")
        images = page.eval_on_selector_all(
            ".lr-plot img", "imgs => imgs.map(i => [i.naturalWidth, i.getAttribute('alt') || ''])")
        for width, alt in images:
            assert width > 0 and alt.strip(), f"{path}: image without width or alt"
            if path.startswith("0.2/ja/"):
                assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", alt), f"{path}: alt not in Japanese: {alt}"
        links = dict(page.eval_on_selector_all("a.md-select__link[hreflang]", "as => as.map(a => [a.hreflang, a.href])"))
        expected = {language: _same_page_in(path, language) for language in SITE_PREFIX}
        if {language: urlparse(href).path for language, href in links.items()} != expected:
            wrong_switches.append(f"{path}: {links}")
    assert wrong_switches == []  # every page's language switcher leads to the same page in each language
    assert page.problems == []
    assert page.hosts == {urlparse(server).netloc}


def test_recipe_pages_show_their_plots(page, server):
    for language, prefix in SITE_PREFIX.items():
        page.goto(f"{server}/0.2/{prefix}exponential_decay/")
        alts = page.eval_on_selector_all(".lr-plot img", "imgs => imgs.map(i => i.alt)")
        word = {"en": "learning rate", "ja": "学習率", "pt-BR": "taxa de aprendizado"}[language]
        assert alts and all(word in alt for alt in alts)
        # the caption under the plot: Material's italic, except in Japanese, which has none
        slant = page.eval_on_selector(".lr-plot figcaption", "c => getComputedStyle(c).fontStyle")
        assert slant == ("normal" if language == "ja" else "italic")


@pytest.mark.parametrize("language", list(SITE_PREFIX))
@pytest.mark.parametrize("where", ["warmup/", "runs/notebooks/warmup/"], ids=["recipe", "notebook"])
def test_clicking_the_language_switcher_opens_the_same_page(page, server, language, where):
    page.goto(f"{server}/0.2/{SITE_PREFIX[language]}{where}")
    target = next(lang for lang in SITE_PREFIX if lang != language)
    page.hover(".md-header__option .md-select")
    page.click(f"a.md-select__link[hreflang='{target}']")
    page.wait_for_url(f"**/0.2/{SITE_PREFIX[target]}{where}")


def test_version_selector_lists_the_versions_and_switches(page, server):
    page.goto(f"{server}/")
    page.wait_for_url("**/0.2/")  # the default alias, latest, redirects to 0.2
    page.wait_for_load_state("networkidle")
    page.problems.clear()  # the redirect pages abort their own load; that is how they work
    page.goto(f"{server}/0.2/ja/cosine_decay/")
    page.wait_for_selector(".md-version__link")
    hrefs = page.eval_on_selector_all(".md-version__link", "as => as.map(a => a.href)")
    assert [urlparse(h).path.strip("/").split("/")[0] for h in hrefs] == ["0.2", "0.1"]
    assert set(page.eval_on_selector_all(".md-version__alias", "s => s.map(x => x.textContent)")) == {"latest"}
    page.hover(".md-version")
    page.click(".md-version__link:has-text('0.1')")
    page.wait_for_url("**/0.1/ja/cosine_decay/")
    assert page.problems == []


@pytest.mark.parametrize(
    ("prefix", "query"),
    [("ja/", "学習率"), ("pt-BR/", "taxa de aprendizado"), ("", "learning rate")],
    ids=["ja", "pt-BR", "en"],
)
def test_search_finds_the_recipes_of_the_readers_language_only(page, server, prefix, query):
    requested = []
    page.on("request", lambda r: requested.append(urlparse(r.url).path))
    page.goto(f"{server}/0.2/{prefix}")
    page.wait_for_load_state("networkidle")
    # Pagefind's UI is fetched when the reader opens the search, not with every page
    assert not [path for path in requested if "/pagefind/" in path]
    page.click(".lr-search-toggle")
    page.fill("#lr-search input", query)
    # the first page of results: Pagefind shows five, then loads more on request
    page.wait_for_function("document.querySelectorAll('#lr-search .pagefind-ui__result-link').length >= 5")
    hrefs = page.eval_on_selector_all("#lr-search .pagefind-ui__result-link", "as => as.map(a => a.href)")
    paths = [urlparse(href).path for href in hrefs]
    inside = f"/0.2/{prefix}"
    others = [f"/0.2/{p}" for p in ("ja/", "pt-BR/") if p != prefix]
    assert paths and all(p.startswith(inside) and not any(p.startswith(o) for o in others) for p in paths), paths
    found = {p.removeprefix(inside).strip("/") for p in paths} & RECIPES
    assert len(found) >= 3, f"{query!r} found {sorted(found)}"
    assert {"pagefind-ui.js", "pagefind-ui.css"} <= {path.rsplit("/", 1)[-1] for path in requested}
    assert page.problems == []
    assert page.hosts == {urlparse(server).netloc}


# Pagefind's own API in the page: the module the search box loaded (same URL, so the same
# instance, with the ranking the search box set), the first results of a query as site paths
SEARCH = """async (query) => {
  const pagefind = await import(new URL("../pagefind/pagefind.js", document.querySelector("script[src$='search.js']").src));
  const search = await pagefind.search(query);
  const first = await Promise.all(search.results.slice(0, 3).map(result => result.data()));
  return first.map(data => new URL(data.url, location.href).pathname);
}"""


@pytest.mark.parametrize("language", list(SITE_PREFIX))
def test_a_recipes_name_and_glossary_term_find_that_recipe_first(page, server, language):
    """What a reader types for each recipe (its front matter's ``search``: the API name and the
    glossary's term, in the page's language) lists that recipe page first."""
    page.goto(f"{server}/0.2/{SITE_PREFIX[language]}")
    recipe = CATALOG[0]
    page.click(".lr-search-toggle")  # the search box: its first result ...
    page.fill("#lr-search input", recipe.entries[language].search[-1])
    page.wait_for_selector("#lr-search .pagefind-ui__result-link")
    first = page.eval_on_selector("#lr-search .pagefind-ui__result-link", "a => a.href")
    assert urlparse(first).path == f"/0.2/{SITE_PREFIX[language]}{recipe.base}/"
    misses = []  # ... and, with the ranking it set, every term of every recipe
    for recipe in CATALOG:
        for term in recipe.entries[language].search:
            paths = page.evaluate(SEARCH, term)
            expected = f"/0.2/{SITE_PREFIX[language]}{recipe.base}/"
            if not paths or paths[0] != expected:
                misses.append(f"{term!r}: {paths} (wanted {expected})")
    assert misses == []
    assert page.problems == []


def test_copy_buttons_copy_exactly_the_code_which_runs(page, server, tmp_path):
    # what the browser puts on the clipboard when a copy happens: the selection at that moment
    page.add_init_script("window.__copied = []; document.addEventListener('copy', () => "
                         "window.__copied.push(document.getSelection().toString()))")
    page.goto(f"{server}/0.2/ja/manual_assignment/")
    buttons = page.query_selector_all(".language-python button[data-md-type=copy]")
    assert buttons
    for button in buttons:
        button.click()
    copied = page.evaluate("window.__copied")
    (blocks,) = python_chains(DOCS_DIR / "manual_assignment.ja.md")  # the page's one chain of blocks
    assert copied == [block.rstrip("\n") for block in blocks]  # Material drops each block's final newline
    script = tmp_path / "copied.py"
    script.write_text("\n".join(copied) + "\n")
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=600,
                            cwd=tmp_path, env={"PATH": "/usr/bin:/bin", "TF_CPP_MIN_LOG_LEVEL": "2"})
    # the last block is the old recipe, marked `# Raises ValueError`: it does, after the others ran
    assert "learning rate now: 0.001" in result.stdout and "variable holds:" in result.stdout
    assert result.returncode == 1 and result.stderr.splitlines()[-1].startswith(
        "ValueError: Argument `learning_rate` should be float"), result.stderr[-2000:]


def test_full_page_screenshot_of_one_recipe_per_language(page, server):
    """For a person to look at: tests/artifacts/ (ignored by git)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for language, prefix in SITE_PREFIX.items():
        page.goto(f"{server}/0.2/{prefix}exponential_decay/")
        page.wait_for_load_state("networkidle")
        path = ARTIFACTS / f"exponential_decay.{language}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 50_000


def _first_typed_param(spec):
    """The first parameter typed as text, and a valid new text for it."""
    param = next(p for p in spec.params if p.kind not in ("bool", "choice") and p.value is not None)
    new = {"float": lambda v: repr(v * 0.5 if v else 0.02), "int": lambda v: str(v * 2),
           "ints": lambda v: ", ".join(str(b // 2) for b in v), "floats": lambda v: ", ".join(repr(x * 2) for x in v)}
    return param, new[param.kind](param.value)


@pytest.mark.parametrize("language", list(SITE_PREFIX))
def test_every_schedule_page_has_a_playground_that_follows_the_reader(page, server, records, language):
    """Each schedule page's playground, in the page's language: it starts at the recipe's curve
    (the rate read at its last step is the recorded one), redraws on typing, says what is wrong with
    bad input and keeps the last curve, reads the rate under the pointer and with the keyboard,
    switches to a log axis, copies its call, and goes back to the recipe's values."""
    words = PLAYGROUND_WORDS[language]
    decimal = r"\d+,\d+" if language == "pt-BR" else r"\d+\.\d+"
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{server}/0.2/{SITE_PREFIX[language]}momentum/")  # a page without a playground does not load it
    page.wait_for_load_state("networkidle")
    assert requested and not [url for url in requested if url.endswith("/playground.js")]
    readout = re.compile(re.escape(words["readout"]).replace(r"\{step\}", r"(?P<step>[\d.,]+)")
                         .replace(r"\{rate\}", rf"(?P<rate>(?:{decimal}|\d)(?:E-?\d+)?|0)"))
    for snippet, spec in SPECS.items():
        page.goto(f"{server}/0.2/{SITE_PREFIX[language]}{snippet}/")
        panel = page.locator(".lr-playground")
        assert panel.is_visible(), snippet
        curve = page.locator(".lr-playground__curve")
        assert curve.get_attribute("data-steps") == str(spec.steps)
        # what is drawn: the curve and the axes' ticks (halving a rate keeps the curve's shape, not its ticks)
        drawing = lambda: curve.get_attribute("d") + page.inner_html(".lr-playground__grid")  # noqa: E731
        first_path, first_call = drawing(), page.inner_text(".lr-playground__call code")
        assert first_call.startswith(spec.callable + "(\n")

        chart = page.locator(".lr-playground__chart")
        chart.focus()
        page.keyboard.press("End")
        match = readout.fullmatch(page.inner_text(".lr-playground__readout"))
        assert match, page.inner_text(".lr-playground__readout")
        assert int(re.sub(r"\D", "", match["step"])) == spec.steps - 1
        last = [rate for fit in records[snippet].fits if fit.model == spec.model for rate in fit.learning_rate][-1]
        # shown with 6 significant digits (of the script's rate, which differs from Keras' only in the kernels)
        kernels = (differing_kernels(spec.schedule, spec.values(), [spec.steps - 1])
                   if spec.schedule in PLAYGROUND_BUILTINS else dict(rtol=CUSTOM, atol=0.0))
        shown = significant(6)
        assert within(float(match["rate"].replace(",", ".")), last, rtol=shown * (1 + kernels["rtol"]) + kernels["rtol"]
                      + PARSED, atol=kernels["atol"] * (1 + shown))
        page.keyboard.press("Home")
        assert readout.fullmatch(page.inner_text(".lr-playground__readout"))["step"] == "0"
        box = chart.bounding_box()
        page.mouse.move(box["x"] + box["width"] * 0.6, box["y"] + box["height"] / 2)
        assert int(re.sub(r"\D", "", readout.fullmatch(page.inner_text(".lr-playground__readout"))["step"])) > 0

        param, text = _first_typed_param(spec)
        field = page.locator(f"#lr-playground-{snippet}-{param.name}")
        field.fill(text)
        assert drawing() != first_path, (snippet, param.name)
        literal = f"[{text}]" if param.kind in ("ints", "floats") else text
        assert f"{param.name}={literal}," in page.inner_text(".lr-playground__call code")
        drawn, called = drawing(), page.inner_text(".lr-playground__call code")
        field.fill("x")
        expected = words["need_list" if param.kind in ("ints", "floats") else "need_number"]
        assert page.inner_text(f"#lr-playground-{snippet}-{param.name}-error") == expected
        assert field.get_attribute("aria-invalid") == "true"
        assert (drawing(), page.inner_text(".lr-playground__call code")) == (drawn, called)

        page.check(f"#lr-playground-{snippet}-log")
        assert drawing() != drawn  # the last good values, on a logarithmic axis
        page.click(".lr-playground__options .md-button")  # back to the recipe's values, linear axis
        assert (drawing(), page.inner_text(".lr-playground__call code")) == (first_path, first_call)
        assert field.get_attribute("aria-invalid") == "false"

        page.click(".lr-playground__copy")
        page.wait_for_function("text => document.querySelector('.lr-playground__copy').textContent === text",
                               arg=words["copied"])
        assert page.evaluate("navigator.clipboard.readText()") == first_call
    assert page.problems == []


def test_the_playground_fits_a_phone_in_the_dark_palette_and_without_javascript_the_plot_stays(browser, server):
    phone = browser.new_context(viewport={"width": 360, "height": 740}, color_scheme="dark", is_mobile=True)
    page = phone.new_page()
    for language, prefix in SITE_PREFIX.items():
        for snippet in ("one_cycle", "piecewise_constant_decay"):
            page.goto(f"{server}/0.2/{prefix}{snippet}/")
            page.locator(".lr-playground").scroll_into_view_if_needed()
            assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
            overflow = page.eval_on_selector_all(".lr-playground, .lr-playground *", "els => els.filter(e => "
                                                 "e.getBoundingClientRect().right > 360.5).map(e => e.className)")
            assert overflow == [], (language, snippet)
            size = page.eval_on_selector(".lr-playground__chart text", "t => t.getBoundingClientRect().height")
            assert size >= 10  # the axis labels stay readable: the drawing is in the phone's pixels
            # light text on the dark background, in the chart and in the fields
            for selector, prop in ((".lr-playground__chart text", "fill"), (".lr-playground input[type=text]", "color")):
                rgb = page.eval_on_selector(selector, f"e => getComputedStyle(e).{prop}")
                assert sum(map(int, re.findall(r"\d+", rgb)[:3])) > 3 * 150, (selector, rgb)
    phone.close()

    static = browser.new_context(java_script_enabled=False)
    page = static.new_page()
    for language, prefix in SITE_PREFIX.items():
        page.goto(f"{server}/0.2/{prefix}cosine_decay/")
        assert page.locator(".lr-plot img").first.evaluate("i => i.complete && i.naturalWidth > 0")
        assert not page.locator(".lr-playground").is_visible()
        assert page.inner_text(".lr-playground__noscript") == PLAYGROUND_WORDS[language]["noscript"]
    static.close()
