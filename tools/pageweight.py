"""What a reader's browser transfers to show a page the first time, nothing cached (``make bench``, row f).

Each page opens in a fresh Chromium context (empty cache) from a local server, and
every response it takes until the network is idle is counted at its gzip size, as
a server that compresses sends it (level 6, the usual default). Search stays closed,
so Pagefind's UI, which the site loads when the reader first opens search, is not
counted; :func:`first_load` says if a page loaded it anyway.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
PAGEFIND_UI = "pagefind-ui.js"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def served(directory: Path):
    """The directory on a local HTTP server; yields its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(_QuietHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def first_load(site: Path, pages: list[str]) -> dict[str, dict]:
    """For each page (a path under ``site``, e.g. ``ja/warmup/``): the gzip bytes of everything it
    loaded, by kind of resource, and whether Pagefind's UI was among them."""
    from playwright.sync_api import sync_playwright

    weights = {}
    with served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        for page_path in pages:
            context = browser.new_context()
            page = context.new_page()
            responses = []
            page.on("response", lambda response: responses.append(response))
            page.goto(f"{base}/{page_path}", wait_until="networkidle")
            by_kind: dict[str, int] = {}
            for response in responses:
                if response.status != 200:
                    continue
                kind = response.request.resource_type
                by_kind[kind] = by_kind.get(kind, 0) + len(gzip.compress(response.body(), 6))
            weights[page_path] = {"bytes": sum(by_kind.values()), "by_kind": by_kind,
                                  "pagefind_ui": any(r.url.endswith(PAGEFIND_UI) for r in responses)}
            context.close()
        browser.close()
    return weights
