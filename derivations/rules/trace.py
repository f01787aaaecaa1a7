"""Trace rules that bring a differential to the form df = Tr(Gᵀ dX), and the Jacobian rules for
dy = J dx. Each rule is a plain function collected in a tuple (like SymPy's ``matrices/expressions``).

A gradient term is a pair (M, E) standing for Tr(Mᵀ E); each rule moves one step towards E = dX:

* linearity          Tr(Mᵀ(E₁ + E₂)) = Tr(MᵀE₁) + Tr(MᵀE₂)
* cyclic shift       Tr(Mᵀ P E Q) = Tr((PᵀMQᵀ)ᵀ E)                       (Cookbook eq. 16)
* transpose          Tr(Mᵀ Eᵀ) = Tr((Mᵀ)ᵀ E), since Tr(Aᵀ) = Tr(A)          (Cookbook eq. 13)
* Hadamard swap      Tr(Mᵀ(B∘E)) = Tr((M∘B)ᵀ E)                        (lecture ch. 2)
* diagonal           Tr(Mᵀ diag(e)) = diag(M)ᵀ e
* scalar factor      Tr(Mᵀ c R) = c·Tr(MᵀR) when the scalar c holds dX
* Kronecker trace    Tr(c·(E⊗B)) = c·Tr(B)·Tr(E)                              (Cookbook §10.2.1)
* Kronecker ones     E⊗(1 1ᵀ) = (I⊗1) E (I⊗1ᵀ), then the cyclic shift         (mixed product, Cookbook §10.2.1)

A Jacobian term is a pair (L, E) standing for L·E with E a column; rules move towards E = dx,
using x∘y = diag(x)·y and Pᵀ-free products.

>>> import sympy as sp
>>> A, dx = sp.MatrixSymbol("A", 3, 2), sp.MatrixSymbol("dx", 2, 1)
>>> r = sp.MatrixSymbol("r", 3, 1)
>>> cyclic(r, A * dx, lambda e: e.has(dx))
[(A.T*r, dx)]
"""

from __future__ import annotations

from typing import Callable, Optional

import sympy as sp
from sympy.matrices.expressions.diagonal import DiagMatrix, DiagonalOf

from derivations.algebra import hadamard, identity_multiple, kron, madd, mmul, trace, transpose

Pair = tuple[sp.Basic, sp.Basic]
Holds = Callable[[sp.Basic], bool]
TraceRule = Callable[[sp.Basic, sp.Basic, Holds], Optional[list[Pair]]]


def transpose_product(factors: list[sp.Basic]) -> sp.Basic:
    """(P₁P₂…Pₖ)ᵀ = Pₖᵀ…P₁ᵀ (an identity for an empty product is left to the caller)."""
    return mmul(*[transpose(f) for f in reversed(factors)])


def _split(e: sp.MatMul, holds: Holds) -> tuple[sp.Basic, list[sp.Basic], sp.Basic, list[sp.Basic]]:
    coeff, mats = e.as_coeff_matrices()
    i = next(k for k, m in enumerate(mats) if holds(m))
    return coeff, list(mats[:i]), mats[i], list(mats[i + 1:])


def _hadamard_parts(e: sp.HadamardProduct, holds: Holds) -> tuple[sp.Basic, list[sp.Basic]]:
    """The factor that holds dX, and the others."""
    inner = next(a for a in e.args if holds(a))
    return inner, [a for a in e.args if a is not inner]


# ------------------------------------------------------------------------------ gradient rules
def linearity(M: sp.Basic, E: sp.Basic, holds: Holds) -> Optional[list[Pair]]:
    if isinstance(E, sp.MatAdd):
        return [(M, t) for t in E.args if holds(t)]
    return None


def scalar_factor(M: sp.Basic, E: sp.Basic, holds: Holds) -> Optional[list[Pair]]:
    if isinstance(E, sp.MatMul):
        coeff, mats = E.as_coeff_matrices()
        scalars = sp.Mul.make_args(coeff)
        inside = [s for s in scalars if holds(s)]
        if inside:
            rest = sp.Mul(*[s for s in scalars if not holds(s)]) * trace(mmul(transpose(M), *mats))
            return scalar_pairs(rest * inside[0], holds)
    return None


def cyclic(M: sp.Basic, E: sp.Basic, holds: Holds) -> Optional[list[Pair]]:
    if isinstance(E, sp.MatMul):
        coeff, before, inner, after = _split(E, holds)
        parts = ([transpose_product(before)] if before else []) + [M] + ([transpose_product(after)] if after else [])
        return [(mmul(coeff, *parts), inner)]
    return None


def transposed(M: sp.Basic, E: sp.Basic, holds: Holds) -> Optional[list[Pair]]:
    if isinstance(E, sp.Transpose):
        return [(transpose(M), E.arg)]
    return None


def hadamard_swap(M: sp.Basic, E: sp.Basic, holds: Holds) -> Optional[list[Pair]]:
    if isinstance(E, sp.HadamardProduct):
        inner, others = _hadamard_parts(E, holds)
        return [(hadamard(M, *others), inner)]
    return None


def diagonal(M: sp.Basic, E: sp.Basic, holds: Holds) -> Optional[list[Pair]]:
    if isinstance(E, DiagMatrix):
        return [(DiagonalOf(M), E.args[0])]
    if isinstance(E, DiagonalOf):
        return [(DiagMatrix(M), E.args[0])]
    return None


def _ones(B: sp.Basic) -> tuple[sp.Basic, sp.Basic] | None:
    """(1_p, 1_q) when B is the all-ones p×q matrix (written 1 or 1 1ᵀ), else None."""
    if isinstance(B, sp.OneMatrix):
        return sp.OneMatrix(B.shape[0], 1), sp.OneMatrix(B.shape[1], 1)
    if isinstance(B, sp.MatMul) and len(B.args) == 2 and all(isinstance(a, sp.OneMatrix) for a in B.args):
        return sp.OneMatrix(B.shape[0], 1), sp.OneMatrix(B.shape[1], 1)
    return None


