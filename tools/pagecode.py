"""The code a reader sees on a page: includes expanded exactly as the site expands them.

pytest-codeblocks does not expand ``--8<--`` includes, so the page goes through
the same pymdownx.snippets configuration as ``mkdocs.yml`` first, and
pytest-codeblocks' ``extract_from_buffer`` then splits it into blocks (joining
a block marked ``<!--pytest-codeblocks:cont-->`` onto the one before it).
"""

from __future__ import annotations

import io
from pathlib import Path

import markdown
import yaml
from pytest_codeblocks import extract_from_buffer

from tools.paths import MKDOCS_YML, ROOT


def _snippets_config() -> dict:
    """The pymdownx.snippets options from mkdocs.yml, with paths resolved from the repository."""
    config = yaml.load(MKDOCS_YML.read_text(), Loader=yaml.BaseLoader)
    for extension in config["markdown_extensions"]:
        if isinstance(extension, dict) and "pymdownx.snippets" in extension:
            options = dict(extension["pymdownx.snippets"])
            options["base_path"] = [str(ROOT / p) for p in options.get("base_path", ["."])]
            options["check_paths"] = True
            options["dedent_subsections"] = options.get("dedent_subsections") == "true"
            return options
    raise LookupError(f"{MKDOCS_YML}: pymdownx.snippets is not configured")


def expand_includes(text: str) -> str:
    """The Markdown with every ``--8<--`` include replaced by the lines it names."""
    md = markdown.Markdown(extensions=["pymdownx.snippets"],
                           extension_configs={"pymdownx.snippets": _snippets_config()})
    return "\n".join(md.preprocessors["snippet"].run(text.split("\n")))


def python_chains(page: Path) -> list[str]:
    """The page's Python code as the reader runs it: one string per block, continued blocks joined."""
    blocks = extract_from_buffer(io.StringIO(expand_includes(page.read_text())))
    return [block.code for block in blocks if block.syntax == "python"]
