"""d(·) not yet expanded: the placeholders that let a derivation show one rule level per step.

``D(e)`` is the differential of e (a matrix expression with e's shape, or a scalar). The engine
replaces every ``D`` by its rule's right-hand side, one level at a time; when checking a step, a
``D(e)`` is given the value of the directional derivative of e by finite differences.
"""

from __future__ import annotations

import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixExpr


class DMatrix(MatrixExpr):
    """d(E) for a matrix expression E."""

    def __new__(cls, arg: sp.Basic) -> "DMatrix":
        return sp.Basic.__new__(cls, arg)

    @property
    def arg(self) -> sp.Basic:
        return self.args[0]

    @property
    def shape(self) -> tuple:  # type: ignore[override]
        return self.args[0].shape

    def _sympystr(self, printer: object) -> str:
        return f"d({self.args[0]})"


class DScalar(sp.Expr):
    """d(u) for a scalar expression u."""

    is_commutative = True

    def __new__(cls, arg: sp.Basic) -> "DScalar":
        return sp.Expr.__new__(cls, arg)

    @property
    def arg(self) -> sp.Basic:
        return self.args[0]

    def _sympystr(self, printer: object) -> str:
        return f"d({self.args[0]})"


def D(e: sp.Basic) -> sp.Basic:
    return DMatrix(e) if isinstance(e, MatrixExpr) else DScalar(e)


PLACEHOLDERS = (DMatrix, DScalar)
