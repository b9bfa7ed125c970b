"""Stale translations: which translated pages follow an older version of their English page.

Each translated page records, in its front matter, the version of the English
page it translates (as MDN's translated-content records a source commit)::

    english_version: "3f1c2a9b8d7e"   # git's blob id of docs/x.md, first 12 digits

The id is git's hash of the file's bytes (``git hash-object docs/x.md``), so it
is computed without git, and git can give back that version's text for a diff
as soon as it was committed. A page whose recorded id is not the English page's
present id is stale: the build warns about it (it does not fail), and
``python -m tools translations`` lists each stale page with the English diff since.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tools.paths import DEFAULT_LANGUAGE, DOCS_DIR, ROOT
from tools.records import Page

VERSION_KEY = "english_version"
ID_LENGTH = 12


def english_version(path: Path) -> str:
    """Git's blob id of a file's bytes, shortened: ``git hash-object PATH``'s first digits."""
    data = path.read_bytes()
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()[:ID_LENGTH]


@dataclass(frozen=True)
class StaleTranslation:
    """A translated page and the version of its English page it follows (None: none recorded)."""

    page: str  # relative to docs/
    english: str  # relative to docs/
    recorded: str | None
    current: str

    def describe(self) -> str:
        follows = f"follows version {self.recorded}" if self.recorded else f"records no `{VERSION_KEY}`"
        return f"docs/{self.page} {follows} of docs/{self.english}, which is now {self.current}"


def stale_translations(pages: list[Page], docs_dir: Path = DOCS_DIR) -> list[StaleTranslation]:
    """Every translated page whose English page changed since the version it records."""
    english = {page.base: page for page in pages if page.language == DEFAULT_LANGUAGE}
    stale = []
    for page in pages:
        if page.language == DEFAULT_LANGUAGE or page.base not in english:
            continue
        current = english_version(docs_dir / english[page.base].path)
        recorded = page.meta.get(VERSION_KEY)
        recorded = str(recorded) if recorded is not None else None
        if recorded != current:
            stale.append(StaleTranslation(page.path, english[page.base].path, recorded, current))
    return stale


def english_diff(stale: StaleTranslation, docs_dir: Path = DOCS_DIR) -> str:
    """What changed in the English page since the version the translation follows, as a unified diff."""
    now = (docs_dir / stale.english).read_text().splitlines(keepends=True)
    if stale.recorded is None:
        return f"(no version recorded: translate against all of docs/{stale.english})\n"
    result = subprocess.run(["git", "-C", str(ROOT), "cat-file", "-p", stale.recorded],
                            capture_output=True, text=True)
    if result.returncode != 0:
        return f"(version {stale.recorded} of docs/{stale.english} is not in this repository's history)\n"
    old = result.stdout.splitlines(keepends=True)
    return "".join(difflib.unified_diff(old, now, f"docs/{stale.english}@{stale.recorded}", f"docs/{stale.english}"))


def record_english_version(page_path: Path, english_path: Path) -> str:
    """Write the English page's present version into a translated page's front matter; return it."""
    version = english_version(english_path)
    text = page_path.read_text()
    line = f'{VERSION_KEY}: "{version}"'
    if re.search(rf"^{VERSION_KEY}:.*$", text, flags=re.M):
        text = re.sub(rf"^{VERSION_KEY}:.*$", line, text, count=1, flags=re.M)
    elif text.startswith("---\n"):
        text = f"---\n{line}\n" + text[len("---\n"):]
    else:
        text = f"---\n{line}\n---\n\n" + text
    page_path.write_text(text)
    return version
