"""The code a reader sees on a page: includes expanded exactly as the site expands them.

pytest-codeblocks does not expand ``--8<--`` includes, so the page goes through
the same pymdownx.snippets configuration as ``mkdocs.yml`` first, and
pytest-codeblocks' ``extract_from_buffer`` then splits it into blocks (joining
a block marked ``<!--pytest-codeblocks:cont-->`` onto the one before it).
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

import markdown
from mkdocs.config import load_config
from pytest_codeblocks import extract_from_buffer

from tools.paths import MKDOCS_YML, ROOT


@functools.cache
def _snippets_config() -> dict:
    """The pymdownx.snippets options exactly as MkDocs loads them from mkdocs.yml."""
    options = dict(load_config(str(MKDOCS_YML)).mdx_configs["pymdownx.snippets"])
    options["base_path"] = [str(ROOT / path) for path in options.get("base_path", ["."])]
    return options


def expand_includes(text: str) -> str:
    """The Markdown with every ``--8<--`` include replaced by the lines it names."""
    md = markdown.Markdown(extensions=["pymdownx.snippets"],
                           extension_configs={"pymdownx.snippets": _snippets_config()})
    return "\n".join(md.preprocessors["snippet"].run(text.split("\n")))


def python_chains(page: Path) -> list[str]:
    """The page's Python code as the reader runs it: one string per block, continued blocks joined."""
    blocks = extract_from_buffer(io.StringIO(expand_includes(page.read_text())))
    return [block.code for block in blocks if block.syntax == "python"]
