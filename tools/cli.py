"""Command line: ``python -m tools build | serve | run NAME | publish VERSION | preview | translations``."""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.logging import RichHandler
from rich.table import Table

from tools.discover import find_pages, find_runs, pages_using
from tools.execute import DEFAULT_TIMEOUT, Outcome, ensure_runs
from tools.progress import RichReporter
from tools.records import Snippet

console = Console(stderr=True)


def _run(snippets: list[Snippet], jobs: int | None, timeout: float, stop_on_failure: bool = True) -> Outcome:
    """Run what the cache lacks, with a live progress table; report each failure.

    With ``stop_on_failure``, any failure exits with status 1 before anything else is built.
    """
    with RichReporter(console) as reporter:
        outcome = ensure_runs(snippets, jobs=jobs, timeout=timeout, reporter=reporter)
    if outcome.failures:
        pages = find_pages()
        for failure in outcome.failures:
            console.print(f"[bold red]FAILED[/] {failure.describe(pages_using(failure.snippet, pages))}",
                          highlight=False, soft_wrap=True)  # not wrapped: file:line stays greppable
            if failure.traceback:
                console.print(failure.traceback, markup=False, highlight=False, soft_wrap=True)
        if stop_on_failure:
            console.print("[bold red]build stopped; site/ and the cache are as they were[/]")
            sys.exit(1)
    return outcome


def build(args) -> None:
    """Run the snippets, then build every language of the site into ``site/``."""
    from mkdocs.exceptions import MkDocsException, PluginError

    from tools.site import build_site

    started = time.perf_counter()
    outcome = _run(find_runs(), args.jobs, args.timeout, stop_on_failure=not args.no_strict)
    snippets_done = time.perf_counter()
    try:
        site = build_site(strict=not args.no_strict)
    except (MkDocsException, PluginError) as error:
        console.print("[bold red]site build failed; the last good site/ is unchanged:[/]")
        console.print(str(error), markup=False, highlight=False, soft_wrap=True)
        sys.exit(1)
    finished = time.perf_counter()
    table = Table(title="build timings")
    table.add_column("stage")
    table.add_column("seconds", justify="right")
    table.add_row(f"snippets ({len(outcome.ran)} run, {len(outcome.records) - len(outcome.ran)} cached)",
                  f"{snippets_done - started:.1f}")
    table.add_row("site (MkDocs, 3 languages, search index)", f"{finished - snippets_done:.1f}")
    table.add_row("total", f"{finished - started:.1f}")
    console.print(table)
    console.print(f"site written to {site}")
    if args.report:
        cached = sorted(set(outcome.records) - set(outcome.ran))
        seconds = {"snippets": snippets_done - started, "site": finished - snippets_done, "total": finished - started}
        Path(args.report).write_text(json.dumps({"ran": outcome.ran, "cached": cached, "seconds": seconds,
                                                 "plot_seconds": outcome.plot_seconds}, indent=1))


def serve(args) -> None:
    """Run the snippets, then serve the site with live reload (a changed snippet re-runs alone).

    Not strict: a failing snippet or a bad reference is a warning, and the page
    shows the error in place; the server keeps running until it is fixed.
    """
    from mkdocs.commands.serve import serve as mkdocs_serve

    from tools.paths import MKDOCS_YML

    _run(find_runs(), args.jobs, args.timeout, stop_on_failure=False)
    mkdocs_serve(config_file=str(MKDOCS_YML), livereload=True, dev_addr=args.dev_addr, strict=False)


def publish(args) -> None:
    """Run the snippets, then deploy VERSION (alias latest, the default) to the gh-pages branch."""
    from tools.publish import publish as deploy

    _run(find_runs(), args.jobs, args.timeout)
    try:
        deploy(args.version, branch=args.branch)
    except subprocess.CalledProcessError as error:
        console.print(f"[bold red]publishing {args.version} failed; nothing was deployed:[/] {error}")
        sys.exit(1)
    console.print(f"published {args.version} (alias latest) to the {args.branch} branch")


