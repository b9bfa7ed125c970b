"""Stage 2: the run cache, keyed by a content hash.

A run's key is the SHA-256 of, in this order:

1. the snippet's bytes;
2. the bytes of every project module the snippet imports, directly or through
   another project module (found by reading ``import`` statements), and of the
   snippets whose sections a comparison technique runs (``recipe_sections``);
3. the bytes of ``requirements.lock`` (the locked dependency versions);
4. the bytes of the build tool's modules that shape a run's output
   (:data:`RUN_SHAPING_MODULES`) and the tool's version.

An entry is a directory ``<cache>/<snippet>-<key>/`` holding ``record.json``,
the plots, the figures the snippet drew, each cell's output (``cells.json``,
which the notebooks show) and the script a reader downloads. It is written to a temporary directory and renamed into place,
so a failed or interrupted run never leaves an entry behind.
"""

from __future__ import annotations

import ast
import hashlib
import json
import shutil
from pathlib import Path

import tools
from tools.atomic import replaced_directory
from tools.paths import CACHE_DIR, LOCK_FILE, ROOT, SNIPPETS_DIR
from tools.plot import PLOT_NAMES, figure_name
from tools.records import RunRecord, Snippet

RUN_SHAPING_MODULES = ("records.py", "capture.py", "worker.py", "cells.py", "plot.py", "numbers.py",
                       "children.py", "child_site/sitecustomize.py")
PROJECT_PACKAGES = ("snippets", "tools", "comparison")
RECORD_FILE = "record.json"
OUTPUTS_FILE = "cells.json"  # each code cell's section and output: [{"section", "stdout", ...}, ...]
SCRIPT_FILE = "script.py"  # the snippet without its section markers, as readers download it


def entry_files(record: RunRecord) -> tuple[str, ...]:
    """Every file a complete cache entry of this run holds besides its record."""
    return PLOT_NAMES + tuple(figure_name(n) for n in range(1, record.figures + 1)) + (OUTPUTS_FILE, SCRIPT_FILE)


def project_imports(path: Path) -> set[Path]:
    """Files of the project modules that ``path`` imports (with their packages), transitively."""
    found: set[Path] = set()
    pending = [path]
    while pending:
        for name in _imported_names(pending.pop()):
            parts = name.split(".")
            if parts[0] not in PROJECT_PACKAGES:
                continue
            for depth in range(1, len(parts) + 1):  # importing a.b.c imports a and a.b first
                stem = ROOT.joinpath(*parts[:depth])
                for candidate in (stem.with_suffix(".py"), stem / "__init__.py"):
                    if candidate.is_file() and candidate not in found and candidate != path:
                        found.add(candidate)
                        pending.append(candidate)
    return found


def recipe_files(path: Path) -> set[Path]:
    """The snippets whose sections a comparison technique runs: ``recipe_sections("NAME", ...)``."""
    return {SNIPPETS_DIR / f"{node.args[0].value}.py" for node in ast.walk(ast.parse(path.read_bytes()))
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "recipe_sections"
            and node.args and isinstance(node.args[0], ast.Constant)}


def _imported_names(path: Path) -> list[str]:
    """Absolute module names a file imports (``from m import x`` yields ``m`` and ``m.x``)."""
    names = []
    for node in ast.walk(ast.parse(path.read_bytes())):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names += [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
    return names


def cache_key(snippet: Snippet) -> str:
    """The content hash that decides whether a snippet must run again (see module doc)."""
    digest = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        digest.update(f"{label}\0{len(data)}\0".encode())
        digest.update(data)

    add(snippet.relpath, snippet.path.read_bytes())
    for module in sorted(project_imports(snippet.path) | recipe_files(snippet.path)):
        add(module.relative_to(ROOT).as_posix(), module.read_bytes())
    add("requirements.lock", LOCK_FILE.read_bytes() if LOCK_FILE.exists() else b"")
    tool_dir = Path(tools.__file__).parent
    for name in RUN_SHAPING_MODULES:
        add(f"tools/{name}", (tool_dir / name).read_bytes())
    add("tools.__version__", tools.__version__.encode())
    return digest.hexdigest()[:20]


class RunCache:
    """Finished runs on disk: a record plus its plots, one directory per run."""

    def __init__(self, directory: Path = CACHE_DIR):
        self.directory = directory

    def entry(self, snippet: str, key: str) -> Path:
        return self.directory / f"{snippet}-{key}"

    def load(self, snippet: str, key: str) -> RunRecord | None:
        """The cached record, or None when absent, truncated, corrupted or missing a file."""
        entry = self.entry(snippet, key)
        try:
            record = RunRecord.from_json((entry / RECORD_FILE).read_text())
        except (OSError, ValueError, TypeError, KeyError):
            return None
        if record.key != key or not all((entry / name).is_file() for name in entry_files(record)):
            return None
        return record

    def outputs(self, record: RunRecord) -> list[dict]:
        """Each code cell's section and output, in the order the run executed them."""
        return json.loads((self.entry(record.snippet, record.key) / OUTPUTS_FILE).read_text())

    def store(self, record: RunRecord, files: dict[str, bytes]) -> Path:
        """Write a record and its files (by name) atomically; drop older entries of the same snippet."""
        final = self.entry(record.snippet, record.key)
        with replaced_directory(final) as staging:
            (staging / RECORD_FILE).write_text(record.to_json())
            for name, data in files.items():
                (staging / name).write_bytes(data)
        for old in self.directory.glob(f"{record.snippet}-*"):
            if old != final and old.name.rsplit("-", 1)[0] == record.snippet:
                shutil.rmtree(old, ignore_errors=True)
        return final
