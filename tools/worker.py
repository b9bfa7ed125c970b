"""Stage 3a: a worker process that imports TensorFlow once and runs snippets in turn.

:func:`initialize` is the pool's initializer (one TensorFlow import per worker);
:func:`run_snippet` runs one snippet as ``__main__`` and returns a plain dict
(a :class:`~tools.records.RunRecord` or a :class:`~tools.records.Failure`),
which crosses the process boundary as JSON-like data.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import os
import runpy
import sys
import time
import traceback
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
    """Run one snippet as ``__main__`` under the fit recorder; return a record or a failure as a dict."""
    import keras
    import matplotlib.pyplot as plt
    import tensorflow as tf
    from keras.src.utils import rng_utils

    from tools.capture import recording
    from tools.records import Failure, RunRecord

    from tools.plot import STYLE, SVG_SAVE

    keras.backend.clear_session()
    keras.src.backend.common.global_state.set_global_attribute(rng_utils.GLOBAL_RANDOM_SEED, None)
    plt.close("all")
    plt.rcParams.update({"svg.hashsalt": STYLE["svg.hashsalt"], "svg.fonttype": STYLE["svg.fonttype"]})
    output = io.StringIO()
    started = time.perf_counter()
    try:
        with recording() as fits, contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
            runpy.run_path(path, run_name="__main__")
        figures = [_svg(plt.figure(number), SVG_SAVE) for number in plt.get_fignums()]
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
        sys.stdout.flush()
    if not fits:
        failure = Failure(name, shown_path, "no-fit",
                          "the snippet ran but never called Model.fit, so there is no curve to plot")
        return {"failure": dataclasses.asdict(failure)}
    record = RunRecord(
        snippet=name,
        key=key,
        fits=fits,
        device=_device(),
        tensorflow=tf.__version__,
        keras=keras.__version__,
        seed=rng_utils.get_random_seed(),
        seconds=time.perf_counter() - started,
        stdout=output.getvalue(),
        figures=len(figures),
    )
    return {"record": dataclasses.asdict(record), "figures": figures}


def _svg(figure, options: dict) -> str:
    """A figure the snippet drew, as SVG text."""
    buffer = io.StringIO()
    figure.savefig(buffer, **options)
    return buffer.getvalue()
