"""The MkDocs plugin that ties the pipeline into ``mkdocs build`` and ``mkdocs serve``.

* ``on_config``: the build date is the last commit's (:mod:`tools.builddate`),
  broken-link warnings name their line (:mod:`tools.linklines`);
  ``mkdocs serve`` also watches ``snippets/``; a build by mike gets
  Material's version selector (a plain build has no versions.json to read).
* ``on_pre_build``: check the pages' references, make sure every snippet has a
  run record (only changed snippets run), copy the plots into ``docs/runs/``.
  In a strict build (CI, ``tools build``) a problem stops the build; in ``serve``
  it is a warning, and the page shows the error where the plot or code would be.
* ``on_files``: notebooks are pages in every language (mkdocs-static-i18n issue 198).
* ``on_page_markdown``: replace the ``<!-- lr-... -->`` markers (see :mod:`tools.inject`).
* ``on_page_content``: formulas to MathML (:mod:`tools.mathml`).
* ``on_post_page``: drop the ``<link rel="alternate" hreflang>`` tags from the head
  (see :data:`HEAD_ALTERNATE`).
* ``on_post_build``: keep mkdocs-jupyter's cache of every language's notebooks;
  after every language is built, index the site with Pagefind.

mkdocs-static-i18n builds the other languages from inside the first build's
``on_post_build``, so this plugin counts nested builds and acts once, outermost.
"""

from __future__ import annotations

import logging
import os
import re

from mkdocs.config import Config, config_options
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs_jupyter.plugin import NotebookFile
from mkdocs_jupyter.plugin import _compute_cache_key as jupyter_cache_key
from mkdocs_jupyter.plugin import _get_cache_path as jupyter_cache_path
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from tools.builddate import pin_build_date
from tools.cache import RunCache
from tools.discover import (
    check_references,
    find_pages,
    find_snippets,
    language_of,
    missing_translations,
    pages_using,
)
from tools.execute import DEFAULT_TIMEOUT, ensure_runs
from tools.inject import MarkerError, disable_lines, materialize, replace_markers
from tools.mathml import render_math
from tools.linklines import install as install_link_lines
from tools.paths import DOCS_DIR, GENERATED_DIR, LANGUAGES, SNIPPETS_DIR
from tools.progress import LogReporter
from tools.records import RunRecord
from tools.search import index_site

# Material fetches ``sitemap.xml`` next to every ``<link rel="alternate" hreflang>``
# target; mkdocs-static-i18n points those at the same page in each language, where
# no sitemap exists, so every page load requested three missing files. The
# language selector's own links already lead to the same page in each language,
# and the site's sitemap.xml declares the hreflang alternates.
log = logging.getLogger("mkdocs.plugins.lr_cookbook")
MIKE_VERSION_VARIABLE = "MIKE_DOCS_VERSION"  # set by mike while it builds a version

HEAD_ALTERNATE = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


class NotebookPage(File):
    """A notebook rendered as a page, at the URL its language's asset would have had, minus ``.ipynb``."""

    def is_documentation_page(self) -> bool:
        return True

    @classmethod
    def of(cls, file: File, config: MkDocsConfig) -> NotebookPage:
        stem = file.dest_uri.removesuffix(".ipynb")
        dest_uri = f"{stem}/index.html" if config.use_directory_urls else f"{stem}.html"
        return cls(file.src_uri, config.docs_dir, config.site_dir, config.use_directory_urls,
                   dest_uri=dest_uri, inclusion=InclusionLevel.NOT_IN_NAV)  # linked from its recipe page


class CookbookConfig(Config):
    """``plugins: - lr-cookbook: {timeout: 120}`` in mkdocs.yml."""

    timeout = config_options.Type(float, default=DEFAULT_TIMEOUT)  # seconds per snippet, then killed


