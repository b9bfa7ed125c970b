"""A recipe's notebook in a language is its page in that language, with the outputs of the build's run.

jupytext reads the page (Markdown with code fences) into cells: its prose as
Markdown cells and each code block, an include of a section of the snippet, as
a code cell with the section's code and what the build's run of that section
printed, warned, raised and drew (``cells.json`` of the run's cache entry).
From those cells come two files:

* :func:`notebook_json`: the ``.ipynb`` a reader downloads (nbformat writes it);
  the run's plot is an attachment, links to other pages point to the published site;
* :func:`notebook_page`: the notebook as a page of the site, Markdown that MkDocs
  renders with the site's theme, in the page's language, under ``runs/notebooks/``.

Both are built from the pages at every build (prose edits re-run no snippet)
and written only when their bytes change.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

import jupytext
import nbformat
from mkdocs.utils.meta import get_data

from tools.cells import split_cells
from tools.discover import DOWNLOADS_MARKER, FIGURE_MARKER, INCLUDE, OUTPUT_MARKER, PLAYGROUND_MARKER, PLOT_MARKER
from tools.inject import alt_text, generated_name, output_block, provenance
from tools.labels import label
from tools.paths import DOCS_DIR, SITE_PREFIX
from tools.plot import figure_name, plot_name
from tools.quotes import QUOTE, Quote, QuoteError, replace_quotes
from tools.records import Page, RunRecord, Snippet

CONTINUED = re.compile(r"<!--\s*pytest-codeblocks:cont\s*-->\n?")
# ``](target)`` of an inline link or image whose target is a file of the site, not a URL or an anchor
RELATIVE_LINK = re.compile(r"\]\((?![a-z][a-z0-9+.-]*:|#|/)(?P<target>[^)\s]+)\)")
CODE = re.compile(r"```.*?```|`[^`\n]*`", re.S)  # fenced blocks and inline code: no link in there
PAGE_LINK = re.compile(r"^(?P<page>[^#]+)\.md(?P<anchor>#.*)?$")
H1 = re.compile(r"^# .*$", re.M)


class NotebookError(ValueError):
    """A recipe page whose code blocks are not the sections of its snippet."""


@dataclass(frozen=True)
class CodeCell:
    """A code block of the page: the section's code as the build ran it, and that run's output."""

    source: str
    output: dict  # {"section", "stdout", "warnings", "error", "figures": [numbers]} from cells.json


def page_cells(page: Page, snippet: Snippet, outputs: list[dict], docs_dir: Path = DOCS_DIR) -> list[str | CodeCell]:
    """The page as cells: Markdown text, and a :class:`CodeCell` for each code block.

    Each code block must include a section of the page's snippet; the cell gets
    that section's code and the output the run recorded for it.
    """
    body = get_data((docs_dir / page.path).read_text())[0]
    sections = {cell.section: cell.source for cell in split_cells(snippet.path) if cell.kind == "code"}
    output_of = {output["section"]: output for output in outputs}
    cells: list[str | CodeCell] = []
    for cell in jupytext.reads(body, fmt="md").cells:
        if cell.cell_type != "code":
            cells.append(cell.source)
            continue
        include = INCLUDE.fullmatch(cell.source.strip())
        if not include or include["snippet"] != snippet.name or include["section"] not in sections:
            raise NotebookError(f"docs/{page.path}: a code block of a recipe page must include a section of "
                                f"snippets/{snippet.name}.py; found {cell.source.strip()[:80]!r}")
        cells.append(CodeCell(sections[include["section"]], output_of[include["section"]]))
    return cells


def _figure_alts(cells: list[str | CodeCell], language: str, snippet: str) -> dict[int, str]:
    """The alt text of each figure the snippet drew: the page's ``lr-figure`` marker's, else a generic one."""
    alts = {}
    for cell in cells:
        if isinstance(cell, str):
            alts |= {int(m["number"]): m["alt"] for m in FIGURE_MARKER.finditer(cell)}
    drawn = [n for cell in cells if isinstance(cell, CodeCell) for n in cell.output["figures"]]
    return {n: alts.get(n, label(language, "figure_alt").format(number=n, name=snippet)) for n in drawn}


def _with_note(cells: list[str | CodeCell], note: str) -> list[str | CodeCell]:
    """The cells with ``note`` as a paragraph right after the page's title (its ``# `` line)."""
    first = cells[0] if cells and isinstance(cells[0], str) else ""
    title = H1.search(first)
    if title is None:
        return [note, *cells]
    return [first[:title.end()] + "\n\n" + note + first[title.end():], *cells[1:]]


