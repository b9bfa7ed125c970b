"""The MkDocs plugin that ties the pipeline into ``mkdocs build`` and ``mkdocs serve``.

* ``on_config``: the build date is the last commit's (:mod:`tools.builddate`),
  broken-link warnings name their line (:mod:`tools.linklines`);
  ``mkdocs serve`` also watches ``snippets/``; a build by mike gets
  Material's version selector (a plain build has no versions.json to read);
  the nav's empty sections are filled with the recipes that name them
  (:mod:`tools.catalog`).
* ``on_pre_build``: check the pages' references, make sure every snippet has a
  run record (only changed snippets run), build each recipe page's notebook
  (:mod:`tools.notebook`), copy plots and notebooks into ``docs/runs/``, and warn
  about translations that follow an older English page (:mod:`tools.translations`).
  In a strict build (CI, ``tools build``) a problem stops the build; in ``serve``
  it is a warning, and the page shows the error where the plot or code would be.
* ``on_page_markdown``: replace the ``<!-- lr-... -->`` markers and write in the quoted
  numbers (``{{ name }}``, defined in the English page's front matter: :mod:`tools.quotes`;
  see :mod:`tools.inject`).
* ``on_page_context``: the home pages' language switcher stays in the version being read.
* ``on_page_content``: formulas to MathML (:mod:`tools.mathml`).
* ``on_post_page``: drop the ``<link rel="alternate" hreflang>`` tags from the head
  (see :data:`HEAD_ALTERNATE`).
* ``on_post_build``: after every language is built, index the site with Pagefind.

mkdocs-static-i18n builds the other languages from inside the first build's
``on_post_build``, so this plugin counts nested builds and acts once, outermost.
"""

from __future__ import annotations

import logging
import os
import re

from mkdocs.config import Config, config_options
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files

from tools.builddate import pin_build_date
from tools.cache import RunCache
from tools.catalog import Recipe, fill_nav, nav_sections, read_catalog
from tools.discover import (
    check_recipe_code,
    check_references,
    find_pages,
    find_snippets,
    find_techniques,
    front_matter_lines,
    base_of,
    language_of,
    missing_translations,
    pages_using,
)
from tools.comparison import figure_files
from tools.execute import DEFAULT_TIMEOUT, ensure_runs
from tools.inject import MarkerError, disable_lines, materialize, replace_markers
from tools.linklines import install as install_link_lines
from tools.mathml import render_math
from tools.notebook import recipe_notebooks
from tools.paths import DOCS_DIR, LANGUAGES, SNIPPETS_DIR
from tools.progress import LogReporter
from tools.quotes import Quote, read_quotes
from tools.records import RunRecord
from tools.search import index_site
from tools.translations import stale_translations

# Material fetches ``sitemap.xml`` next to every ``<link rel="alternate" hreflang>``
# target; mkdocs-static-i18n points those at the same page in each language, where
# no sitemap exists, so every page load requested three missing files. The
# language selector's own links already lead to the same page in each language,
# and the site's sitemap.xml declares the hreflang alternates.
log = logging.getLogger("mkdocs.plugins.lr_cookbook")
# Outside MkDocs' loggers, so that a strict build reports stale translations without failing on them
translation_log = logging.getLogger("lr_cookbook.translations")
MIKE_VERSION_VARIABLE = "MIKE_DOCS_VERSION"  # set by mike while it builds a version

HEAD_ALTERNATE = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


def quotes_of(pages) -> tuple[dict[str, dict[str, Quote]], list[str]]:
    """Each page's quoted numbers, by the page without its language (defined in its English page),
    and each problem of their definitions."""
    quotes, problems = {}, []
    for page in pages:
        if page.language == LANGUAGES[0]:
            quotes[page.base], found = read_quotes(page, (DOCS_DIR / page.path).read_text())
            problems += found
    return quotes, problems


class CookbookConfig(Config):
    """``plugins: - lr-cookbook: {timeout: 120}`` in mkdocs.yml."""

    timeout = config_options.Type(float, default=DEFAULT_TIMEOUT)  # seconds per snippet, then killed


