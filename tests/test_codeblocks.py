"""Every Python block on every page, in every language, runs as-is in a fresh interpreter.

Blocks marked ``<!--pytest-codeblocks:cont-->`` (and saying so in prose) are
joined to the block they continue. The three languages show the same code, so
each distinct chain runs once and counts for every page that shows it.
"""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict

import pytest

from tools.discover import find_pages
from tools.paths import DOCS_DIR
from tests.pagecode import python_chains


def _chains_by_code() -> dict[str, list[str]]:
    where: dict[str, list[str]] = defaultdict(list)
    for page in find_pages():
        for index, code in enumerate(python_chains(DOCS_DIR / page.path)):
            where[code].append(f"{page.path}#{index + 1}")
    return where


CHAINS = _chains_by_code()


def test_every_language_shows_the_same_code():
    by_base: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for page in find_pages():
        by_base[page.base][page.language] = python_chains(DOCS_DIR / page.path)
    for base, languages in by_base.items():
        assert len({tuple(chains) for chains in languages.values()}) == 1, f"{base}: code differs between languages"


def test_every_page_that_includes_a_snippet_has_runnable_code():
    for page in find_pages():
        if page.includes:
            assert python_chains(DOCS_DIR / page.path), f"{page.path}: includes code but shows no python block"


@pytest.mark.parametrize("code", list(CHAINS), ids=[",".join(pages[:1]) for pages in CHAINS.values()])
def test_code_block_runs_in_a_fresh_interpreter(code, tmp_path):
    script = tmp_path / "block.py"
    script.write_text(code)
    result = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True,
                            timeout=600, env={"PATH": "/usr/bin:/bin", "TF_CPP_MIN_LOG_LEVEL": "2"})
    shown_on = ", ".join(CHAINS[code])
    assert result.returncode == 0, f"block on {shown_on} failed:\n{result.stderr[-3000:]}"