def _relink(markdown: str, new_target) -> str:
    """The Markdown with each relative link's target replaced by ``new_target(target)``, outside code
    (``schedules[0](t)`` in backticks is code, not a link)."""
    parts, last = [], 0
    for code in CODE.finditer(markdown):
        parts += [RELATIVE_LINK.sub(lambda m: f"]({new_target(m['target'])})", markdown[last:code.start()]), code[0]]
        last = code.end()
    parts.append(RELATIVE_LINK.sub(lambda m: f"]({new_target(m['target'])})", markdown[last:]))
    return "".join(parts)


def title_of(cells: list[str | CodeCell]) -> str:
    """The page's title: its first ``# `` heading."""
    for cell in cells:
        if isinstance(cell, str) and (title := H1.search(cell)):
            return title[0][2:].strip()
    return ""


def page_url(site_url: str, language: str, target: str) -> str:
    """The published URL of ``target`` (``x.md``, ``x.md#anchor`` or an asset) seen from a page in ``language``."""
    match = PAGE_LINK.match(target)
    if match:
        target = ("" if match["page"] == "index" else match["page"] + "/") + (match["anchor"] or "")
    return f"{site_url.rstrip('/')}/{SITE_PREFIX[language]}{target}"


def _playground_link(text: str, language: str, page: Page) -> str:
    """A playground marker as a link to the recipe's page, where the playground is (a notebook has none)."""
    link = label(language, "playground_link").format(page=f"{page.base}.md")
    return PLAYGROUND_MARKER.sub(lambda match: link, text)


