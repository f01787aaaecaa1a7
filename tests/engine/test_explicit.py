"""Results checked a second way, exactly: SymPy's explicit small matrices (``as_explicit``) and
entry-by-entry scalar differentiation, which SymPy does correctly. Sizes are small and distinct."""

from __future__ import annotations

import pytest
import sympy as sp

from derivations import derive
from engine_cases import COVERAGE

POLYNOMIAL_OR_RATIONAL = [c for c in COVERAGE if not any(f in c[1] for f in ("sigmoid", "tanh", "exp", "softmax", "logsumexp", "log(a)"))]
SIZES = {"m": 3, "n": 2, "p": 4, "h": 3}


def _explicit(e: sp.Basic) -> sp.Basic:
    """Every MatrixSymbol replaced by a matrix of scalar symbols, at the sizes of SIZES."""
    dims = {s: SIZES[str(s)] for m in e.atoms(sp.MatrixSymbol) for d in m.shape for s in sp.sympify(d).free_symbols}
    e = e.subs(dims)
    if isinstance(e, sp.MatrixExpr):
        out = e.as_explicit()
        out = out.subs({m: m.as_explicit() for m in out.atoms(sp.MatrixSymbol)}).doit()
    else:
        out = e.subs({m: m.as_explicit() for m in e.atoms(sp.MatrixSymbol)}).doit()
    return out[0, 0] if isinstance(out, sp.MatrixBase) and out.shape == (1, 1) else out


@pytest.mark.parametrize("label, f, wrt, shapes, where, expected", POLYNOMIAL_OR_RATIONAL, ids=[c[0] for c in POLYNOMIAL_OR_RATIONAL])
def test_gradient_equals_explicit_entrywise_derivative(label: str, f: str, wrt: str, shapes: str, where: str | None, expected: str) -> None:
    d = derive(f, wrt, shapes, where)
    from checker.language.parser import parse
    from checker.language.shapes import infer, parse_shapes
    from checker.language.sympy_bridge import to_sympy

    decls = parse_shapes(shapes)
    fs = to_sympy(infer(parse(f, names=decls), decls), decls)
    f_explicit = _explicit(fs)
    G = _explicit(d.sympy)
    X = next(m for m in fs.atoms(sp.MatrixSymbol) if str(m.name) == wrt)
    rows, cols = (int(sp.sympify(k).subs({s: SIZES[str(s)] for s in sp.sympify(k).free_symbols})) for k in X.shape)
    entries = sp.MatrixSymbol(wrt, rows, cols).as_explicit()
    for i in range(rows):
        for j in range(cols):
            want = sp.diff(f_explicit, entries[i, j])
            got = G[i, j] if isinstance(G, sp.MatrixBase) else G
            assert sp.simplify(want - got) == 0, (label, i, j)
