"""Where things live in the repository. One place, so no stage hard-codes a path."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS_DIR = ROOT / "snippets"
COMPARISON_DIR = ROOT / "comparison"  # the techniques of the comparison page, and their shared task
DOCS_DIR = ROOT / "docs"
GENERATED_DIR = DOCS_DIR / "runs"  # plots copied here for MkDocs; ignored by git
CACHE_DIR = ROOT / ".cache" / "runs"
# what the site stage keeps between builds, drawn or computed from the runs and the pages
FIGURE_CACHE = ROOT / ".cache" / "comparison"  # the comparison's plots, under the hash of the runs that made them
PAGEFIND_CACHE = ROOT / ".cache" / "pagefind"  # the last search index, under the hash of the HTML it indexed
SITE_DIR = ROOT / "site"
LOCK_FILE = ROOT / "requirements.lock"
MKDOCS_YML = ROOT / "mkdocs.yml"

LANGUAGES = ("en", "ja", "pt-BR")
DEFAULT_LANGUAGE = "en"
# where each language lives in the built site (mkdocs-static-i18n: the default at the root)
SITE_PREFIX = {language: "" if language == DEFAULT_LANGUAGE else f"{language}/" for language in LANGUAGES}
