"""Stage 5: put each run's plots where MkDocs finds them, and replace page markers.

* ``<!-- lr-plot: NAME -->``: the recorded learning rate and losses of
  ``snippets/NAME.py``, as a figure in the page's language with alt text, a
  caption and a provenance line from the run record.
* ``<!-- lr-figure: NAME N ALT -->``: the N-th figure the snippet drew itself.
* ``<!-- lr-output: NAME REGEX -->``: the lines the run printed that match REGEX.
* ``<!-- lr-downloads: NAME -->``: buttons to download the run's notebook and the
  script, and to open the notebook page.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from tools.cache import RunCache
import re

from tools.discover import DOWNLOADS_MARKER, FIGURE_MARKER, OUTPUT_MARKER, PLOT_MARKER
from tools.labels import label
from tools.paths import DEFAULT_LANGUAGE, GENERATED_DIR, LANGUAGES
from tools.plot import SCRIPT_NAME, curves, figure_name, notebook_name, plot_name
from tools.records import RunRecord


class MarkerError(ValueError):
    """A plot marker that names a snippet with no run record."""


def generated_name(snippet: str, language: str, suffix: str = ".svg") -> str:
    """File name under ``docs/runs/``; mkdocs-static-i18n picks ``NAME.ja.svg`` for Japanese pages."""
    return f"{snippet}{suffix}" if language == DEFAULT_LANGUAGE else f"{snippet}.{language}{suffix}"


def materialize(records: dict[str, RunRecord], cache: RunCache, directory: Path = GENERATED_DIR) -> list[Path]:
    """Copy every run's files from the cache into ``docs/runs/``; return the files that changed.

    ``NAME[.lang].svg`` and ``NAME-figure-N.svg``: plots; ``notebooks/NAME[.lang].ipynb``:
    notebook pages (rendered by mkdocs-jupyter); ``download/NAME.ipynb`` and
    ``download/NAME.py``: what the download buttons serve.

    A file is only written when its bytes differ, so an unchanged build does not
    wake ``mkdocs serve``'s file watcher. Files of snippets that no longer exist are removed.
    """
    directory.mkdir(parents=True, exist_ok=True)
    wanted: dict[Path, bytes] = {}
    for name, record in records.items():
        entry = cache.entry(name, record.key)
        for language in LANGUAGES:
            wanted[directory / generated_name(name, language)] = (entry / plot_name(language)).read_bytes()
        for number in range(1, record.figures + 1):
            wanted[directory / f"{name}-{figure_name(number)}"] = (entry / figure_name(number)).read_bytes()
        for language in LANGUAGES:
            notebook = (entry / notebook_name(language)).read_bytes()
            wanted[directory / "notebooks" / generated_name(name, language, ".ipynb")] = notebook
        wanted[directory / "download" / f"{name}.ipynb"] = (entry / notebook_name(DEFAULT_LANGUAGE)).read_bytes()
        wanted[directory / "download" / f"{name}.py"] = (entry / SCRIPT_NAME).read_bytes()
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
        rates = [r for fit in fits for r in fit.learning_rate]
        parts.append(label(language, "curve").format(
            model=model, first=rates[0], first_step=steps[0], last=rates[-1], last_step=steps[-1]))
    text = label(language, "alt").format(path=f"snippets/{record.snippet}.py", curves=label(language, "and").join(parts))
    return text.replace("[", "(").replace("]", ")")


def provenance(record: RunRecord, language: str) -> str:
    """One line saying where and how the plotted run happened."""
    seed = record.seed if record.seed is not None else label(language, "no_seed")
    return label(language, "provenance").format(
        tensorflow=record.tensorflow, keras=record.keras, device=record.device,
        seed=seed, training=record.training_seconds)


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


def replace_markers(markdown: str, page_src: str, language: str, records: dict[str, RunRecord]) -> str:
    """Replace every plot, figure and output marker in a page.

    A marker naming a snippet without a record, or quoting output the run never
    printed, raises :class:`MarkerError` naming the page and line.
    """

    def record_for(match) -> RunRecord:
        if match["snippet"] not in records:
            raise MarkerError(f"{where(match)}: marker names unknown snippet {match['snippet']!r}")
        return records[match["snippet"]]

    def where(match) -> str:
        return f"docs/{page_src}:{markdown.count(chr(10), 0, match.start()) + 1}"

    def output(match):
        block = output_block(record_for(match), match["pattern"])
        if not block:
            raise MarkerError(f"{where(match)}: the run of {match['snippet']!r} printed no line "
                              f"matching {match['pattern']!r}")
        return block

    def drawn(match):
        record, number = record_for(match), int(match["number"])
        if not 1 <= number <= record.figures:
            raise MarkerError(f"{where(match)}: {match['snippet']!r} drew {record.figures} figure(s), "
                              f"not a figure {number}")
        src = posixpath.relpath(f"runs/{record.snippet}-{figure_name(number)}", posixpath.dirname(page_src) or ".")
        alt = match["alt"].replace("[", "(").replace("]", ")")
        return f'<figure class="lr-plot" markdown="1">\n\n![{alt}]({src})\n\n</figure>\n'

    def downloads(match):
        name = record_for(match).snippet
        here = posixpath.dirname(page_src) or "."
        link = lambda target: posixpath.relpath(target, here)  # noqa: E731
        return (
            f'[{label(language, "download_notebook")}]({link(f"runs/download/{name}.ipynb")})'
            f'{{ .md-button download="{name}.ipynb" }}\n'
            f'[{label(language, "download_script")}]({link(f"runs/download/{name}.py")})'
            f'{{ .md-button download="{name}.py" }}\n'
            f'[{label(language, "view_notebook")}]({link(f"runs/notebooks/{name}.ipynb")}){{ .md-button }}\n'
        )

    markdown = OUTPUT_MARKER.sub(output, markdown)
    markdown = DOWNLOADS_MARKER.sub(downloads, markdown)
    markdown = FIGURE_MARKER.sub(drawn, markdown)
    return PLOT_MARKER.sub(lambda match: figure(record_for(match), language, page_src), markdown)
