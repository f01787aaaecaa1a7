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
