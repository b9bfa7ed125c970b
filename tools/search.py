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

import hashlib
import json
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

from tools.atomic import replaced_directory
from tools.paths import PAGEFIND_CACHE

ENTRY_FILE = "pagefind/pagefind-entry.json"


def index_site(site_dir: str, cache_dir: Path = PAGEFIND_CACHE) -> None:
    """Write the Pagefind indexes for the built site in ``site_dir``.

    The index depends only on the site's HTML, so it is cached under the hash of
    every HTML file (and of this module, which holds the options): a build that
    changed no page copies the last index instead of running Pagefind again.
    """
    site = Path(site_dir)
    cached = cache_dir / _html_hash(site)
    if (cached / ENTRY_FILE).is_file():
        shutil.copytree(cached / "pagefind", site / "pagefind")
        return
    command = [sys.executable, "-m", "pagefind", "--site", site_dir, "--silent",
               "--exclude-selectors", ".headerlink"]  # the ¶ after every heading
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"pagefind failed ({result.returncode}): {result.stderr or result.stdout}")
    sort_entry_languages(site / ENTRY_FILE)
    _store(site / "pagefind", cached)


def _html_hash(site: Path) -> str:
    """SHA-256 of every HTML file's path and bytes, of this module, and of Pagefind's version."""
    digest = hashlib.sha256(Path(__file__).read_bytes() + version("pagefind").encode())
    for page in sorted(site.rglob("*.html")):
        digest.update(page.relative_to(site).as_posix().encode() + b"\0" + page.read_bytes())
    return digest.hexdigest()[:20]


def _store(index: Path, cached: Path) -> None:
    """Keep a copy of ``index`` at ``cached`` (written aside, then renamed); drop older copies."""
    with replaced_directory(cached) as staging:
        shutil.copytree(index, staging / "pagefind")
    for old in cached.parent.iterdir():
        if old != cached and not old.name.startswith("."):
            shutil.rmtree(old, ignore_errors=True)


def sort_entry_languages(entry: Path) -> None:
    """Rewrite Pagefind's entry file with its languages in alphabetical order (same compact JSON)."""
    data = json.loads(entry.read_text())
    data["languages"] = dict(sorted(data["languages"].items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
