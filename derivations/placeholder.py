"""d(·) not yet expanded: the placeholders that let a derivation show one rule level per step.

``D(e)`` is the differential of e (a matrix expression with e's shape, or a scalar). The engine
replaces every ``D`` by its rule's right-hand side, one level at a time; when checking a step, a
``D(e)`` is given the value of the directional derivative of e by finite differences.
"""

from __future__ import annotations

import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixExpr

from checker.language.sympy_functions import UnaryMatrix, UnaryScalar


class DMatrix(UnaryMatrix):
    """d(E) for a matrix expression E."""

    name = "d"


class DScalar(UnaryScalar):
    """d(u) for a scalar expression u."""

    name = "d"


def D(e: sp.Basic) -> sp.Basic:
    return DMatrix(e) if isinstance(e, MatrixExpr) else DScalar(e)


PLACEHOLDERS = (DMatrix, DScalar)
