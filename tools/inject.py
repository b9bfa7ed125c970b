"""Stage 5: put each run's plots where MkDocs finds them, and replace page markers.

* ``<!-- lr-plot: NAME -->``: the recorded learning rate and losses of
  ``snippets/NAME.py``, as a figure in the page's language with alt text, a
  caption and a provenance line from the run record.
* ``<!-- lr-figure: NAME N ALT -->``: the N-th figure the snippet drew itself, with the
  run's provenance line.
* ``<!-- lr-output: NAME REGEX -->``: the lines the run printed that match REGEX.
* ``<!-- lr-downloads: NAME -->``: buttons to download the page's notebook (in
  the page's language) and the script, and to open the notebook page.
* ``<!-- lr-playground: NAME -->``: the schedule playground of ``NAME``'s page (:mod:`tools.playground`).
* ``<!-- lr-comparison: PART -->``: the comparison page's table, verdict, plots and code (:mod:`tools.comparison`).
* ``<!-- lr-catalog: recipes|chooser -->``: the home page's and the chooser's tables.
* ``{{ name }}``: a number the run printed, written in the page's language (:mod:`tools.quotes`).
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from pathlib import Path

from tools.cache import SCRIPT_FILE, RunCache
from tools.catalog import CATALOG_MARKER, Recipe, catalog_table
from tools.comparison import COMPARISON_MARKER, ComparisonError, replace as replace_comparison
from tools.discover import DOWNLOADS_MARKER, FIGURE_MARKER, INCLUDE, OUTPUT_MARKER, PLAYGROUND_MARKER, PLOT_MARKER
from tools.labels import label
from tools.numbers import Localized
from tools.paths import DEFAULT_LANGUAGE, GENERATED_DIR, LANGUAGES
from tools.playground import SPECS, playground_html
from tools.quotes import Quote, QuoteError, replace_quotes
from tools.plot import curves, figure_name, momentum_varies, plot_name, rate_curves
from tools.records import RunRecord


class MarkerError(ValueError):
    """A marker that names a snippet with no run record, or asks for what its run did not produce."""


def generated_name(snippet: str, language: str, suffix: str = ".svg") -> str:
    """File name under ``docs/runs/``; mkdocs-static-i18n picks ``NAME.ja.svg`` for Japanese pages."""
    return f"{snippet}{suffix}" if language == DEFAULT_LANGUAGE else f"{snippet}.{language}{suffix}"


def materialize(records: dict[str, RunRecord], cache: RunCache, notebooks: dict[str, bytes],
                directory: Path = GENERATED_DIR) -> list[Path]:
    """Write every run's files, and the notebooks (and other files made from the runs: the
    comparison's plots), into ``docs/runs/``; return the files that changed.

    ``NAME[.lang].svg`` and ``NAME-figure-N.svg``: plots; ``download/NAME.py``: the
    script. ``notebooks`` (by path under ``docs/runs/``, see :func:`tools.notebook.notebook_files`):
    each recipe's notebook page and ``.ipynb`` in every language, and the comparison's plots.

    A file is only written when its bytes differ, so an unchanged build does not
    wake ``mkdocs serve``'s file watcher. Files no longer wanted are removed.
    """
    directory.mkdir(parents=True, exist_ok=True)
    wanted: dict[Path, bytes] = {directory / path: data for path, data in notebooks.items()}
    for name, record in records.items():
        entry = cache.entry(name, record.key)
        for language in LANGUAGES:
            wanted[directory / generated_name(name, language)] = (entry / plot_name(language)).read_bytes()
        for number in range(1, record.figures + 1):
            wanted[directory / f"{name}-{figure_name(number)}"] = (entry / figure_name(number)).read_bytes()
        wanted[directory / "download" / f"{name}.py"] = (entry / SCRIPT_FILE).read_bytes()
    changed = []
    for path, data in wanted.items():
        if not path.exists() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(path.name + ".tmp")
            tmp.write_bytes(data)
            tmp.replace(path)
            changed.append(path)
    for stale in [p for p in directory.rglob("*") if p.is_file() and p not in wanted]:
        stale.unlink()
        changed.append(stale)
    return changed


def alt_text(record: RunRecord, language: str) -> str:
    """What the plot shows, in words and numbers, for readers who cannot see it."""
    parts = []
    for model, fits in curves(record).items():
        steps = [s for fit in fits for s in fit.steps]
        for name, rates in rate_curves(fits, model).items():
            parts.append(label(language, "curve" if len(set(rates)) > 1 else "curve_flat").format(
                model=name, first=Localized(rates[0], language), first_step=steps[0],
                last=Localized(rates[-1], language), last_step=steps[-1]))
    momentum = label(language, "alt_momentum") if momentum_varies(record) else ""  # the middle panel, when drawn
    text = label(language, "alt").format(path=f"snippets/{record.snippet}.py",
                                         curves=label(language, "and").join(parts), momentum=momentum)
    return text.replace("[", "(").replace("]", ")")


def provenance(record: RunRecord, language: str) -> str:
    """One line saying where and how the plotted run happened.

    No timings: they differ from run to run, and two builds of one commit give the same bytes.
    """
    seed = record.seed if record.seed is not None else label(language, "no_seed")
    return label(language, "provenance").format(
        tensorflow=record.tensorflow, keras=record.keras, device=record.device,
        seed=seed)


def figure(record: RunRecord, language: str, page_src: str) -> str:
    """The Markdown (with ``md_in_html``) that replaces one plot marker."""
    src = posixpath.relpath(f"runs/{generated_name(record.snippet, DEFAULT_LANGUAGE)}",
                            posixpath.dirname(page_src) or ".")
    caption = label(language, "caption").format(path=f"snippets/{record.snippet}.py")
    return (
        '<figure class="lr-plot" markdown="1">\n\n'
        f'![{alt_text(record, language)}]({src})\n\n'
        f'<figcaption markdown="1">{caption}<br>\n<small class="lr-provenance">{provenance(record, language)}</small>\n'
        "</figcaption>\n</figure>\n"
    )


def output_block(record: RunRecord, pattern: str) -> str:
    """The lines of the run's output that match ``pattern``, as a ``text`` code block ('' if none)."""
    lines = [line for line in record.stdout.splitlines() if re.search(pattern, line)]
    return "```text\n" + "\n".join(lines) + "\n```\n" if lines else ""


