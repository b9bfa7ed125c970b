"""The built site in a real headless Chromium: search in each language finds that
language's recipes only, and pages load with no error and no request to another host."""

from __future__ import annotations

import functools
import http.server
import threading
from urllib.parse import urlparse

import pytest
from playwright.sync_api import sync_playwright

from tools.discover import find_snippets

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-background-networking", "--disable-component-update"]
RECIPES = {snippet.name for snippet in find_snippets()}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(built_site):
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    """A fresh page that records console errors, failed requests and every host it contacts."""
    context = browser.new_context()
    page = context.new_page()
    page.problems = []
    page.hosts = set()
    page.on("console", lambda m: m.type == "error" and page.problems.append(f"console: {m.text}"))
    page.on("requestfailed", lambda r: page.problems.append(f"failed: {r.url}"))
    page.on("response", lambda r: r.status >= 400 and page.problems.append(f"{r.status}: {r.url}"))
    page.on("request", lambda r: page.hosts.add(urlparse(r.url).netloc))
    yield page
    context.close()


def _search(page, url: str, query: str) -> list[str]:
    page.goto(url)
    page.click(".lr-search-toggle")
    page.fill("#lr-search input", query)
    page.wait_for_selector("#lr-search .pagefind-ui__result-link")
    page.wait_for_timeout(300)  # let every result render
    return [urlparse(a.get_attribute("href")).path for a in page.query_selector_all("#lr-search .pagefind-ui__result-link")]


@pytest.mark.parametrize(
    ("prefix", "query"),
    [("/ja/", "学習率"), ("/pt-BR/", "taxa de aprendizado"), ("/", "learning rate")],
    ids=["ja", "pt-BR", "en"],
)
def test_search_finds_the_recipes_of_the_readers_language_only(page, server, prefix, query):
    paths = _search(page, server + prefix, query)
    others = [p for p in ("/ja/", "/pt-BR/") if p != prefix]
    assert all(path.startswith(prefix) for path in paths), paths
    assert not any(path.startswith(other) for path in paths for other in others), paths
    found = {path.removeprefix(prefix).strip("/") for path in paths} & RECIPES
    assert len(found) >= 3, f"{query!r} on {prefix} found {sorted(found)}"  # the first page of results
    assert page.problems == []
    assert page.hosts == {urlparse(server).netloc}


@pytest.mark.parametrize("path", ["/", "/ja/exponential_decay/", "/pt-BR/reduce_lr_on_plateau/", "/manual_assignment/", "/ja/momentum/", "/pt-BR/adaptive_optimizers/", "/ja/cosine_decay_restarts/"])
def test_pages_load_cleanly_with_their_plot(page, server, path):
    page.goto(server + path)
    page.wait_for_load_state("networkidle")
    widths = page.eval_on_selector_all(".lr-plot img", "imgs => imgs.map(i => i.naturalWidth)")
    if path != "/":
        assert widths and all(w > 0 for w in widths)
    assert page.problems == []
    assert page.hosts == {urlparse(server).netloc}
