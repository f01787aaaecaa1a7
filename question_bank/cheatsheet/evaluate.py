"""Evaluate an expression-language text at given values (the sheet's numeric facts and examples).

>>> float(evaluate_text("4 h (d + h + 1)", "d: scalar integer, h: scalar integer", {"d": 10, "h": 20})[0, 0])
2480.0
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np


def evaluate_text(text: str, symbols: str, values: Mapping[str, np.ndarray | float], *, where: str | None = None) -> np.ndarray:
    """The value (2-D float64) of ``text`` with each declared symbol bound to ``values[name]``; the
    sizes of the declaration are read from the values' shapes."""
    from checker.language.dims import Dim
    from checker.language.evaluate import Instance, evaluate
    from checker.language.parser import parse
    from checker.language.shapes import infer, parse_shapes

    decls = parse_shapes(symbols)
    arrays = {name: np.atleast_2d(np.asarray(v, dtype=float)) for name, v in values.items()}
    arrays = {name: (a.T if a.shape[0] == 1 and a.shape[1] > 1 and _is_column(decls, name) else a) for name, a in arrays.items()}
    sizes: dict[str, int] = {}
    for name, decl in decls.items():
        if name not in arrays:
            continue
        for dim, n in zip(decl.shape, arrays[name].shape):
            for atom in _atoms(dim):
                if dim == Dim.atom(atom):
                    sizes[atom] = n
    typed = infer(parse(text, names=set(decls)), decls)
    return evaluate(typed, Instance(sizes, arrays))


def _atoms(dim) -> list[str]:  # type: ignore[no-untyped-def]
    """The size letter of a dimension that is exactly one letter (n, not n − 1 or m·n)."""
    out = []
    for monomial, _ in dim.terms:
        out += [monomial] if isinstance(monomial, str) else list(monomial)
    return out


def _is_column(decls, name: str) -> bool:  # type: ignore[no-untyped-def]
    decl = decls.get(name)
    return decl is not None and decl.shape[1].is_one
