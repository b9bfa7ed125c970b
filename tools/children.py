"""Stage 3c: record the fits of the Python processes a snippet starts (a run resumed in a new process).

While a snippet runs, :func:`children_recorded` points ``LR_COOKBOOK_CHILD_RECORDS`` at an
empty directory and puts ``tools/child_site`` and the project first on ``PYTHONPATH``; every
Python process the snippet starts inherits both, so Python imports
``tools/child_site/sitecustomize.py`` at its start, which calls :func:`record_this_process`:
TensorFlow is set up as in a worker (op determinism, one thread) and every ``Model.fit`` is
recorded as in the worker, the process's records written to the directory after each fit.
After each cell, the worker merges what the cell's processes recorded into the run's
records (:func:`merge`), in the order the processes started.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from tools.paths import ROOT
from tools.records import FitRecord

ENV = "LR_COOKBOOK_CHILD_RECORDS"
SITE_DIR = Path(__file__).parent / "child_site"
_RECORDING: contextlib.AbstractContextManager | None = None


@contextlib.contextmanager
def children_recorded(fits: list[FitRecord]) -> Iterator[Callable[[], None]]:
    """Within the block, processes started from this one record their fits; the yielded
    function adds what they recorded so far to ``fits``."""
    directory = tempfile.mkdtemp(prefix="lr-cookbook-children-")
    saved = {name: os.environ.get(name) for name in (ENV, "PYTHONPATH")}
    os.environ[ENV] = directory
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(SITE_DIR), str(ROOT)] + ([saved["PYTHONPATH"]] if saved["PYTHONPATH"] else []))
    try:
        yield lambda: merge(Path(directory), fits)
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        shutil.rmtree(directory, ignore_errors=True)


def merge(directory: Path, fits: list[FitRecord]) -> None:
    """Add the fits the processes wrote to ``directory`` to ``fits``, process after process in
    the order they started, and remove their files.

    A process's models get new ids after those already in ``fits``, except that a model
    with the name of one an earlier process trained keeps that model's id: a model saved
    in one process and loaded in the next continues the same curve.
    """
    by_name = {fit.model: fit.model_id for fit in fits if fit.process}
    process = max((fit.process for fit in fits), default=0)
    for path in sorted(directory.glob("*.json"), key=lambda p: tuple(int(n) for n in p.stem.split("-"))):
        ids: dict[int, int] = {}
        process += 1
        for data in json.loads(path.read_text()):
            fit = FitRecord(**dict(data, process=process))
            if fit.model_id not in ids:
                ids[fit.model_id] = by_name.get(fit.model, max((f.model_id for f in fits), default=-1) + 1)
            fit.model_id = by_name[fit.model] = ids[fit.model_id]
            fits.append(fit)
        path.unlink()


def record_this_process(directory: str) -> None:
    """In a process a snippet started: TensorFlow as in a worker, and every fit recorded and
    written to ``directory`` (``<start time ns>-<pid>.json``) when it ends."""
    import keras
    import tensorflow as tf

    from tools.capture import recording

    tf.config.experimental.enable_op_determinism()
    tf.config.threading.set_intra_op_parallelism_threads(1)
    tf.config.threading.set_inter_op_parallelism_threads(1)
    path = Path(directory) / f"{time.time_ns()}-{os.getpid()}.json"
    global _RECORDING
    _RECORDING = recording()  # kept entered for the life of the process
    fits = _RECORDING.__enter__()
    recorded_fit = keras.Model.fit

    def fit_and_write(model, *args, **kwargs):
        try:
            return recorded_fit(model, *args, **kwargs)
        finally:
            written = path.with_suffix(".partial")
            written.write_text(json.dumps([dataclasses.asdict(fit) for fit in fits]))
            os.replace(written, path)  # the worker never reads half a file

    keras.Model.fit = fit_and_write