def error_box(title: str, detail: str) -> str:
    """A visible failure notice (Material's ``failure`` admonition) in place of what could not be built.

    One line of HTML, so that the page's later line numbers stay as in the file.
    """
    detail = html.escape(detail).replace("\n", "&#10;")
    return (f'<div class="admonition failure lr-error"><p class="admonition-title">{html.escape(title)}</p>'
            f"<pre><code>{detail}</code></pre></div>")


def replace_markers(markdown: str, page_src: str, language: str, records: dict[str, RunRecord],
                    failed: dict[str, str] | None = None, report: Callable[[str], None] | None = None,
                    recipes: list[Recipe] = (), first_line: int = 1, quotes: dict[str, Quote] | None = None) -> str:
    """Replace every plot, figure, output, downloads, playground, comparison and catalog marker in a page,
    and every quoted number.

    The catalog markers become the tables of ``recipes`` (see :mod:`tools.catalog`);
    ``{{ name }}`` the number ``quotes[name]`` takes from its run (first, so that a
    figure's alt text may quote one too).
    ``first_line`` is the line of the page file where ``markdown`` starts (after its front matter).

    A marker naming a snippet without a record, quoting output the run never
    printed, or asking for a figure the run did not draw is a problem named by
    page and line. With no ``report`` (strict builds) it raises :class:`MarkerError`;
    with one (``serve``), ``report`` gets the message and the page shows it in
    an error box where the plot would be. Markers of the snippets in ``failed``
    (name: what went wrong) show that error box too.
    """
    failed = failed or {}

    def line_at(offset: int) -> str:
        return f"docs/{page_src}:{markdown.count(chr(10), 0, offset) + first_line}"

    def where(match) -> str:
        return line_at(match.start())

    def problem(message: str) -> str:
        if report is None:
            raise MarkerError(message)
        report(message)
        return error_box(label(language, "not_built"), message)

    def guarded(render: Callable[[re.Match, RunRecord], str]) -> Callable[[re.Match], str]:
        def replace(match: re.Match) -> str:
            name = match["snippet"]
            if name in failed:
                return error_box(label(language, "not_built"), failed[name])
            if name not in records:
                return problem(f"{where(match)}: marker names unknown snippet {name!r}")
            try:
                return render(match, records[name])
            except MarkerError as error:
                return problem(f"{where(match)}: {error}")
        return replace

    def output(match, record):
        block = output_block(record, match["pattern"])
        if not block:
            raise MarkerError(f"the run of {record.snippet!r} printed no line matching {match['pattern']!r}")
        return block

    def drawn(match, record):
        number = int(match["number"])
        if not 1 <= number <= record.figures:
            raise MarkerError(f"{record.snippet!r} drew {record.figures} figure(s), not a figure {number}")
        src = posixpath.relpath(f"runs/{record.snippet}-{figure_name(number)}", posixpath.dirname(page_src) or ".")
        alt = match["alt"].replace("[", "(").replace("]", ")")
        return (f'<figure class="lr-plot" markdown="1">\n\n![{alt}]({src})\n\n'
                f'<figcaption><small class="lr-provenance">{provenance(record, language)}</small></figcaption>\n'
                "</figure>\n")

    def downloads(match, record):
        name = record.snippet
        here = posixpath.dirname(page_src) or "."
        link = lambda target: posixpath.relpath(target, here)  # noqa: E731
        return (
            f'[{label(language, "download_notebook")}]({link(f"runs/download/{name}.ipynb")})'
            f'{{ .md-button download="{name}.ipynb" }}\n'
            f'[{label(language, "download_script")}]({link(f"runs/download/{name}.py")})'
            f'{{ .md-button download="{name}.py" }}\n'
            f'[{label(language, "view_notebook")}]({link(f"runs/notebooks/{name}.md")}){{ .md-button }}\n'
        )

    def playground(match, record):
        if record.snippet not in SPECS:
            raise MarkerError(f"no playground for {record.snippet!r}: tools/playground.py has no spec for it")
        return playground_html(record.snippet, language, page_src)

    markdown = quoted(markdown, quotes or {}, records, language, failed, line_at, report)
    markdown = CATALOG_MARKER.sub(lambda match: catalog_table(match["table"], recipes, language, page_src), markdown)
    markdown = PLAYGROUND_MARKER.sub(guarded(playground), markdown)
    try:
        markdown = replace_comparison(markdown, page_src, language, records)
    except ComparisonError as error:
        message = str(error)
        markdown = COMPARISON_MARKER.sub(lambda match: problem(f"{where(match)}: {message}"), markdown)
    markdown = OUTPUT_MARKER.sub(guarded(output), markdown)
    markdown = DOWNLOADS_MARKER.sub(guarded(downloads), markdown)
    markdown = FIGURE_MARKER.sub(guarded(drawn), markdown)
    return PLOT_MARKER.sub(guarded(lambda match, record: figure(record, language, page_src)), markdown)