class CookbookPlugin(BasePlugin[CookbookConfig]):
    """Runs the snippets (through the cache), injects their plots, and indexes the site for search."""

    def __init__(self):
        super().__init__()
        self.records: dict[str, RunRecord] = {}
        self.recipes: list[Recipe] = []
        self.failed: dict[str, str] = {}  # snippet: what went wrong (serve shows it on its pages)
        self.quotes: dict[str, dict[str, Quote]] = {}  # page base: the numbers its pages quote from runs
        self.disabled: dict[str, dict[int, str]] = {}  # page: {line: problem} (serve only)
        self.depth = 0

    def on_config(self, config: MkDocsConfig):
        pin_build_date()  # the sitemap's dates come from the last commit, not the clock
        install_link_lines(DOCS_DIR)  # MkDocs' broken-link warnings get the link's file:line
        config.watch.append(str(SNIPPETS_DIR))
        if os.environ.get(MIKE_VERSION_VARIABLE):  # built by `mike deploy`: show Material's version selector
            config.extra["version"] = {"provider": "mike", "default": "latest", "alias": True}
        if self.depth == 0:  # not a language build nested in the first one, whose nav is filled already
            self.recipes, problems = read_catalog(find_pages(), nav_sections(config.nav or []),
                                                  {snippet.name for snippet in find_snippets()}, DOCS_DIR)
            self._problems(config, "Recipe pages do not say where they go", problems)
            config.nav = fill_nav(config.nav or [], self.recipes)
        return config

    @staticmethod
    def _problems(config: MkDocsConfig, title: str, messages: list[str]) -> None:
        """Stop a strict build on ``messages``; in ``serve``, warn and go on."""
        messages = list(dict.fromkeys(messages))  # a snippet's problem is found from each of its pages
        if config.strict and messages:
            raise PluginError(f"{title}:\n  " + "\n  ".join(messages))
        for message in messages:
            log.warning(message)

    def on_pre_build(self, config: MkDocsConfig):
        self.depth += 1
        if self.depth > 1:
            return  # a language build nested in the first one: the runs are ready
        pages, snippets = find_pages(), find_snippets()
        problems, shapes = check_references(pages, snippets), check_recipe_code(pages, snippets)
        self._problems(config, "Pages reference what does not exist", [message for _, message in problems + shapes] + [
            f"{path} is missing: every page exists in {', '.join(LANGUAGES)}" for path in missing_translations(pages)])
        self.disabled = {}
        for ref, message in problems:  # an include of what does not exist would stop MkDocs: the line says why
            self.disabled.setdefault(ref.page, {})[ref.line] = message
        self.quotes, problems = quotes_of(pages)
        self._problems(config, "Pages quote numbers they do not define well", problems)
        for stale in stale_translations(pages):
            translation_log.warning("stale translation: %s (python -m tools translations)", stale.describe())
        cache = RunCache()
        outcome = ensure_runs(snippets + find_techniques(), cache, timeout=self.config.timeout,
                              reporter=LogReporter(log))
        self.failed = {failure.snippet: failure.describe(pages_using(failure.snippet, pages))
                       for failure in outcome.failures}
        if config.strict and self.failed:
            raise PluginError("Snippets failed:\n" + "\n".join(self.failed.values()))
        for description in self.failed.values():
            log.warning("snippet failed, its pages show the error: %s", description)
        self.records = outcome.records
        broken = {ref.page for ref, _ in problems + shapes}
        notebooks, problems = recipe_notebooks([page for page in pages if page.path not in broken], snippets,
                                               self.records, cache, config.site_url or "", self.quotes)
        self._problems(config, "Notebooks could not be made", problems)
        recipes = {s.name for s in snippets}
        materialize({name: record for name, record in self.records.items() if name in recipes}, cache,
                    notebooks | figure_files(self.records))

    @event_priority(-10)  # after mike (0) has added its own version selector
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
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

    def on_page_markdown(self, markdown, page, config, files):
        source = page.file.src_uri
        language = language_of(source)
        first_line = front_matter_lines(page.file.content_string) + 1
        markdown = disable_lines(markdown, source, language, self.disabled.get(source, {}), first_line)
        try:
            return replace_markers(markdown, source, language, self.records, self.failed,
                                   report=None if config.strict else log.warning, recipes=self.recipes,
                                   first_line=first_line, quotes=self.quotes.get(base_of(source), {}))
        except MarkerError as error:
            log.error(str(error))  # MkDocs reports a plugin's error in a page without its message
            raise PluginError(str(error)) from error

    @event_priority(40)  # after mkdocs-static-i18n (50) has set the language switcher's links
    def on_page_context(self, context, page, config, nav):
        """Every page's language switcher leads to the same page in each language, in this version.

        mkdocs-static-i18n links each page to its translations, except the home pages: those
        get ``site_url``'s absolute path, which under mike is the ``latest`` alias, so a reader
        of an older version who switched language on its home page left that version.
        """
        alternates = getattr(page.file, "alternates", {})
        # mkdocs-static-i18n sets the switcher as an attribute of `extra` (which the theme reads), not a key
        for alternate in getattr(config.extra, "alternate", []):
            if alternate["lang"] in alternates:
                alternate["link"] = alternates[alternate["lang"]].url
        return context

    def on_page_content(self, html, page, config, files):
        return render_math(html)

    def on_post_page(self, output, page, config):
        return HEAD_ALTERNATE.sub("", output)

    @event_priority(-200)  # after mkdocs-static-i18n (-100) has built the other languages
    def on_post_build(self, config: MkDocsConfig) -> None:
        self.depth -= 1
        if self.depth == 0:
            index_site(config.site_dir)


    def on_build_error(self, error):
        self.depth = 0
