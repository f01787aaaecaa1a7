"""Draw check inputs away from kinks: resample the examples (columns of x) whose pre-activation at a
kinked unit lies within ``margin`` of the kink (z = 0 for ReLU, leaky ReLU, ELU).

A central difference with step h = 1e-5 across z = 0 measures a one-sided mixture of the two slopes,
so a correct ReLU gradient can look wrong there (cs231n assignment 1, "kinks in the objective").
Keeping every |z| ≥ margin ≫ h makes such crossings impossible for entry-by-entry steps; the
checker's kink detection (comparing masks at θ ± h) remains the safety net.

>>> from checker.networks.mlp import MLP
>>> net = MLP([3, 4, 2], "relu", "mse")
>>> params = net.params
>>> params["b1"][0, 0] = 0.0
>>> x = np.zeros((3, 2))  # z₁ = b₁: unit 0 sits exactly on its kink in both examples
>>> near_kink_columns(net, params, x).tolist()
[True, True]
>>> near_kink_columns(net, params, away_from_kinks(net, params, x)).tolist()
[False, False]
"""

from __future__ import annotations

from typing import Any

import numpy as np

MARGIN = 1e-3
TRIES = 50


def pre_activations(net: Any, params: dict[str, np.ndarray], x: np.ndarray) -> list[np.ndarray]:
    """z_l = W_l a_{l−1} + b_l of every layer whose activation has a kink (``smooth = False``)."""
    net.set_params(params)
    out, a = [], x
    for dense, act in zip(net.dense, net.acts):
        z = dense.forward(a)
        if not getattr(act, "smooth", True):
            out.append(z)
        a = act.forward(z)
    return out


def near_kink_columns(net: Any, params: dict[str, np.ndarray], x: np.ndarray, margin: float = MARGIN) -> np.ndarray:
    """A boolean per example: some kinked unit has |z| < margin."""
    near = np.zeros(x.shape[1], dtype=bool)
    for z in pre_activations(net, params, x):
        near |= (np.abs(z) < margin).any(axis=0)
    return near


def away_from_kinks(net: Any, params: dict[str, np.ndarray], x: np.ndarray, *, margin: float = MARGIN,
                    rng: np.random.Generator | None = None, tries: int = TRIES) -> np.ndarray:
    """x with the near-kink columns redrawn from N(0, 1) until none is left (or ``tries`` run out)."""
    rng = rng or np.random.default_rng(0)
    x = x.copy()
    for _ in range(tries):
        near = near_kink_columns(net, params, x, margin)
        if not near.any():
            break
        x[:, near] = rng.standard_normal((x.shape[0], int(near.sum())))
    return x
