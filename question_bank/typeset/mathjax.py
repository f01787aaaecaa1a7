r"""HTML for hosts that typeset math themselves (Moodle's and Anki's MathJax): math as ``\(…\)``/``\[…\]``.

Prose and math are both HTML-escaped (a ``<`` in a formula would otherwise open a tag); MathJax reads
the entities back. Used by the Moodle and Anki exporters.

>>> markup_to_mathjax("a < b: $x^{(l)}^{T} < 1$\n\n$$y$$")
'a &lt; b: \\({x^{(l)}}^{T} &lt; 1\\)</p><p>\\[y\\]'
>>> text_html({"en": "E & $x$", "zh": "中 $x$"}, "both")
'<div lang="zh"><p>中 \\(x\\)</p></div><div lang="en"><p>E &amp; \\(x\\)</p></div>'
"""

from __future__ import annotations

import html

from question_bank.markup import convert
from question_bank.typeset.latex import repair_math

LANG_ORDER = {"en": ("en",), "zh": ("zh",), "both": ("zh", "en")}  # "both": zh first (export/__init__)


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def markup_to_mathjax(text: str) -> str:
    """Bank markup → HTML fragment (paragraph breaks as ``</p><p>``: wrap it in ``<p>…</p>``)."""
    return convert(text, prose=_esc, math=lambda m: "\\(" + _esc(repair_math(m)) + "\\)",
                   display=lambda m: "\\[" + _esc(repair_math(m)) + "\\]", par="</p><p>")


def latex_html(latex: str, display: bool = True) -> str:
    """One LaTeX formula (a step line, a blank's answer) as escaped MathJax source."""
    body = _esc(repair_math(latex))
    return f"\\[{body}\\]" if display else f"\\({body}\\)"


def text_html(text: dict[str, str], lang: str) -> str:
    """A bilingual text field in the languages asked, one ``<div lang>`` each."""
    return "".join(f'<div lang="{code}"><p>{markup_to_mathjax(text[code])}</p></div>' for code in LANG_ORDER[lang])


def plain(text: dict[str, str], lang: str, sep: str = " / ") -> str:
    """A bilingual label as plain text (names, tags), not escaped."""
    return sep.join(text[code] for code in LANG_ORDER[lang])
