"""AST → SymPy → AST keeps the value; SymPy's own forms match on explicit small matrices (issue 2 §6)."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from checker.language.evaluate import draw_instances, evaluate
from checker.language.parser import parse
from checker.language.shapes import infer, parse_shapes
from checker.language.sympy_bridge import from_sympy, to_sympy

SHAPES = "A: m x n, B: n x m, X: n x n, x: n, b: m, c: scalar"
CASES = [
    "2A^T(Ax-b)", "tr(A B)", "x^T X x", "X^-1", "X^{-T}", "A .* B^T", "det(X)", "log(det(X))",
    "sigmoid(A x) .* tanh(b)", "diag(x) X", "diag(X)", "c A - B^T", "X^3", "kron(A, x)", "exp(x) / c",
    "||A x - b||^2", "f'(A x) .* b", "x.^2", "sum(A)", "relu(x)",
]


@pytest.mark.parametrize("text", CASES)
def test_round_trip_keeps_values(text: str) -> None:
    decls = parse_shapes(SHAPES)
    typed = infer(parse(text, names=decls), decls)
    back = infer(from_sympy(to_sympy(typed, decls)), decls)
    for inst in draw_instances(decls, [typed], 3, seed=1):
        assert np.allclose(evaluate(back, inst), evaluate(typed, inst), rtol=1e-10, atol=1e-12)


def test_sympy_form_matches_explicit_expansion() -> None:
    """The bridge's SymPy expression, expanded entry by entry with as_explicit, equals NumPy's value."""
    decls = parse_shapes("A: 2 x 3, x: 3, b: 2")
    typed = infer(parse("2A^T(Ax-b)", names=decls), decls)
    expr = to_sympy(typed, decls)
    inst = draw_instances(decls, [typed], 1, seed=2)[0]
    subs = {sp.MatrixSymbol(k, *v.shape): sp.Matrix(v) for k, v in inst.values.items()}
    explicit = np.array(expr.subs(subs).as_explicit().evalf(), dtype=float)
    assert np.allclose(explicit, evaluate(typed, inst))
