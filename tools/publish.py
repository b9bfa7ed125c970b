"""Stage 7: publish a version of the site with mike, to the local ``gh-pages`` branch.

``mike deploy`` builds the site (through MkDocs and this project's plugin, so
unchanged snippets come from the cache) and commits it under ``VERSION/``;
the alias ``latest`` (a redirect, which GitHub Pages serves) moves to it and
is the default. A failed build raises before mike commits, so nothing is deployed.
Other versions' directories are never touched.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tools.paths import MKDOCS_YML, ROOT

DEFAULT_BRANCH = "gh-pages"
MIKE = str(Path(sys.executable).with_name("mike"))  # the console script installed beside this Python


def _environment() -> dict[str, str]:
    """This environment, with the virtual environment's scripts first: mike runs ``mkdocs``."""
    return {**os.environ, "PATH": os.pathsep.join([str(Path(MIKE).parent), os.environ.get("PATH", "")])}


def publish(version: str, branch: str = DEFAULT_BRANCH, config_file: Path = MKDOCS_YML) -> None:
    """Deploy ``version`` with the alias ``latest`` and make ``latest`` the default."""
    common = ["--config-file", str(config_file), "--branch", branch]
    deploy = [MIKE, "deploy", *common, "--update-aliases", "--alias-type", "redirect", version, "latest"]
    subprocess.run(deploy, cwd=ROOT, check=True, env=_environment())
    subprocess.run([MIKE, "set-default", *common, "latest"], cwd=ROOT, check=True, env=_environment())


def preview(branch: str = DEFAULT_BRANCH, address: str = "127.0.0.1:8000") -> None:
    """Serve the published branch, every version and the version selector, on ``address``."""
    subprocess.run([MIKE, "serve", "--config-file", str(MKDOCS_YML),
                    "--branch", branch, "--dev-addr", address], cwd=ROOT, check=True, env=_environment())
