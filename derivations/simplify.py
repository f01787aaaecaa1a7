"""Bring a gradient to the form a person writes: transposes pushed through products, like terms
collected, common factors pulled out (Ax + Aᵀx → (A + Aᵀ)x).

>>> import sympy as sp
>>> A, x = sp.MatrixSymbol("A", 3, 3), sp.MatrixSymbol("x", 3, 1)
>>> simplify(A * x + A.T * x)
(A + A.T)*x
>>> simplify(sp.Transpose(x.T * A))
A.T*x
"""

from __future__ import annotations

import sympy as sp
from sympy.matrices.expressions.diagonal import DiagMatrix

from checker.language.sympy_functions import OneHot
from derivations.algebra import hadamard, madd, mmul, rebuild, tidy, transpose


def push_transposes(e: sp.Basic) -> sp.Basic:
    """(AB)ᵀ = BᵀAᵀ, (A∘B)ᵀ = Aᵀ∘Bᵀ, (A⊗B)ᵀ = Aᵀ⊗Bᵀ, (Aᵀ)ᵀ = A, diag(v)ᵀ = diag(v); sums stay (Ax − b)ᵀ."""
    if isinstance(e, (sp.MatrixSymbol, sp.Symbol, sp.Number)) or not e.args:
        return e
    if isinstance(e, sp.Transpose):
        inner = push_transposes(e.arg)
        if isinstance(inner, sp.MatMul):
            coeff, mats = inner.as_coeff_matrices()
            return mmul(coeff, *[push_transposes(transpose(m)) for m in reversed(mats)])
        if isinstance(inner, sp.HadamardProduct):
            return hadamard(*[push_transposes(transpose(a)) for a in inner.args])
        if isinstance(inner, sp.KroneckerProduct):  # (A⊗B)ᵀ = Aᵀ⊗Bᵀ
            return sp.KroneckerProduct(*[push_transposes(transpose(a)) for a in inner.args])
        if isinstance(inner, DiagMatrix):
            return inner
        if isinstance(inner, (sp.OneMatrix, sp.ZeroMatrix, sp.Identity)):
            return inner.T
        return transpose(inner)
    return rebuild(e, [push_transposes(a) if isinstance(a, sp.Basic) else a for a in e.args])


def _factors(term: sp.Basic) -> tuple[sp.Basic, list[sp.Basic]]:
    if isinstance(term, sp.MatMul):
        coeff, mats = term.as_coeff_matrices()
        return coeff, list(mats)
    return sp.S.One, [term]


def factor_common(e: sp.Basic) -> sp.Basic:
    """AB + CB = (A + C)B and BA + BC = B(A + C), applied while all terms share a factor."""
    if not isinstance(e, sp.MatAdd):
        return e
    split = [_factors(t) for t in e.args]
    if any(isinstance(m, sp.OneMatrix) for _, f in split for m in f):
        return e  # a(1ᵀy) − y reads better than (a1ᵀ − I)y
    for side in (-1, 0):
        common = split[0][1][side]
        if all(len(f) >= 1 and f[side] == common for _, f in split) and any(len(f) > 1 for _, f in split):
            rests = []
            for coeff, f in split:
                rest = f[:-1] if side == -1 else f[1:]
                eye = sp.Identity(common.shape[0] if side == -1 else common.shape[1])
                rests.append(mmul(coeff, *rest) if rest else mmul(coeff, eye) if coeff != 1 else eye)
            inner = factor_common(madd(*rests))
            return mmul(inner, common) if side == -1 else mmul(common, inner)
    return e


def _coeff(e: sp.Basic) -> tuple[sp.Basic, sp.Basic]:
    if isinstance(e, sp.MatMul):
        coeff, mats = e.as_coeff_matrices()
        if coeff != 1:
            return coeff, mmul(*mats)
    return sp.S.One, e


