"""The run cache: unchanged snippets never run again, an edited one runs alone, a failure
leaves the cache as it was. Uses tiny throw-away snippets, not the recipes."""

from __future__ import annotations

import os
import textwrap

import pytest

from tools.cache import RunCache, cache_key, project_imports
from tools.discover import find_snippets
from tools.execute import ensure_runs
from tools.paths import ROOT

TINY = textwrap.dedent(
    """\
    import keras
    import numpy as np

    keras.utils.set_random_seed(0)
    x = np.random.rand(64, 4)
    y = (x.sum(axis=1) > 2).astype("int32")
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, activation="softmax")], name="tiny")
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="sparse_categorical_crossentropy")
    model.fit(x, y, epochs=2, batch_size=32, verbose=0)
    """
)


@pytest.fixture
def project(tmp_path):
    snippets = tmp_path / "snippets"
    snippets.mkdir()
    for name in ("alpha", "beta"):
        (snippets / f"{name}.py").write_text(TINY)
    return snippets, RunCache(tmp_path / "cache")


def _entries(cache: RunCache) -> dict[str, bytes]:
    return {p.relative_to(cache.directory).as_posix(): p.read_bytes()
            for p in sorted(cache.directory.rglob("*")) if p.is_file() and p.name != "workers.log"}


def test_second_build_runs_nothing_and_an_edit_reruns_only_that_snippet(project):
    directory, cache = project
    first = ensure_runs(find_snippets(directory), cache)
    assert sorted(first.ran) == ["alpha", "beta"] and not first.failures
    assert len(first.records["alpha"].fits[0].steps) == 4  # 2 epochs of 2 batches

    again = ensure_runs(find_snippets(directory), cache)
    assert again.ran == [] and set(again.records) == {"alpha", "beta"}

    os.utime(directory / "beta.py")  # a new mtime, the same bytes
    assert ensure_runs(find_snippets(directory), cache).ran == []

    with open(directory / "beta.py", "a") as edit:
        edit.write("# edited\n")
    assert ensure_runs(find_snippets(directory), cache).ran == ["beta"]


def test_a_failing_snippet_is_reported_with_its_line_and_leaves_the_cache_alone(project):
    directory, cache = project
    ensure_runs(find_snippets(directory), cache)
    before = _entries(cache)
    (directory / "broken.py").write_text(TINY + "raise RuntimeError('boom')\n")
    outcome = ensure_runs(find_snippets(directory), cache)
    (failure,) = outcome.failures
    assert (failure.snippet, failure.kind, failure.line) == ("broken", "error", TINY.count("\n") + 1)
    assert "RuntimeError: boom" in failure.message
    assert _entries(cache) == before


def test_a_snippet_without_fit_is_a_clear_failure(project):
    directory, cache = project
    (directory / "idle.py").write_text("print('no training here')\n")
    outcome = ensure_runs([s for s in find_snippets(directory) if s.name == "idle"], cache)
    (failure,) = outcome.failures
    assert failure.kind == "no-fit" and "never called Model.fit" in failure.message


def test_a_truncated_record_is_run_again(project):
    directory, cache = project
    (alpha,) = [s for s in find_snippets(directory) if s.name == "alpha"]
    ensure_runs([alpha], cache)
    record = cache.entry("alpha", cache_key(alpha)) / "record.json"
    record.write_text(record.read_text()[:100])
    assert ensure_runs([alpha], cache).ran == ["alpha"]


def test_the_key_covers_the_project_modules_a_snippet_imports(tmp_path):
    snippet = tmp_path / "uses_tools.py"
    snippet.write_text("from tools.plot import render\nimport keras\n")
    found = {p.relative_to(ROOT).as_posix() for p in project_imports(snippet)}
    # tools.plot imports tools.labels, tools.paths and tools.records; records imports paths
    assert found == {"tools/__init__.py", "tools/plot.py", "tools/labels.py", "tools/paths.py", "tools/records.py"}
    assert not any("keras" in name for name in found)


@pytest.mark.parametrize("garbage", [b"", b"{not json", b'{"snippet": "alpha"}', b"\x00\xff" * 50])
def test_a_corrupted_record_is_run_again_without_a_crash(project, garbage):
    directory, cache = project
    (alpha,) = [s for s in find_snippets(directory) if s.name == "alpha"]
    ensure_runs([alpha], cache)
    (cache.entry("alpha", cache_key(alpha)) / "record.json").write_bytes(garbage)
    again = ensure_runs([alpha], cache)
    assert again.ran == ["alpha"] and not again.failures
    assert cache.load("alpha", cache_key(alpha)) is not None  # repaired


def test_an_entry_missing_a_plot_is_run_again(project):
    directory, cache = project
    (alpha,) = [s for s in find_snippets(directory) if s.name == "alpha"]
    ensure_runs([alpha], cache)
    (cache.entry("alpha", cache_key(alpha)) / "plot.ja.svg").unlink()
    assert ensure_runs([alpha], cache).ran == ["alpha"]


def test_cells_marked_raises_must_raise_that_exception(project):
    """A pitfall cell (``# Raises Name`` first) runs on when it raises Name, and fails the build otherwise."""
    directory, cache = project
    cell = "# --8<-- [start:pitfall]\n# Raises {name} on purpose\n{code}\n# --8<-- [end:pitfall]\n"
    (directory / "as_marked.py").write_text(TINY + cell.format(name="ZeroDivisionError", code="1 / 0")
                                            + "print('after the pitfall')\n")
    (directory / "raises_nothing.py").write_text(TINY + cell.format(name="ValueError", code="x = 1"))
    (directory / "raises_another.py").write_text(TINY + cell.format(name="ValueError", code="{}['key']"))
    chosen = [s for s in find_snippets(directory) if s.name.startswith(("as_marked", "raises_"))]
    outcome = ensure_runs(chosen, cache)
    assert outcome.ran == ["as_marked"]
    assert "ZeroDivisionError: division by zero\nafter the pitfall\n" in outcome.records["as_marked"].stdout
    failures = {failure.snippet: failure for failure in outcome.failures}
    marked_line = TINY.count("\n") + 2  # the cell starts after its start marker
    for name, said in (("raises_nothing", "marked `# Raises ValueError` but ran without error"),
                       ("raises_another", "marked `# Raises ValueError` but raised KeyError")):
        assert failures[name].kind == "expected-error-missing" and said in failures[name].message
        assert failures[name].line == marked_line
