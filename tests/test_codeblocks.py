"""Every Python block on every page, in every language, runs as a reader runs it.

A chain (a block and the blocks marked ``<!--pytest-codeblocks:cont-->`` after
it) runs block by block in one namespace, as a reader runs them in a notebook
or a REPL. A block whose first line is ``# Raises Name`` (a Keras 3 pitfall,
shown on purpose) must raise that exception, and the chain goes on; one whose
first line is ``# Warns Name`` must issue a warning of that category. The three
languages show the same code, so each distinct chain is proven once and counts
for every page that shows it.

A chain that is exactly a snippet's code cells, in order, was already run by the
build: the worker runs those same bytes cell by cell in a fresh ``__main__``
namespace, holds each cell to its ``# Raises``/``# Warns`` line, and fails the
build otherwise (:mod:`tools.worker`). Such a chain is proven by that run (the
session's record of the snippet, keyed by the snippet's current bytes) and does
not run a second time; what the worker has that a fresh interpreter has not, the
modules it loaded before, is checked apart (:mod:`tests.imports`). Any other chain runs in a fresh interpreter of its own.
So the cost of this file does not grow with the recipes: a recipe page shows its
whole snippet in order (the build checks it), so its chain is its snippet's run.
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

from tests.imports import unimported_modules, unimported_modules_of
from tools.cache import RunCache, cache_key
from tools.cells import expectation_of, split_cells
from tools.discover import find_pages, find_snippets
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
# the snippet whose code cells, in order, are exactly a chain's blocks (a block's code ends with a newline)
SNIPPET_OF_CHAIN = {tuple(cell.source + "\n" for cell in split_cells(snippet.path) if cell.kind == "code"): snippet
                    for snippet in find_snippets()}
RUN_BY_THE_BUILD = [blocks for blocks in CHAINS if blocks in SNIPPET_OF_CHAIN]
RUN_HERE = [blocks for blocks in CHAINS if blocks not in SNIPPET_OF_CHAIN]


def _ids(chains) -> list[str]:
    return [CHAINS[blocks][0] for blocks in chains]


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
    """Every chain the build did not run, run once, as many at a time as there are CPUs (each in
    its own interpreter)."""
    root = tmp_path_factory.mktemp("chains")
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        futures = {blocks: pool.submit(_run_chain, blocks, root / f"chain-{index}")
                   for index, blocks in enumerate(RUN_HERE)}
        return {blocks: future.result() for blocks, future in futures.items()}


@pytest.mark.parametrize("blocks", RUN_BY_THE_BUILD, ids=_ids(RUN_BY_THE_BUILD))
def test_a_chain_that_is_its_snippet_ran_in_the_build_cell_by_cell(blocks, records):
    snippet = SNIPPET_OF_CHAIN[blocks]
    record = records[snippet.name]  # the session's build ran every snippet without a failure
    assert record.key == cache_key(snippet)  # ... of these very bytes
    outputs = RunCache().outputs(record)
    assert [output["section"] for output in outputs] == [
        cell.section for cell in split_cells(snippet.path) if cell.kind == "code"]
    for code, output in zip(blocks, outputs, strict=True):  # the worker checked each mark's class
        expects = expectation_of(code)
        if expects and expects.verb == "Raises":
            assert output["error"], f"{snippet.relpath}: a block marked `{expects}` recorded no error"
        if expects and expects.verb == "Warns":
            assert output["warnings"], f"{snippet.relpath}: a block marked `{expects}` recorded no warning"


@pytest.fixture(scope="module")
def unimported() -> dict[tuple[str, ...], list[str]]:
    """Every chain the build ran, checked at once (one fresh interpreter per import statement to look up after)."""
    return unimported_modules_of(RUN_BY_THE_BUILD)


@pytest.mark.parametrize("blocks", RUN_BY_THE_BUILD, ids=_ids(RUN_BY_THE_BUILD))
def test_a_chain_that_is_its_snippet_reaches_no_module_it_does_not_import(blocks, unimported):
    """What the worker had loaded before the snippet (for itself or for the snippets before it) is
    not in a reader's fresh interpreter: ``import sklearn`` then ``sklearn.datasets`` would fail there."""
    assert unimported[blocks] == [], f"{SNIPPET_OF_CHAIN[blocks].relpath}: used but never imported"


def test_a_submodule_reached_without_its_import_is_found():
    assert unimported_modules(("import matplotlib\n", "matplotlib.pyplot.figure()\n")) == ["matplotlib.pyplot"]
    assert unimported_modules(("import matplotlib.pyplot\n", "matplotlib.pyplot.figure()\n")) == []
    assert unimported_modules(("import json\n", "json.decoder.JSONDecodeError\n")) == []  # `import json` loads it


def test_every_other_chain_runs_in_a_fresh_interpreter(chain_results):
    for blocks in RUN_HERE:
        _assert_ran_as_marked(blocks, *chain_results[blocks])


def _assert_ran_as_marked(blocks: tuple[str, ...], marked: list, result: subprocess.CompletedProcess) -> None:
    shown_on = ", ".join(CHAINS.get(blocks, ["a test chain"]))
    assert result.returncode == 0, f"block on {shown_on} failed:\n{result.stderr[-3000:]}"
    for code, verb, expected in marked:
        if verb:
            assert f"{'raised' if verb == 'Raises' else 'warned'} {expected}, as marked" in result.stderr


def test_the_fresh_interpreter_holds_each_block_to_its_mark(tmp_path):
    """The driver that runs the other chains: marks kept go on, a mark not kept fails the chain."""
    kept = ("import warnings\n", "# Raises ValueError\nint('x')\n", "# Warns UserWarning\nwarnings.warn('w')\n")
    _assert_ran_as_marked(kept, *_run_chain(kept, tmp_path / "kept"))
    for broken in (("# Raises ValueError\nint('1')\n",), ("# Warns UserWarning\nx = 1\n",),
                   ("# Raises ValueError\nimport nothing_by_this_name\n",)):
        _, result = _run_chain(broken, tmp_path / f"broken-{len(list(tmp_path.iterdir()))}")
        assert result.returncode != 0, broken
