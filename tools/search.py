"""Stage 6b: full-text search per language with Pagefind.

Pagefind reads the built HTML, splits it by each page's ``<html lang>`` into one
index per language (its extended build segments Japanese into words), and
writes ``pagefind/`` into the site. The search box (``docs/assets/search.js``)
loads the index of the page's own language, so each language finds its own pages.
"""

from __future__ import annotations

import subprocess
import sys


def index_site(site_dir: str) -> None:
    """Write the Pagefind indexes for the built site in ``site_dir``."""
    command = [sys.executable, "-m", "pagefind", "--site", site_dir, "--silent",
               "--exclude-selectors", ".headerlink"]  # the ¶ after every heading
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"pagefind failed ({result.returncode}): {result.stderr or result.stdout}")
