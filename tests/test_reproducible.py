"""Two builds of the same sources from an empty cache give byte-identical sites.

One build is the session's (``built_site``, from the project's own cache: empty
on a clean clone, as in CI); the other builds a copy of the project from an
empty cache, in a separate process, with the same build date (the last commit's).
What makes it hold: no timings on pages, one TensorFlow thread per worker with
op determinism and fixed seeds, deterministic SVG and notebook bytes,
``SOURCE_DATE_EPOCH``, and Pagefind's entry file sorted. The one measurement a
page shows, the comparison's training times, is marked (``lr-measured``, left
out of the search index) and is the only difference allowed.
"""

from __future__ import annotations

import re

from tests.project import run_tool, tree_hashes
from tools.sandbox import copy_project


def test_two_builds_from_an_empty_cache_are_byte_identical(tmp_path, built_site):
    project = copy_project(tmp_path / "project", with_cache=False)
    result = run_tool(project, "build")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert re.search(r"\(\d+ run, 0 cached\)", result.stderr)  # really from an empty cache
    first, second = tree_hashes(built_site), tree_hashes(project / "site")
    assert sorted(first) == sorted(second)
    differ = [path for path in first if first[path] != second[path]]
    assert [path for path in differ if _unmeasured(built_site / path) != _unmeasured(project / "site" / path)] == []
    assert all(path.endswith("comparison/index.html") for path in differ), differ
    assert len(first) > 300  # every page, plot, notebook and search file was compared


MEASURED = re.compile(r'(<span class="lr-measured" data-pagefind-ignore>)[^<]*(</span>)')


def _unmeasured(path) -> str:
    """A page with the training times it shows taken out."""
    return MEASURED.sub(r"\1\2", path.read_text())
