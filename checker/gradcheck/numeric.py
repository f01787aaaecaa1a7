"""Finite differences of a scalar loss over a dict of float64 parameters.

central: (L(θ + h eᵢ) − L(θ − h eᵢ)) / 2h, h = 1e-5 (error O(h²) ≈ 1e-10 relative);
directional probe: (L(θ + h u) − L(θ − h u)) / 2h ≈ ⟨∇L, u⟩ for a random u;
complex step: Im L(θ + i h eᵢ) / h with h = 1e-20 (no cancellation; smooth references only).
"""

from __future__ import annotations

from typing import Callable

import numpy as np

Params = dict[str, np.ndarray]
LossFn = Callable[[Params], float]
STEP = 1e-5


def central_difference(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-6) -> np.ndarray:
    """∂f/∂x entry by entry for a scalar f of one array: (f(x + h eᵢ) − f(x − h eᵢ)) / 2h, shaped like x."""
    g = np.zeros_like(x, dtype=float)
    for i in np.ndindex(x.shape):
        e = np.zeros_like(x, dtype=float)
        e[i] = h
        g[i] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def _with(params: Params, name: str, value: np.ndarray) -> Params:
    out = dict(params)
    out[name] = value
    return out


def central_entry(loss: LossFn, params: Params, name: str, index: tuple[int, ...], h: float = STEP) -> tuple[float, Params, Params]:
    """∂L/∂θ[index] by central differences, with the two shifted parameter sets (for kink checks)."""
    plus, minus = params[name].copy(), params[name].copy()
    plus[index] += h
    minus[index] -= h
    p_plus, p_minus = _with(params, name, plus), _with(params, name, minus)
    return (loss(p_plus) - loss(p_minus)) / (2 * h), p_plus, p_minus


def directional(loss: LossFn, params: Params, name: str, u: np.ndarray, h: float = STEP) -> float:
    """d/dt L(θ + t u) at 0, u acting on parameter ``name`` only."""
    scale = h / max(float(np.linalg.norm(u)), 1e-300) * np.sqrt(u.size)
    step = scale * u
    plus = _with(params, name, params[name] + step)
    minus = _with(params, name, params[name] - step)
    return (loss(plus) - loss(minus)) / (2 * scale)


def complex_step_entry(loss: LossFn, params: Params, name: str, index: tuple[int, ...], h: float = 1e-20) -> float:
    """Im L(θ + i h eᵢ)/h: exact to round-off for a loss that is analytic in θ."""
    shifted = params[name].astype(complex)
    shifted[index] += 1j * h
    return float(np.imag(loss(_with(params, name, shifted)))) / h
