"""Stage 3a: a worker process that imports TensorFlow once and runs snippets in turn.

:func:`initialize` is the pool's initializer (one TensorFlow import per worker);
:func:`run_snippet` runs one snippet as ``__main__``, cell by cell (its sections,
see :mod:`tools.notebook`), and returns plain data that crosses the process
boundary: the run record, the figures and each cell's output, or a failure.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import os
import sys
import time
import traceback
import types
from pathlib import Path


def initialize(threads: int, log_path: str) -> None:
    """Import TensorFlow and Keras once, with deterministic ops on ``threads`` threads.

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
    tf.config.threading.set_intra_op_parallelism_threads(threads)
    tf.config.threading.set_inter_op_parallelism_threads(threads)


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


def run_snippet(name: str, path: str, shown_path: str, key: str) -> dict:
    """Run one snippet as ``__main__``, cell by cell, under the fit recorder.

    Returns ``{"record", "figures", "cells"}`` (each code cell's output, for the
    notebook) or ``{"failure"}``, as plain data that crosses the process boundary.
    """
    import keras
    import matplotlib.pyplot as plt
    import tensorflow as tf
    from keras.src.utils import rng_utils

    from tools.capture import recording
    from tools.notebook import split_cells
    from tools.plot import STYLE, SVG_SAVE
    from tools.records import Failure, RunRecord

    keras.backend.clear_session()
    keras.src.backend.common.global_state.set_global_attribute(rng_utils.GLOBAL_RANDOM_SEED, None)
    plt.close("all")
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
        failure = Failure(
            snippet=name,
            path=shown_path,
            kind="error",
            message=f"{type(error).__name__}: {error}",
            line=_failing_line(error.__traceback__, Path(path)),
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
        stdout="".join(output["stdout"] for output in outputs),
        figures=len(figures),
    )
    return {"record": dataclasses.asdict(record), "figures": figures, "cells": outputs}


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
    """Execute one cell; return what it printed and the SVG of every figure it opened."""
    before = set(plt.get_fignums())
    code = compile("\n" * (cell.line - 1) + cell.source, path, "exec")  # line numbers as in the file
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        exec(code, namespace)  # noqa: S102 - running the project's own snippet is the point
    new = sorted(set(plt.get_fignums()) - before)
    return {"stdout": printed.getvalue(), "figures": [_svg(plt.figure(number), svg_options) for number in new]}


def _svg(figure, options: dict) -> str:
    """A figure the snippet drew, as SVG text."""
    buffer = io.StringIO()
    figure.savefig(buffer, **options)
    return buffer.getvalue()
