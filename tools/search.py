"""Stage 6b: full-text search per language with Pagefind.

Pagefind reads the built HTML, splits it by each page's ``<html lang>`` into one
index per language (its extended build segments Japanese into words), and
writes ``pagefind/`` into the site. The search box (``docs/assets/search.js``)
loads the index of the page's own language, so each language finds its own pages.

Pagefind lists the languages in ``pagefind-entry.json`` in hash-map order, which
changes from run to run; :func:`sort_entry_languages` fixes it, so that two
builds of one commit give the same bytes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ENTRY_FILE = "pagefind/pagefind-entry.json"


def index_site(site_dir: str) -> None:
    """Write the Pagefind indexes for the built site in ``site_dir``."""
    command = [sys.executable, "-m", "pagefind", "--site", site_dir, "--silent",
               "--exclude-selectors", ".headerlink"]  # the ¶ after every heading
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"pagefind failed ({result.returncode}): {result.stderr or result.stdout}")
    sort_entry_languages(Path(site_dir) / ENTRY_FILE)


def sort_entry_languages(entry: Path) -> None:
    """Rewrite Pagefind's entry file with its languages in alphabetical order (same compact JSON)."""
    data = json.loads(entry.read_text())
    data["languages"] = dict(sorted(data["languages"].items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
