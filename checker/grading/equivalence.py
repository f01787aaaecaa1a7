"""Equal on matrices? Decided by evaluating both sides on random instances, never by a scalar CAS.

>>> from checker.language.shapes import parse_shapes
>>> from checker.language.parser import parse
>>> decls = parse_shapes("A: m x n, B: n x m")
>>> compare(parse("tr(A B)", decls), parse("tr(B A)", decls), decls).equal
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np

from checker.language import ast as A
from checker.language.dims import format_shape
from checker.language.errors import ShapeError
from checker.language.evaluate import Instance, draw_instances, evaluate
from checker.language.numeric import relative_error
from checker.language.shapes import Declaration, infer

RTOL = 1e-8


def close(a: np.ndarray, b: np.ndarray, rtol: float = RTOL) -> bool:
    """max|a − b| ≤ rtol·max(max|a|, max|b|) + 1e-12."""
    if a.shape != b.shape:
        return False
    scale = max(float(np.max(np.abs(a), initial=0.0)), float(np.max(np.abs(b), initial=0.0)))
    return float(np.max(np.abs(a - b), initial=0.0)) <= rtol * scale + 1e-12


def all_close(xs: list[np.ndarray], ys: list[np.ndarray], rtol: float = RTOL) -> bool:
    return len(xs) == len(ys) and all(close(x, y, rtol) for x, y in zip(xs, ys))


def common_factor(xs: list[np.ndarray], ys: list[np.ndarray], rtol: float = 1e-7) -> float | None:
    """c ≠ 0 with xs = c·ys on every instance (the same c everywhere), else None."""
    c: float | None = None
    for x, y in zip(xs, ys):
        if x.shape != y.shape:
            return None
        k = int(np.argmax(np.abs(y)))
        if abs(y.flat[k]) < 1e-12:
            if not close(x, np.zeros_like(x)):
                return None
            continue
        ck = float(x.flat[k] / y.flat[k])
        c = ck if c is None else c
        if abs(ck - c) > rtol * max(abs(c), 1e-12) or not close(x, c * y, rtol):
            return None
    return c if c not in (None, 0.0) else None


def _smallest_counterexample(decls: Mapping[str, Declaration], left: A.Node, right: A.Node, seed: int, rtol: float) -> dict[str, Any] | None:
    """A counterexample at the smallest distinct sizes, when one exists there (easier to read)."""
    for inst in draw_instances(decls, [left, right], 5, seed + 1, kink_aware=True, small=True):
        a, b = evaluate(left, inst), evaluate(right, inst)
        if not close(a, b, rtol):
            return counterexample(inst, a, b)
    return None


@dataclass
class Comparison:
    equal: bool
    max_rel_error: float
    instances_used: int
    counterexample: dict[str, Any] | None = None
    reason: str = ""


def _rounded(x: np.ndarray) -> Any:
    return np.round(x, 4).tolist() if x.size > 1 else round(float(x.flat[0]), 4)


def counterexample(inst: Instance, lhs: np.ndarray, rhs: np.ndarray) -> dict[str, Any]:
    return {
        "sizes": dict(inst.sizes),
        "inputs": {k: _rounded(v) for k, v in inst.values.items()},
        "lhs": _rounded(lhs),
        "rhs": _rounded(rhs),
    }


def compare(lhs: A.Node, rhs: A.Node, decls: Mapping[str, Declaration], *, n: int = 5, seed: int = 0,
            rtol: float = RTOL, kink_aware: bool = True) -> Comparison:
    """Are ``lhs`` and ``rhs`` equal for all inputs? (≥ n random instances, distinct sizes.)"""
    left, right = infer(A.Equation((lhs, rhs)), decls).sides  # shares unknown sizes between the sides
    if left.shape != right.shape:
        raise ShapeError(f"the sides have different shapes: {format_shape(left.shape)} and {format_shape(right.shape)}")
    instances = draw_instances(decls, [left, right], n, seed, kink_aware=kink_aware)
    worst = 0.0
    for inst in instances:
        a, b = evaluate(left, inst), evaluate(right, inst)
        err = relative_error(a, b)
        worst = max(worst, err)
        if not close(a, b, rtol):
            return Comparison(False, err, len(instances), _smallest_counterexample(decls, left, right, seed, rtol) or counterexample(inst, a, b),
                              f"they differ by a relative error of {err:.3g} on a random instance")
    return Comparison(True, worst, len(instances), None, f"equal on {len(instances)} random instances")
