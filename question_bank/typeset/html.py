"""HTML: bank markup with math as MathML (latex2mathml, rendered natively by Chromium; no network).

>>> markup_to_html("a < b and $x^\\\\top$")
'a &lt; b and <math xmlns=...<msup><mi>x</mi><mo>&#x022A4;</mo></msup></mrow></math>'
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from question_bank.markup import convert
from question_bank.typeset.latex import repair_math, split_list, zh_punctuation

# commands latex2mathml does not know, spelled with ones it does (one line each)
_REWRITE = (
    ("\\underline{\\qquad}", "\\text{______}"), ("\\lVert", "\\|"), ("\\rVert", "\\|"), ("\\lvert", "|"), ("\\rvert", "|"),
    ("\\tfrac", "\\frac"), ("\\dfrac", "\\frac"), ("\\operatorname*{", "\\mathrm{"), ("\\operatorname{", "\\mathrm{"),
    ("\\,", " "), ("\\!", ""), ("\\;", " "),
)
# named operators latex2mathml leaves as raw "\\arg" text, set upright (its \\operatorname breaks on "conv2")
_OPERATORS = re.compile(r"\\(arg|argmin|argmax|sgn|diag|rank|softmax|sparsemax|vec|Var|Cov|KL)(?![A-Za-z])")
# whatever command still comes out raw (<mi>\\foo</mi>): its name, upright, never a backslash on the page
_RAW = re.compile(r"<(mi|mo|mtext)([^>]*)>\\([A-Za-z]+)</\1>")
# f' comes out as a superscript ′, which Chromium raises a second time (the prime glyph is already raised): inline
_PRIME = re.compile(r"<msup>(<mi(?: [^>]*)?>[^<]*</mi>)<mi>(&#x02032;|&#x02033;|&#x02034;)</mi></msup>")
# \\mathrm{conv2} comes out letter by letter: one upright identifier, as a name is read
_LETTERS = re.compile(r'<mrow>((?:<mi mathvariant="normal">[A-Za-z]</mi>|<mn>[0-9]+</mn>){2,})</mrow>')


@lru_cache(maxsize=4096)
def math_to_html(latex: str, display: bool = False) -> str:
    """One formula as MathML; a formula the converter cannot read is shown as escaped code, never dropped."""
    from latex2mathml.converter import convert as to_mathml

    source = repair_math(latex)
    for old, new in _REWRITE:
        source = source.replace(old, new)
    source = _OPERATORS.sub(lambda m: "\\mathrm{" + m.group(1) + "}", source)
    try:
        out = to_mathml(source, display="block" if display else "inline")
    except Exception:  # the converter's own failures; keep the text visible
        return f'<code class="tex">{html.escape(latex)}</code>'
    out = _PRIME.sub(r'\1<mo lspace="0" rspace="0">\2</mo>', out)
    out = _LETTERS.sub(lambda m: '<mi mathvariant="normal">' + re.sub(r"<[^>]+>", "", m.group(1)) + "</mi>", out)
    return _RAW.sub(lambda m: f'<mi mathvariant="normal">{m.group(3)}</mi>', out)


@lru_cache(maxsize=8192)
def markup_to_html(text: str) -> str:
    """Bank markup → HTML: prose escaped, math as MathML, paragraphs as ``<p>`` breaks."""
    return convert(text, prose=lambda t: html.escape(t, quote=False), math=math_to_html,
                   display=lambda m: math_to_html(m, True), par="</p><p>")


LONG_INLINE = 40  # characters of LaTeX: an inline formula this long may be wider than a phone's line


def page_math(latex: str, display: bool = False) -> str:
    """A formula for a page: as :func:`math_to_html`, with \\left/\\right fences tight to their content."""
    return math_to_html(latex, display).replace('fence="true"', 'fence="true" lspace="0" rspace="0"')


def inline_page_math(latex: str) -> str:
    """Inline math for a page: a list split at its commas; a long piece in an inline marked scroll container."""
    def one(piece: str) -> str:
        out = page_math(piece)
        return f'<span class="scroll inline" tabindex="0">{out}</span>' if len(piece) > LONG_INLINE else out
    return ", ".join(one(p) for p in split_list(latex))


@lru_cache(maxsize=8192)
def markup_to_page(text: str) -> str:
    """Bank markup → HTML for a page read on any screen (the exam, the practice page): as :func:`markup_to_html`,
    Chinese punctuation full-width after a Chinese character, inline lists split (:func:`inline_page_math`),
    and display math in a marked scroll container
    (``<div class="scroll">``, closing and reopening the surrounding ``<p>``) so a wide formula scrolls inside
    it instead of widening the page."""
    return convert(text, prose=lambda t: html.escape(zh_punctuation(t), quote=False), math=inline_page_math,
                   display=lambda m: '</p><div class="scroll" tabindex="0">' + page_math(m, True) + "</div><p>",
                   par="</p><p>")
