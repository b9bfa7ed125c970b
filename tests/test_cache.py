"""The run cache: unchanged snippets never run again, an edited one runs alone, a failure
leaves the cache as it was. Uses tiny throw-away snippets, not the recipes, on one worker (a
TensorFlow import per pool; runs on two workers are the session's build and test_reproducible's)."""

from __future__ import annotations

import os

import pytest

from tests.project import TINY
from tools.cache import RunCache, cache_key, project_imports
from tools.discover import find_snippets
from tools.execute import ensure_runs
from tools.paths import ROOT



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
    first = ensure_runs(find_snippets(directory), cache, jobs=1)
    assert sorted(first.ran) == ["alpha", "beta"] and not first.failures
    assert len(first.records["alpha"].fits[0].steps) == 4  # 2 epochs of 2 batches

    again = ensure_runs(find_snippets(directory), cache, jobs=1)
    assert again.ran == [] and set(again.records) == {"alpha", "beta"}

    os.utime(directory / "beta.py")  # a new mtime, the same bytes
    assert ensure_runs(find_snippets(directory), cache, jobs=1).ran == []

    with open(directory / "beta.py", "a") as edit:
        edit.write("# edited\n")
    assert ensure_runs(find_snippets(directory), cache, jobs=1).ran == ["beta"]


def test_the_key_covers_the_project_modules_a_snippet_imports(tmp_path):
    snippet = tmp_path / "uses_tools.py"
    snippet.write_text("from tools.plot import render\nimport keras\n")
    found = {p.relative_to(ROOT).as_posix() for p in project_imports(snippet)}
    # tools.plot imports tools.numbers, tools.paths and tools.records; records imports paths
    assert found == {"tools/__init__.py", "tools/plot.py", "tools/numbers.py", "tools/paths.py", "tools/records.py"}
    assert not any("keras" in name for name in found)


CORRUPTIONS = {
    "truncated": lambda entry: (entry / "record.json").write_text((entry / "record.json").read_text()[:100]),
    "empty": lambda entry: (entry / "record.json").write_bytes(b""),
    "binary": lambda entry: (entry / "record.json").write_bytes(b"\x00\xff" * 50),
    "wrong_fields": lambda entry: (entry / "record.json").write_text('{"snippet": "x", "fits": []}'),
    "plot_missing": lambda entry: (entry / "plot.ja.svg").unlink(),
}


def test_a_corrupted_or_truncated_entry_is_run_again_without_a_crash(tmp_path):
    directory, cache = tmp_path / "snippets", RunCache(tmp_path / "cache")
    directory.mkdir()
    for name in CORRUPTIONS:
        (directory / f"{name}.py").write_text(TINY + f"# {name}\n")
    snippets = find_snippets(directory)
    ensure_runs(snippets, cache, jobs=1)
    for snippet in snippets:
        CORRUPTIONS[snippet.name](cache.entry(snippet.name, cache_key(snippet)))
    again = ensure_runs(snippets, cache, jobs=1)
    assert sorted(again.ran) == sorted(CORRUPTIONS) and not again.failures
    assert all(cache.load(s.name, cache_key(s)) is not None for s in snippets)  # repaired


def test_each_failure_is_reported_with_its_line_and_leaves_the_cache_alone(project):
    """A raising snippet, one that never trains, and pitfall cells (``# Raises Name`` or
    ``# Warns Name`` first): a pitfall that raises or warns Name is a success and the run
    goes on; raising nothing or something else, or not warning, fails like any error.
    One pool for all, so one TensorFlow import."""
    directory, cache = project
    ensure_runs(find_snippets(directory), cache, jobs=1)
    before = _entries(cache)
    cell = "# --8<-- [start:pitfall]\n# {verb} {name} on purpose\n{code}\n# --8<-- [end:pitfall]\n"
    (directory / "as_marked.py").write_text(TINY + cell.format(verb="Raises", name="ZeroDivisionError", code="1 / 0")
                                            + "print('after the pitfall')\n")
    warn = "import warnings\nwarnings.warn('old argument', DeprecationWarning)\nprint('went on')"
    (directory / "warns_as_marked.py").write_text(TINY + cell.format(verb="Warns", name="DeprecationWarning", code=warn))
    (directory / "warns_nothing.py").write_text(TINY + cell.format(verb="Warns", name="UserWarning", code="x = 1"))
    (directory / "broken.py").write_text(TINY + "raise RuntimeError('boom')\n")
    (directory / "idle.py").write_text("print('no training here')\n")
    (directory / "raises_nothing.py").write_text(TINY + cell.format(verb="Raises", name="ValueError", code="x = 1"))
    (directory / "raises_another.py").write_text(TINY + cell.format(verb="Raises", name="ValueError",
                                                                    code="{}['key']"))
    outcome = ensure_runs(find_snippets(directory), cache, jobs=1)
    assert sorted(outcome.ran) == ["as_marked", "warns_as_marked"]
    assert "ZeroDivisionError: division by zero\nafter the pitfall\n" in outcome.records["as_marked"].stdout
    # the warning's text is recorded (without the file's path, which differs between machines)
    assert outcome.records["warns_as_marked"].stdout == "went on\nDeprecationWarning: old argument\n"
    failures = {failure.snippet: failure for failure in outcome.failures}
    assert sorted(failures) == ["broken", "idle", "raises_another", "raises_nothing", "warns_nothing"]
    after_tiny, marked_cell = TINY.count("\n") + 1, TINY.count("\n") + 2  # the cell starts after its marker
    expected = {
        "broken": ("error", after_tiny, "RuntimeError: boom"),
        "idle": ("no-fit", None, "never called Model.fit"),
        "raises_nothing": ("expected-error-missing", marked_cell, "marked `# Raises ValueError` but ran without error"),
        "raises_another": ("expected-error-missing", marked_cell, "marked `# Raises ValueError` but raised KeyError"),
        "warns_nothing": ("expected-warning-missing", marked_cell, "marked `# Warns UserWarning` but issued no warning"),
    }
    for name, (kind, line, said) in expected.items():
        assert (failures[name].kind, failures[name].line) == (kind, line) and said in failures[name].message
    entries = _entries(cache)
    assert {k: v for k, v in entries.items() if not k.startswith(("as_marked-", "warns_as_marked-"))} == before


def test_a_failed_run_is_not_run_again_in_the_same_process_until_its_snippet_changes(tmp_path):
    """A build asks for every run twice (the command, then the MkDocs plugin), and ``serve`` on every
    rebuild: a failure is reported each time, but its snippet runs again only once edited."""
    directory, cache, runs = tmp_path / "snippets", RunCache(tmp_path / "cache"), tmp_path / "runs.txt"
    directory.mkdir()
    snippet = directory / "fails.py"
    snippet.write_text(f"open({str(runs)!r}, 'a').write('ran\\n')\n" + TINY + "raise RuntimeError('boom')\n")
    first = ensure_runs(find_snippets(directory), cache, jobs=1)
    again = ensure_runs(find_snippets(directory), cache, jobs=1)
    assert first.failures == again.failures and again.failures[0].message == "RuntimeError: boom"
    assert again.ran == [] and runs.read_text() == "ran\n"
    with snippet.open("a") as edit:
        edit.write("# edited\n")
    assert ensure_runs(find_snippets(directory), cache, jobs=1).failures and runs.read_text() == "ran\nran\n"
