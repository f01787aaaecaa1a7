"""Batch normalisation in training mode, per feature (row) over the batch (columns) (CATALOG G).

ŷ = γ ∘ x̂ + β, x̂ = (x − μ_B)/√(σ_B² + ε). Backward (Ioffe & Szegedy 2015):
∂L/∂x = (γ/√(σ²+ε)) ∘ (g − mean(g) − x̂ ∘ mean(g ∘ x̂)), ∂L/∂γ = Σ g ∘ x̂, ∂L/∂β = Σ g.
With γ = √(σ_B² + ε) and β = μ_B the layer is the identity on its batch.
"""

from __future__ import annotations

import numpy as np

from checker.networks.layer import Layer


class BatchNorm(Layer):
    def __init__(self, n: int, eps: float = 1e-5, rng: np.random.Generator | None = None) -> None:
        super().__init__()
        rng = rng or np.random.default_rng(0)
        self.eps = eps
        self.params = {"gamma": 1 + 0.1 * rng.standard_normal((n, 1)), "beta": 0.1 * rng.standard_normal((n, 1))}

    def forward(self, x: np.ndarray) -> np.ndarray:
        mu = x.mean(axis=1, keepdims=True)
        var = ((x - mu) ** 2).mean(axis=1, keepdims=True)
        self.inv = 1 / np.sqrt(var + self.eps)
        self.xhat = (x - mu) * self.inv
        return self.params["gamma"] * self.xhat + self.params["beta"]

    def backward(self, g: np.ndarray) -> np.ndarray:
        self.grads = {"gamma": (g * self.xhat).sum(axis=1, keepdims=True), "beta": g.sum(axis=1, keepdims=True)}
        mean_g = g.mean(axis=1, keepdims=True)
        mean_gx = (g * self.xhat).mean(axis=1, keepdims=True)
        return self.params["gamma"] * self.inv * (g - mean_g - self.xhat * mean_gx)
