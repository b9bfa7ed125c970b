"""The cookbook's catalog, from the recipe pages themselves: the navigation, the home page's
recipe table and the chooser, in every language.

A recipe page says in its front matter where it goes and, in its own language,
what the tables say of it::

    ---
    recipe:
      section: Callbacks         # English page only: a section of the nav in mkdocs.yml
      order: 10                  # English page only: its place in the section
      changes: a callback watching the validation loss   # "What changes the learning rate"
      when: at the end of an epoch, when progress stalls # "When it changes"
      situation: You do not know how long training needs  # the chooser's "Your situation"
      why: it cuts the rate when the validation loss stalls  # the chooser's "Why"
      search: [ReduceLROnPlateau, plateau]  # what a reader types to find it (tested in the browser)
    ---

The nav in ``mkdocs.yml`` lists its sections with no pages (``- Callbacks: []``);
each is filled with its recipes in order. The tables replace
``<!-- lr-catalog: recipes -->`` and ``<!-- lr-catalog: chooser -->``, and link to
each recipe by its title. So a new recipe is its snippet, its three pages and its test.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from tools.labels import label
from tools.paths import DEFAULT_LANGUAGE, LANGUAGES
from tools.records import Page

RECIPE_KEY = "recipe"
TEXT_FIELDS = ("changes", "when", "situation", "why")
PLACE_FIELDS = ("section", "order")  # the English page's only
CATALOG_MARKER = re.compile(r"<!--\s*lr-catalog:\s*(?P<table>recipes|chooser)\s*-->")
# each table's columns: "recipe" and "use" are a link to the recipe, the others a field of its entry
TABLES = {"recipes": ("recipe", "changes", "when"), "chooser": ("situation", "use", "why")}


@dataclass(frozen=True)
class Entry:
    """A recipe page in one language: its title and what the tables say of it."""

    path: str  # relative to docs/
    title: str
    changes: str
    when: str
    situation: str
    why: str
    search: tuple[str, ...]


@dataclass(frozen=True)
class Recipe:
    """One recipe: where it goes in the nav, and its page in every language."""

    base: str
    section: str
    order: int
    entries: dict[str, Entry]  # by language


def _line_of(page: Page, docs_dir, key: str = RECIPE_KEY) -> int:
    """The line of ``key:`` in the page's front matter (1 when absent)."""
    for number, line in enumerate((docs_dir / page.path).read_text().splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1


def nav_sections(nav: list) -> list[str]:
    """The sections of ``mkdocs.yml``'s nav that recipes fill: the entries ``- Title: []``."""
    return [title for item in nav if isinstance(item, dict) for title, value in item.items() if value == []]


def read_catalog(pages: list[Page], sections: list[str], recipe_names: set[str], docs_dir) -> tuple[list[Recipe], list[str]]:
    """The recipes, in nav order, and each problem of their front matter as ``docs/x.md:LINE: ...``.

    ``recipe_names`` are the snippets: each has a recipe page, which must say where it goes.
    A recipe whose English page says where it goes is in the catalog even when a
    translation's front matter is wrong (its entry then has the English words) or
    the translation is missing (the English entry stands in, as the English page
    does), so that ``serve`` still shows it while the problem is reported.
    """
    problems: list[str] = []
    by_base: dict[str, dict[str, Page]] = {}
    for page in pages:
        if RECIPE_KEY in page.meta or page.base in recipe_names:
            by_base.setdefault(page.base, {})[page.language] = page
    recipes = []
    for base, languages in sorted(by_base.items()):
        entries, place = {}, {}
        for language, page in sorted(languages.items()):
            where = f"docs/{page.path}:{_line_of(page, docs_dir)}"
            fields = page.meta.get(RECIPE_KEY)
            if not isinstance(fields, dict):
                problems.append(f"{where}: a recipe page needs `{RECIPE_KEY}:` front matter "
                                f"({', '.join(TEXT_FIELDS + ('search',))})")
                continue
            missing = [key for key in TEXT_FIELDS if not isinstance(fields.get(key), str) or not fields[key].strip()]
            search = fields.get("search")
            if not isinstance(search, list) or not search or not all(isinstance(term, str) for term in search):
                missing.append("search (a list of terms)")
            if language == DEFAULT_LANGUAGE:
                if fields.get("section") not in sections:
                    problems.append(f"{where}: `section: {fields.get('section')}` is not a nav section of "
                                    f"mkdocs.yml ({', '.join(sections)})")
                if not isinstance(fields.get("order"), int):
                    missing.append("order (a whole number)")
                place = fields
            elif any(key in fields for key in PLACE_FIELDS):
                problems.append(f"{where}: `section` and `order` belong in the English page only")
            if missing:
                problems.append(f"{where}: `{RECIPE_KEY}:` lacks {', '.join(missing)}")
                continue
            entries[language] = Entry(page.path, page.title, *(fields[key] for key in TEXT_FIELDS), tuple(search))
        if DEFAULT_LANGUAGE in entries and place.get("section") in sections and isinstance(place.get("order"), int):
            english = entries[DEFAULT_LANGUAGE]
            for language in LANGUAGES:  # bad front matter: the page's title, the English words; no page: English
                page = languages.get(language, languages[DEFAULT_LANGUAGE])
                entries.setdefault(language, Entry(page.path, page.title, *(getattr(english, key) for key in TEXT_FIELDS),
                                                   english.search))
            recipes.append(Recipe(base, place["section"], place["order"], entries))
    recipes.sort(key=lambda recipe: (sections.index(recipe.section), recipe.order, recipe.base))
    return recipes, problems


def fill_nav(nav: list, recipes: list[Recipe]) -> list:
    """``mkdocs.yml``'s nav with each empty section holding its recipes' pages, in order."""
    filled = []
    for item in nav:
        if isinstance(item, dict) and list(item.values()) == [[]]:
            (title,) = item
            item = {title: [f"{recipe.base}.md" for recipe in recipes if recipe.section == title]}
        filled.append(item)
    return filled


def catalog_table(table: str, recipes: list[Recipe], language: str, page_src: str) -> str:
    """The Markdown table that replaces ``<!-- lr-catalog: TABLE -->`` in a page in ``language``."""
    here = posixpath.dirname(page_src) or "."
    columns = TABLES[table]
    lines = ["| " + " | ".join(label(language, f"column_{column}") for column in columns) + " |",
             "| " + " | ".join("---" for _ in columns) + " |"]
    for recipe in recipes:
        entry = recipe.entries[language]
        link = f"[{entry.title}]({posixpath.relpath(f'{recipe.base}.md', here)})"
        cells = [link if column in ("recipe", "use") else getattr(entry, column) for column in columns]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"
