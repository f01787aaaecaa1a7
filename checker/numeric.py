"""Finite differences of a typed scalar expression, in float64, for references that need no algebra.

Fourth-order central differences (−f(x+2h) + 8f(x+h) − 8f(x−h) + f(x−2h)) / 12h have truncation
error O(h⁴), so with h ≈ 1e-3 they agree with exact derivatives to about 1e-11 relative: tight
enough for the checker's 1e-8 tolerance.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from checker import ast as A
from checker.evaluate import evaluate

STEP = 1e-3


def _shifted(instance: Any, name: str, delta: np.ndarray) -> Any:
    values = dict(instance.values)
    values[name] = values[name] + delta
    return replace(instance, values=values)


def directional(f: A.Node, instance: Any, wrt: str, direction: np.ndarray) -> np.ndarray:
    """d/dt f(X + t·D) at t = 0, for a typed expression f (any shape) and a direction D."""
    x = instance.values[wrt]
    h = STEP * max(1.0, float(np.max(np.abs(x)))) / max(1.0, float(np.max(np.abs(direction))))
    at = lambda t: evaluate(f, _shifted(instance, wrt, t * h * direction))  # noqa: E731
    return (-at(2) + 8 * at(1) - 8 * at(-1) + at(-2)) / (12 * h)


def gradient(f: A.Node, instance: Any, wrt: str) -> np.ndarray:
    """∇_X f entry by entry, with the shape of X, for a scalar typed f."""
    x = instance.values[wrt]
    out = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[index] = 1.0
        out[index] = directional(f, instance, wrt, e)[0, 0]
    return out


def jacobian(f: A.Node, instance: Any, wrt: str) -> np.ndarray:
    """∂vec(f)/∂vec(X): rows follow f's entries, columns X's entries (row-major), as the course writes
    ∂yᵢ/∂xⱼ; for column vectors this is the m×n Jacobian."""
    x = instance.values[wrt]
    columns = []
    for index in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[index] = 1.0
        columns.append(directional(f, instance, wrt, e).reshape(-1))
    return np.stack(columns, axis=1)
