"""A step's expression as a person writes it: signs in front, reciprocals as quotients, transposes on
the factors, products read left to right. Every rewrite is an identity; the model answers check each
rewritten line again numerically (``StepChecker.tree_error``) before they call it verified.

>>> from checker.language.parser import parse
>>> from checker.language.printing import to_latex
>>> names = {"a", "e_y", "u", "z", "X"}
>>> to_latex(tidy(parse("tr(((-e_y^T) .* (a.^-1)^T) (X z))", names=names)))
'-\\\\operatorname{Tr}\\\\left(\\\\frac{e_{y}^{\\\\top}}{a^{\\\\top}} X z\\\\right)'
>>> to_latex(tidy(parse("a.^-1 .* a .* (1 - a) .* u", names=names)))
'\\\\left(1 - a\\\\right) \\\\circ u'
"""

from __future__ import annotations

from fractions import Fraction
from typing import Callable

from checker.language import ast as A
from checker.language.printing import negative_power

ROUNDS = 12
ONE = A.Num(Fraction(1))


def tidy(node: A.Node) -> A.Node:
    """Apply the rewrites below, bottom-up, until nothing changes (at most ``ROUNDS`` passes)."""
    for _ in range(ROUNDS):
        new = _pass(node)
        if new == node:
            return new
        node = new
    return node


def _pass(node: A.Node) -> A.Node:
    children = node.children()
    if children:
        node = A.rebuild(node, [_pass(c) for c in children])
    for rule in REWRITES:
        out = rule(node)
        if out is not None:
            return out
    return node


# ------------------------------------------------------------------ the rewrites, one identity each
def _neg_out(node: A.Node) -> A.Node | None:
    """(−a)∘b = −(a∘b), a(−b) = −(ab), (−a)ᵀ = −aᵀ, Tr(−a) = −Tr(a), −(−a) = a, (−1)·a = −a."""
    if isinstance(node, A.Neg) and isinstance(node.arg, A.Neg):
        return node.arg.arg
    if isinstance(node, (A.Hadamard, A.Mul, A.ElemDiv, A.Div)):
        left, right = node.children()
        if _is_minus_one(left):
            return A.Neg(right)
        if isinstance(left, A.Neg) or isinstance(right, A.Neg):
            strip = [c.arg if isinstance(c, A.Neg) else c for c in (left, right)]
            flipped = A.rebuild(node, strip)
            return flipped if isinstance(left, A.Neg) and isinstance(right, A.Neg) else A.Neg(flipped)
    if isinstance(node, A.Transpose) and isinstance(node.arg, A.Neg):
        return A.Neg(A.Transpose(node.arg.arg))
    if isinstance(node, A.Func) and node.name == "tr" and isinstance(node.args[0], A.Neg):
        return A.Neg(A.Func("tr", (node.args[0].arg,)))
    return None


def _is_minus_one(node: A.Node) -> bool:
    return (isinstance(node, A.Neg) and node.arg == ONE) or (isinstance(node, A.Num) and node.value == -1)


def _transpose_in(node: A.Node) -> A.Node | None:
    """(a∘b)ᵀ = aᵀ∘bᵀ, (a/b)ᵀ = aᵀ/bᵀ, (a^∘p)ᵀ = (aᵀ)^∘p: a transpose on each factor, as the course writes
    f'ᵀ(z); (Aᵀb)ᵀ = bᵀA when a transpose cancels; (aᵀ)ᵀ = a."""
    if not isinstance(node, A.Transpose):
        return None
    arg = node.arg
    if isinstance(arg, A.Transpose):
        return arg.arg
    if isinstance(arg, (A.Hadamard, A.ElemDiv)):
        return A.rebuild(arg, [A.Transpose(c) for c in arg.children()])
    if isinstance(arg, A.ElemPow):
        return A.ElemPow(A.Transpose(arg.base), arg.exponent)
    if isinstance(arg, A.Mul) and (isinstance(arg.left, A.Transpose) or isinstance(arg.right, A.Transpose)):
        return A.Mul(A.Transpose(arg.right), A.Transpose(arg.left))
    return None


def _scalar_quotient(node: A.Node) -> A.Node | None:
    """a · (1/b) = a/b and (1/b) · a = a/b, as a person writes a quotient."""
    if not isinstance(node, A.Mul):
        return None
    for one, other in ((node.right, node.left), (node.left, node.right)):
        if isinstance(one, A.Div) and one.num == ONE:
            return A.Div(other, one.den)
    return None


def _quotient(node: A.Node) -> A.Node | None:
    """A Hadamard chain with reciprocal factors as one quotient, u ∘ v^∘(−1) = u / v, with equal
    factors of the numerator and the denominator cancelled."""
    if not isinstance(node, (A.Hadamard, A.ElemDiv)):
        return None
    num, den = _factors(node)
    if not den:
        return None
    for f in list(num):
        if f in den:
            num.remove(f)
            den.remove(f)
    if not den:
        return _chain(num) if num else None
    if not num:
        return A.ElemPow(_chain(den), A.Neg(ONE))
    out = A.ElemDiv(_chain(num), _chain(den))
    return None if out == node else out


def _factors(node: A.Node) -> tuple[list[A.Node], list[A.Node]]:
    if isinstance(node, A.Hadamard):
        (ln, ld), (rn, rd) = _factors(node.left), _factors(node.right)
        return ln + rn, ld + rd
    if isinstance(node, A.ElemDiv):
        (ln, ld), (rn, rd) = _factors(node.num), _factors(node.den)
        return ln + rd, ld + rn
    if isinstance(node, A.ElemPow) and negative_power(node.exponent) == 1:
        return [], [node.base]
    return [node], []


def _chain(factors: list[A.Node]) -> A.Node:
    out = factors[0]
    for f in factors[1:]:
        out = A.Hadamard(out, f)
    return out


def _left_products(node: A.Node) -> A.Node | None:
    """a (b c) = a b c, read left to right (the product is associative)."""
    if isinstance(node, A.Mul) and isinstance(node.right, A.Mul):
        return A.Mul(A.Mul(node.left, node.right.left), node.right.right)
    return None


REWRITES: tuple[Callable[[A.Node], A.Node | None], ...] = (_neg_out, _transpose_in, _quotient, _scalar_quotient, _left_products)
