"""Differential rules, registered as data (one line each, like HIPS autograd's ``defvjp``).

A rule maps an expression e to d(e) written with ``d`` of e's arguments: ``d`` returns dX for the
variable, 0 for constants, and an unexpanded d(·) otherwise, so a derivation shows one level per step.
Sources: Matrix Cookbook §2 (eqs. 33–61), lecture ch. 2 (differentials and traces).

>>> import sympy as sp
>>> X, Y = sp.MatrixSymbol("X", 2, 3), sp.MatrixSymbol("Y", 3, 4)
>>> rule = lookup(X * Y)
>>> rule.formula
'd(XY) = dX·Y + X·dY'
>>> rule.apply(X * Y, lambda e: sp.MatrixSymbol("d" + str(e), *e.shape))
X*dY + dX*Y
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.diagonal import DiagMatrix, DiagonalOf

from checker.language.errors import UnsupportedError
from checker.language.sympy_bridge import elementwise_name
from checker.language.sympy_functions import LogSumExp, Softmax
from derivations.algebra import hadamard, is_zero, kron, madd, mmul, trace, transpose
from derivations.rules import elementwise

Diff = Callable[[sp.Basic], sp.Basic]


@dataclass(frozen=True)
class Rule:
    """A named differential rule: ``apply(e, d)`` is d(e), written with d of e's parts."""

    formula: str
    apply: Callable[[sp.Basic, Diff], sp.Basic]
    when: Callable[[sp.Basic], bool] = lambda e: True


DIFFERENTIAL: dict[type, list[Rule]] = {}


def defdiff(cls: type, formula: str, apply: Callable[[sp.Basic, Diff], sp.Basic],
            when: Callable[[sp.Basic], bool] = lambda e: True) -> None:
    """Register d(e) for expressions of type ``cls`` (earlier registrations are tried first)."""
    DIFFERENTIAL.setdefault(cls, []).append(Rule(formula, apply, when))


def lookup(e: sp.Basic) -> Rule:
    """The first registered rule that applies to e (by type, then subclasses)."""
    for cls in type(e).__mro__:
        for rule in DIFFERENTIAL.get(cls, ()):
            if rule.when(e):
                return rule
    raise UnsupportedError(f"dlprep derive has no differential rule for {describe(e)}")


def describe(e: sp.Basic) -> str:
    names = {sp.KroneckerProduct: "the Kronecker product ⊗", sp.Max: "max", sp.Min: "min", sp.MatPow: "a matrix power with this exponent",
             sp.Abs: "|·|", sp.Heaviside: "the step function"}
    return names.get(type(e), type(e).__name__)


def _product(e: sp.Basic, d: Diff, build: Callable[..., sp.Basic]) -> sp.Basic:
    args = e.args
    return madd(*(build(*args[:i], d(a), *args[i + 1:]) for i, a in enumerate(args)))


def _matrix_f(e: ElementwiseApplyFunction, d: Diff) -> sp.Basic:
    name = elementwise_name(e)
    if name not in elementwise.MATRIX:
        raise UnsupportedError(f"dlprep derive has no derivative for the elementwise function {name}")
    return hadamard(elementwise.MATRIX[name](e.expr, e), d(e.expr))


def _scalar_f(e: sp.Basic, d: Diff) -> sp.Basic:
    name = elementwise.SYMPY_NAMES.get(type(e), type(e).__name__)
    if name not in elementwise.SCALAR:
        raise UnsupportedError(f"dlprep derive has no derivative for the function {name}")
    return elementwise.SCALAR[name](e.args[0], e) * d(e.args[0])


def _hadamard_power(e: sp.HadamardPower, d: Diff) -> sp.Basic:
    base, p = e.args
    lower = base if p == 2 else sp.HadamardPower(base, p - 1)
    return hadamard(mmul(p, lower), d(base))


