"""Shared fixtures: the snippets' run records (through the build's own cache) and a built site."""

from __future__ import annotations

import pytest

from tools.discover import find_pages, find_snippets
from tools.execute import ensure_runs
from tools.records import FitRecord, RunRecord


@pytest.fixture(scope="session")
def records() -> dict[str, RunRecord]:
    """A record for every snippet: run now, or taken from the build cache if unchanged."""
    outcome = ensure_runs(find_snippets())
    assert not outcome.failures, "\n".join(f.describe([]) + "\n" + f.traceback for f in outcome.failures)
    return outcome.records


@pytest.fixture(scope="session")
def pages():
    return find_pages()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, records):
    """The whole site built with ``--strict`` into a temporary directory."""
    from tools.site import build_site

    return build_site(tmp_path_factory.mktemp("build") / "site", strict=True)


def by_model(record: RunRecord) -> dict[str, list[FitRecord]]:
    """The record's fits grouped by model name, in call order."""
    grouped: dict[str, list[FitRecord]] = {}
    for fit in record.fits:
        grouped.setdefault(fit.model, []).append(fit)
    return grouped
