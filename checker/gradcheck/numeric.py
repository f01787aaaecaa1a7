"""Finite differences of a scalar loss over a dict of float64 parameters (all by
:func:`checker.language.numeric.central`, the one central difference).

central: (L(θ + h eᵢ) − L(θ − h eᵢ)) / 2h, h = 1e-5 (error O(h²) ≈ 1e-10 relative);
directional probe: (L(θ + h u) − L(θ − h u)) / 2h ≈ ⟨∇L, u⟩ for a random u;
complex step: Im L(θ + i h eᵢ) / h with h = 1e-20 (no cancellation; smooth references only).
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from checker.language.numeric import central

Params = dict[str, np.ndarray]
LossFn = Callable[[Params], float]
STEP = 1e-5


def _with(params: Params, name: str, value: np.ndarray) -> Params:
    out = dict(params)
    out[name] = value
    return out


def central_entry(loss: LossFn, params: Params, name: str, index: tuple[int, ...], h: float = STEP) -> tuple[float, Params, Params]:
    """∂L/∂θ[index] by central differences, with the two shifted parameter sets (for kink checks)."""
    shifted: dict[float, Params] = {}

    def at(t: float) -> float:
        moved = params[name].copy()
        moved[index] += t
        shifted[t] = _with(params, name, moved)
        return loss(shifted[t])

    return central(at, h), shifted[h], shifted[-h]


def crossed_kink(state: Callable[[Params], Any] | None, p_plus: Params, p_minus: Params) -> bool:
    """The discrete state of the forward pass (ReLU masks, arg-maxes) differs at θ + h and θ − h."""
    if state is None:
        return False
    a, b = state(p_plus), state(p_minus)
    return any(not np.array_equal(u, v) for u, v in zip(a, b))


def probe_scale(u: np.ndarray, h: float = STEP) -> float:
    """The step along u: h per entry on average, whatever u's norm."""
    return h / max(float(np.linalg.norm(u)), 1e-300) * np.sqrt(u.size)


def directional(loss: LossFn, params: Params, name: str, u: np.ndarray, h: float = STEP) -> float:
    """d/dt L(θ + t u) at 0, u acting on parameter ``name`` only."""
    scale = probe_scale(u, h)
    return central(lambda t: loss(_with(params, name, params[name] + t * u)), scale)


def complex_step_entry(loss: LossFn, params: Params, name: str, index: tuple[int, ...], h: float = 1e-20) -> float:
    """Im L(θ + i h eᵢ)/h: exact to round-off for a loss that is analytic in θ."""
    shifted = params[name].astype(complex)
    shifted[index] += 1j * h
    return float(np.imag(loss(_with(params, name, shifted)))) / h