class CookbookPlugin(BasePlugin[CookbookConfig]):
    """Runs the snippets (through the cache), injects their plots, and indexes the site for search."""

    def __init__(self):
        super().__init__()
        self.records: dict[str, RunRecord] = {}
        self.failed: dict[str, str] = {}  # snippet: what went wrong (serve shows it on its pages)
        self.disabled: dict[str, dict[int, str]] = {}  # page: {line: problem} (serve only)
        self.depth = 0

    def on_config(self, config: MkDocsConfig):
        pin_build_date()  # the sitemap's dates come from the last commit, not the clock
        install_link_lines(DOCS_DIR)  # MkDocs' broken-link warnings get the link's file:line
        config.watch.append(str(SNIPPETS_DIR))
        if os.environ.get(MIKE_VERSION_VARIABLE):  # built by `mike deploy`: show Material's version selector
            config.extra["version"] = {"provider": "mike", "default": "latest", "alias": True}
        return config

    def on_pre_build(self, config: MkDocsConfig):
        self.depth += 1
        if self.depth > 1:
            return  # a language build nested in the first one: the runs are ready
        pages, snippets = find_pages(), find_snippets()
        problems = check_references(pages, snippets)
        messages = [message for _, message in problems] + [
            f"{path} is missing: every page exists in {', '.join(LANGUAGES)}" for path in missing_translations(pages)]
        if config.strict and messages:
            raise PluginError("Pages reference what does not exist:\n  " + "\n  ".join(messages))
        for message in messages:
            log.warning(message)  # serve goes on; the page shows the problem where it is
        self.disabled = {}
        for ref, message in problems:
            self.disabled.setdefault(ref.page, {})[ref.line] = message
        cache = RunCache()
        outcome = ensure_runs(snippets, cache, timeout=self.config.timeout, reporter=LogReporter(log))
        self.failed = {failure.snippet: failure.describe(pages_using(failure.snippet, pages))
                       for failure in outcome.failures}
        if config.strict and self.failed:
            raise PluginError("Snippets failed:\n" + "\n".join(self.failed.values()))
        for description in self.failed.values():
            log.warning("snippet failed, its pages show the error: %s", description)
        self.records = outcome.records
        materialize(self.records, cache)

    @event_priority(-50)  # after mkdocs-jupyter (0), before mkdocs-static-i18n (-100)
    def _notebooks_as_plain_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Undo mkdocs-jupyter's wrapping, so that mkdocs-static-i18n localizes notebooks like any asset."""
        for file in [f for f in files if isinstance(f, NotebookFile)]:
            files.remove(file)
            files.append(file.file)
        return files

    @event_priority(-150)  # after mkdocs-static-i18n has picked this language's files
    def _notebooks_as_pages(self, files: Files, config: MkDocsConfig) -> Files:
        """Make this language's notebooks documentation pages again (mkdocs-static-i18n issue 198).

        mkdocs-static-i18n treats ``.ipynb`` files as assets: ``x.ja.ipynb`` becomes
        ``ja/.../x.ipynb``, copied as a download. Here each becomes a page at
        ``.../x/``, which mkdocs-jupyter renders.
        """
        jupyter = config.plugins.get("mkdocs-jupyter")
        for file in [f for f in files if f.src_uri.endswith(".ipynb") and jupyter.should_include(f)]:
            files.remove(file)
            files.append(NotebookPage.of(file, config))
        return files

    @event_priority(-10)  # after mike (0) has added its own version selector
    def _without_mikes_selector(self, files: Files, config: MkDocsConfig) -> Files:
        """Drop the selector script mike adds: Material draws its own from ``extra.version``.

        Material shows its selector only while mike's ``version_selector`` is on,
        and with it on mike also injects a second, plain one (and it would fetch a
        ``versions.json`` that plain builds do not have).
        """
        for name, extras in (("version-select.css", config.extra_css), ("version-select.js", config.extra_javascript)):
            for file in [f for f in files if f.src_uri == name]:
                files.remove(file)
            extras[:] = [extra for extra in extras if not str(extra).endswith(name)]
        return files

    on_files = CombinedEvent(_notebooks_as_plain_files, _without_mikes_selector, _notebooks_as_pages)

    def on_page_markdown(self, markdown, page, config, files):
        source = page.file.src_uri
        if not source.endswith(".md"):
            return markdown  # a notebook page: mkdocs-jupyter renders it
        language = language_of(source)
        markdown = disable_lines(markdown, source, language, self.disabled.get(source, {}))
        try:
            return replace_markers(markdown, source, language, self.records, self.failed,
                                   report=None if config.strict else log.warning)
        except MarkerError as error:
            raise PluginError(str(error)) from error

    def on_page_content(self, html, page, config, files):
        return render_math(html)

    def on_post_page(self, output, page, config):
        return HEAD_ALTERNATE.sub("", output)

    @event_priority(50)  # before mkdocs-jupyter (0) evicts its cache
    def _keep_every_languages_notebook_cache(self, config: MkDocsConfig) -> None:
        """Keep mkdocs-jupyter's rendered notebooks of every language, not only this build's.

        mkdocs-jupyter evicts, after each build, the cache entries that build did not
        use; mkdocs-static-i18n builds one language at a time, so each language
        evicted the others' and every build rendered two thirds of the notebooks again.
        """
        jupyter = config.plugins.get("mkdocs-jupyter")
        for notebook in (GENERATED_DIR / "notebooks").glob("*.ipynb"):
            key = jupyter_cache_key(str(notebook), jupyter.config, False)  # execute: false in mkdocs.yml
            jupyter._used_cache_paths.add(jupyter_cache_path(jupyter.config["cache_dir"], key))

    @event_priority(-200)  # after mkdocs-static-i18n (-100) has built the other languages
    def _index_for_search(self, config: MkDocsConfig) -> None:
        self.depth -= 1
        if self.depth == 0:
            index_site(config.site_dir)

    on_post_build = CombinedEvent(_keep_every_languages_notebook_cache, _index_for_search)

    def on_build_error(self, error):
        self.depth = 0
