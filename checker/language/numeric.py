"""The one home of finite differences and of the normwise relative error, in float64.

* :func:`central`: the central difference of g(t) at 0, second order (g(h) − g(−h)) / 2h or fourth
  order (−g(2h) + 8g(h) − 8g(−h) + g(−2h)) / 12h (truncation error O(h⁴): with h ≈ 1e-3 about 1e-11
  relative, tight enough for the checker's 1e-8 tolerance). Every finite difference of dlprep is
  this one: of typed expressions here, of losses over parameters in ``checker.gradcheck.numeric``.
* :func:`relative_error`: max|got − want| / max(max|got|, max|want|, floor).

>>> round(central(lambda t: (1.0 + t) ** 3, 1e-3, order=4), 10)  # d/dt (1 + t)³ at 0 = 3
3.0
>>> round(relative_error(np.array([1.0, 2.0]), np.array([1.0, 2.002])), 6)
0.000999
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable

import numpy as np

from checker.language import ast as A
from checker.language.evaluate import evaluate

STEP = 1e-3


def central(g: Callable[[float], Any], h: float, *, order: int = 2) -> Any:
    """d/dt g(t) at t = 0 by a central difference of the given order (2 or 4); g(h) is asked first."""
    if order == 2:
        return (g(h) - g(-h)) / (2 * h)
    values = {t: g(t * h) for t in (-2, -1, 1, 2)}
    return (-values[2] + 8 * values[1] - 8 * values[-1] + values[-2]) / (12 * h)


def central_difference(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-6) -> np.ndarray:
    """∂f/∂x entry by entry for a scalar f of one array: (f(x + h eᵢ) − f(x − h eᵢ)) / 2h, shaped like x."""
    out = np.zeros_like(x, dtype=float)
    for i in np.ndindex(x.shape):
        e = np.zeros_like(x, dtype=float)
        e[i] = 1.0
        out[i] = central(lambda t: f(x + t * e), h)  # noqa: B023
    return out


def relative_error(got: np.ndarray, want: np.ndarray, floor: float = 1e-300) -> float:
    """max|got − want| / max(max|got|, max|want|, floor); inf when the shapes differ. A ``floor`` keeps
    a derivative that is 0 (f independent of X) from being judged by its finite-difference noise."""
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    if got.shape != want.shape:
        return float("inf")
    scale = max(float(np.max(np.abs(got), initial=0.0)), float(np.max(np.abs(want), initial=0.0)), floor)
    return float(np.max(np.abs(got - want), initial=0.0)) / scale


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
    sizes: list[float] = []

    def at(t: float) -> np.ndarray:
        value = evaluate(f, _shifted(instance, wrt, t * direction))
        sizes.append(float(np.max(np.abs(value), initial=0.0)))
        return value

    return central(at, h, order=4), max(sizes)


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
