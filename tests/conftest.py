"""Shared fixtures: the snippets' run records (through the build's own cache) and a built site.

``make test`` runs the tests in two processes (pytest-xdist). Each process that needs a
fixture below makes its own, one process at a time (:func:`tests.project.project_lock`):
the first to need the records runs what the cache lacks; the other waits for the lock
(or tests what needs no record meanwhile), then finds everything in the cache.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from pathlib import Path

import pytest

from tests.project import project_lock
from tools.discover import find_pages, find_runs
from tools.execute import ensure_runs
from tools.paths import ROOT
from tools.records import FitRecord, RunRecord


# what a test needs from the project's build (fixtures below, and test_failures' copy of the built project)
NEEDS_THE_BUILD = {"records", "built_site", "published", "template"}


@pytest.hookimpl(tryfirst=True)  # before xdist's own choice of scheduler
def pytest_xdist_make_scheduler(config, log):
    from tests.scheduling import FilesInOrder

    return FilesInOrder(config, log)


def pytest_collection_modifyitems(items):
    """The browser tests (the longest file; they need every run, a site and a deploy) first, then the
    tests that need no run, then the rest: with two processes (:mod:`tests.scheduling`), one starts the
    runs while the other tests what it can."""
    def rank(item) -> int:
        if item.path.name == "test_browser.py":
            return 0
        return 2 if NEEDS_THE_BUILD & set(item.fixturenames) else 1

    items.sort(key=rank)


@pytest.fixture(scope="session")
def records() -> dict[str, RunRecord]:
    """A record for every snippet and every technique of the comparison: run now, or taken from the
    build cache if unchanged."""
    with project_lock():
        outcome = ensure_runs(find_runs())
    assert not outcome.failures, "\n".join(f.describe([]) + "\n" + f.traceback for f in outcome.failures)
    return outcome.records


@pytest.fixture(scope="session")
def pages():
    return find_pages()


def shared_directory(tmp_path_factory) -> Path:
    """A temporary directory shared by the test processes of this run (its own, without xdist)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, records):
    """The whole site built with ``--strict`` into a temporary directory, once per run: the first
    process to need it builds it, the others read it (no test writes into it)."""
    from tools.site import build_site

    site = shared_directory(tmp_path_factory) / "built" / "site"
    with project_lock():  # the build writes docs/runs/ and the caches of the project
        if not site.exists():  # build_site puts the whole site there at once, or nothing
            site.parent.mkdir(exist_ok=True)
            build_site(site, strict=True)
    return site


@pytest.fixture(scope="session")
def published(tmp_path_factory, records):
    """Versions 0.1 then 0.2 deployed with mike to a throw-away branch, checked out to a directory.

    Yields ``(directory, trees)`` where ``trees[v]`` is the git tree of ``0.1/``
    after deploying ``v``. The branch is deleted afterwards.
    """
    from tools.publish import publish

    branch = f"test-gh-pages-{uuid.uuid4().hex[:8]}"
    environment = {"GIT_AUTHOR_NAME": "LR Cookbook tests", "GIT_AUTHOR_EMAIL": "tests@localhost",
                   "GIT_COMMITTER_NAME": "LR Cookbook tests", "GIT_COMMITTER_EMAIL": "tests@localhost"}
    saved = {key: os.environ.get(key) for key in environment}
    os.environ.update(environment)
    git = ["git", "-C", str(ROOT)]
    trees = {}
    try:
        for version in ("0.1", "0.2"):
            with project_lock():
                publish(version, branch=branch)
            trees[version] = subprocess.run(git + ["rev-parse", f"{branch}:0.1"], capture_output=True,
                                            text=True, check=True).stdout.strip()
        directory = tmp_path_factory.mktemp("gh-pages")
        archive = subprocess.run(git + ["archive", branch], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(directory)], input=archive, check=True)
        yield directory, trees, branch
    finally:
        subprocess.run(git + ["branch", "-D", branch], capture_output=True)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def by_model(record: RunRecord) -> dict[str, list[FitRecord]]:
    """The record's fits grouped by model name, in call order."""
    grouped: dict[str, list[FitRecord]] = {}
    for fit in record.fits:
        grouped.setdefault(fit.model, []).append(fit)
    return grouped
