"""A snippet as cells: its docstring, then one code cell per section, as the worker runs them.

The worker runs a snippet cell by cell (:func:`split_cells`), so one run yields
the run record, the plots and each cell's output, which the pages' notebooks
show (:mod:`tools.notebook`). :func:`plain_script` is the file a reader
downloads, without the section markers that only the documentation needs.

A code cell may say, in its first line, what it must do besides run:

* ``# Raises Name ...``: raise the exception ``Name`` (a Keras 3 pitfall shown on
  purpose); the error is recorded and the run goes on with the next cell.
* ``# Warns Name ...``: issue a warning of category ``Name`` (a Keras deprecation,
  say); its text is recorded. The cell runs to its end.

A cell that does not do what its first line says fails the build.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path


# ``# --8<-- [start:NAME]`` / ``# --8<-- [end:NAME]``: a section of a snippet (pymdownx.snippets)
SECTION = re.compile(r"#\s*--8<--\s*\[(?P<edge>start|end):(?P<name>[\w-]+)\]")
# ``# Raises ValueError ...`` or ``# Warns UserWarning ...`` as a code cell's first line
EXPECTATION = re.compile(r"^#\s*(?P<verb>Raises|Warns)\s+(?P<name>[A-Za-z_][\w.]*)")


@dataclass(frozen=True)
class Expectation:
    """What a cell's first line says it must do: raise an exception, or issue a warning, of a class."""

    verb: str  # "Raises" or "Warns"
    name: str  # the class name, e.g. "ValueError", "UserWarning" or "keras.x.Error"

    def matches(self, obj_class: type) -> bool:
        """Whether ``obj_class`` (an exception's or a warning's class) is, or derives from, the named class."""
        short = self.name.rsplit(".", 1)[-1]
        return any(cls.__name__ == short for cls in obj_class.__mro__)

    def __str__(self) -> str:
        return f"# {self.verb} {self.name}"


def expectation_of(source: str) -> Expectation | None:
    """The ``# Raises Name`` / ``# Warns Name`` of a code cell's first line, or None."""
    match = EXPECTATION.match(source)
    return Expectation(match["verb"], match["name"]) if match else None


@dataclass(frozen=True)
class Cell:
    """A run of lines of a snippet: its docstring (markdown) or a section of code."""

    kind: str  # "markdown" or "code"
    source: str
    line: int  # the line of the snippet where the cell starts, from 1
    section: str | None = None  # the section's name; None for the docstring and code outside sections

    @property
    def has_statements(self) -> bool:
        """Whether the cell holds code that does something (not only comments)."""
        return self.kind == "code" and bool(ast.parse(self.source).body)

    @property
    def expects(self) -> Expectation | None:
        """What this code cell's first line says it must raise or warn, or None."""
        return expectation_of(self.source) if self.kind == "code" else None


def split_cells(path: Path) -> list[Cell]:
    """The snippet's docstring as a markdown cell, then one code cell per section.

    Code outside any section becomes a cell of its own. Section markers are dropped.
    """
    text = path.read_text()
    lines = text.splitlines()
    tree = ast.parse(text)
    cells: list[Cell] = []
    first = 0
    if tree.body and isinstance(tree.body[0], ast.Expr) and isinstance(tree.body[0].value, ast.Constant) \
            and isinstance(tree.body[0].value.value, str):
        cells.append(Cell("markdown", ast.get_docstring(tree), 1))
        first = tree.body[0].end_lineno
    pending: list[str] = []
    start, section = first + 1, None
    for number, line in enumerate(lines[first:], start=first + 1):
        marker = SECTION.search(line)
        if marker is None:
            if not pending and not line.strip():
                start = number + 1  # skip blank lines between cells
                continue
            pending.append(line)
            continue
        _flush(cells, pending, start, section)
        pending, start = [], number + 1
        section = marker["name"] if marker["edge"] == "start" else None
    _flush(cells, pending, start, section)
    return cells


def _flush(cells: list[Cell], lines: list[str], start: int, section: str | None) -> None:
    while lines and not lines[-1].strip():
        lines.pop()
    if lines:
        cells.append(Cell("code", "\n".join(lines), start, section))


def plain_script(path: Path) -> str:
    """The snippet as a reader copies it: every line but the section markers."""
    return "".join(line for line in path.read_text().splitlines(keepends=True) if not SECTION.search(line))
