"""AST → plain text, LaTeX and Unicode, with the fewest parentheses that keep the tree.

Plain text re-parses to the same tree; LaTeX and Unicode write elementwise quotients and reciprocals as
the course does, as fractions (``\\frac{u}{v}``, ``1 / a``; never ``⊘`` or ``∘(−1)``), and re-parse to the
same tree up to that notation: a fraction of matrices is typed back as the elementwise quotient
(``canonical_division``; property tests in tests/language/test_roundtrip.py and test_printing.py).

>>> from checker.language.parser import parse
>>> e = parse("tr(A' (B .* C)) + x^T W^-1 x", names={"A", "B", "C", "x", "W"})
>>> to_text(e)
'tr(A^T (B .* C)) + x^T W^-1 x'
>>> to_latex(e)
'\\\\operatorname{Tr}\\\\left(A^{\\\\top} \\\\left(B \\\\circ C\\\\right)\\\\right) + x^{\\\\top} W^{-1} x'
>>> to_unicode(e)
'tr(Aᵀ (B ∘ C)) + xᵀ W⁻¹ x'
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Callable

from checker.language import ast as A
from checker.language.functions import FUNCTIONS
from checker.language.vocabulary import FUNCTION_ALIASES, GREEK_LETTER, GREEK_WORDS

# precedence levels, loosest first
EQ, ADD, HAD, MUL, POSTFIX, ATOM = range(6)


class Style:
    """Plain text; LaTeX and Unicode override the pieces that differ."""

    open, close = "(", ")"
    hadamard, elemdiv, transpose, inverse, inv_transpose = " .* ", " ./ ", "^T", "^-1", "^-T"

    def name(self, name: str) -> str:
        return name

    def number(self, value: Fraction) -> str:
        if value.denominator == 1:
            text = str(value.numerator)
            short = format(float(value), ".15g") if len(text) > 15 else text
            return short if Fraction(short) == value else text  # 1e+40 reads back; 40 digits would not
        den = value.denominator
        while den % 2 == 0 or den % 5 == 0:
            den //= 2 if den % 2 == 0 else 5
        if den == 1 and value > 0:  # a terminating decimal reads back as the same literal
            return format(float(value), ".15g")
        return f"{value.numerator}/{value.denominator}"

    def power(self, base: str, exponent: A.Node, p: Printer) -> str:
        if isinstance(exponent, A.Num) and exponent.value.denominator == 1 and exponent.value >= 0:
            return f"{base}^{exponent.value.numerator}"
        return f"{base}^{{{p.show(exponent, EQ)}}}"

    def elem_power(self, base: str, exponent: A.Node, p: Printer) -> str:
        k = negative_power(exponent)
        return f"{base}.^-{k}" if k is not None else f"{base}.^{p.show(exponent, ATOM)}"

    def call(self, name: str, args: list[str], option: str | None) -> str:
        extra = [f"'{option}'"] if option else []
        return f"{name}({', '.join(args + extra)})"

    def kron(self, left: str, right: str) -> str:
        return f"kron({left}, {right})"

    def norm(self, inner: str, kind: str) -> str:
        return f"||{inner}||" + (f"_{kind}" if kind else "")

    def indicator(self, lhs: str, op: str, rhs: str) -> str:
        return f"I({lhs} {op} {rhs})"

    def differential(self, inner: str, simple: bool) -> str:
        return f"d{inner}" if simple else f"d({inner})"

    def labelled_differential(self, inner: str) -> str:
        return f"d({inner})"  # plain text reads back without declarations

    def frac(self, num: str, den: str) -> str:
        return f"{num} / {den}"

    quotient = False  # elementwise quotients and reciprocals as fractions (LaTeX, Unicode) or ./ and .^-1 (plain)

    ones, zeros, identity = "1", "0", "I"

    def onehot(self, label: str) -> str:
        return f"e_{label}" if label.isalnum() else f"e_{{{label}}}"

    def matrix(self, rows: list[list[str]]) -> str:
        """``[1, 2; 3, 4]``; a column ``[1; 2; 3]``, a row ``[1, 2, 3]``."""
        return "[" + "; ".join(", ".join(row) for row in rows) + "]"


class LatexStyle(Style):
    open, close = r"\left(", r"\right)"
    quotient = True
    hadamard, elemdiv, transpose, inverse, inv_transpose = r" \circ ", " / ", r"^{\top}", "^{-1}", r"^{-\top}"

    def name(self, name: str) -> str:
        m = re.fullmatch(r"([A-Za-z]+)(\d*)(?:_(\{[^{}]*\}|[A-Za-z0-9]+))?(?:\^\(([^()]*)\))?", name)
        if not m:
            return name
        base, digits, sub, label = m.groups()
        accent = None
        if sub in ("hat", "tilde", "bar"):
            accent, sub = sub, None
        tex = f"\\{base}" if base in GREEK_WORDS else base
        if accent:
            tex = f"\\{accent}{{{tex}}}"
        if digits:
            sub = digits if sub is None else sub
        if sub is not None:
            tex += f"_{{{sub.strip('{}')}}}"
        if label is not None:
            tex += f"^{{({label})}}"
        return tex

    def number(self, value: Fraction) -> str:
        text = super().number(value)
        return rf"\frac{{{value.numerator}}}{{{value.denominator}}}" if "/" in text else text

    def power(self, base: str, exponent: A.Node, p: Printer) -> str:
        return f"{base}^{{{p.show(exponent, EQ)}}}"

    def elem_power(self, base: str, exponent: A.Node, p: Printer) -> str:
        return f"{base}^{{\\circ {p.show(exponent, ATOM)}}}"

    def call(self, name: str, args: list[str], option: str | None) -> str:
        extra = [rf"\text{{{option}}}"] if option else []
        head = FUNCTIONS[name].latex if name in FUNCTIONS else None
        if head and "{0}" in head:  # a template: \sqrt{x}, |x|
            return head.format(*args)
        head = head or rf"\operatorname{{{name}}}"
        return rf"{head}\left({', '.join(args + extra)}\right)"

    def kron(self, left: str, right: str) -> str:
        return rf"{left} \otimes {right}"

    def norm(self, inner: str, kind: str) -> str:
        sub = {"": "", "inf": r"_{\infty}"}.get(kind, f"_{{{kind}}}")
        return rf"\left\lVert {inner} \right\rVert{sub}"

    def indicator(self, lhs: str, op: str, rhs: str) -> str:
        tex = {">=": r"\geq", "<=": r"\leq", "!=": r"\neq"}.get(op, op)
        return rf"\mathbb{{I}}\left({lhs} {tex} {rhs}\right)"

    def differential(self, inner: str, simple: bool) -> str:
        return rf"\mathrm{{d}}{inner}" if simple else rf"\mathrm{{d}}\left({inner}\right)"

    def labelled_differential(self, inner: str) -> str:
        return rf"\mathrm{{d}} {inner}"

    def frac(self, num: str, den: str) -> str:
        return rf"\frac{{{num}}}{{{den}}}"

    ones, zeros = r"\mathbf{1}", r"\mathbf{0}"

    def onehot(self, label: str) -> str:
        return f"e_{{{label}}}"

    def matrix(self, rows: list[list[str]]) -> str:
        return r"\begin{bmatrix} " + r" \\ ".join(" & ".join(row) for row in rows) + r" \end{bmatrix}"


_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


class UnicodeStyle(Style):
    hadamard, elemdiv, transpose, inverse, inv_transpose = " ∘ ", " / ", "ᵀ", "⁻¹", "⁻ᵀ"
    quotient = True

    def labelled_differential(self, inner: str) -> str:
        return f"d {inner}"

    def name(self, name: str) -> str:
        m = re.match(r"[A-Za-z]+", name)
        if m and m.group() in GREEK_LETTER:
            return GREEK_LETTER[m.group()] + name[m.end():]
        return name

    def power(self, base: str, exponent: A.Node, p: Printer) -> str:
        if isinstance(exponent, A.Num) and exponent.value.denominator == 1:
            return base + str(exponent.value.numerator).translate(_SUPERSCRIPT)
        return super().power(base, exponent, p)

    def call(self, name: str, args: list[str], option: str | None) -> str:
        head = FUNCTIONS[name].unicode if name in FUNCTIONS else None
        return super().call(head or name, args, option)

    def kron(self, left: str, right: str) -> str:
        return f"{left} ⊗ {right}"

    def norm(self, inner: str, kind: str) -> str:
        return f"‖{inner}‖" + (f"_{kind}" if kind else "")

    def indicator(self, lhs: str, op: str, rhs: str) -> str:
        return f"I({lhs} {({'>=': '≥', '<=': '≤', '!=': '≠'}).get(op, op)} {rhs})"


class Printer:
    def __init__(self, style: Style) -> None:
        self.style = style
        self.rules: dict[type, Callable[[A.Node], tuple[str, int]]] = {
            A.Num: self.num, A.Sym: lambda n: (style.name(n.name), ATOM),
            A.Ones: lambda n: (style.ones, ATOM), A.Zeros: lambda n: (style.zeros, ATOM),
            A.Identity: lambda n: (style.identity, ATOM), A.OneHot: lambda n: (style.onehot(n.label), ATOM),
            A.Add: self.add, A.Neg: lambda n: ("-" + self.show(n.arg, HAD), ADD),
            A.Mul: self.mul, A.Div: self.div,
            A.Hadamard: lambda n: self.infix(n.left, style.hadamard, n.right, HAD),
            A.ElemDiv: self.elemdiv,
            A.Kron: self.kron, A.Transpose: self.transpose, A.Inverse: self.inverse,
            A.Pow: lambda n: (style.power(self.show(n.base, ATOM), n.exponent, self), POSTFIX),
            A.ElemPow: self.elem_pow,
            A.Func: lambda n: (style.call(n.name, [self.show(a, EQ) for a in n.args], n.option), ATOM),
            A.Norm: lambda n: (style.norm(self.show(n.arg, EQ), n.kind), ATOM),
            A.Indicator: lambda n: (style.indicator(self.show(n.lhs, ADD), n.op, self.show(n.rhs, ADD)), ATOM),
            A.Differential: self.differential,
            A.Equation: lambda n: (" = ".join(self.show(s, ADD) for s in n.sides), EQ),
            A.Matrix: lambda n: (style.matrix([[self.show(n.entry(i, j), ADD) for j in range(n.cols)] for i in range(n.rows)]), ATOM),
        }

    def show(self, node: A.Node, level: int) -> str:
        """``node`` as text, in brackets when its own precedence is looser than ``level``."""
        text, own = self.rules[type(node)](node)
        return f"{self.style.open}{text}{self.style.close}" if own < level else text

    def num(self, node: A.Num) -> tuple[str, int]:
        text = self.style.number(node.value)
        return text, (MUL if "/" in text and "frac" not in text else ATOM)

    def add(self, node: A.Add) -> tuple[str, int]:
        parts = [self.show(node.terms[0], ADD)]
        for term in node.terms[1:]:
            if isinstance(term, A.Neg):
                parts.append(" - " + self.show(term.arg, HAD))
            else:
                parts.append(" + " + self.show(term, HAD))
        return "".join(parts), ADD

    def mul(self, node: A.Mul) -> tuple[str, int]:
        left, right = self.show(node.left, MUL), self.show(node.right, POSTFIX)
        rightmost = node.left
        while isinstance(rightmost, (A.Mul, A.Div)):  # the factor printed last: a / I (x) would read as a / I(x)
            rightmost = rightmost.right if isinstance(rightmost, A.Mul) else rightmost.den
        needs_star = right[:1].isdigit() or right[:1] == "-" or _is_callable_name(rightmost)
        sep = "*" if needs_star and not isinstance(self.style, LatexStyle) else " "
        if isinstance(self.style, LatexStyle) and needs_star:
            sep = r" \cdot "
        return f"{left}{sep}{right}", MUL

    def div(self, node: A.Div) -> tuple[str, int]:
        if isinstance(self.style, LatexStyle):
            return self.style.frac(self.show(node.num, EQ), self.show(node.den, EQ)), ATOM
        return self.infix(node.num, " / ", node.den, MUL)

    def elemdiv(self, node: A.ElemDiv) -> tuple[str, int]:
        """u ⊘ v as the course writes it: a fraction (LaTeX), u / v (Unicode); u ./ v in plain text."""
        if not self.style.quotient:
            return self.infix(node.num, self.style.elemdiv, node.den, HAD)
        return self.div(A.Div(node.num, node.den))

    def elem_pow(self, node: A.ElemPow) -> tuple[str, int]:
        """u^∘p; a negative whole power as a reciprocal, 1/u or 1/u^∘k, when quotients are fractions."""
        k = negative_power(node.exponent)
        if k is not None and self.style.quotient:
            den: A.Node = node.base if k == 1 else A.ElemPow(node.base, A.Num(Fraction(k)))
            return self.div(A.Div(A.Num(Fraction(1)), den))
        return self.style.elem_power(self.show(node.base, ATOM), node.exponent, self), POSTFIX

    def infix(self, left: A.Node, op: str, right: A.Node, level: int) -> tuple[str, int]:
        return f"{self.show(left, level)}{op}{self.show(right, level + 1)}", level

    def kron(self, node: A.Kron) -> tuple[str, int]:
        if type(self.style) is Style:
            return self.style.kron(self.show(node.left, EQ), self.show(node.right, EQ)), ATOM
        return self.style.kron(self.show(node.left, HAD), self.show(node.right, HAD + 1)), HAD

    def transpose(self, node: A.Transpose) -> tuple[str, int]:
        if isinstance(node.arg, A.Inverse):
            return self.show(node.arg.arg, ATOM) + self.style.inv_transpose, POSTFIX
        base = self.show(node.arg, ATOM)
        if isinstance(self.style, LatexStyle) and isinstance(node.arg, A.Sym) and base.endswith(")}"):
            return "{" + base + "}" + self.style.transpose, POSTFIX  # {W^{(l)}}^{\top}: never W^{(l)}^{\top}, a TeX error
        return base + self.style.transpose, POSTFIX

    def inverse(self, node: A.Inverse) -> tuple[str, int]:
        return self.show(node.arg, ATOM) + self.style.inverse, POSTFIX

    def differential(self, node: A.Differential) -> tuple[str, int]:
        arg = node.arg
        simple = isinstance(arg, A.Sym) and (len(arg.name) == 1 or arg.name in GREEK_WORDS)
        if isinstance(arg, A.Sym) and ("^(" in arg.name or "_" in arg.name):  # d z^(l), d z_k; not (dz)^l
            return self.style.labelled_differential(self.show(arg, ATOM)), POSTFIX
        return self.style.differential(self.show(arg, ATOM if simple else EQ), simple), ATOM if simple else POSTFIX


def negative_power(exponent: A.Node) -> int | None:
    """k when the exponent is the whole number −k < 0 (written -1, or −(1)); else None."""
    if isinstance(exponent, A.Neg):
        exponent = exponent.arg
        sign = -1
    else:
        sign = 1
    if isinstance(exponent, A.Num) and exponent.value.denominator == 1 and sign * exponent.value < 0:
        return int(abs(exponent.value))
    return None


def canonical_division(node: A.Node) -> A.Node:
    """The tree with every elementwise quotient and negative whole elementwise power written as a
    division, u ⊘ v → u / v and u^∘(−k) → 1 / u^∘k: what a fraction in LaTeX or Unicode reads back as
    before typing (typing turns a division by a matrix into the elementwise quotient again)."""
    children = [canonical_division(c) for c in node.children()]
    node = A.rebuild(node, children) if children else node
    if isinstance(node, A.ElemDiv):
        return A.Div(node.num, node.den)
    if isinstance(node, A.ElemPow) and (k := negative_power(node.exponent)) is not None:
        return A.Div(A.Num(Fraction(1)), node.base if k == 1 else A.ElemPow(node.base, A.Num(Fraction(k))))
    return node


def _is_callable_name(node: A.Node) -> bool:
    """A left factor whose name followed by '(' would read as a call: sigma (z), e (x), d (x)."""
    return isinstance(node, (A.Sym, A.Identity)) and (
        isinstance(node, A.Identity) or node.name in FUNCTION_ALIASES or node.name in ("I", "e", "d", "norm")
    )


_PLAIN, _LATEX, _UNICODE = Printer(Style()), Printer(LatexStyle()), Printer(UnicodeStyle())


def to_text(node: A.Node) -> str:
    """Plain text that :func:`checker.language.parser.parse` reads back to the same tree."""
    return _PLAIN.show(node, EQ)


def to_latex(node: A.Node) -> str:
    """LaTeX for typesetting (re-parses to the same values)."""
    return _LATEX.show(node, EQ)


def to_unicode(node: A.Node) -> str:
    """Unicode for terminals: Aᵀ, X⁻¹, a ∘ b, ‖x‖²."""
    return _UNICODE.show(node, EQ)