def notebook_json(cells: list[str | CodeCell], record: RunRecord, entry: Path, language: str, site_url: str,
                  page: Page) -> bytes:
    """The ``.ipynb`` of a recipe page in ``language``: prose, code, the run's outputs, the plot attached.

    Plot markers become the attached plot (in the page's language) with its
    caption and provenance; output markers, the lines the run printed; links to
    other pages, their published URL. A figure the snippet drew is the output of
    the cell that drew it (the page's figure marker gives its alt text).
    Cell ids are numbered, so the same inputs always give the same bytes.
    """
    name = record.snippet
    alts = _figure_alts(cells, language, name)
    url = page_url(site_url, language, f"{page.base}.md")
    note = label(language, "notebook_intro").format(title=title_of(cells), url=url)
    notebook = nbformat.v4.new_notebook(metadata={
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"}})
    count = 0
    for cell in _with_note(cells, note):
        if isinstance(cell, str):
            attachments = {}

            def plot(match) -> str:
                attachment = generated_name(name, "en")
                svg = (entry / plot_name(language)).read_text()
                attachments[attachment] = {"image/svg+xml": svg}
                caption = label(language, "caption").format(path=f"snippets/{name}.py")
                return f"![{alt_text(record, language)}](attachment:{attachment})\n\n{caption}\n{provenance(record, language)}"

            text = CONTINUED.sub("", cell)
            text = PLOT_MARKER.sub(plot, text)
            text = OUTPUT_MARKER.sub(lambda m: output_block(record, m["pattern"]).rstrip("\n"), text)
            text = FIGURE_MARKER.sub("", DOWNLOADS_MARKER.sub("", _playground_link(text, language, page)))
            text = _relink(text, lambda target: page_url(site_url, language, target))
            markdown = nbformat.v4.new_markdown_cell(re.sub(r"\n{3,}", "\n\n", text).strip())
            if attachments:
                markdown.attachments = attachments
            notebook.cells.append(markdown)
            continue
        count += 1
        notebook.cells.append(nbformat.v4.new_code_cell(cell.source, execution_count=count,
                                                        outputs=_outputs(cell.output, entry, alts)))
    for index, cell in enumerate(notebook.cells):
        cell.id = f"cell-{index}"
        raises = any(output.output_type == "error" for output in cell.get("outputs", []))
        cell.metadata = {"tags": ["raises-exception"]} if raises else {}
    nbformat.validate(notebook)
    return (nbformat.writes(notebook) + "\n").encode()


def _outputs(output: dict, entry: Path, alts: dict[int, str]) -> list:
    """A code cell's outputs as nbformat objects: printed text, warnings, figures, an expected error."""
    outputs = []
    if output["stdout"]:
        outputs.append(nbformat.v4.new_output("stream", name="stdout", text=output["stdout"]))
    if output["warnings"]:
        outputs.append(nbformat.v4.new_output("stream", name="stderr", text=output["warnings"]))
    for number in output["figures"]:
        svg = (entry / figure_name(number)).read_text()
        outputs.append(nbformat.v4.new_output("display_data", data={"image/svg+xml": svg, "text/plain": alts[number]}))
    if output["error"]:
        name, _, value = output["error"].strip().partition(": ")
        outputs.append(nbformat.v4.new_output("error", ename=name, evalue=value, traceback=[output["error"].rstrip()]))
    return outputs


def notebook_page(cells: list[str | CodeCell], record: RunRecord, language: str, page: Page) -> str:
    """The notebook as a Markdown page of the site, for ``docs/runs/notebooks/``.

    The page's prose, each code block followed by what its run printed, warned,
    raised and drew. Markers stay for the MkDocs plugin to replace like on any
    page (its figures are placed after the cells that drew them); links to other
    pages are made relative to ``runs/notebooks/``.
    """
    name, title = record.snippet, title_of(cells)
    alts = _figure_alts(cells, language, name)
    note = (label(language, "notebook_page_intro").format(recipe=f"{page.base}.md", title=title) + "\n\n"
            f'[{label(language, "download_notebook")}](runs/download/{name}.ipynb){{ .md-button download="{name}.ipynb" }}')
    heading = label(language, "notebook_title").format(title=title)
    parts = []
    for cell in _with_note(cells, note):
        if isinstance(cell, str):
            text = _playground_link(CONTINUED.sub("", cell), language, page)
            text = FIGURE_MARKER.sub("", DOWNLOADS_MARKER.sub("", text))
            parts.append(_relink(text, lambda target: posixpath.relpath(target, "runs/notebooks")))
            continue
        parts.append(f"```python\n{cell.source}\n```")
        for text in (cell.output["stdout"], cell.output["warnings"], cell.output["error"]):
            if text:
                parts.append(f"``` {{ .text .lr-cell-output }}\n{text.rstrip()}\n```")
        parts += [f"<!-- lr-figure: {name} {number} {alts[number]} -->" for number in cell.output["figures"]]
    text = re.sub(r"\n{3,}", "\n\n", "\n\n".join(part.strip("\n") for part in parts)) + "\n"
    front = "---\npagefind: false  # search lists the recipe page, which holds the same text\n---\n\n"
    return front + H1.sub(lambda _: f"# {heading}", text, count=1)


def notebook_files(page: Page, snippet: Snippet, record: RunRecord, entry: Path, outputs: list[dict],
                   site_url: str, docs_dir: Path = DOCS_DIR, quoted=lambda text: text) -> dict[str, bytes]:
    """The notebook of a recipe page, by path under ``docs/runs/``: its download and its page.

    ``quoted`` writes the page's quoted numbers into a Markdown cell (:mod:`tools.quotes`).
    """
    cells = [quoted(cell) if isinstance(cell, str) else cell for cell in page_cells(page, snippet, outputs, docs_dir)]
    return {
        f"download/{generated_name(record.snippet, page.language, '.ipynb')}":
            notebook_json(cells, record, entry, page.language, site_url, page),
        f"notebooks/{generated_name(record.snippet, page.language, '.md')}":
            notebook_page(cells, record, page.language, page).encode(),
    }


def recipe_notebooks(pages: list[Page], snippets: list[Snippet], records: dict[str, RunRecord], cache,
                     site_url: str, quotes: dict[str, dict[str, Quote]] | None = None,
                     docs_dir: Path = DOCS_DIR) -> tuple[dict[str, bytes], list[str]]:
    """Every recipe page's notebook (see :func:`notebook_files`), and each page whose notebook could not be made.

    A recipe page is one named after a snippet; a snippet without a record (it
    failed) has no notebook. ``quotes``: each page's quoted numbers, by its base.
    """
    known = {snippet.name: snippet for snippet in snippets}
    files: dict[str, bytes] = {}
    problems = []
    for page in pages:
        if page.base not in known or page.base not in records:
            continue
        record = records[page.base]

        def quoted(text: str, page: Page = page) -> str:
            def where(offset: int) -> str:  # the line of the page file where this quote first stands
                token = QUOTE.match(text, offset)[0]
                source = (docs_dir / page.path).read_text()
                return f"docs/{page.path}:{source.count(chr(10), 0, max(source.find(token), 0)) + 1}"
            return replace_quotes(text, (quotes or {}).get(page.base, {}), records, page.language, where)
        try:
            files |= notebook_files(page, known[page.base], record, cache.entry(record.snippet, record.key),
                                    cache.outputs(record), site_url, docs_dir, quoted)
        except (NotebookError, QuoteError) as error:
            problems.append(str(error))
    return files, problems
