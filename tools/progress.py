"""Progress display: each snippet's state and time while the build runs, then a timing table."""

from __future__ import annotations

import logging
from typing import Protocol

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table


class Reporter(Protocol):
    """What the execute stage tells about each snippet."""

    def cached(self, name: str, seconds: float) -> None: ...
    def queued(self, name: str) -> None: ...
    def running(self, name: str) -> None: ...
    def ran(self, name: str, seconds: float) -> None: ...
    def failed(self, name: str, kind: str) -> None: ...


class SilentReporter:
    """A reporter that shows nothing (tests, the MkDocs hook)."""

    def cached(self, name, seconds): pass
    def queued(self, name): pass
    def running(self, name): pass
    def ran(self, name, seconds): pass
    def failed(self, name, kind): pass


class LogReporter(SilentReporter):
    """Log lines for snippets that run or fail (the MkDocs plugin, where the log is the display)."""

    def __init__(self, logger: logging.Logger):
        self.logger = logger

    def running(self, name):
        self.logger.info("running snippet %s", name)

    def ran(self, name, seconds):
        self.logger.info("snippet %s ran in %.1f s", name, seconds)

    def failed(self, name, kind):
        self.logger.error("snippet %s failed (%s)", name, kind)


class RichReporter:
    """A progress bar per snippet (state and clock), then a timing table of every snippet."""

    def __init__(self, console: Console | None = None):
        self.console = console or Console(stderr=True)
        self.progress = Progress(
            SpinnerColumn(finished_text="•"),
            TextColumn("{task.description:<28}"),
            BarColumn(bar_width=20),
            TextColumn("{task.fields[state]:<8}"),
            TimeElapsedColumn(),
            console=self.console,
        )
        self.tasks: dict[str, TaskID] = {}
        self.rows: dict[str, tuple[str, float | None]] = {}

    def __enter__(self) -> RichReporter:
        self.progress.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self.progress.__exit__(*exc)
        self.console.print(self.timing_table())

    def timing_table(self) -> Table:
        """Every snippet's state and run time (a cached snippet shows the time of the run it reuses)."""
        table = Table(title="snippet timings")
        table.add_column("snippet")
        table.add_column("state")
        table.add_column("run seconds", justify="right")
        for name, (state, seconds) in self.rows.items():
            table.add_row(name, state, "" if seconds is None else f"{seconds:.1f}")
        return table

    def _task(self, name: str, state: str) -> TaskID:
        if name not in self.tasks:
            self.tasks[name] = self.progress.add_task(name, total=1, start=False, state=state)
        return self.tasks[name]

    def cached(self, name, seconds):
        self.rows[name] = ("cached", seconds)
        self.progress.update(self._task(name, "cached"), completed=1, state="cached")

    def queued(self, name):
        self.rows[name] = ("queued", None)
        self._task(name, "queued")

    def running(self, name):
        self.progress.start_task(self._task(name, "running"))
        self.progress.update(self.tasks[name], state="running")

    def ran(self, name, seconds):
        self.rows[name] = ("ran", seconds)
        self.progress.update(self._task(name, "ran"), completed=1, state="ran")
        self.progress.stop_task(self.tasks[name])

    def failed(self, name, kind):
        self.rows[name] = (f"failed ({kind})", None)
        self.progress.update(self._task(name, "failed"), state=f"[bold red]{kind}")
        self.progress.stop_task(self.tasks[name])