def _matrix_power(e: sp.MatPow, d: Diff) -> sp.Basic:
    base, k = e.args
    power = lambda i: sp.Identity(base.shape[0]) if i == 0 else base if i == 1 else sp.MatPow(base, i)  # noqa: E731
    return madd(*(mmul(power(i), d(base), power(int(k) - 1 - i)) for i in range(int(k))))


def _positive_integer_exponent(e: sp.Basic) -> bool:
    return e.args[1].is_Integer and e.args[1] > 0


def _constant_exponent(e: sp.Basic) -> bool:
    return not e.args[1].free_symbols


# matrices -------------------------------------------------------------------------------------
defdiff(sp.MatAdd, "d(X + Y) = dX + dY", lambda e, d: madd(*map(d, e.args)))
defdiff(sp.MatMul, "d(XY) = dX·Y + X·dY", lambda e, d: _product(e, d, mmul))
defdiff(sp.Transpose, "d(Xᵀ) = (dX)ᵀ", lambda e, d: transpose(d(e.arg)))
defdiff(sp.Inverse, "d(X⁻¹) = −X⁻¹·dX·X⁻¹", lambda e, d: mmul(-1, e, d(e.arg), e))
defdiff(sp.HadamardProduct, "d(X∘Y) = dX∘Y + X∘dY", lambda e, d: _product(e, d, hadamard))
defdiff(sp.KroneckerProduct, "d(X⊗Y) = dX⊗Y + X⊗dY", lambda e, d: _product(e, d, kron))
defdiff(sp.HadamardPower, "d(X∘ᵖ) = p·X∘⁽ᵖ⁻¹⁾∘dX", _hadamard_power, _constant_exponent)
defdiff(sp.MatPow, "d(Xᵏ) = Σᵢ Xⁱ·dX·Xᵏ⁻¹⁻ⁱ", _matrix_power, _positive_integer_exponent)
defdiff(ElementwiseApplyFunction, "d f(X) = f′(X)∘dX", _matrix_f)
defdiff(DiagMatrix, "d diag(x) = diag(dx)", lambda e, d: DiagMatrix(d(e.args[0])))
defdiff(DiagonalOf, "d diag(X) = diag(dX)", lambda e, d: DiagonalOf(d(e.args[0])))
defdiff(Softmax, "d softmax(z) = (diag(a) − aaᵀ)·dz, a = softmax(z)",
        lambda e, d: mmul(madd(DiagMatrix(e), mmul(-1, e, transpose(e))), d(e.arg)))

# scalars --------------------------------------------------------------------------------------
defdiff(sp.Add, "d(u + v) = du + dv", lambda e, d: sp.Add(*[t for t in map(d, e.args) if not is_zero(t)]))
defdiff(sp.Mul, "d(uv) = du·v + u·dv", lambda e, d: _product(e, d, sp.Mul))
defdiff(sp.Pow, "d(uᵖ) = p·uᵖ⁻¹·du", lambda e, d: e.args[1] * e.args[0] ** (e.args[1] - 1) * d(e.args[0]), _constant_exponent)
defdiff(sp.Trace, "d Tr(X) = Tr(dX)", lambda e, d: trace(d(e.arg)))
defdiff(sp.Determinant, "d det X = det X·Tr(X⁻¹dX)", lambda e, d: e * trace(mmul(sp.Inverse(e.arg), d(e.arg))))
defdiff(sp.log, "d log det X = Tr(X⁻¹dX)", lambda e, d: trace(mmul(sp.Inverse(e.args[0].arg), d(e.args[0].arg))),
        lambda e: isinstance(e.args[0], sp.Determinant))
defdiff(LogSumExp, "d logsumexp(z) = softmax(z)ᵀ·dz", lambda e, d: trace(mmul(transpose(Softmax(e.arg)), d(e.arg))))
# SymPy's own functions that have an f′ (exp, log, tanh, |·|) and the named ones (σ, relu, f)
for _cls in (*(c for c, n in elementwise.SYMPY_NAMES.items() if n in elementwise.SCALAR), AppliedUndef):
    defdiff(_cls, "d f(u) = f′(u)·du", _scalar_f)
