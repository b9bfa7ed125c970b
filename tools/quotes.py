"""Numbers a run produced, quoted in a page's prose, written in from the run at every build.

A page writes ``{{ name }}`` where a number of its run goes ("reached a
validation accuracy of {{ valley_accuracy }}"); the English page's front
matter says once, for every language, where each name comes from::

    numbers:
      batches: {output: '^range test: (\\d+) batches'}
      valley: {output: '^valley +suggests (\\S+)', format: .1e}
      halved: {output: '^Epoch (\\d+): ReduceLROnPlateau reducing', every: true}

* ``output``: a regular expression with one group, searched in each line the
  run printed; the group is the number. It must match exactly one line, or,
  with ``every: true``, at least one: then every match is quoted, as a list
  ("10, 12 and 15" in the page's language).
* ``format``: a Python format spec (``.3f``, ``.2g``, ``,d``, ``.1e``) for the
  number; without it the printed text is kept. Either way the number is written
  as the page's language writes numbers (:mod:`tools.numbers`).
* ``run``: the snippet whose run is quoted (default: the page's own).

So a re-run that prints another number changes the page, and a run that no
longer prints it fails the build, naming the page and line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from tools.numbers import localize, number, number_list
from tools.records import Page, RunRecord

QUOTE = re.compile(r"\{\{\s*(?P<name>\w+)\s*\}\}")
CODE = re.compile(r"```.*?```|`[^`\n]*`", re.S)  # fenced blocks and inline code are left as they are
NUMBERS_KEY = "numbers"
FIELDS = {"output", "format", "run", "every"}


class QuoteError(ValueError):
    """A quote that cannot be written: a bad definition, an unknown name, a number the run did not print."""


@dataclass(frozen=True)
class Quote:
    """Where one quoted number of a page comes from."""

    name: str
    run: str  # the snippet whose run printed it
    output: re.Pattern
    format: str = ""
    every: bool = False

    def text(self, record: RunRecord, language: str) -> str:
        """The number (or the list of numbers) as the page in ``language`` writes it."""
        found = [match[1] for line in record.stdout.splitlines() if (match := self.output.search(line))]
        if not found:
            raise QuoteError(f"{{{{ {self.name} }}}}: the run of {self.run!r} printed no line matching "
                             f"{self.output.pattern!r}")
        if len(found) > 1 and not self.every:
            raise QuoteError(f"{{{{ {self.name} }}}}: {len(found)} lines the run of {self.run!r} printed match "
                             f"{self.output.pattern!r}; make it match one, or say `every: true`")
        return number_list([self._written(text, language) for text in found], language)

    def _written(self, printed: str, language: str) -> str:
        if not self.format:
            return localize(printed, language)
        try:
            value = float(printed)
            return number(int(value) if self.format.endswith("d") else value, self.format, language)
        except ValueError as error:
            raise QuoteError(f"{{{{ {self.name} }}}}: cannot write {printed!r} with format "
                             f"{self.format!r}: {error}") from None


def read_quotes(page: Page, text: str) -> tuple[dict[str, Quote], list[str]]:
    """The quotes an English page defines in its front matter, and each problem as ``docs/x.md:LINE: ...``.

    ``text`` is the page file's text (for the line of each definition).
    """
    defined = page.meta.get(NUMBERS_KEY) or {}
    lines = text.splitlines()

    def where(name: str) -> str:
        line = next((i for i, line in enumerate(lines, start=1) if re.match(rf"\s+{name}\s*:", line)), 1)
        return f"docs/{page.path}:{line}"

    if not isinstance(defined, dict):
        return {}, [f"{where(NUMBERS_KEY)}: `numbers` must map names to definitions"]
    quotes, problems = {}, []
    for name, definition in defined.items():
        if not isinstance(definition, dict) or "output" not in definition or set(definition) - FIELDS:
            problems.append(f"{where(name)}: number {name!r} needs `output` (a regular expression with one "
                            f"group) and may have only {sorted(FIELDS)}")
            continue
        try:
            pattern = re.compile(str(definition["output"]))
        except re.error as error:
            problems.append(f"{where(name)}: number {name!r}: bad regular expression: {error}")
            continue
        if pattern.groups != 1:
            problems.append(f"{where(name)}: number {name!r}: the expression needs exactly one group, "
                            f"it has {pattern.groups}")
            continue
        quotes[name] = Quote(name, str(definition.get("run", page.base)), pattern,
                             str(definition.get("format", "")), bool(definition.get("every", False)))
    return quotes, problems


def replace_quotes(markdown: str, quotes: dict[str, Quote], records: dict[str, RunRecord], language: str,
                   where: Callable[[int], str], missing: Callable[[str], str | None] = lambda name: None) -> str:
    """``markdown`` with each ``{{ name }}`` outside code written from its run.

    Raises :class:`QuoteError` for a name or a run it cannot quote, prefixed with
    ``where(offset)``: the page and line of that offset in ``markdown``; unless
    ``missing(name)`` gives a text to write instead of a name not in ``quotes``.
    """

    def written(match: re.Match, offset: int) -> str:
        quote = quotes.get(match["name"])
        if quote is None and (instead := missing(match["name"])) is not None:
            return instead
        if quote is None:
            raise QuoteError(f"{where(offset + match.start())}: {{{{ {match['name']} }}}} is not defined in "
                             "the English page's `numbers`")
        if quote.run not in records:
            raise QuoteError(f"{where(offset + match.start())}: {{{{ {quote.name} }}}} quotes {quote.run!r}, "
                             "which has no run record")
        try:
            return quote.text(records[quote.run], language)
        except QuoteError as error:
            raise QuoteError(f"{where(offset + match.start())}: {error}") from None

    parts, last = [], 0
    for code in [*CODE.finditer(markdown), None]:
        end = code.start() if code else len(markdown)
        parts.append(QUOTE.sub(lambda match: written(match, last), markdown[last:end]))
        if code:
            parts.append(code[0])
            last = code.end()
    return "".join(parts)
