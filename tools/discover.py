"""Stage 1: find the snippets (and the comparison's techniques), and the pages that include or plot them."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from tools.cells import SECTION, split_cells
from mkdocs.utils.meta import get_data

from tools.paths import COMPARISON_DIR, DOCS_DIR, GENERATED_DIR, LANGUAGES, SNIPPETS_DIR
from tools.records import Page, PageRef, Snippet

# ``--8<-- "snippets/NAME.py"`` or ``--8<-- "snippets/NAME.py:SECTION"`` (pymdownx.snippets)
INCLUDE = re.compile(r'--8<--\s+"snippets/(?P<snippet>\w+)\.py(?::(?P<section>[\w-]+))?"')
# ``<!-- lr-plot: NAME -->``: where a run's plot goes (replaced by tools.inject)
PLOT_MARKER = re.compile(r"<!--\s*lr-plot:\s*(?P<snippet>\w+)\s*-->")
# ``<!-- lr-output: NAME REGEX -->``: the lines of the run's output that match REGEX
OUTPUT_MARKER = re.compile(r"<!--\s*lr-output:\s*(?P<snippet>\w+)\s+(?P<pattern>.+?)\s*-->")
# ``<!-- lr-figure: NAME N ALT TEXT -->``: the N-th figure the snippet drew itself, with its alt text
FIGURE_MARKER = re.compile(r"<!--\s*lr-figure:\s*(?P<snippet>\w+)\s+(?P<number>\d+)\s+(?P<alt>.+?)\s*-->")
# ``<!-- lr-downloads: NAME -->``: buttons to download the notebook and the script, and to view the notebook
DOWNLOADS_MARKER = re.compile(r"<!--\s*lr-downloads:\s*(?P<snippet>\w+)\s*-->")
# ``<!-- lr-playground: NAME -->``: the schedule playground of the page (tools/playground.py)
PLAYGROUND_MARKER = re.compile(r"<!--\s*lr-playground:\s*(?P<snippet>\w+)\s*-->")
TITLE = re.compile(r"^# (?P<title>.+?)\s*$", re.M)
_SUFFIX = re.compile(r"^(?P<base>.*?)(?:\.(?P<lang>" + "|".join(map(re.escape, LANGUAGES[1:])) + r"))?\.md$")


def base_of(page_path: str) -> str:
    """The page without its language suffix: ``x.ja.md`` is ``x``."""
    return _SUFFIX.match(page_path)["base"]


def language_of(page_path: str) -> str:
    """The language of a page from its suffix: ``x.ja.md`` is Japanese, ``x.md`` the default."""
    return _SUFFIX.match(page_path)["lang"] or LANGUAGES[0]


def find_snippets(directory: Path = SNIPPETS_DIR) -> list[Snippet]:
    """Every runnable snippet, sorted by name (private modules start with ``_``)."""
    return [Snippet(p.stem, directory) for p in sorted(directory.glob("*.py")) if not p.stem.startswith("_")]


TECHNIQUE_PREFIX = "comparison-"  # a technique's run is named apart from the snippet of the same technique


@dataclass(frozen=True)
class Technique(Snippet):
    """One technique of the comparison: ``comparison/STEM.py``, run and cached as ``comparison-STEM``."""

    @property
    def stem(self) -> str:
        return self.name.removeprefix(TECHNIQUE_PREFIX)

    @property
    def path(self) -> Path:
        return self.directory / f"{self.stem}.py"


def find_techniques(directory: Path = COMPARISON_DIR) -> list[Technique]:
    """Every technique of the comparison, sorted by name (every module but the shared ``task``)."""
    return [Technique(TECHNIQUE_PREFIX + p.stem, directory) for p in sorted(directory.glob("*.py"))
            if p.stem not in ("__init__", "task")]


def find_runs() -> list[Snippet]:
    """What the build runs: every snippet, then every technique of the comparison."""
    return find_snippets() + find_techniques()


def snippet_sections(snippet: Snippet) -> set[str]:
    """Names of the sections marked in a snippet."""
    return {m["name"] for m in SECTION.finditer(snippet.path.read_text()) if m["edge"] == "start"}


def read_page(path: Path, docs_dir: Path = DOCS_DIR) -> Page:
    """Parse one page's language, title, front matter, includes and markers."""
    rel = path.relative_to(docs_dir).as_posix()
    text = path.read_text()
    body, meta = get_data(text)
    title = next((m["title"] for m in TITLE.finditer(body)), "")
    includes, plots, outputs, figures, downloads = [], [], [], [], []
    for number, line in enumerate(text.splitlines(), start=1):
        includes += [PageRef(rel, number, m["snippet"], m["section"]) for m in INCLUDE.finditer(line)]
        plots += [PageRef(rel, number, m["snippet"]) for m in PLOT_MARKER.finditer(line)]
        figures += [PageRef(rel, number, m["snippet"], figure=int(m["number"])) for m in FIGURE_MARKER.finditer(line)]
        outputs += [PageRef(rel, number, m["snippet"]) for m in OUTPUT_MARKER.finditer(line)]
        downloads += [PageRef(rel, number, m["snippet"]) for m in DOWNLOADS_MARKER.finditer(line)]
    return Page(rel, _SUFFIX.match(rel)["base"], language_of(rel), title, meta, tuple(includes), tuple(plots),
                tuple(outputs), tuple(figures), tuple(downloads))