def quoted(markdown: str, quotes: dict[str, Quote], records: dict[str, RunRecord], language: str,
           failed: dict[str, str], where: Callable[[int], str], report: Callable[[str], None] | None) -> str:
    """The page with its quoted numbers written in; a number that cannot be written raises
    :class:`MarkerError` (strict) or, reported, stays as a visible "not built" note."""
    usable = {name: quote for name, quote in quotes.items() if quote.run not in failed}
    unusable = {name for name in quotes if name not in usable}
    note = f"[{label(language, 'not_built')}]"
    try:
        return replace_quotes(markdown, usable, records, language, where,
                              missing=lambda name: note if name in unusable else None)
    except QuoteError as error:
        if report is None:
            raise MarkerError(str(error)) from None
        report(str(error))
        return replace_quotes(markdown, {}, records, language, where, missing=lambda name: note)


def disable_lines(markdown: str, page_src: str, language: str, problems: dict[int, str],
                  first_line: int = 1) -> str:
    """The page with each line in ``problems`` (line of the file: message) replaced by that message.

    ``first_line`` is the line of the file where ``markdown`` starts (after its front matter).

    For ``serve``: an include of a missing snippet or section would stop the whole
    build, so the line says what is wrong instead (as a comment inside a code
    block, in an error box elsewhere).
    """
    lines = markdown.split("\n")
    for number, message in problems.items():
        index = number - first_line
        if INCLUDE.search(lines[index]):
            lines[index] = f"# {label(language, 'not_built')}: {message}"
        else:
            lines[index] = error_box(label(language, "not_built"), message)
    return "\n".join(lines)
