"""Formulas rendered at build time: the TeX that pymdownx.arithmatex marks becomes MathML.

Pages write ``$...$`` and ``$$...$$``; arithmatex (``generic: true``) wraps them
in ``<span class="arithmatex">\\(...\\)</span>`` and ``<div class="arithmatex">\\[...\\]</div>``.
:func:`render_math` replaces those with MathML, which browsers draw natively,
so no math script or font is fetched from another host.
"""

from __future__ import annotations

import html
import re

from latex2mathml.converter import convert

_INLINE = re.compile(r'<span class="arithmatex">\\\((?P<tex>.*?)\\\)</span>', re.S)
_BLOCK = re.compile(r'<div class="arithmatex">\\\[(?P<tex>.*?)\\\]</div>', re.S)


def render_math(page_html: str) -> str:
    """The page with every arithmatex formula replaced by MathML."""
    page_html = _BLOCK.sub(lambda m: convert(html.unescape(m["tex"]).strip(), display="block"), page_html)
    return _INLINE.sub(lambda m: convert(html.unescape(m["tex"]).strip()), page_html)
