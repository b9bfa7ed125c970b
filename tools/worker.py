"""Stage 3a: a worker process that imports TensorFlow once and runs snippets in turn.

:func:`initialize` is the pool's initializer (one TensorFlow import per worker);
:func:`run_snippet` runs one snippet as ``__main__``, cell by cell (its sections,
see :mod:`tools.notebook`), and returns plain data that crosses the process
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
from pathlib import Path

# the times in a ``verbose=2`` epoch line of Keras: `` - 1s - 55ms/step``
KERAS_EPOCH_TIMING = re.compile(r" - \d+s - \d+(?:s|ms|us)/step")


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


class ExpectedErrorMissing(Exception):
    """A cell marked ``# Raises Name`` that raised nothing, or raised something else."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.line = line


def raised_as_expected(error: BaseException, expected: str) -> bool:
    """Whether ``error`` is an instance of a class named ``expected`` (``ValueError``, ``keras.x.Error``)."""
    return any(cls.__name__ == expected.rsplit(".", 1)[-1] for cls in type(error).__mro__)


def run_snippet(name: str, path: str, shown_path: str, key: str) -> dict:
    """Run one snippet as ``__main__``, cell by cell, under the fit recorder.

    Returns ``{"record", "plots", "figures", "cells"}`` (each code cell's output, for the
    notebook) or ``{"failure"}``, as plain data that crosses the process boundary.
    """
    import keras
    import matplotlib.pyplot as plt
    import tensorflow as tf
    from keras.src.utils import rng_utils

    from tools.capture import recording
    from tools.notebook import split_cells
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
        with recording() as fits, _as_main(path) as namespace:
            for cell in cells:
                outputs.append(_run_cell(cell, path, namespace, plt, SVG_SAVE))
    except BaseException as error:  # noqa: BLE001 - every failure is reported, never swallowed
        if isinstance(error, KeyboardInterrupt):
            raise
        missing = isinstance(error, ExpectedErrorMissing)
        failure = Failure(
            snippet=name,
            path=shown_path,
            kind="expected-error-missing" if missing else "error",
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
        stdout="".join(output["stdout"] + output["error"] for output in outputs),
        figures=len(figures),
    )
    plt.rcdefaults()  # the plots depend on the record alone, not on what the snippet set
    return {"record": dataclasses.asdict(record), "plots": render_all(record), "figures": figures, "cells": outputs}


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


def _run_cell(cell, path: str, namespace: dict, plt, svg_options: dict) -> dict:
    """Execute one cell; return what it printed, the SVG of every figure it opened, and its expected error.

    A cell whose first line is ``# Raises Name`` must raise that exception: the
    error's last line (as Python prints it) is kept as the cell's ``error`` and
    the run goes on; raising nothing, or something else, fails the snippet.
    """
    before = set(plt.get_fignums())
    code = compile("\n" * (cell.line - 1) + cell.source, path, "exec")  # line numbers as in the file
    printed = io.StringIO()
    error_text = ""
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        try:
            exec(code, namespace)  # noqa: S102 - running the project's own snippet is the point
        except Exception as error:
            if cell.raises is None:
                raise
            if not raised_as_expected(error, cell.raises):
                raise ExpectedErrorMissing(f"the cell is marked `# Raises {cell.raises}` but raised "
                                           f"{type(error).__name__}: {error}", cell.line) from error
            error_text = "".join(traceback.format_exception_only(error))
    if cell.raises is not None and not error_text:
        raise ExpectedErrorMissing(f"the cell is marked `# Raises {cell.raises}` but ran without error "
                                   "(did Keras change?)", cell.line)
    new = sorted(set(plt.get_fignums()) - before)
    return {"stdout": without_timings(printed.getvalue()), "error": error_text,
            "figures": [_svg(plt.figure(number), svg_options) for number in new]}


def without_timings(text: str) -> str:
    """Printed output without the wall-clock times Keras adds to each epoch's line.

    ``23/23 - 1s - 55ms/step - loss: 0.51`` becomes ``23/23 - loss: 0.51``: the
    times differ on every run, the numbers that follow do not.
    """
    return KERAS_EPOCH_TIMING.sub("", text)


def _svg(figure, options: dict) -> str:
    """A figure the snippet drew, as SVG text."""
    buffer = io.StringIO()
    figure.savefig(buffer, **options)
    return buffer.getvalue()
