"""A snippet as notebook cells: split by its sections, executed once, saved with its outputs.

The worker runs a snippet cell by cell (:func:`split_cells`), so one run yields
the run record, the plots and each cell's output. :func:`build_notebook` turns
the cells into a notebook with jupytext (the ``py:percent`` format) and
attaches those outputs; :func:`plain_script` is the file a reader downloads,
without the section markers that only the documentation needs.
"""

from __future__ import annotations

import ast
import base64
import html
import re
from dataclasses import dataclass
from pathlib import Path

import jupytext
import nbformat

from tools.discover import SECTION
from tools.labels import label, notebook_intro
from tools.paths import LANGUAGES
from tools.plot import SCRIPT_NAME, notebook_name
from tools.records import Snippet


# A code cell whose first line is ``# Raises ValueError ...`` must raise that exception
# (a Keras 3 pitfall shown on purpose); the build fails if it does not.
EXPECTED_ERROR = re.compile(r"^#\s*Raises\s+(?P<name>[A-Za-z_][\w.]*)")


@dataclass(frozen=True)
class Cell:
    """A run of lines of a snippet: its docstring (markdown) or a section of code."""

    kind: str  # "markdown" or "code"
    source: str
    line: int  # the line of the snippet where the cell starts, from 1

    @property
    def raises(self) -> str | None:
        """The exception this code cell must raise (its ``# Raises Name`` first line), or None."""
        match = EXPECTED_ERROR.match(self.source) if self.kind == "code" else None
        return match["name"] if match else None


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
    start = first + 1
    for number, line in enumerate(lines[first:], start=first + 1):
        marker = SECTION.search(line)
        if marker is None:
            if not pending and not line.strip():
                start = number + 1  # skip blank lines between cells
                continue
            pending.append(line)
            continue
        _flush(cells, pending, start)
        pending, start = [], number + 1
    _flush(cells, pending, start)
    return cells


def _flush(cells: list[Cell], lines: list[str], start: int) -> None:
    while lines and not lines[-1].strip():
        lines.pop()
    if lines:
        cells.append(Cell("code", "\n".join(lines), start))


def plain_script(path: Path) -> str:
    """The snippet as a reader copies it: every line but the section markers."""
    return "".join(line for line in path.read_text().splitlines(keepends=True) if not SECTION.search(line))


def build_notebook(cells: list[Cell], outputs: list[dict], intro: str, figure_alt: str) -> str:
    """The notebook JSON: ``intro`` in markdown, the cells, and each code cell's recorded outputs.

    ``outputs`` has one entry per code cell: ``{"stdout": str, "error": str, "figures": [svg, ...]}``;
    a cell with an expected error gets it as an error output and the ``raises-exception`` tag.
    A figure is stored as SVG and as an HTML ``<img>`` with ``figure_alt`` (formatted
    with the figure's number) as its alt text, which nbconvert cannot give an SVG.
    Cell ids are numbered, so the same run always gives the same bytes.
    """
    percent = [f"# %% [markdown]\n{_comment(intro)}"]
    for cell in cells:
        if cell.kind == "markdown":
            percent.append(f"# %% [markdown]\n{_comment(cell.source)}")
        else:
            percent.append(f"# %%\n{cell.source}")
    notebook = jupytext.reads("\n\n".join(percent) + "\n", fmt="py:percent")
    notebook.metadata = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                         "language_info": {"name": "python"}}
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    figures = 0
    for count, (cell, output) in enumerate(zip(code_cells, outputs, strict=True), start=1):
        cell.execution_count = count
        cell.outputs = []
        if output["stdout"]:
            cell.outputs.append(nbformat.v4.new_output("stream", name="stdout", text=output["stdout"]))
        for svg in output["figures"]:
            figures += 1
            encoded = base64.b64encode(svg.encode()).decode()
            html_img = f'<img alt="{html.escape(figure_alt.format(number=figures))}" src="data:image/svg+xml;base64,{encoded}">'
            cell.outputs.append(nbformat.v4.new_output(
                "display_data", data={"image/svg+xml": svg, "text/html": html_img}))
        if output["error"]:
            name, _, value = output["error"].strip().partition(": ")
            cell.outputs.append(nbformat.v4.new_output("error", ename=name, evalue=value,
                                                       traceback=[output["error"].rstrip()]))
    for index, cell in enumerate(notebook.cells):
        cell.id = f"cell-{index}"
        raises = any(output.output_type == "error" for output in cell.get("outputs", []))
        cell.metadata = {"tags": ["raises-exception"]} if raises else {}
    return nbformat.writes(notebook) + "\n"


def _comment(text: str) -> str:
    return "\n".join(f"# {line}".rstrip() for line in text.splitlines())


def notebook_files(snippet: Snippet, outputs: list[dict]) -> dict[str, bytes]:
    """The run's notebook in every language (same cells and outputs, localized intro) and its script."""
    cells = split_cells(snippet.path)
    files = {
        notebook_name(language): build_notebook(
            cells, outputs, notebook_intro(snippet.name, language),
            label(language, "figure_alt").replace("{name}", snippet.name)).encode()
        for language in LANGUAGES
    }
    return files | {SCRIPT_NAME: plain_script(snippet.path).encode()}
