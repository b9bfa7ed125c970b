"""What sections of a snippet define (its classes and functions), without the rest of the script.

A test compares a recipe's schedule class with its reference, and a technique of the comparison
trains with it: both take the class from the snippet's own code, exactly as a reader copies it,
without running the training the rest of the script does.
"""

from __future__ import annotations

from tools.cells import split_cells
from tools.paths import SNIPPETS_DIR


def recipe_sections(snippet: str, *sections: str) -> dict:
    """The names that these sections of ``snippets/SNIPPET.py`` define, run in order in a fresh
    namespace (line numbers as in the file, for tracebacks)."""
    namespace = {"__name__": f"snippet_{snippet}"}
    cells = {cell.section: cell for cell in split_cells(SNIPPETS_DIR / f"{snippet}.py") if cell.kind == "code"}
    for section in sections:
        exec(compile("\n" * (cells[section].line - 1) + cells[section].source, f"snippets/{snippet}.py", "exec"),
             namespace)  # noqa: S102 - the project's own snippet
    return namespace
