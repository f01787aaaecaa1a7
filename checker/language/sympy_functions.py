"""SymPy forms of the course's functions that SymPy does not have.

* ``Softmax(z)``: a matrix expression with the shape of z (a column), softmax(z)ᵢ = exp(zᵢ)/Σⱼ exp(zⱼ).
* ``LogSumExp(z)``: the scalar log Σᵢ exp(zᵢ).
* ``SCALAR``: each function of one scalar as SymPy writes it (from the records): named ones (σ, relu,
  f, …) as undefined SymPy functions, so that σ(wᵀx) keeps its name instead of turning into
  1/(1 + exp(−Σᵢ wᵢxᵢ)); tanh, exp, log, |·|, sign as SymPy's own.

>>> import sympy as sp
>>> z = sp.MatrixSymbol("z", 3, 1)
>>> Softmax(z).shape, LogSumExp(z)
((3, 1), logsumexp(z))
"""

from __future__ import annotations

import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixExpr

from checker.language.functions import FUNCTIONS, Derived, Function


class UnaryMatrix(MatrixExpr):
    """A matrix-valued function of one matrix argument, with the argument's shape; printed ``name(arg)``."""

    name = "?"

    def __new__(cls, arg: sp.Basic) -> "UnaryMatrix":
        return sp.Basic.__new__(cls, arg)

    @property
    def arg(self) -> sp.Basic:
        return self.args[0]

    @property
    def shape(self) -> tuple:  # type: ignore[override]
        return self.args[0].shape

    def _sympystr(self, printer: object) -> str:
        return f"{self.name}({self.args[0]})"


class UnaryScalar(sp.Expr):
    """A scalar function of one argument (a matrix expression or a scalar); printed ``name(arg)``."""

    is_commutative = True
    name = "?"

    def __new__(cls, arg: sp.Basic) -> "UnaryScalar":
        return sp.Expr.__new__(cls, arg)

    @property
    def arg(self) -> sp.Basic:
        return self.args[0]

    def _sympystr(self, printer: object) -> str:
        return f"{self.name}({self.args[0]})"


class Softmax(UnaryMatrix):
    """softmax(z) of a column z, same shape as z."""

    name = "softmax"


class OneHot(sp.MatrixSymbol):
    """The one-hot column e_y of the language (a class label y, not a declared symbol)."""

    @property
    def label(self) -> str:
        return str(self.name)[2:]


def elementwise(function: sp.Lambda, arg: sp.Basic) -> sp.Basic:
    """f(X) elementwise, kept as written: SymPy would fuse log(σ(X)) into one anonymous function."""
    from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction

    return sp.Basic.__new__(ElementwiseApplyFunction, function, arg)


class LogSumExp(UnaryScalar):
    """log Σᵢ exp(zᵢ), a scalar."""

    name = "logsumexp"


def _scalar_form(f: Function) -> sp.FunctionClass | None:
    if f.sympy_named:
        return sp.Function(f.name)
    return f.sympy_scalar(sp) if f.sympy_scalar else None


# name -> the SymPy function of a scalar argument, from the records (sigmoid → σ kept by name, tanh → sp.tanh)
SCALAR: Derived[str, sp.FunctionClass] = Derived(
    lambda: {n: form for n, f in FUNCTIONS.items() if (form := _scalar_form(f)) is not None})
