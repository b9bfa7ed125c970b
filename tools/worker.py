"""Stage 3a: a worker process that imports TensorFlow once and runs snippets in turn.

:func:`initialize` is the pool's initializer (one TensorFlow import per worker);
:func:`run_snippet` runs one snippet as ``__main__``, cell by cell (its sections,
see :mod:`tools.cells`), and returns plain data that crosses the process
boundary: the run record, its plots (drawn here, in parallel with the other
workers), the figures and each cell's output, or a failure.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import os
import re
import sys
import time
import traceback
import types
import warnings
from pathlib import Path

# the times in a ``verbose=2`` epoch line of Keras: `` - 1s - 55ms/step``
KERAS_EPOCH_TIMING = re.compile(r" - \d+s - \d+(?:s|ms|us)/step")
# where an object lives in memory, in its repr: `` at 0x7f3a0de46840>``
OBJECT_ADDRESS = re.compile(r" at 0x[0-9a-f]+>")


def initialize(log_path: str) -> None:
    """Import TensorFlow and Keras once, with deterministic ops on one thread.

    One thread per worker whatever the number of workers, so that a snippet's
    numbers (and so the site's bytes) do not depend on how many ran beside it:
    float sums split across threads can round differently.

    TensorFlow's C++ logging (no CUDA driver, oneDNN notices, ...) writes to
    file descriptor 2 directly; it goes to ``log_path`` instead of the terminal.
    """
    log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(log, 2)
    os.close(log)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import keras  # noqa: F401 - imported here once, so that no snippet pays for it
    import matplotlib
    import tensorflow as tf

    matplotlib.use("Agg")  # a snippet's own figures never open a window
    tf.config.experimental.enable_op_determinism()
    tf.config.threading.set_intra_op_parallelism_threads(1)
    tf.config.threading.set_inter_op_parallelism_threads(1)


def _device() -> str:
    import tensorflow as tf

    gpus = tf.config.list_physical_devices("GPU")
    return f"GPU ({gpus[0].name})" if gpus else "CPU"


def _failing_line(tb, path: Path) -> int | None:
    """The last line of the snippet file in a traceback."""
    line = None
    for frame in traceback.extract_tb(tb):
        if Path(frame.filename).resolve() == path.resolve():
            line = frame.lineno
    return line


class ExpectationMissing(Exception):
    """A cell marked ``# Raises Name`` or ``# Warns Name`` that did not do what its first line says."""

    def __init__(self, message: str, line: int, kind: str):
        super().__init__(message)
        self.line = line
        self.kind = kind  # "expected-error-missing" or "expected-warning-missing"


def run_snippet(name: str, path: str, shown_path: str, key: str) -> dict:
    """Run one snippet as ``__main__``, cell by cell, under the fit recorder.

    Returns ``{"record", "plots", "figures", "cells", "plot_seconds"}`` (each code cell's
    section and output, for the notebooks; the time drawing the plots took, which
    ``make bench`` reports) or ``{"failure"}``, as plain data that crosses the
    process boundary.

    Warnings are recorded as Python would show them once in a fresh interpreter
    (its filters, once per place in the code), as ``Category: message`` lines
    without the file path, so that the output does not depend on the machine.
    """
    import keras
    import matplotlib.pyplot as plt
    import tensorflow as tf
    from keras.src.utils import rng_utils

    from tools.capture import recording
    from tools.cells import split_cells
    from tools.children import children_recorded
    from tools.plot import STYLE, SVG_SAVE, render_all
    from tools.records import Failure, RunRecord

    keras.backend.clear_session()
    keras.src.backend.common.global_state.set_global_attribute(rng_utils.GLOBAL_RANDOM_SEED, None)
    plt.close("all")
    plt.rcdefaults()  # what an earlier snippet in this worker set does not leak into this one
    plt.rcParams.update({"svg.hashsalt": STYLE["svg.hashsalt"], "svg.fonttype": STYLE["svg.fonttype"]})
    cells = [cell for cell in split_cells(Path(path)) if cell.kind == "code"]
    outputs: list[dict] = []
    started = time.perf_counter()
    try:
        with (recording() as fits, children_recorded(fits) as add_children_fits, _as_main(path) as namespace,
              warnings.catch_warnings(record=True) as caught):
            for cell in cells:
                outputs.append(_run_cell(cell, path, namespace, plt, SVG_SAVE, caught))
                add_children_fits()  # what the processes this cell started recorded
    except BaseException as error:  # noqa: BLE001 - every failure is reported, never swallowed
        if isinstance(error, KeyboardInterrupt):
            raise
        missing = isinstance(error, ExpectationMissing)
        failure = Failure(
            snippet=name,
            path=shown_path,
            kind=error.kind if missing else "error",
            message=str(error) if missing else f"{type(error).__name__}: {error}",
            line=error.line if missing else _failing_line(error.__traceback__, Path(path)),
            traceback="".join(traceback.format_exception(error)),
        )
        return {"failure": dataclasses.asdict(failure)}
    finally:
        plt.close("all")
    if not fits:
        failure = Failure(name, shown_path, "no-fit",
                          "the snippet ran but never called Model.fit, so there is no curve to plot")
        return {"failure": dataclasses.asdict(failure)}
    figures = [svg for output in outputs for svg in output["figures"]]
    record = RunRecord(
        snippet=name,
        key=key,
        fits=fits,
        device=_device(),
        tensorflow=tf.__version__,
        keras=keras.__version__,
        seed=rng_utils.get_random_seed(),
        seconds=time.perf_counter() - started,
        stdout="".join(output["stdout"] + output["warnings"] + output["error"] for output in outputs),
        figures=len(figures),
    )
    plt.rcdefaults()  # the plots depend on the record alone, not on what the snippet set
    drawing = time.perf_counter()
    plots = render_all(record)
    return {"record": dataclasses.asdict(record), "plots": plots, "figures": figures, "cells": outputs,
            "plot_seconds": time.perf_counter() - drawing}


@contextlib.contextmanager
def _as_main(path: str):
    """A fresh ``__main__`` module for the snippet, as ``python -m`` would give it."""
    module = types.ModuleType("__main__")
    module.__file__ = path
    saved = sys.modules["__main__"]
    sys.modules["__main__"] = module
    try:
        yield module.__dict__
    finally:
        sys.modules["__main__"] = saved


def _run_cell(cell, path: str, namespace: dict, plt, svg_options: dict, caught: list) -> dict:
    """Execute one cell; return its section, what it printed, the warnings it issued,
    the SVG of every figure it opened, and its expected error.

    ``caught`` is the list that :func:`warnings.catch_warnings` fills for the whole
    run; the warnings appended while this cell runs are this cell's. A cell whose
    first line is ``# Raises Name`` must raise that exception: the error's last
    line (as Python prints it) is kept as the cell's ``error`` and the run goes on.
    A cell whose first line is ``# Warns Name`` must issue a warning of that
    category. A cell that does not do what it says fails the snippet.
    """
    expects = cell.expects
    before_figures, before_warnings = set(plt.get_fignums()), len(caught)
    code = compile("\n" * (cell.line - 1) + cell.source, path, "exec")  # line numbers as in the file
    printed = io.StringIO()
    error_text = ""
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        try:
            exec(code, namespace)  # noqa: S102 - running the project's own snippet is the point
        except Exception as error:
            if expects is None or expects.verb != "Raises":
                raise
            if not expects.matches(type(error)):
                raise ExpectationMissing(f"the cell is marked `{expects}` but raised {type(error).__name__}: {error}",
                                         cell.line, "expected-error-missing") from error
            error_text = "".join(traceback.format_exception_only(error))
    issued = caught[before_warnings:]
    if expects is not None and expects.verb == "Raises" and not error_text:
        raise ExpectationMissing(f"the cell is marked `{expects}` but ran without error (did Keras change?)",
                                 cell.line, "expected-error-missing")
    if expects is not None and expects.verb == "Warns" and not any(expects.matches(w.category) for w in issued):
        seen = ", ".join(sorted({w.category.__name__ for w in issued})) or "no warning"
        raise ExpectationMissing(f"the cell is marked `{expects}` but issued {seen} (did Keras change?)",
                                 cell.line, "expected-warning-missing")
    new = sorted(set(plt.get_fignums()) - before_figures)
    return {"section": cell.section, "stdout": reproducible(printed.getvalue()),
            "warnings": reproducible("".join(f"{w.category.__name__}: {w.message}\n" for w in issued)),
            "error": reproducible(error_text),
            "figures": [_svg(plt.figure(number), svg_options) for number in new]}


def reproducible(text: str) -> str:
    """Printed output without what differs from run to run of the same code.

    The wall-clock times Keras adds to each epoch's line (``23/23 - 1s - 55ms/step -
    loss: 0.51`` becomes ``23/23 - loss: 0.51``) and the memory addresses in objects'
    reprs (``<... object at 0x7f3a0de46840>`` becomes ``<... object at 0x…>``).
    """
    return OBJECT_ADDRESS.sub(" at 0x…>", KERAS_EPOCH_TIMING.sub("", text))


def _svg(figure, options: dict) -> str:
    """A figure the snippet drew, as SVG text."""
    buffer = io.StringIO()
    figure.savefig(buffer, **options)
    return buffer.getvalue()
