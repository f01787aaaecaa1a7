"""LaTeX: escape prose, render bank markup, repair what the printers emit that TeX refuses.

>>> escape("50% of {x} & $y_1$ ~ #1")
'50\\\\% of \\\\{x\\\\} \\\\& \\\\$y\\\\_1\\\\$ \\\\textasciitilde{} \\\\#1'
>>> repair_math(r"\\delta^{(l)}^{\\top} a")
'{\\\\delta^{(l)}}^{\\\\top} a'
>>> markup_to_latex("Let $x^\\\\top$ be 5%.")
'Let $x^\\\\top$ be 5\\\\%.'
"""

from __future__ import annotations

from functools import lru_cache

import re

from question_bank.markup import convert

_SPECIALS = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#", "%": r"\%",
             "_": r"\_", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}"}
_SPECIAL = re.compile(r"[\\{}$&#%_^~]")


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")  # xelatex refuses them ("invalid character")


def escape(text: str) -> str:
    """Prose (user text, titles) made safe for LaTeX: every special character printed as itself,
    control characters as a space."""
    return _SPECIAL.sub(lambda m: _SPECIALS[m.group(0)], _CONTROL.sub(" ", text))


def _group_end(s: str, start: int) -> int:
    """Index just past the balanced ``{…}`` that opens at ``start``."""
    depth = 0
    for i in range(start, len(s)):
        if s[i] == "{" and (i == 0 or s[i - 1] != "\\"):
            depth += 1
        elif s[i] == "}" and s[i - 1] != "\\":
            depth -= 1
            if depth == 0:
                return i + 1
    return len(s)


def _base_start(s: str, end: int) -> int:
    """Start of the base token that ends at ``end`` (a command, a group or one character)."""
    if end > 0 and s[end - 1] == "}":
        depth = 0
        for i in range(end - 1, -1, -1):
            if s[i] == "}" and (i == 0 or s[i - 1] != "\\"):
                depth += 1
            elif s[i] == "{" and (i == 0 or s[i - 1] != "\\"):
                depth -= 1
                if depth == 0:
                    j = i
                    m = re.search(r"\\[A-Za-z]+\s*$", s[:j])
                    return m.start() if m else j
    m = re.search(r"\\[A-Za-z]+$", s[:end])
    return m.start() if m else max(end - 1, 0)


def repair_math(latex: str) -> str:
    """``X^{a}^{b}`` (a label superscript then a transpose) becomes ``{X^{a}}^{b}``, which TeX and MathML accept."""
    s = latex
    i = 0
    while True:
        i = s.find("^{", i)
        if i < 0:
            return s
        end = _group_end(s, i + 1)
        if s[end:end + 1] == "^":
            start = _base_start(s, i)
            s = s[:start] + "{" + s[start:end] + "}" + s[end:]
            i = start
            continue
        i = end


@lru_cache(maxsize=8192)
def markup_to_latex(text: str) -> str:
    """Bank markup → LaTeX: prose escaped, ``$…$`` kept inline, ``$$…$$`` as ``\\[…\\]``."""
    return convert(text, prose=escape, math=lambda m: "$" + repair_math(m) + "$",
                   display=lambda m: "\n\\[" + repair_math(m) + "\\]\n", par="\n\n")
