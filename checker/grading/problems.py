"""Build a :class:`checker.grading.problem.Problem` from an expression of `dlprep check`.

* a catalog problem is built on the catalog's side (:mod:`derivations.catalog.problem`), so this
  layer never imports a higher one;
* any expression: ``from_expression(f, wrt, shapes, where, kind)``; the reference is the derivative
  of f by fourth-order finite differences, so no algebra is trusted and SymPy stays unloaded;
* a reference given as text (a question's answer key): ``from_reference("[0.2, 0.3; 0.5, 0.1]", rtol=1e-3)``;
  a constant reference makes a numeric problem, judged entry by entry on one instance.
"""

from __future__ import annotations

from typing import Any

import numpy as np  # noqa: F401 (the doctest)

from checker.language import ast as A
from checker.language.dims import Shape, is_scalar
from checker.language.errors import InputError, UnsupportedError
from checker.language.evaluate import has_kinks
from checker.language.numeric import directional, gradient, jacobian
from checker.language.parser import parse
from checker.grading.equivalence import RTOL
from checker.grading.problem import Problem
from checker.language.shapes import parse_shapes

KINDS = ("gradient", "jacobian", "differential")


def parse_where(text: str | None, names: set[str]) -> dict[str, A.Node]:
    """``"a = softmax(z); h = tanh(W x)"`` → {'a': softmax(z), 'h': tanh(W x)}."""
    out: dict[str, A.Node] = {}
    if not text:
        return out
    for piece in text.replace(";", "\n").splitlines():
        if not piece.strip():
            continue
        tree = parse(piece, names=names | set(out))
        if not (isinstance(tree, A.Equation) and len(tree.sides) == 2 and isinstance(tree.sides[0], A.Sym)):
            raise InputError(f"cannot read the abbreviation '{piece.strip()}'", expected="name = expression, e.g. a = softmax(z)")
        name, value = tree.sides[0].name, tree.sides[1]
        out[name] = _substitute(value, out)
    return out


def _substitute(node: A.Node, where: dict[str, A.Node]) -> A.Node:
    if isinstance(node, A.Sym) and node.name in where:
        return where[node.name]
    children = [_substitute(c, where) for c in node.children()]
    return A.rebuild(node, children) if children else node


def from_reference(reference: str, shapes: str = "", *, kind: str = "value", where: str | None = None,
                   rtol: float = RTOL, seed: int = 0) -> Problem:
    """A problem whose reference answer is ``reference`` (expression-language text).

    >>> p = from_reference("[1/4, 1/2; 1/2, 1/4]", rtol=1e-3)
    >>> p.numeric, p.n, p.agrees([np.array([[0.25, 0.5], [0.5, 0.2501]])], p.reference_values())
    (True, 1, True)
    """
    decls = parse_shapes(shapes)
    abbreviations = parse_where(where, set(decls))
    tree = parse(reference, names=set(decls) | set(abbreviations))
    return Problem(decls, reference=tree, where=abbreviations, kind=kind, rtol=rtol, seed=seed)


def from_expression(expr: str, wrt: str, shapes: str, *, where: str | None = None, kind: str | None = None, seed: int = 0) -> tuple[Problem, A.Node]:
    """The derivative of ``expr`` with respect to ``wrt``; returns the problem and f (typed)."""
    decls = parse_shapes(shapes)
    abbreviations = parse_where(where, set(decls))
    if wrt not in decls:
        raise InputError(f"--wrt {wrt} is not a declared symbol", expected=", ".join(sorted(decls)))
    probe = Problem(decls, where=abbreviations)
    f_tree = parse(expr, names=probe.names)
    f = probe.typed(f_tree)
    x_shape = decls[wrt].shape
    kind = kind or ("gradient" if is_scalar(f.shape) else "jacobian")
    if kind not in KINDS:
        raise InputError(f"unknown --kind {kind}", expected=" | ".join(KINDS))
    if kind == "gradient" and not is_scalar(f.shape):
        raise InputError("a gradient needs a scalar function; this one is not scalar", expected="--kind jacobian")
    reference, shape = _numeric_reference(kind, f, wrt, x_shape)
    direction = probe.typed(A.Differential(A.Sym(wrt)))
    problem = Problem(decls, numeric_reference=reference, where=abbreviations, expected_shape=shape, kind=kind,
                      kink_aware=has_kinks(f), extra_nodes=(f, direction), seed=seed)
    return problem, f_tree


def _numeric_reference(kind: str, f: A.Node, wrt: str, x_shape: Shape) -> tuple[Any, Shape | None]:
    if kind == "gradient":
        return (lambda inst: gradient(f, inst, wrt)), x_shape
    if kind == "differential":
        return (lambda inst: directional(f, inst, wrt, inst.values["d" + wrt])), f.shape
    if not (f.shape[1].is_one and x_shape[1].is_one):
        raise UnsupportedError("the Jacobian of a matrix with respect to a matrix is a 4th-order tensor; "
                               "ask for the gradient of a scalar, or the differential")
    return (lambda inst: jacobian(f, inst, wrt)), (f.shape[0], x_shape[0])


