"""Progress display: each snippet's state and time while the build runs, then a timing table."""

from __future__ import annotations

import logging
import time
from typing import Protocol

from rich.console import Console
from rich.live import Live
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
    """A live table of snippets (cached, queued, running with a clock, done, failed) and a summary."""

    STYLES = {"cached": "dim", "queued": "yellow", "running": "cyan", "ran": "green", "failed": "bold red"}

    def __init__(self, console: Console | None = None):
        self.console = console or Console(stderr=True)
        self.rows: dict[str, tuple[str, float | None]] = {}
        self.started: dict[str, float] = {}
        self.live = Live(self._table(), console=self.console, refresh_per_second=4, transient=False,
                         get_renderable=self._table)

    def __enter__(self) -> RichReporter:
        self.live.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self.live.__exit__(*exc)

    def _table(self) -> Table:
        table = Table(title="snippets", expand=False)
        for column in ("snippet", "state", "seconds"):
            table.add_column(column, justify="right" if column == "seconds" else "left")
        done = sum(state in ("cached", "ran") for state, _ in self.rows.values())
        table.caption = f"{done}/{len(self.rows)} ready"
        for name, (state, seconds) in self.rows.items():
            if state == "running":
                seconds = time.monotonic() - self.started[name]
            shown = "" if seconds is None else f"{seconds:.1f}"
            table.add_row(name, f"[{self.STYLES[state]}]{state}", shown)
        return table

    def cached(self, name, seconds):
        self.rows[name] = ("cached", seconds)

    def queued(self, name):
        self.rows[name] = ("queued", None)

    def running(self, name):
        self.started[name] = time.monotonic()
        self.rows[name] = ("running", None)

    def ran(self, name, seconds):
        self.rows[name] = ("ran", seconds)

    def failed(self, name, kind):
        self.rows[name] = ("failed", None)
        self.console.print(f"[bold red]{name}: {kind}")
