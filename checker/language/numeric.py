"""Finite differences of a typed scalar expression, in float64, for references that need no algebra.

Fourth-order central differences (−f(x+2h) + 8f(x+h) − 8f(x−h) + f(x−2h)) / 12h have truncation
error O(h⁴), so with h ≈ 1e-3 they agree with exact derivatives to about 1e-11 relative: tight
enough for the checker's 1e-8 tolerance.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from checker.language import ast as A
from checker.language.evaluate import evaluate

STEP = 1e-3


def _shifted(instance: Any, name: str, delta: np.ndarray) -> Any:
    values = dict(instance.values)
    values[name] = values[name] + delta
    return replace(instance, values=values)


def directional(f: A.Node, instance: Any, wrt: str, direction: np.ndarray, *, adaptive: bool = False) -> np.ndarray:
    """d/dt f(X + t·D) at t = 0, for a typed expression f (any shape) and a direction D.

    ``adaptive``: when a function varies fast (tanh(A Aᵀ A x) in A), the h⁴ truncation error of the
    default step shows; the step is then shrunk by 4 until two estimates agree (Richardson's test)."""
    x = instance.values[wrt]
    h = STEP * max(1.0, float(np.max(np.abs(x)))) / max(1.0, float(np.max(np.abs(direction))))
    estimate, size = _five_point(f, instance, wrt, direction, h)
    if not adaptive:
        return estimate
    for _ in range(3):
        finer, _ = _five_point(f, instance, wrt, direction, h / 4)
        gap = float(np.max(np.abs(finer - estimate), initial=0.0))
        if gap <= 1e-9 * float(np.max(np.abs(finer), initial=0.0)):
            return finer
        if gap <= 1e-12 * size / h:  # both estimates are rounding noise: the derivative is ~0
            return estimate
        estimate, h = finer, h / 4
    return estimate


def _five_point(f: A.Node, instance: Any, wrt: str, direction: np.ndarray, h: float) -> tuple[np.ndarray, float]:
    """The fourth-order central difference, and the size of f near the point (for its noise level)."""
    values = {t: evaluate(f, _shifted(instance, wrt, t * h * direction)) for t in (-2, -1, 1, 2)}
    size = max(float(np.max(np.abs(v), initial=0.0)) for v in values.values())
    return (-values[2] + 8 * values[1] - 8 * values[-1] + values[-2]) / (12 * h), size


def gradient(f: A.Node, instance: Any, wrt: str, *, adaptive: bool = False) -> np.ndarray:
    """∇_X f entry by entry, with the shape of X, for a scalar typed f."""
    x = instance.values[wrt]
    out = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[index] = 1.0
        out[index] = directional(f, instance, wrt, e, adaptive=adaptive)[0, 0]
    return out


def jacobian(f: A.Node, instance: Any, wrt: str, *, adaptive: bool = False) -> np.ndarray:
    """∂vec(f)/∂vec(X): rows follow f's entries, columns X's entries (row-major), as the course writes
    ∂yᵢ/∂xⱼ; for column vectors this is the m×n Jacobian."""
    x = instance.values[wrt]
    columns = []
    for index in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[index] = 1.0
        columns.append(directional(f, instance, wrt, e, adaptive=adaptive).reshape(-1))
    return np.stack(columns, axis=1)
