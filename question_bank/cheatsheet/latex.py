"""Expression-language text → the sheet's LaTeX: the checker's printer, then a few typesetting rules.

The printer's output is what the checker reads back; a printed sheet wants the course's spelling
(Tr, dX, ⌊·⌋, fan_in) and compact delimiters. Each rule is (pattern, replacement), applied in order.

>>> tex("tr(A^T (B .* C))", {"A", "B", "C"})
'\\\\operatorname{Tr}(A^{\\\\top} (B \\\\circ C))'
>>> tex("delta^(l) a^(l-1)^T", {"delta^(l)", "a^(l-1)"})
'\\\\delta^{(l)} {a^{(l-1)}}^{\\\\top}'
>>> tex("floor((M + 2P - K) / S) + 1", {"M", "P", "K", "S"})
'\\\\left\\\\lfloor \\\\frac{M + 2 P - K}{S} \\\\right\\\\rfloor + 1'
"""

from __future__ import annotations

import re
from collections.abc import Iterable

RULES: tuple[tuple[str, str], ...] = (
    (r"\\operatorname\{tr\}", r"\\operatorname{Tr}"),
    (r"([A-Za-z]|\\[a-zA-Z]+)((?:_\{[^{}]*\})?\^\{\([^{}]*\)\})\^", r"{\1\2}^"),  # W^{(l)}^T → {W^{(l)}}^T
    (r"\\operatorname\{floor\}\\left\((.*)\\right\)", r"\\left\\lfloor \1 \\right\\rfloor"),
    (r"fan_\{(in|out)\}", r"\\mathrm{fan}_{\\mathrm{\1}}"),
    (r"\\sigma_\{2\}", r"\\sigma^{2}"),
    (r"(?<![\\A-Za-z])d(x|X|z|W|\\omega)(?![A-Za-z])", r"\\mathrm{d}\1"),
    (r"\\text\{(valid|full|same)\}", r"\\text{\1}"),
    (r"\\cdot 1(?![0-9])", r"\\mathbf{1}"),
    (r"(?<![0-9.])1\^\{\\top\}", r"\\mathbf{1}^{\\top}"),
    (r"\\left\(", "("),
    (r"\\det\(([A-Za-z])\)", r"\\det \1"),
    (r"\\log\((\\det [A-Za-z])\)", r"\\log\1"),
    (r"\\right\)", ")"),
)


def tidy(latex: str) -> str:
    for pattern, replacement in RULES:
        latex = re.sub(pattern, replacement, latex)
    return latex


def tex(text: str, names: Iterable[str] = ()) -> str:
    """The sheet's LaTeX of an expression-language text (names: declared symbols, to split Ax)."""
    from checker.language.parser import parse
    from checker.language.printing import to_latex

    return tidy(to_latex(parse(text, names=set(names))))
