"""Numbers a run produced, quoted in a page's prose, written in from the run at every build.

A page writes ``{{ name }}`` where a number of its run goes ("reached a
validation accuracy of {{ valley_accuracy }}"); the English page's front
matter says once, for every language, where each name comes from::

    numbers:
      batches: {output: '^range test: (\\d+) batches'}
      valley: {output: '^valley +suggests (\\S+)', format: .1e}
      halved: {output: '^Epoch (\\d+): ReduceLROnPlateau reducing', every: true}
      accuracy: {fit: one_cycle, field: val_accuracy, format: .3f}

Each number comes from one of two places:

* ``output``: a regular expression (in single quotes) with one group, searched
  in each line the run printed; the group is the number. It must match exactly
  one line, or, with ``every: true``, at least one: then every match is quoted,
  as a list ("10, 12 and 15" in the page's language).
* ``fit`` and ``field``: a list the run recorded (:class:`tools.records.FitRecord`:
  ``val_accuracy``, ``loss``, ``steps``, ``learning_rate``, ...) for the one model
  whose whole name matches the regular expression ``fit`` (``one_cycle``,
  ``'suggested_.*'``), at index ``at`` (default ``-1``, the last).

``format`` is a Python format spec (``.3f``, ``.2g``, ``,d``, ``.1e``) for the
number; without it a printed number is kept as printed. A printed number is only
rounded further when every value that prints as it rounds the same way (``2.45``
is not written with ``.1f``: print more digits). Either way the number is written
as the page's language writes numbers (:mod:`tools.numbers`). ``run`` names the
snippet whose run is quoted (default: the page's own).

So a re-run that gives another number changes the page, and a run that no
longer gives it fails the build, naming the page and line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from tools.numbers import localize, number, number_list
from tools.records import FitRecord, Page, RunRecord

QUOTE = re.compile(r"\{\{\s*(?P<name>\w+)\s*\}\}")
CODE = re.compile(r"```.*?```|`[^`\n]*`", re.S)  # fenced blocks and inline code are left as they are
NUMBERS_KEY = "numbers"
FIELDS = {"output", "every", "fit", "field", "at", "format", "run"}
RECORDED = {field for field, kind in FitRecord.__annotations__.items() if kind in ("list[int]", "list[float]")}


class QuoteError(ValueError):
    """A quote that cannot be written: a bad definition, an unknown name, a number the run did not give."""


@dataclass(frozen=True)
class Quote:
    """Where one quoted number of a page comes from: a printed line (``output``) or a recorded list
    (``fit``, ``field``, ``at``)."""

    name: str
    run: str  # the snippet whose run is quoted
    output: re.Pattern | None = None
    every: bool = False
    fit: str = ""
    field: str = ""
    at: int = -1
    format: str = ""

    def text(self, record: RunRecord, language: str) -> str:
        """The number (or the list of numbers) as the page in ``language`` writes it."""
        if self.output is None:
            return self._recorded(record, language)
        found = [match[1] for line in record.stdout.splitlines() if (match := self.output.search(line))]
        if not found:
            raise self._error(f"the run of {self.run!r} printed no line matching {self.output.pattern!r}")
        if len(found) > 1 and not self.every:
            raise self._error(f"{len(found)} lines the run of {self.run!r} printed match {self.output.pattern!r}; "
                              "make it match one, or say `every: true`")
        return number_list([self._printed(text, language) for text in found], language)

    def _error(self, message: str) -> QuoteError:
        return QuoteError(f"{{{{ {self.name} }}}}: {message}")

    def _recorded(self, record: RunRecord, language: str) -> str:
        fits = [fit for fit in record.fits if re.fullmatch(self.fit, fit.model)]
        if len(fits) != 1:
            raise self._error(f"the run of {self.run!r} has {len(fits)} fits of a model named {self.fit!r}, not one")
        values = getattr(fits[0], self.field)
        if not -len(values) <= self.at < len(values):
            raise self._error(f"{self.fit}.{self.field} has {len(values)} values, none at {self.at}")
        value = values[self.at]
        return number(value, self.format, language) if self.format else localize(repr(value), language)

    def _printed(self, printed: str, language: str) -> str:
        if not self.format:
            return localize(printed, language)
        try:
            value = Decimal(printed)
        except InvalidOperation:
            raise self._error(f"cannot write {printed!r} as a number") from None
        if self.format.endswith("d"):
            if value != value.to_integral_value():
                raise self._error(f"{printed!r} is not a whole number, for format {self.format!r}")
            return number(int(value), self.format, language)
        # every value that prints as `printed` lies within half a unit of its last digit
        half = Decimal(1).scaleb(value.as_tuple().exponent) / 2
        ends = {format(value - half, self.format), format(value + half, self.format)}
        if len(ends) > 1:
            raise self._error(f"the run printed {printed!r}, which could be {' or '.join(sorted(ends))} with "
                              f"format {self.format!r}: print more digits")
        return localize(ends.pop(), language)


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
        try:
            quotes[name] = _quote(name, definition, page.base)
        except QuoteError as error:
            problems.append(f"{where(name)}: number {name!r}: {error}")
    return quotes, problems


def _quote(name: str, definition, base: str) -> Quote:
    """One definition of the front matter's ``numbers`` as a :class:`Quote`; raises QuoteError."""
    one_source = isinstance(definition, dict) and ("output" in definition) != ("fit" in definition)
    if not one_source or set(definition) - FIELDS:
        raise QuoteError(f"needs either `output` (a regular expression with one group) or `fit` and `field`, "
                         f"and may have only {sorted(FIELDS)}")
    common = {"run": str(definition.get("run", base)), "format": str(definition.get("format", ""))}
    if "fit" in definition:
        try:
            re.compile(str(definition["fit"]))
        except re.error as error:
            raise QuoteError(f"bad regular expression in `fit`: {error}") from None
        if definition.get("field") not in RECORDED:
            raise QuoteError(f"`field` must be one of {sorted(RECORDED)}")
        return Quote(name, fit=str(definition["fit"]), field=definition["field"], at=int(definition.get("at", -1)),
                     **common)
    try:
        pattern = re.compile(str(definition["output"]))
    except re.error as error:
        raise QuoteError(f"bad regular expression: {error}") from None
    if pattern.groups != 1:
        raise QuoteError(f"the expression needs exactly one group, it has {pattern.groups}")
    return Quote(name, output=pattern, every=bool(definition.get("every", False)), **common)


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
