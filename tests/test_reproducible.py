"""A build is reproducible: the same sources give the same site, byte for byte.

Two halves, each checked for real in another process:

1. The site is a function of the sources and the run records. A copy of the project
   holding only the sources and the session's run cache (no ``site/``, no
   ``docs/runs/``, no plot or search cache) builds a site byte-identical to the
   session's: every page, plot, notebook and search file. This covers the
   deterministic SVG and notebook bytes, ``SOURCE_DATE_EPOCH`` and Pagefind's
   sorted entry file.
2. A run gives the same record, plots, figures and cell outputs whenever it runs.
   The runs in :data:`RERUN` run again from an empty cache, two new workers taking
   them in another order than the session's build, and every file of each cache
   entry is compared with the session's; only the wall times a record holds
   (``seconds``) may differ.
   They are chosen to cover each way a run could differ: a schedule, a callback
   that changes the rate from the validation loss, mixed precision (a global
   policy, which must not reach the run after it in its worker), a callback that
   writes into a temporary directory (TensorBoard: the directory's random name
   must not reach the record), a snippet whose training runs in child processes,
   and a comparison technique that takes a recipe's class.

Every run of the cookbook twice from an empty cache would cost a second cold
build in every ``make test``: ``make bench`` does that (row s, the cold build
on one worker against row a's on two) and reports any run that differs.
"""

from __future__ import annotations

from tests.project import run_tool, tree_hashes
from tools.cache import RECORD_FILE, RunCache
from tools.discover import find_runs
from tools.execute import ensure_runs
from tools.records import RunRecord
from tools.sandbox import copy_project

RERUN = ("reduce_lr_on_plateau", "mixed_precision", "exponential_decay", "logging_learning_rate", "resuming",
         "comparison-cyclical")


def test_the_site_built_again_from_the_same_records_is_byte_identical(tmp_path, built_site):
    project = copy_project(tmp_path / "project", with_cache=True)
    result = run_tool(project, "build")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "(0 run," in result.stderr  # every record from the cache: only the site stage ran
    first, second = tree_hashes(built_site), tree_hashes(project / "site")
    assert sorted(first) == sorted(second)
    assert [path for path in first if first[path] != second[path]] == []
    assert len(first) > 300  # every page, plot, notebook and search file was compared


def test_runs_done_again_from_an_empty_cache_give_the_same_bytes(tmp_path, records):
    runs = [run for name in RERUN for run in find_runs() if run.name == name]
    assert [run.name for run in runs] == list(RERUN)
    again = RunCache(tmp_path / "cache")
    outcome = ensure_runs(runs, cache=again, jobs=2)
    assert not outcome.failures, "\n".join(f.traceback for f in outcome.failures)
    assert sorted(outcome.ran) == sorted(RERUN)
    session = RunCache()
    for run in runs:
        first, second = session.entry(run.name, records[run.name].key), again.entry(run.name, records[run.name].key)
        assert _untimed(first) == _untimed(second), run.name
        files, files_again = tree_hashes(first), tree_hashes(second)
        del files[RECORD_FILE], files_again[RECORD_FILE]
        assert files == files_again, run.name


def _untimed(entry) -> dict:
    return RunRecord.from_json((entry / RECORD_FILE).read_text()).untimed()
