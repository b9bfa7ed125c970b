"""How a number is written in each site language, wherever the build writes one into prose:
quoted run numbers (:mod:`tools.quotes`), plots' alt text, the comparison's tables.

English and Japanese write ``0.01`` and ``1,797``; Brazilian Portuguese writes
``0,01`` and ``1.797`` (as ``Intl.NumberFormat("pt-BR")``, which the playground
uses). Prose never shows E notation: ``3.6e-03`` is written ``3.6 × 10⁻³``.
Code and what a program printed keep Python's notation; they are not made here.
"""

from __future__ import annotations

import re

DECIMAL = {"en": ".", "ja": ".", "pt-BR": ","}
GROUP = {"en": ",", "ja": ",", "pt-BR": "."}
SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
LIST = {"en": (", ", " and "), "ja": ("、", "、"), "pt-BR": (", ", " e ")}  # between numbers, before the last
E_NOTATION = re.compile(r"^(?P<mantissa>[-+]?[\d.,]+)e(?P<exponent>[-+]?\d+)$")


def localize(text: str, language: str) -> str:
    """A number written by Python (``1,797.5``, ``3.6e-03``, ``-0.25``) as ``language`` writes it."""
    match = E_NOTATION.match(text)
    if match:
        exponent = int(match["exponent"])
        mantissa = localize(match["mantissa"], language)
        power = "10" + str(exponent).translate(SUPERSCRIPT)
        return power if mantissa == "1" else f"{mantissa} × {power}"
    swapped = {".": DECIMAL[language], ",": GROUP[language]}
    return re.sub(r"[.,]", lambda m: swapped[m[0]], text.replace("-", "−"))


def number(value: float, spec: str, language: str) -> str:
    """``value`` formatted with a Python format ``spec`` (``.3f``, ``.2g``, ``,d``, ``.1e``), in ``language``'s way."""
    return localize(format(value, spec), language)


class Localized:
    """A number that formats itself in a language: ``"{x:.3g}".format(x=Localized(0.0045, "pt-BR"))``
    gives ``0,0045``. So the labels' format strings keep their Python specs."""

    def __init__(self, value: float, language: str):
        self.value, self.language = value, language

    def __format__(self, spec: str) -> str:
        return number(self.value, spec, self.language)


def _separator(numbers: list[str], language: str, between: str) -> str:
    """``between``, or where a comma is the decimal mark and a number has one, a semicolon
    (``0,5; 0,6``), so that no one reads two numbers as one."""
    return "; " if DECIMAL[language] == "," and any("," in text for text in numbers) else between


def number_list(numbers: list[str], language: str) -> str:
    """Numbers already written in ``language``, as a list: ``10, 12 and 15``, ``10、12、15``, ``10, 12 e 15``
    (``0,5; 0,6 e 0,7``)."""
    if len(numbers) == 1:
        return numbers[0]
    between, last = LIST[language]
    return _separator(numbers, language, between).join(numbers[:-1]) + last + numbers[-1]


def interval(low: str, high: str, language: str) -> str:
    """Two numbers already written in ``language`` as an interval: ``[77.3, 78.8]``, ``[77,3; 78,8]``."""
    return f"[{low}{_separator([low, high], language, ', ')}{high}]"
