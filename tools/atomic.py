"""A directory that appears whole or not at all."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def replaced_directory(final: Path) -> Iterator[Path]:
    """Yield an empty staging directory next to ``final``; on success it is renamed to ``final``.

    The staging directory starts with a dot, so listings of ``final.parent`` can tell it
    apart. An error or Ctrl-C inside the block removes it and leaves ``final`` as it was.
    """
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{final.name}-", dir=final.parent))
    try:
        yield staging
        if final.exists():
            shutil.rmtree(final)
        os.replace(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
