"""HTML: bank markup with math as MathML (latex2mathml, rendered natively by Chromium; no network).

>>> markup_to_html("a < b and $x^\\\\top$")
'a &lt; b and <math xmlns=...<msup><mi>x</mi><mo>&#x022A4;</mo></msup></mrow></math>'
"""

from __future__ import annotations

import html
from functools import lru_cache

from question_bank.markup import convert
from question_bank.typeset.latex import repair_math

# commands latex2mathml does not know, spelled with ones it does
_REWRITE = (("\\underline{\\qquad}", "\\text{______}"), ("\\lVert", "\\|"), ("\\rVert", "\\|"), ("\\lvert", "|"), ("\\rvert", "|"), ("\\tfrac", "\\frac"),
            ("\\dfrac", "\\frac"), ("\\operatorname{", "\\mathrm{"), ("\\,", " "), ("\\!", ""), ("\\;", " "))


@lru_cache(maxsize=4096)
def math_to_html(latex: str, display: bool = False) -> str:
    """One formula as MathML; a formula the converter cannot read is shown as escaped code, never dropped."""
    from latex2mathml.converter import convert as to_mathml

    source = repair_math(latex)
    for old, new in _REWRITE:
        source = source.replace(old, new)
    try:
        return to_mathml(source, display="block" if display else "inline")
    except Exception:  # the converter's own failures; keep the text visible
        return f'<code class="tex">{html.escape(latex)}</code>'


@lru_cache(maxsize=8192)
def markup_to_html(text: str) -> str:
    """Bank markup → HTML: prose escaped, math as MathML, paragraphs as ``<p>`` breaks."""
    return convert(text, prose=lambda t: html.escape(t, quote=False), math=math_to_html,
                   display=lambda m: math_to_html(m, True), par="</p><p>")