def preview(args) -> None:
    """Serve the gh-pages branch with every published version, as GitHub Pages would."""
    from tools.publish import preview as serve_branch

    serve_branch(branch=args.branch, address=args.dev_addr)


def run(args) -> None:
    """Run one snippet through the worker and the cache, and summarise what it recorded."""
    known = {s.name: s for s in find_runs()}
    if args.name not in known:
        console.print(f"[red]no snippet {args.name!r}; known: {', '.join(sorted(known))}")
        sys.exit(2)
    if args.force:
        from tools.cache import RunCache, cache_key

        entry = RunCache().entry(args.name, cache_key(known[args.name]))
        (entry / "record.json").unlink(missing_ok=True)
    record = _run([known[args.name]], 1, args.timeout).records[args.name]
    print(record.stdout)
    for fit in record.fits:
        if not fit.steps:
            print(f"{fit.model}: stopped before its first step")
            continue
        print(f"{fit.model}: {len(fit.steps)} steps, learning rate {fit.learning_rate[0]:.3g} -> "
              f"{fit.learning_rate[-1]:.3g}, {fit.seconds:.1f} s")


def translations(args) -> None:
    """List the translated pages whose English page changed since the version they follow, with the
    English diff; with --update PAGE..., record that those pages now follow the English page as it is."""
    from tools.paths import DOCS_DIR, ROOT
    from tools.translations import english_diff, record_english_version, stale_translations

    if args.update:
        pages = {page.path: page for page in find_pages()}
        for name in args.update:
            path = (Path.cwd() / name).resolve()
            key = path.relative_to(DOCS_DIR).as_posix() if path.is_relative_to(DOCS_DIR) else name
            if key not in pages or pages[key].language == "en":
                console.print(f"[red]{name}: not a translated page under {DOCS_DIR.relative_to(ROOT)}/")
                sys.exit(2)
            english = DOCS_DIR / f"{pages[key].base}.md"
            version = record_english_version(DOCS_DIR / key, english)
            print(f"docs/{key} now follows docs/{pages[key].base}.md {version}")
        return
    stale = stale_translations(find_pages())
    for item in stale:
        print(f"== {item.describe()}")
        print(english_diff(item))
    print(f"{len(stale)} stale translation(s)" if stale else "every translation follows its English page")


def main(argv: list[str] | None = None) -> None:
    """Parse the command line and run the command."""
    logging.basicConfig(level=logging.INFO, format="%(message)s",
                        handlers=[RichHandler(console=console, show_time=False, show_path=False)])
    parser = argparse.ArgumentParser(prog="python -m tools", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    for name, function in (("build", build), ("serve", serve), ("run", run), ("publish", publish),
                           ("preview", preview), ("translations", translations)):
        command = commands.add_parser(name, help=function.__doc__)
        command.set_defaults(function=function)
        command.add_argument("--jobs", type=int, default=None, help="worker processes (default: CPU count)")
        command.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per snippet")
    commands.choices["build"].add_argument("--report", help="also write what ran and the timings to this JSON file")
    commands.choices["build"].add_argument(
        "--no-strict", action="store_true",
        help="build as serve does: failures and bad references are warnings, shown in their pages")
    commands.choices["serve"].add_argument("--dev-addr", default="127.0.0.1:8000")
    commands.choices["publish"].add_argument("version", help="e.g. 0.1")
    commands.choices["preview"].add_argument("--dev-addr", default="127.0.0.1:8000")
    for name in ("publish", "preview"):
        commands.choices[name].add_argument("--branch", default="gh-pages", help="the branch mike writes")
    commands.choices["translations"].add_argument(
        "--update", nargs="+", metavar="PAGE", help="record that these translated pages follow their English page now")
    commands.choices["run"].add_argument("name", help="snippet name, e.g. exponential_decay")
    commands.choices["run"].add_argument("--force", action="store_true", help="ignore the cache")
    args = parser.parse_args(argv)
    try:
        args.function(args)
    except KeyboardInterrupt:
        console.print("[bold red]interrupted; site/ and the cache are as they were before this command[/]")
        sys.exit(130)
