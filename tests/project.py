"""Running the build tool in a copy of the project (:mod:`tools.sandbox`), and comparing trees."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import subprocess
import textwrap
import sys
from pathlib import Path

from tools.paths import CACHE_DIR
from tools.sandbox import environment


@contextlib.contextmanager
def project_lock():
    """Hold the project for a build in it (runs into its cache, ``docs/runs/``, a deploy to its
    git repository): one test process at a time, the others wait here."""
    CACHE_DIR.parent.mkdir(parents=True, exist_ok=True)
    with (CACHE_DIR.parent / "tests.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def tool_command(*arguments: str) -> list[str]:
    """The command line that runs the build tool of the copy it is started in."""
    return [sys.executable, "-m", "tools", *arguments]


def run_tool(project: Path, *arguments: str, timeout: float = 900, **variables: str) -> subprocess.CompletedProcess:
    """Run ``python -m tools ARGUMENTS`` in the copy, with these environment variables too, and wait for it."""
    return subprocess.run(tool_command(*arguments), cwd=project, env=environment() | variables,
                          capture_output=True, text=True, timeout=timeout)


def tree_hashes(directory: Path) -> dict[str, str]:
    """SHA-256 of every file under ``directory``, by relative path."""
    return {path.relative_to(directory).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(directory.rglob("*")) if path.is_file()}


# A snippet that trains a tiny model on random numbers in a second: for tests of the pipeline, not of a recipe
TINY = textwrap.dedent(
    """\
    import keras
    import numpy as np

    keras.utils.set_random_seed(0)
    x = np.random.rand(64, 4)
    y = (x.sum(axis=1) > 2).astype("int32")
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, activation="softmax")], name="tiny")
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="sparse_categorical_crossentropy")
    model.fit(x, y, epochs=2, batch_size=32, verbose=0)
    """
)
