"""Running the build tool in a copy of the project (:mod:`tools.sandbox`), and comparing trees."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from tools.sandbox import environment


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
