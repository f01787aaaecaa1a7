"""Finite differences for the NumPy checks of catalog entries (float64, central, step 1e-6)."""

from __future__ import annotations

from typing import Callable

import numpy as np


def central_difference(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-6) -> np.ndarray:
    """∂f/∂x entry by entry: (f(x + h eᵢ) − f(x − h eᵢ)) / 2h, with the shape of x."""
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[i] = h
        g[i] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def rel(got: np.ndarray, want: np.ndarray) -> float:
    """max|got − want| / max|want| (shapes must match)."""
    got, want = np.asarray(got, float), np.asarray(want, float)
    if got.shape != want.shape:
        return float("inf")
    return float(np.max(np.abs(got - want)) / max(float(np.max(np.abs(want))), 1e-300))