def pull_scalars(e: sp.Basic) -> sp.Basic:
    """(cA)∘B = c(A∘B) and c·(d·A) = (cd)·A, so a result carries one leading coefficient."""
    if isinstance(e, (sp.MatrixSymbol, sp.Symbol, sp.Number)) or not e.args:
        return e
    e = rebuild(e, [pull_scalars(a) if isinstance(a, sp.Basic) else a for a in e.args])
    if isinstance(e, sp.HadamardProduct):
        parts = [_coeff(a) for a in e.args]
        coeff = sp.Mul(*[c for c, _ in parts])
        if coeff != 1:
            return mmul(coeff, hadamard(*[m for _, m in parts]))
    if isinstance(e, sp.Transpose):
        coeff, inner = _coeff(e.arg)
        if coeff != 1:
            return mmul(coeff, transpose(inner))
    return e


def _bottom_up(e: sp.Basic, rule) -> sp.Basic:  # type: ignore[no-untyped-def]
    if isinstance(e, (sp.MatrixSymbol, sp.Symbol, sp.Number)) or not e.args:
        return rule(e)
    return rule(rebuild(e, [_bottom_up(a, rule) if isinstance(a, sp.Basic) else a for a in e.args]))


def _is_symmetric(S: sp.Basic) -> bool:
    """Sums of diag(v), I and uuᵀ terms (the softmax Jacobian diag(a) − aaᵀ) are symmetric."""
    for term in (S.args if isinstance(S, sp.MatAdd) else (S,)):
        _, mats = _factors(term)
        ok = (len(mats) == 1 and isinstance(mats[0], (DiagMatrix, sp.Identity))) or (
            len(mats) == 2 and transpose(mats[0]) == mats[1])
        if not ok:
            return False
    return True


def symmetric_transpose(e: sp.Basic) -> sp.Basic:
    """Sᵀ = S for S = diag(a) − aaᵀ and the like."""
    return e.arg if isinstance(e, sp.Transpose) and _is_symmetric(e.arg) else e


def _inverse_of(h: sp.Basic) -> tuple[sp.Basic, sp.Basic] | None:
    """(a, rest) when h = rest ∘ a∘⁻¹."""
    if isinstance(h, sp.HadamardProduct):
        for k, arg in enumerate(h.args):
            if isinstance(arg, sp.HadamardPower) and arg.args[1] == -1:
                return arg.args[0], hadamard(*(h.args[:k] + h.args[k + 1:]))
    return None


def cancel_diagonal(e: sp.Basic) -> sp.Basic:
    """diag(a)·(y ∘ a∘⁻¹) = y and aᵀ(y ∘ a∘⁻¹) = 1ᵀy."""
    if not isinstance(e, sp.MatMul):
        return e
    coeff, mats = e.as_coeff_matrices()
    for k in range(len(mats) - 1):
        found = _inverse_of(mats[k + 1])
        if found is None:
            continue
        a, rest = found
        if isinstance(mats[k], DiagMatrix) and mats[k].args[0] == a:
            return mmul(coeff, *mats[:k], rest, *mats[k + 2:])
        if mats[k] == transpose(a):
            return mmul(coeff, *mats[:k], sp.OneMatrix(1, a.shape[0]), rest, *mats[k + 2:])
    return e


def cancel_hadamard_inverse(e: sp.Basic) -> sp.Basic:
    """u∘⁻¹ ∘ u = 1 inside a Hadamard product."""
    if not isinstance(e, sp.HadamardProduct):
        return e
    args = list(e.args)
    for a in list(args):
        if isinstance(a, sp.HadamardPower) and a.args[1] == -1 and a in args:
            twin = next((b for b in args if _same(b, a.args[0])), None)
            if twin is not None:
                args.remove(a)
                args.remove(twin)
    if len(args) == len(e.args):
        return e
    return hadamard(*args) if args else sp.OneMatrix(*e.shape)


def _same(a: sp.Basic, b: sp.Basic) -> bool:
    """Equal, or sums with the same terms in another order."""
    return a == b or (isinstance(a, sp.MatAdd) and isinstance(b, sp.MatAdd) and set(a.args) == set(b.args))


def distribute_hadamard(e: sp.Basic) -> sp.Basic:
    """(A + B)∘C = A∘C + B∘C, factors in a fixed order so that like terms meet."""
    if isinstance(e, sp.HadamardProduct):
        for k, m in enumerate(e.args):
            if isinstance(m, sp.MatAdd):
                rest = e.args[:k] + e.args[k + 1:]
                terms = []
                for t in m.args:
                    coeff, inner = _coeff(t)
                    terms.append(mmul(coeff, _sorted_hadamard(inner, *rest)))
                return madd(*terms)
    return e


