"""Stage 6: build the site with MkDocs into a staging directory, then swap it into place.

The last good ``site/`` is only replaced once a build has fully succeeded, so a
failed build (a broken snippet, a bad page, Ctrl-C) leaves it as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from tools.paths import MKDOCS_YML, SITE_DIR


def build_site(site_dir: Path = SITE_DIR, strict: bool = True) -> Path:
    """Build the whole site (every language, search index) and atomically replace ``site_dir``."""
    site_dir = site_dir.resolve()
    staging = Path(tempfile.mkdtemp(prefix=".site-staging-", dir=site_dir.parent))
    try:
        config = load_config(str(MKDOCS_YML), site_dir=str(staging), strict=strict)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        _swap(staging, site_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return site_dir


def _swap(new: Path, target: Path) -> None:
    """Put ``new`` at ``target``, with the old ``target`` removed only after the rename."""
    if target.exists():
        old = target.with_name(f".{target.name}-old-{os.getpid()}")
        os.replace(target, old)
        os.replace(new, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(new, target)