def kron_trace(M: sp.Basic, E: sp.Basic, holds: Holds) -> Optional[list[Pair]]:
    """Tr(c·(A⊗B)) = c·Tr(A)·Tr(B): the factor without dX leaves as a scalar."""
    c = identity_multiple(M)
    if not isinstance(E, sp.KroneckerProduct) or len(E.args) != 2 or c is None:
        return None
    a, b = E.args
    inner, other = (a, b) if holds(a) else (b, a)
    if holds(other) or inner.shape[0] != inner.shape[1] or other.shape[0] != other.shape[1]:
        return None
    return [(mmul(c * trace(other), sp.Identity(inner.shape[0])), inner)]


def kron_ones(M: sp.Basic, E: sp.Basic, holds: Holds) -> Optional[list[Pair]]:
    """A⊗(1_p 1_qᵀ) = (I_m⊗1_p)·A·(I_n⊗1_qᵀ), and (1_p 1_qᵀ)⊗A = (1_p⊗I_m)·A·(1_qᵀ⊗I_n): a product for the cyclic shift."""
    if not isinstance(E, sp.KroneckerProduct) or len(E.args) != 2:
        return None
    a, b = E.args
    if holds(a) and not holds(b) and _ones(b):
        p, q = _ones(b)
        return [(M, sp.MatMul(kron(sp.Identity(a.shape[0]), p), a, kron(sp.Identity(a.shape[1]), transpose(q))))]
    if holds(b) and not holds(a) and _ones(a):
        p, q = _ones(a)
        return [(M, sp.MatMul(kron(p, sp.Identity(b.shape[0])), b, kron(transpose(q), sp.Identity(b.shape[1]))))]
    return None


GRADIENT_RULES: dict[str, TraceRule] = {
    "linearity of Tr": linearity,
    "Tr(c·A) = c·Tr(A)": scalar_factor,
    "cyclic shift Tr(ABC) = Tr(CAB)": cyclic,
    "Tr(Aᵀ) = Tr(A)": transposed,
    "Tr(Aᵀ(B∘C)) = Tr((A∘B)ᵀC)": hadamard_swap,
    "Tr(Aᵀdiag(v)) = diag(A)ᵀv": diagonal,
    "Tr(A⊗B) = Tr(A)·Tr(B)": kron_trace,
    "A⊗(1 1ᵀ) = (I⊗1)·A·(I⊗1ᵀ)": kron_ones,
}


def scalar_pairs(df: sp.Basic, holds: Holds) -> list[Pair]:
    """A scalar differential as a sum of Tr(Mᵀ E): terms c·Tr(E) give (c·I, E); a 1×1 matrix E
    gives (I₁, E), since a scalar is its own trace."""
    if isinstance(df, sp.MatrixExpr):
        return [(sp.Identity(1), df)]
    out: list[Pair] = []
    for term in sp.Add.make_args(df):
        if isinstance(term, sp.MatrixExpr):  # a 1×1 matrix among scalar terms
            out.append((sp.Identity(1), term))
            continue
        factors = sp.Mul.make_args(term)
        holding = [f for f in factors if holds(f)]
        if len(holding) != 1:
            raise ValueError(f"not linear in the differential: {term}")
        inner = holding[0]
        coeff = sp.Mul(*[f for f in factors if f is not inner])
        if isinstance(inner, sp.Trace):
            out.append((mmul(coeff, sp.Identity(inner.arg.shape[0])), inner.arg))
        elif isinstance(inner, sp.MatrixExpr):
            out.append((mmul(coeff, sp.Identity(1)), inner))
        elif isinstance(inner, sp.Add):
            out.extend(scalar_pairs(sp.Add(*[coeff * t for t in inner.args]), holds))
        else:
            raise ValueError(f"cannot bring {term} to a trace")
    return out


# ------------------------------------------------------------------------------ Jacobian rules
def j_product(L: sp.Basic, E: sp.Basic, holds: Holds) -> Optional[list[Pair]]:
    if not isinstance(E, sp.MatMul):
        return None
    if holds(E.as_coeff_matrices()[0]):
        return None
    coeff, before, inner, after = _split(E, holds)
    if not after:
        return [(mmul(L, coeff, *before), inner)]
    if inner.shape[0] == 1:  # P·(eᵀQ) with eᵀQ a 1×1: = P·Qᵀ·e
        return [(mmul(L, coeff, *before, transpose_product(after)), transpose(inner))]
    tail = mmul(*after)
    return [(mmul(L, coeff, *before, trace(tail)), inner)]  # a trailing 1×1 factor is a scalar


def j_hadamard(L: sp.Basic, E: sp.Basic, holds: Holds) -> Optional[list[Pair]]:
    if isinstance(E, sp.HadamardProduct):
        inner, others = _hadamard_parts(E, holds)
        return [(mmul(L, *[DiagMatrix(o) for o in others]), inner)]
    return None


def j_transpose(L: sp.Basic, E: sp.Basic, holds: Holds) -> Optional[list[Pair]]:
    if isinstance(E, sp.Transpose):
        return [(L, sp.Transpose(E.arg).doit(deep=False))]
    return None


JACOBIAN_RULES: dict[str, TraceRule] = {
    "linearity": linearity,
    "x∘y = diag(x)·y": j_hadamard,
    "associativity (aᵀb = bᵀa for 1×1)": j_product,
    "(AB)ᵀ = BᵀAᵀ": j_transpose,
}
