"""Every Python block on every page, in every language, runs in a fresh interpreter.

A chain (a block and the blocks marked ``<!--pytest-codeblocks:cont-->`` after
it) runs block by block in one interpreter, as a reader runs them in a notebook
or a REPL. A block whose first line is ``# Raises Name`` (a Keras 3 pitfall,
shown on purpose) must raise that exception, and the chain goes on; one whose
first line is ``# Warns Name`` must issue a warning of that category. The three
languages show the same code, so each distinct chain runs once and counts for
every page that shows it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tools.discover import find_pages
from tools.cells import expectation_of
from tools.paths import DOCS_DIR
from tests.pagecode import python_chains

# Runs the blocks of a chain in order in one namespace; exits non-zero on an unexpected
# error, when a block marked `# Raises Name` does not raise Name, or when a block marked
# `# Warns Name` issues no warning of category Name.
DRIVER = """\
import json, sys, warnings
namespace = {"__name__": "__main__"}
for number, (code, verb, expected) in enumerate(json.load(open(sys.argv[1])), start=1):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            exec(compile(code, f"<block {number}>", "exec"), namespace)
        except Exception as error:
            if verb != "Raises" or expected not in [cls.__name__ for cls in type(error).__mro__]:
                raise
            print(f"block {number} raised {type(error).__name__}, as marked", file=sys.stderr)
        else:
            if verb == "Raises":
                sys.exit(f"block {number} is marked `# Raises {expected}` but ran without error")
    if verb == "Warns":
        if not any(expected in [cls.__name__ for cls in w.category.__mro__] for w in caught):
            sys.exit(f"block {number} is marked `# Warns {expected}` but issued no such warning")
        print(f"block {number} warned {expected}, as marked", file=sys.stderr)
"""


def _chains_by_code() -> dict[tuple[str, ...], list[str]]:
    where: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for page in find_pages():
        for index, blocks in enumerate(python_chains(DOCS_DIR / page.path)):
            where[tuple(blocks)].append(f"{page.path}#{index + 1}")
    return where


CHAINS = _chains_by_code()


def test_every_language_shows_the_same_code():
    by_base: dict[str, dict[str, list[list[str]]]] = defaultdict(dict)
    for page in find_pages():
        by_base[page.base][page.language] = python_chains(DOCS_DIR / page.path)
    for base, languages in by_base.items():
        assert len({repr(chains) for chains in languages.values()}) == 1, f"{base}: code differs between languages"


def test_every_page_that_includes_a_snippet_has_runnable_code():
    for page in find_pages():
        if page.includes:
            assert python_chains(DOCS_DIR / page.path), f"{page.path}: includes code but shows no python block"


def _run_chain(blocks: tuple[str, ...], directory: Path) -> tuple[list, subprocess.CompletedProcess]:
    """Run one chain through the driver in a fresh interpreter in ``directory``."""
    marked = [(code, *((expects.verb, expects.name.rsplit(".", 1)[-1]) if (expects := expectation_of(code))
                       else (None, None))) for code in blocks]
    directory.mkdir(parents=True)
    (directory / "blocks.json").write_text(json.dumps(marked))
    (directory / "driver.py").write_text(DRIVER)
    result = subprocess.run([sys.executable, "driver.py", "blocks.json"], cwd=directory, capture_output=True,
                            text=True, timeout=600, env={"PATH": "/usr/bin:/bin", "TF_CPP_MIN_LOG_LEVEL": "2"})
    return marked, result


@pytest.fixture(scope="module")
def chain_results(tmp_path_factory) -> dict:
    """Every chain run once, as many at a time as there are CPUs (each in its own interpreter)."""
    root = tmp_path_factory.mktemp("chains")
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        futures = {blocks: pool.submit(_run_chain, blocks, root / f"chain-{index}")
                   for index, blocks in enumerate(CHAINS)}
        return {blocks: future.result() for blocks, future in futures.items()}


@pytest.mark.parametrize("blocks", list(CHAINS), ids=[",".join(pages[:1]) for pages in CHAINS.values()])
def test_code_block_runs_in_a_fresh_interpreter(blocks, chain_results):
    marked, result = chain_results[blocks]
    shown_on = ", ".join(CHAINS[blocks])
    assert result.returncode == 0, f"block on {shown_on} failed:\n{result.stderr[-3000:]}"
    for code, verb, expected in marked:
        if verb:
            assert f"{'raised' if verb == 'Raises' else 'warned'} {expected}, as marked" in result.stderr
