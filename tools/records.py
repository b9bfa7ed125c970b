"""Typed records that the build stages hand to each other."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path

from tools.paths import ROOT, SNIPPETS_DIR


@dataclass(frozen=True)
class Snippet:
    """One runnable recipe script in ``snippets/``."""

    name: str
    directory: Path = SNIPPETS_DIR

    @property
    def path(self) -> Path:
        return self.directory / f"{self.name}.py"

    @property
    def relpath(self) -> str:
        """The path shown in messages: relative to the repository when inside it."""
        return self.path.relative_to(ROOT).as_posix() if self.path.is_relative_to(ROOT) else str(self.path)


@dataclass(frozen=True)
class PageRef:
    """A place in a page that names a snippet: an include, a plot marker or an output marker."""

    page: str  # path relative to docs/, e.g. "exponential_decay.ja.md"
    line: int
    snippet: str
    section: str | None = None  # the included section (None: the whole file, or not an include)
    figure: int | None = None  # for a drawn-figure marker: which figure, from 1

    def __str__(self) -> str:
        return f"docs/{self.page}:{self.line}"


@dataclass(frozen=True)
class Page:
    """One Markdown page in one language: the code it includes, where it plots, what output it quotes."""

    path: str  # relative to docs/
    base: str  # the page without its language suffix, e.g. "exponential_decay"
    language: str
    title: str = ""  # its first ``# `` heading
    meta: dict = field(default_factory=dict, hash=False, compare=False)  # its YAML front matter
    includes: tuple[PageRef, ...] = ()
    plots: tuple[PageRef, ...] = ()
    outputs: tuple[PageRef, ...] = ()
    figures: tuple[PageRef, ...] = ()
    downloads: tuple[PageRef, ...] = ()

    @property
    def references(self) -> tuple[PageRef, ...]:
        """Every place in the page that names a snippet."""
        return self.includes + self.plots + self.outputs + self.figures + self.downloads


@dataclass
class FitRecord:
    """What one ``Model.fit`` call really did, recorded batch by batch."""

    model: str
    model_id: int  # which model object (several fits of one model share it); unique within a run
    optimizer: str
    schedule: dict | None  # the LearningRateSchedule's class and config, if one drives the rate
    callbacks: list[dict]  # class name and plain settings of every callback the snippet passed
    # before each batch, the step a schedule is called with: optimizer.iterations, or with
    # gradient accumulation the number of batches (then ``updates`` holds optimizer.iterations)
    steps: list[int] = field(default_factory=list)
    learning_rate: list[float] = field(default_factory=list)  # rate applied at that step
    momentum: list[float] = field(default_factory=list)  # SGD's momentum or beta_1 at that step (if the optimizer has one)
    # a MultiOptimizer's rates, by sub-optimizer name (then ``learning_rate`` is its first group's)
    groups: dict[str, list[float]] = field(default_factory=dict)
    batch_loss: list[float] = field(default_factory=list)  # Keras' running mean within the epoch
    epochs: list[int] = field(default_factory=list)
    epoch_end_step: list[int] = field(default_factory=list)
    loss: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    val_accuracy: list[float] = field(default_factory=list)  # when the model tracks accuracy
    logged_learning_rate: list[float] = field(default_factory=list)  # logs["learning_rate"]
    seconds: float = 0.0
    updates: list[int] = field(default_factory=list)  # with gradient accumulation: optimizer.iterations before each batch
    # under a distribution strategy with several replicas: before each batch, the rate each replica computes
    replica_rates: list[list[float]] = field(default_factory=list)
    process: int = 0  # 0: the worker; 1, 2, ...: the processes the snippet started, in order (tools/children.py)


@dataclass
class RunRecord:
    """One run of one snippet: every fit it made, where it ran, and how long it took."""

    snippet: str
    key: str
    fits: list[FitRecord]
    device: str
    tensorflow: str
    keras: str
    seed: int | None
    seconds: float  # wall time of the whole script in the worker
    stdout: str
    figures: int = 0  # matplotlib figures the snippet drew itself, stored as figure-N.svg

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), indent=1, sort_keys=True, ensure_ascii=False)

    def untimed(self) -> dict:
        """The record as plain data without its wall times (the run's and each fit's ``seconds``):
        what a run of the same snippet must give again, byte for byte."""
        data = dataclasses.asdict(self)
        del data["seconds"]
        for fit in data["fits"]:
            del fit["seconds"]
        return data

    @classmethod
    def from_json(cls, text: str) -> RunRecord:
        """Parse a record; raises ValueError (or TypeError/KeyError) on a malformed one."""
        return cls.from_dict(json.loads(text))

    @classmethod
    def from_dict(cls, data: dict) -> RunRecord:
        """A record from plain data (a worker's answer, parsed JSON); raises on a malformed one."""
        record = cls(**dict(data, fits=[FitRecord(**fit) for fit in data["fits"]]))
        if not record.fits or any(len(f.steps) != len(f.learning_rate) for f in record.fits):
            raise ValueError("record has no fit or mismatched step and rate lists")
        return record


@dataclass(frozen=True)
class Failure:
    """A snippet that did not produce a record."""

    snippet: str
    path: str  # the snippet file, as shown in messages
    kind: str  # "error", "timeout" or "no-fit"
    message: str
    line: int | None = None  # line in the snippet where it failed, when known
    traceback: str = ""

    def describe(self, pages: list[PageRef]) -> str:
        """A message naming the snippet file and line and the pages that use it."""
        where = self.path + (f":{self.line}" if self.line else "")
        used = ", ".join(sorted({str(p) for p in pages})) or "no page"
        return f"{where}: {self.kind}: {self.message}\n  used by: {used}"
