"""Numbers a run produced, quoted in prose (tools.quotes), and how each language writes a number
(tools.numbers): what a page says is what its run printed, in the reader's form, or the build fails
naming the page and line."""

from __future__ import annotations

import re

import pytest

from tools.numbers import Localized, localize, number, number_list
from tools.quotes import Quote, QuoteError, read_quotes, replace_quotes
from tools.records import FitRecord, Page, RunRecord


def _record(stdout: str) -> RunRecord:
    return RunRecord(snippet="demo", key="k", fits=[], device="CPU", tensorflow="2.21.0", keras="3.15.1",
                     seed=42, seconds=0.0, stdout=stdout)


STDOUT = "range test: 93 batches, from 1.0e-07 to 2.29\nvalley            suggests 3.63e-03\n" \
         "Epoch 10: ReduceLROnPlateau reducing\nEpoch 12: ReduceLROnPlateau reducing\nimages 1797\n" \
         "smoothed loss 2.45, seen 1795\n"


@pytest.mark.parametrize(("value", "spec", "language", "written"), [
    (0.9361, ".3f", "en", "0.936"),
    (0.9361, ".3f", "ja", "0.936"),
    (0.9361, ".3f", "pt-BR", "0,936"),
    (1797, ",d", "en", "1,797"),
    (1797, ",d", "pt-BR", "1.797"),
    (3.63e-3, ".1e", "en", "3.6 × 10⁻³"),
    (3.63e-3, ".1e", "pt-BR", "3,6 × 10⁻³"),
    (1e-7, ".0e", "en", "10⁻⁷"),
    (4e-8, ".3g", "pt-BR", "4 × 10⁻⁸"),
    (-0.25, ".2f", "pt-BR", "−0,25"),
    (12345.5, ",.1f", "pt-BR", "12.345,5"),
])
def test_a_number_is_written_as_its_language_writes_numbers(value, spec, language, written):
    assert number(value, spec, language) == written
    assert f"{Localized(value, language):{spec}}" == written  # what the labels' format strings get


def test_lists_of_numbers_read_as_lists_in_each_language():
    assert number_list(["10", "12", "15"], "en") == "10, 12 and 15"
    assert number_list(["10", "12", "15"], "ja") == "10、12、15"
    assert number_list(["10", "12", "15"], "pt-BR") == "10, 12 e 15"
    assert number_list(["0,5"], "pt-BR") == "0,5"
    assert localize("2.29", "pt-BR") == "2,29" and localize("93", "pt-BR") == "93"


def _quote(output: str, format: str = "", every: bool = False) -> Quote:
    return Quote("q", "demo", output=re.compile(output), format=format, every=every)


def test_a_quote_is_the_number_the_run_printed():
    record = _record(STDOUT)
    assert _quote(r"^range test: (\d+) batches").text(record, "en") == "93"
    assert _quote(r"to (\S+)$").text(record, "pt-BR") == "2,29"
    assert _quote(r"to (\S+)$", ".1f").text(record, "en") == "2.3"  # every value printed as 2.29 rounds to 2.3
    assert _quote(r"^valley +suggests (\S+)", ".1e").text(record, "ja") == "3.6 × 10⁻³"
    assert _quote(r"^images (\d+)", ",d").text(record, "pt-BR") == "1.797"
    assert _quote(r"^Epoch (\d+): ReduceLROnPlateau", every=True).text(record, "pt-BR") == "10 e 12"


@pytest.mark.parametrize(("output", "format", "every", "message"), [
    (r"^never printed (\d+)", "", False, "printed no line matching"),
    (r"^Epoch (\d+)", "", False, "2 lines the run of 'demo' printed match"),
    (r"^valley +(\w+)", ".2f", False, "cannot write 'suggests' as a number"),
    (r"^smoothed loss (\S+),", ".1f", False, r"printed '2.45', which could be 2.4 or 2.5 .* print more digits"),
    (r"seen (\d+)$", ".2e", False, r"printed '1795', which could be 1.79e\+3 or 1.80e\+3"),
])
def test_a_quote_the_run_cannot_give_is_an_error(output, format, every, message):
    with pytest.raises(QuoteError, match=message):
        _quote(output, format, every).text(_record(STDOUT), "en")


PAGE = """---
numbers:
  batches: {output: '^range test: (\\d+) batches'}
  stop: {output: 'to (\\S+)$', format: .1f}
  broken: {output: '(unclosed'}
  groupless: {output: 'no group'}
  extra: {output: '(\\d+)', colour: red}
  accuracy: {fit: one_cycle, field: val_accuracy, format: .3f}
  first_loss: {fit: one_cycle, field: loss, at: 0}
  wrong_field: {fit: one_cycle, field: schedule}
  both: {output: '(\\d+)', fit: one_cycle, field: loss}
---

# Demo
"""


def test_the_english_page_defines_its_quotes_and_each_bad_definition_is_named_by_its_line():
    from mkdocs.utils.meta import get_data

    page = Page("demo.md", "demo", "en", meta=get_data(PAGE)[1])
    quotes, problems = read_quotes(page, PAGE)
    assert set(quotes) == {"batches", "stop", "accuracy", "first_loss"}
    assert quotes["stop"].format == ".1f" and quotes["batches"].run == "demo"
    record = _record(STDOUT)
    record.fits = [FitRecord("one_cycle", 1, "Adam", None, [], steps=[0, 1], learning_rate=[0.1, 0.1],
                             loss=[2.25, 0.5], val_accuracy=[0.5, 0.96666])]
    assert quotes["batches"].text(record, "en") == "93"
    assert quotes["accuracy"].text(record, "pt-BR") == "0,967" and quotes["first_loss"].text(record, "ja") == "2.25"
    assert [problem.split(": ", 2)[:2] for problem in problems] == [
        ["docs/demo.md:5", "number 'broken'"], ["docs/demo.md:6", "number 'groupless'"],
        ["docs/demo.md:7", "number 'extra'"], ["docs/demo.md:10", "number 'wrong_field'"],
        ["docs/demo.md:11", "number 'both'"]]
    assert "bad regular expression" in problems[0] and "exactly one group" in problems[1]
    assert "either `output`" in problems[2] and "`field` must be one of" in problems[3]
    record.fits.append(record.fits[0])
    with pytest.raises(QuoteError, match="has 2 fits of a model named 'one_cycle', not one"):
        quotes["accuracy"].text(record, "en")


def test_quotes_are_written_in_prose_not_in_code_and_an_unknown_name_names_its_line():
    quotes = {"batches": _quote(r"^range test: (\d+) batches"), "stop": _quote(r"to (\S+)$")}
    records = {"demo": _record(STDOUT)}
    markdown = "Stopped after {{ batches }} batches, at {{stop}}.\n\n`{{ batches }}`\n\n```python\nf'{{x}}'\n```\n"
    where = lambda offset: f"docs/demo.pt-BR.md:{markdown.count(chr(10), 0, offset) + 1}"  # noqa: E731
    assert replace_quotes(markdown, quotes, records, "pt-BR", where) == \
        "Stopped after 93 batches, at 2,29.\n\n`{{ batches }}`\n\n```python\nf'{{x}}'\n```\n"
    unknown = "a\n\nb {{ nope }}"
    with pytest.raises(QuoteError, match=r"^docs/demo.pt-BR.md:3: \{\{ nope \}\} is not defined"):
        replace_quotes(unknown, quotes, records, "pt-BR",
                       lambda offset: f"docs/demo.pt-BR.md:{unknown.count(chr(10), 0, offset) + 1}")