def front_matter_lines(text: str) -> int:
    """How many lines of a page come before what MkDocs hands to plugins: its YAML front matter
    (and the blank lines after it), so that a line of that Markdown can be named by its line in the file."""
    body, _ = get_data(text)
    return text[: len(text) - len(body)].count("\n")


def find_pages(docs_dir: Path = DOCS_DIR) -> list[Page]:
    """Every Markdown page written by hand under ``docs/``, sorted by path (not the generated ``docs/runs/``)."""
    generated = docs_dir / GENERATED_DIR.name
    return [read_page(p, docs_dir) for p in sorted(docs_dir.rglob("*.md")) if not p.is_relative_to(generated)]


def pages_using(snippet_name: str, pages: list[Page]) -> list[PageRef]:
    """Every include and plot marker, in any page, that names this snippet."""
    return [ref for page in pages for ref in page.references if ref.snippet == snippet_name]


def check_references(pages: list[Page], snippets: list[Snippet]) -> list[tuple[PageRef, str]]:
    """Each reference to an unknown snippet or section, with a message that starts with its file:line."""
    known = {s.name: s for s in snippets}
    problems = []
    for page in pages:
        for ref in page.references:
            if ref.snippet not in known:
                problems.append((ref, f"{ref}: unknown snippet {ref.snippet!r}"))
            elif ref.section and ref.section not in snippet_sections(known[ref.snippet]):
                problems.append((ref, f"{ref}: snippet {ref.snippet!r} has no section {ref.section!r}"))
    return problems


def check_recipe_code(pages: list[Page], snippets: list[Snippet]) -> list[tuple[PageRef, str]]:
    """Each recipe page whose code is not its whole snippet, section by section, in order.

    A recipe page (one named after a snippet) shows every code cell of its
    snippet once, in the snippet's order, and nothing else: so the page's code,
    copied in order, is the script, and its notebook is the build's run.
    """
    known = {s.name: s for s in snippets}
    problems = []
    for page in pages:
        if page.base not in known:
            continue
        cells = [cell for cell in split_cells(known[page.base].path) if cell.section or cell.has_statements]
        wanted = [cell.section for cell in cells]
        shown = [ref.section for ref in page.includes if ref.snippet == page.base]
        where = page.includes[0] if page.includes else PageRef(page.path, 1, page.base)
        if None in wanted:
            outside = next(cell for cell in cells if cell.section is None)
            line = outside.line + ast.parse(outside.source).body[0].lineno - 1  # its first statement
            problems.append((where, f"snippets/{page.base}.py:{line}: code outside a section is on no page"))
        elif shown != wanted or len(shown) != len(page.includes):
            problems.append((where, f"{where}: the page shows sections {shown} (and {len(page.includes) - len(shown)} "
                                    f"other includes); a recipe page shows its snippet's sections {wanted}, in order"))
    return problems


def missing_translations(pages: list[Page]) -> list[str]:
    """Pages that exist in some language but not in all of them, as the paths that are missing."""
    present = {(page.base, page.language) for page in pages}
    bases = sorted({base for base, _ in present})
    return [
        f"docs/{base}.md" if language == LANGUAGES[0] else f"docs/{base}.{language}.md"
        for base in bases for language in LANGUAGES if (base, language) not in present
    ]
