"""The build's date, taken from the last commit, so that two builds of one commit are byte-identical.

MkDocs (the sitemap's ``lastmod``) and other reproducible-build aware tools read
``SOURCE_DATE_EPOCH`` (https://reproducible-builds.org/specs/source-date-epoch/).
"""

from __future__ import annotations

import os
import subprocess

from tools.paths import ROOT

VARIABLE = "SOURCE_DATE_EPOCH"


def last_commit_epoch() -> str | None:
    """The last commit's time in seconds since 1970, or None outside a git checkout."""
    try:
        result = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct"],
                                capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return result.stdout.strip() or None


def pin_build_date() -> None:
    """Set ``SOURCE_DATE_EPOCH`` from the last commit, unless the caller has set it already."""
    if VARIABLE not in os.environ and (epoch := last_commit_epoch()):
        os.environ[VARIABLE] = epoch
