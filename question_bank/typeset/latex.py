"""LaTeX: escape prose, render bank markup, repair what the printers emit that TeX refuses.

>>> escape("50% of {x} & $y_1$ ~ #1")
'50\\\\% of \\\\{x\\\\} \\\\& \\\\$y\\\\_1\\\\$ \\\\textasciitilde{} \\\\#1'
>>> repair_math(r"\\delta^{(l)}^{\\top} a")
'{\\\\delta^{(l)}}^{\\\\top} a'
>>> markup_to_latex("Let $x^\\\\top$ be 5%.")
'Let $x^\\\\top$ be 5\\\\%.'
>>> paper_text("δ ≤ 1 — ok")
'\\\\ensuremath{\\\\delta} \\\\ensuremath{\\\\le} 1 — ok'
>>> small_matrices(r"x = \\begin{bmatrix}1 \\\\ 2\\end{bmatrix}")
'x = \\\\left[\\\\begin{smallmatrix}1 \\\\\\\\ 2\\\\end{smallmatrix}\\\\right]'
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


# characters the bank's prose uses that a Latin text font (Latin Modern) lacks: set as math, so no glyph is
# missing and a δ in a sentence is the δ of the formulas (the exam paper; one line per character)
PROSE_MATH: dict[str, str] = {
    "α": r"\alpha", "β": r"\beta", "γ": r"\gamma", "δ": r"\delta", "ε": r"\varepsilon", "η": r"\eta", "θ": r"\theta",
    "λ": r"\lambda", "μ": r"\mu", "ρ": r"\rho", "σ": r"\sigma", "τ": r"\tau", "φ": r"\varphi", "ω": r"\omega",
    "Δ": r"\Delta", "Σ": r"\Sigma", "ℝ": r"\mathbb{R}", "≤": r"\le", "≥": r"\ge", "≠": r"\ne", "≈": r"\approx",
    "→": r"\to", "←": r"\leftarrow", "⇒": r"\Rightarrow", "∈": r"\in", "∘": r"\circ", "⊙": r"\odot", "∂": r"\partial",
    "∇": r"\nabla", "∑": r"\sum", "‖": r"\|", "⊤": r"\top", "′": r"'", "∞": r"\infty", "±": r"\pm", "√": r"\surd",
    "²": r"^{2}", "³": r"^{3}", "⁽": r"^{(}", "⁾": r"^{)}", "₁": r"_{1}", "₂": r"_{2}", "ᵀ": r"^{\top}",
    "⟨": r"\langle", "⟩": r"\rangle", "⊗": r"\otimes", "⊕": r"\oplus", "∀": r"\forall", "∃": r"\exists",
    "∝": r"\propto", "⋯": r"\cdots", "∪": r"\cup", "∩": r"\cap", "⊆": r"\subseteq", "∅": r"\emptyset",
    "∫": r"\int", "∏": r"\prod", "ℓ": r"\ell", "∥": r"\|", "∗": r"\ast", "⁻": r"^{-}", "¹": r"^{1}", "⁺": r"^{+}",
    "₊": r"_{+}", "ᵢ": r"_{i}", "ⱼ": r"_{j}", "ₖ": r"_{k}", "ₗ": r"_{l}", "ξ": r"\xi", "ψ": r"\psi", "π": r"\pi",
    "κ": r"\kappa", "ν": r"\nu", "ζ": r"\zeta", "χ": r"\chi", "Ω": r"\Omega", "Φ": r"\Phi", "Λ": r"\Lambda",
    "Θ": r"\Theta", "Π": r"\Pi", "𝔼": r"\mathbb{E}", "∼": r"\sim", "⊂": r"\subset", "↦": r"\mapsto",
}
_PROSE_MATH = re.compile("|".join(map(re.escape, PROSE_MATH)))


# after a Chinese character, ASCII punctuation is the full-width one of Chinese prose
FULL_WIDTH: dict[str, str] = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_AFTER_HAN = re.compile(r"(?<=[\u3400-\u9fff])([,;:?!])\s*|^([,;:?!])\s*(?=[\u3400-\u9fff])")


def zh_punctuation(text: str) -> str:
    """``为什么?`` → ``为什么？``: punctuation right after a Chinese character, or opening a piece of prose
    (after a formula) before one, becomes full-width and takes no space after it.

    >>> zh_punctuation("为什么?") + zh_punctuation(", 其中") + zh_punctuation("see: a, b")
    '为什么？，其中see: a, b'
    """
    return _AFTER_HAN.sub(lambda m: FULL_WIDTH[m.group(1) or m.group(2)], text)


def paper_text(text: str) -> str:
    """Prose for the exam paper: Chinese punctuation full-width, escaped, the characters of
    :data:`PROSE_MATH` set as math."""
    return _PROSE_MATH.sub(lambda m: "\\ensuremath{" + PROSE_MATH[m.group(0)] + "}", escape(zh_punctuation(text)))


_MATRIX = re.compile(r"\\(begin|end)\{([bpv]?)matrix\}")
_FENCE = {"b": ("[", "]"), "p": ("(", ")"), "v": ("|", "|"), "": (".", ".")}


def small_matrices(latex: str) -> str:
    """Matrices inside a line of text set small (``smallmatrix`` in brackets) so they keep the line's height
    and a justified paragraph its spacing; display matrices stay full size."""
    def sub(m: re.Match[str]) -> str:
        left, right = _FENCE[m.group(2)]
        return f"\\left{left}\\begin{{smallmatrix}}" if m.group(1) == "begin" else f"\\end{{smallmatrix}}\\right{right}"
    return _MATRIX.sub(sub, latex)


_OPEN, _CLOSE = "{([", "})]"


def split_list(latex: str) -> list[str]:
    """A list of formulas in one ``$…$`` split at its top-level commas, so a line can break between them.

    >>> split_list(r"\\omega \\in \\mathbb{R}^{K}, f(a, b) = 0, \\left( x, y \\right)")
    ['\\\\omega \\\\in \\\\mathbb{R}^{K}', 'f(a, b) = 0', '\\\\left( x, y \\\\right)']
    >>> split_list(r"\\Delta = \\{p \\ge 0, 1^\\top p = 1\\}")
    ['\\\\Delta = \\\\{p \\\\ge 0, 1^\\\\top p = 1\\\\}']
    """
    pieces, depth, start = [], 0, 0
    for i, ch in enumerate(latex):
        if ch in _OPEN:  # \\{ and \\} too: a set's commas stay inside it
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
        elif ch == "," and depth == 0 and latex[i - 1:i] != "\\":
            pieces.append(latex[start:i].strip())
            start = i + 1
    pieces.append(latex[start:].strip())
    return pieces if depth == 0 and all(pieces) else [latex]


@lru_cache(maxsize=8192)
def markup_to_paper(text: str, small: bool = True) -> str:
    """Bank markup → LaTeX for the exam paper: prose through :func:`paper_text`, inline matrices small
    (``small``: a prompt; the key's answers keep them full size) and never wider than the line
    (``\\fitinline``), display math in ``\\fitmath`` (shrunk to the line when wider; the exam template
    defines both)."""
    def one(piece: str) -> str:  # a formula with a matrix in \\fitinline: never wider than the line
        body = small_matrices(repair_math(piece)) if small else repair_math(piece)
        return "\\fitinline{" + body + "}" if "matrix}" in body else "$" + body + "$"

    def inline(m: str) -> str:  # a list of formulas as separate formulas: the line may break after each comma
        return ", ".join(one(p) for p in split_list(m))
    return convert(text, prose=paper_text, math=inline,
                   display=lambda m: "\n\n\\noindent\\hfil\\fitmath{" + repair_math(m) + "}\\hfil\n\n", par="\n\n")