def _sorted_hadamard(*factors: sp.Basic) -> sp.Basic:
    flat = [a for f in factors for a in (f.args if isinstance(f, sp.HadamardProduct) else (f,))]
    return hadamard(*sorted(flat, key=sp.default_sort_key))


def _size(e: sp.Basic) -> int:
    return sum(1 for _ in sp.preorder_traversal(e))


def distribute(e: sp.Basic) -> sp.Basic:
    """P(S₁ + S₂)Q = PS₁Q + PS₂Q for the first sum in a product."""
    if isinstance(e, sp.MatMul):
        coeff, mats = e.as_coeff_matrices()
        for k, m in enumerate(mats):
            if isinstance(m, sp.MatAdd):
                return madd(*[mmul(coeff, *mats[:k], t, *mats[k + 1:]) for t in m.args])
    return e


def expand_if_shorter(e: sp.Basic) -> sp.Basic:
    """Distribute a product over a sum when the cancellations that follow make it shorter."""
    candidate = _bottom_up(_bottom_up(e, distribute), cancel_diagonal)
    for _ in range(4):
        before = candidate
        candidate = _bottom_up(_bottom_up(candidate, distribute_hadamard), cancel_hadamard_inverse)
        candidate = _bottom_up(candidate, distribute)
        if candidate == before:
            break
    candidate = factor_common(tidy(candidate))
    return candidate if _size(candidate) < _size(e) else e


def _drop_sums(e: sp.Basic, sums_to_one: frozenset[sp.Basic]) -> sp.Basic:
    """1ᵀy = 1 for a probability vector y."""
    if isinstance(e, sp.MatMul):
        coeff, mats = e.as_coeff_matrices()
        for k in range(len(mats) - 1):
            if isinstance(mats[k], sp.OneMatrix) and mats[k].shape[0] == 1 and (
                    mats[k + 1] in sums_to_one or isinstance(mats[k + 1], OneHot)):
                rest = mats[:k] + mats[k + 2:]
                return mmul(coeff, *rest) if rest else sp.Identity(1) * coeff
    return e


def merge_diagonals(e: sp.Basic) -> sp.Basic:
    """diag(a)·diag(b) = diag(a∘b)."""
    if not isinstance(e, sp.MatMul):
        return e
    coeff, mats = e.as_coeff_matrices()
    out: list[sp.Basic] = []
    for m in mats:
        if out and isinstance(m, DiagMatrix) and isinstance(out[-1], DiagMatrix):
            out[-1] = DiagMatrix(hadamard(out[-1].args[0], m.args[0]))
        else:
            out.append(m)
    return mmul(coeff, *out) if len(out) < len(mats) else e


def expand_coefficients(e: sp.Basic) -> sp.Basic:
    """A scalar coefficient such as y(1 − σ) − (1 − y)σ expanded when that is shorter (y − σ)."""
    if not isinstance(e, sp.MatMul):
        return e
    coeff, mats = e.as_coeff_matrices()
    if not isinstance(coeff, sp.Expr) or coeff.is_number:
        return e
    expanded = sp.expand(coeff)
    if sp.count_ops(expanded) < sp.count_ops(coeff):
        return mmul(expanded, *mats)
    return e


def simplify(e: sp.Basic, sums_to_one: frozenset[sp.Basic] = frozenset()) -> sp.Basic:
    """The gradient as a person writes it. ``sums_to_one``: vectors known to satisfy 1ᵀy = 1."""
    e = pull_scalars(push_transposes(tidy(e)))
    e = _bottom_up(e, symmetric_transpose)
    e = _bottom_up(e, cancel_hadamard_inverse)
    e = _bottom_up(_bottom_up(e, merge_diagonals), expand_coefficients)
    e = expand_if_shorter(e)
    e = _bottom_up(e, lambda t: _drop_sums(t, sums_to_one))
    e = tidy(e)
    if isinstance(e, sp.MatAdd):
        e = madd(*e.args)
    return factor_common(e)
