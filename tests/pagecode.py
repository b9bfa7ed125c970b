"""The code a reader sees on a page: includes expanded exactly as the site expands them.

pytest-codeblocks does not expand ``--8<--`` includes, so the page goes through
the same pymdownx.snippets configuration as ``mkdocs.yml`` first, and
pytest-codeblocks' ``extract_from_buffer`` then splits it into blocks and
chains (a block marked ``<!--pytest-codeblocks:cont-->`` continues the one before it).
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

import markdown
from mkdocs.config import load_config
from pytest_codeblocks import extract_from_buffer

from tools.paths import MKDOCS_YML, ROOT

CONTINUED = "<!--pytest-codeblocks:cont-->"


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


def python_chains(page: Path) -> list[list[str]]:
    """The page's Python code as the reader runs it: chains of blocks, a block marked continued
    (``<!--pytest-codeblocks:cont-->``) belonging to the chain of the block before it."""
    text = expand_includes(page.read_text())
    chains = [b.code for b in extract_from_buffer(io.StringIO(text)) if b.syntax == "python"]
    single = [b.code for b in extract_from_buffer(io.StringIO(text.replace(CONTINUED, ""))) if b.syntax == "python"]
    grouped: list[list[str]] = []
    for chain in chains:
        blocks: list[str] = []
        while "".join(blocks) != chain:
            blocks.append(single.pop(0))
        grouped.append(blocks)
    return grouped
