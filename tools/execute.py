"""Stage 3: run the snippets that the cache does not already hold, in parallel workers.

Each worker process imports TensorFlow once (:func:`tools.worker.initialize`)
and then runs snippets one after another. A snippet that exceeds the timeout
has its worker killed (and replaced); it is reported like any other failure.
"""

from __future__ import annotations

import json
import multiprocessing
import os
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures import as_completed
from dataclasses import dataclass, field
from pathlib import Path

import pebble

from tools import worker
from tools.cache import OUTPUTS_FILE, SCRIPT_FILE, RunCache, cache_key
from tools.cells import plain_script
from tools.plot import figure_name
from tools.progress import Reporter, SilentReporter
from tools.records import Failure, RunRecord, Snippet

# Seconds a snippet may run before its worker is killed: about four times the slowest
# snippet measured here (many_devices, about 75 s alone, twice that beside another job).
DEFAULT_TIMEOUT = 300.0

# Runs that failed in this process, by (snippet file, cache key): not run again until the key changes (an edit).
# A build asks for every run twice (the command, then the MkDocs plugin), and `serve` asks on every rebuild.
_FAILED: dict[tuple[Path, str], Failure] = {}


@dataclass
class Outcome:
    """What a call to :func:`ensure_runs` produced."""

    records: dict[str, RunRecord] = field(default_factory=dict)
    ran: list[str] = field(default_factory=list)  # snippets executed (not from the cache)
    failures: list[Failure] = field(default_factory=list)
    plot_seconds: dict[str, float] = field(default_factory=dict)  # by snippet run: the time its plots took


def ensure_runs(
    snippets: list[Snippet],
    cache: RunCache | None = None,
    jobs: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    reporter: Reporter | None = None,
) -> Outcome:
    """A record for every snippet: from the cache when its key is there, else from a fresh run.

    A successful run is stored in the cache (with its plots) before this returns;
    a failed one leaves the cache as it was, and is reported again without running
    while this process lives and the snippet's key is the same.
    """
    cache = cache or RunCache()
    reporter = reporter or SilentReporter()
    outcome = Outcome()
    pending: dict[str, tuple[Snippet, str]] = {}
    for snippet in snippets:
        key = cache_key(snippet)
        failure = _FAILED.get((snippet.path, key))
        record = None if failure else cache.load(snippet.name, key)  # a failed run left no entry
        if failure:
            outcome.failures.append(failure)
            reporter.failed(snippet.name, failure.kind)
        elif record is None:
            pending[snippet.name] = (snippet, key)
            reporter.queued(snippet.name)
        else:
            outcome.records[snippet.name] = record
            reporter.cached(snippet.name, record.seconds)
    if not pending:
        return outcome

    workers = max(1, min(jobs or os.cpu_count() or 1, len(pending)))
    context = multiprocessing.get_context("spawn")
    cache.directory.mkdir(parents=True, exist_ok=True)
    log = str(cache.directory / "workers.log")
    with pebble.ProcessPool(workers, initializer=worker.initialize, initargs=(log,), context=context) as pool:
        futures = {
            pool.schedule(worker.run_snippet, (name, str(s.path), s.relpath, key), timeout=timeout): name
            for name, (s, key) in pending.items()
        }
        waiting = list(pending)  # the pool takes tasks in this order, `workers` at a time
        for name in waiting[:workers]:
            reporter.running(name)
        try:
            for future in as_completed(futures):
                name = futures[future]
                if name in waiting[:workers] and len(waiting) > workers:
                    reporter.running(waiting[workers])
                waiting.remove(name)
                _collect(*pending[name], _result(future, pending[name][0], timeout), cache, outcome, reporter)
        except KeyboardInterrupt:  # Ctrl-C: kill the workers now; what was stored stays, nothing half-written
            pool.stop()
            pool.join()
            raise
    return outcome


def _result(future, snippet: Snippet, timeout: float) -> dict:
    """The worker's answer, or a failure dict for a timeout or a dead worker."""
    try:
        return future.result()
    except FutureTimeout:
        kind, message = "timeout", f"still running after {timeout:.0f} s; killed"
    except Exception as error:  # the worker process died (segfault, out of memory, ...)
        kind, message = "error", f"worker died: {type(error).__name__}: {error}"
    return {"failure": {"snippet": snippet.name, "path": snippet.relpath, "kind": kind, "message": message}}


def cell_outputs(cells: list[dict]) -> bytes:
    """``cells.json``: each cell's output as the worker gave it, its figures as their numbers (from 1)."""
    outputs, drawn = [], 0
    for cell in cells:
        numbers = list(range(drawn + 1, drawn + len(cell["figures"]) + 1))
        drawn += len(numbers)
        outputs.append(dict(cell, figures=numbers))
    return json.dumps(outputs, indent=1, ensure_ascii=False).encode()


def _collect(snippet: Snippet, key: str, result: dict, cache: RunCache, outcome: Outcome, reporter: Reporter) -> None:
    """Store a successful run (record, plots, notebooks) in the cache, or note the failure."""
    name = snippet.name
    if "failure" in result:
        failure = _FAILED[snippet.path, key] = Failure(**result["failure"])
        outcome.failures.append(failure)
        reporter.failed(name, failure.kind)
        return
    record = RunRecord.from_dict(result["record"])
    drawn = {figure_name(i): svg.encode() for i, svg in enumerate(result["figures"], start=1)}
    cache.store(record, result["plots"] | drawn | {OUTPUTS_FILE: cell_outputs(result["cells"]),
                                                   SCRIPT_FILE: plain_script(snippet.path).encode()})
    outcome.records[name] = record
    outcome.ran.append(name)
    outcome.plot_seconds[name] = result["plot_seconds"]
    reporter.ran(name, record.seconds)
