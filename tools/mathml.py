"""Formulas rendered at build time: the TeX that pymdownx.arithmatex marks becomes MathML.

Pages write ``$...$`` and ``$$...$$``; arithmatex (``generic: true``) wraps them
in ``<span class="arithmatex">\\(...\\)</span>`` and ``<div class="arithmatex">\\[...\\]</div>``.
:func:`render_math` replaces those with MathML, which browsers draw natively,
so no math script or font is fetched from another host.

A decimal comma is written ``0{,}01`` (TeX's way: a bare comma is punctuation,
followed by a space); latex2mathml makes it two numbers around an operator,
which :func:`render_math` joins back into one number, ``<mn>0,01</mn>``. A function name
latex2mathml does not know (``\\arg``) would stay a literal ``\\arg``: it becomes the
upright identifier ``arg``, as TeX sets it.
"""

from __future__ import annotations

import html
import re

from latex2mathml.converter import convert

_INLINE = re.compile(r'<span class="arithmatex">\\\((?P<tex>.*?)\\\)</span>', re.S)
_BLOCK = re.compile(r'<div class="arithmatex">\\\[(?P<tex>.*?)\\\]</div>', re.S)
_UNKNOWN_NAME = re.compile(r"<mi>\\(?P<name>[a-zA-Z]+)</mi>")
_DECIMAL_COMMA = re.compile(r"<mn>(?P<whole>\d+)</mn><mrow><mo>&#x0002C;</mo></mrow><mn>(?P<fraction>\d+)</mn>")


def _mathml(tex: str, display: str = "inline") -> str:
    mathml = convert(html.unescape(tex).strip(), display=display)
    return _UNKNOWN_NAME.sub(r"<mi>\g<name></mi>", _DECIMAL_COMMA.sub(r"<mn>\g<whole>,\g<fraction></mn>", mathml))


def render_math(page_html: str) -> str:
    """The page with every arithmatex formula replaced by MathML."""
    page_html = _BLOCK.sub(lambda m: _mathml(m["tex"], display="block"), page_html)
    return _INLINE.sub(lambda m: _mathml(m["tex"]), page_html)
