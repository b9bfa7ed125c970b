"""Broken links reported with their line: MkDocs names the page of a bad link, not where in it.

:class:`LinkLineFilter` sits on MkDocs' page logger and puts ``docs/PAGE:LINE:``
in front of each of its link warnings, so an editor can jump to it.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

PAGE_LOGGER = "mkdocs.structure.pages"
LINK_WARNING = re.compile(r"^Doc file '(?P<page>[^']+)' contains (?:an? |an unrecognized relative |an absolute )?"
                          r"link '(?P<link>[^']+)'")


def line_of(text: str, link: str) -> int | None:
    """The first line (from 1) where ``link`` appears as a Markdown link target, else where it appears at all."""
    lines = text.splitlines()
    for needle in (f"]({link}", link):
        for number, line in enumerate(lines, start=1):
            if needle in line:
                return number
    return None


class LinkLineFilter(logging.Filter):
    """Prefixes MkDocs' link warnings with the file and line of the link in ``docs_dir``."""

    def __init__(self, docs_dir: Path):
        super().__init__()
        self.docs_dir = docs_dir

    def filter(self, record: logging.LogRecord) -> bool:
        match = LINK_WARNING.match(str(record.msg))
        if match and not record.args:
            page = self.docs_dir / match["page"]
            line = line_of(page.read_text(), match["link"]) if page.is_file() else None
            where = f"docs/{match['page']}" + (f":{line}" if line else "")
            record.msg = f"{where}: {record.msg}"
        return True


def install(docs_dir: Path) -> None:
    """Put one :class:`LinkLineFilter` on MkDocs' page logger (again on each config load: replaced)."""
    logger = logging.getLogger(PAGE_LOGGER)
    for old in [f for f in logger.filters if isinstance(f, LinkLineFilter)]:
        logger.removeFilter(old)
    logger.addFilter(LinkLineFilter(docs_dir))
