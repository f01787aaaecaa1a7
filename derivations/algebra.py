"""Small constructors on SymPy matrix expressions that keep the forms a person writes.

SymPy's ``.T`` distributes over sums ((Ax − b)ᵀ → xᵀAᵀ − bᵀ) and ``MatAdd``/``MatMul`` do not drop
zeros unless asked; these helpers build canonical products and sums, drop zeros, and keep
transposes of sums folded.

>>> import sympy as sp
>>> A, x, b = sp.MatrixSymbol("A", 3, 2), sp.MatrixSymbol("x", 2, 1), sp.MatrixSymbol("b", 3, 1)
>>> transpose(madd(mmul(A, x), -b))
(A*x - b).T
>>> madd(mmul(A, x), sp.ZeroMatrix(3, 1))
A*x
"""

from __future__ import annotations

import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixExpr

from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction

from checker.language.sympy_bridge import transpose
from checker.language.sympy_functions import elementwise

__all__ = ["transpose", "madd", "mmul", "hadamard", "kron", "trace", "identity_multiple", "is_zero", "zero_like", "is_matrix", "tidy"]


def is_matrix(e: sp.Basic) -> bool:
    return isinstance(e, MatrixExpr)


def is_zero(e: sp.Basic) -> bool:
    return (is_matrix(e) and e.is_ZeroMatrix) or e == 0


def zero_like(e: sp.Basic) -> sp.Basic:
    return sp.ZeroMatrix(*e.shape) if is_matrix(e) else sp.S.Zero


def _split_coeff(term: sp.Basic) -> tuple[sp.Basic, sp.Basic]:
    if isinstance(term, sp.MatMul):
        coeff, mats = term.as_coeff_matrices()
        return coeff, (mats[0] if len(mats) == 1 else sp.MatMul(*mats))
    return sp.S.One, term


def madd(*terms: sp.Basic) -> sp.Basic:
    """A sum without zero terms, nested sums flattened and like terms collected (2A + 3A = 5A).

    Built by hand: SymPy's canonical MatAdd would transpose sums inside σ(·) and split c·(A + B)."""
    flat = [a for t in terms for a in (t.args if isinstance(t, (sp.MatAdd, sp.Add)) else (t,))]
    kept = [t for t in flat if not is_zero(t)]
    if not kept:
        return zero_like(terms[0])
    if not any(is_matrix(t) for t in kept):
        return sp.Add(*kept)
    collected: dict[sp.Basic, sp.Basic] = {}
    for t in kept:
        coeff, rest = _split_coeff(t)
        collected[rest] = collected.get(rest, sp.S.Zero) + coeff
    out = [rest if c == 1 else mmul(c, rest) for rest, c in collected.items() if c != 0]
    if not out:
        return zero_like(kept[0])
    return out[0] if len(out) == 1 else sp.MatAdd(*out)


def mmul(*factors: sp.Basic) -> sp.Basic:
    """A product: scalars gathered in front, identities dropped, zero if any factor is zero;
    c·(A + B) keeps c outside (SymPy would distribute it)."""
    if not any(is_matrix(f) for f in factors):
        return sp.Mul(*factors)
    mats_in = [f for f in factors if is_matrix(f)]
    if any(is_zero(f) for f in factors):
        return sp.ZeroMatrix(mats_in[0].shape[0], mats_in[-1].shape[1])
    coeff, mats = sp.S.One, []
    for f in factors:
        if not is_matrix(f):
            coeff *= f
        elif isinstance(f, sp.MatMul):
            c, ms = f.as_coeff_matrices()
            coeff *= c
            mats.extend(ms)
        else:
            mats.append(f)
    kept = [m for m in mats if not isinstance(m, sp.Identity)] or mats[:1]
    if len(kept) == 1:
        return kept[0] if coeff == 1 else sp.MatMul(coeff, kept[0])
    return sp.MatMul(coeff, *kept) if coeff != 1 else sp.MatMul(*kept)


def hadamard(*factors: sp.Basic) -> sp.Basic:
    """A∘B∘…, flattened, in the given order (SymPy's own canonical form would move transposes out)."""
    if any(is_zero(f) for f in factors):
        return sp.ZeroMatrix(*factors[0].shape)
    flat = [a for f in factors for a in (f.args if isinstance(f, sp.HadamardProduct) else (f,))]
    flat = [a for a in flat if not isinstance(a, sp.OneMatrix)] or flat[:1]  # 1∘A = A
    return sp.HadamardProduct(*flat) if len(flat) > 1 else flat[0]


def kron(a: sp.Basic, b: sp.Basic) -> sp.Basic:
    """A⊗B kept as written; the zero matrix of the product's shape when a factor is zero."""
    if is_zero(a) or is_zero(b):
        return sp.ZeroMatrix(a.shape[0] * b.shape[0], a.shape[1] * b.shape[1])
    return sp.KroneckerProduct(a, b)


def identity_multiple(M: sp.Basic) -> sp.Basic | None:
    """c when M = c·I (c = 1 for I itself), else None."""
    if isinstance(M, sp.Identity):
        return sp.S.One
    if isinstance(M, sp.MatMul):
        coeff, mats = M.as_coeff_matrices()
        if len(mats) == 1 and isinstance(mats[0], sp.Identity):
            return coeff
    return None


def trace(e: sp.Basic) -> sp.Basic:
    """Tr of a square matrix expression; 0 for the zero matrix; a scalar stays itself."""
    if not is_matrix(e):
        return e
    if e.is_ZeroMatrix:
        return sp.S.Zero
    return sp.Trace(e)


_CANONICAL = {ElementwiseApplyFunction: elementwise, sp.MatAdd: madd, sp.MatMul: mmul, sp.HadamardProduct: hadamard, sp.Trace: lambda a: trace(a),
              sp.KroneckerProduct: kron,
              sp.Transpose: lambda a: zero_like(a).T if is_zero(a) else transpose(a)}


def tidy(e: sp.Basic) -> sp.Basic:
    """Rebuild ``e`` bottom-up through the canonical constructors (zeros dropped, products flattened)."""
    if not e.args or isinstance(e, (sp.MatrixSymbol, sp.Symbol, sp.Number)):
        return e
    args = [tidy(a) if isinstance(a, sp.Basic) else a for a in e.args]
    build = _CANONICAL.get(type(e))
    if build is not None:
        return build(*args)
    if isinstance(e, (sp.MatrixSymbol, sp.Identity, sp.ZeroMatrix, sp.OneMatrix)):
        return e
    return e.func(*args)


def rebuild(e: sp.Basic, args: list[sp.Basic]) -> sp.Basic:
    """e with new arguments, through the canonical constructors."""
    build = _CANONICAL.get(type(e))
    return build(*args) if build is not None else e.func(*args)
