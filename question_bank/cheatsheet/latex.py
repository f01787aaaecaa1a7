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


_RELATIONS = ("=", r"\neq", r"\leftarrow", r"\Rightarrow", r"\approx")
_OPEN, _CLOSE = "({[", ")}]"


def pieces(latex: str, long: int = 70) -> list[str]:
    """Split a formula before each top-level relation, so HTML (MathML does not break lines) can wrap
    a long chain between its sides.

    >>> pieces(r"\\operatorname{Tr}(A B) = \\operatorname{Tr}(B A) \\neq x_{i=1}")
    ['\\\\operatorname{Tr}(A B)', '= \\\\operatorname{Tr}(B A)', '\\\\neq x_{i=1}']
    """
    out = []
    for side in _split(latex, _RELATIONS):
        out += _split(side, (" + ", " - ")) if len(side) > long else [side]
    return out


def breakable(latex: str) -> str:
    """The formula with line-break points only at top-level relations and + / − (``\\fml`` forbids
    TeX's default breaks, which fall inside brackets: ``I(z >`` / ``0)``).

    >>> print(breakable(r"f'(z) = \\mathbb{I}(z > 0) + \\alpha \\mathbb{I}(z < 0)"))
    f'(z) \\allowbreak = \\mathbb{I}(z > 0) \\allowbreak + \\alpha \\mathbb{I}(z < 0)
    """
    marks = (" + ", " - ")  # never after ∘: σ(z)∘ / (1 − σ(z)) reads as two formulas
    return " \\allowbreak ".join(p for side in _split(latex, _RELATIONS) for p in _split(side, marks))


def _split(latex: str, marks: tuple[str, ...]) -> list[str]:
    out, depth, start, i = [], 0, 0, 0
    while i < len(latex):
        ch = latex[i]
        if latex.startswith((r"\left", r"\bigl", r"\Bigl"), i) or ch in _OPEN and not latex.startswith("\\", max(i - 1, 0)):
            depth += 1
        elif latex.startswith((r"\right", r"\bigr", r"\Bigr"), i) or ch in _CLOSE and not latex.startswith("\\", max(i - 1, 0)):
            depth -= 1
        elif depth == 0 and i > start and any(latex.startswith(r, i) and not latex[i + len(r):i + len(r) + 1].isalpha() for r in marks):
            out.append(latex[start:i].strip())
            start = i
        i += 1
    out.append(latex[start:].strip())
    return [p for p in out if p]
