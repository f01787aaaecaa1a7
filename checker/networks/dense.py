"""Dense (affine) layer: z = W x + b, with W of shape (n_out, n_in) and b (n_out, 1).

Backward (lecture ch. 4): ∂L/∂W = g xᵀ, ∂L/∂b = Σ_columns g, ∂L/∂x = Wᵀ g.
"""

from __future__ import annotations

import numpy as np

from checker.networks.layer import Layer


class Dense(Layer):
    def __init__(self, n_in: int, n_out: int, rng: np.random.Generator | None = None, *, name: str = "") -> None:
        super().__init__()
        rng = rng or np.random.default_rng(0)
        scale = np.sqrt(2.0 / (n_in + n_out))  # Glorot
        self.params = {"W": rng.standard_normal((n_out, n_in)) * scale, "b": rng.standard_normal((n_out, 1)) * 0.1}
        self.name = name

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.x = x
        return self.params["W"] @ x + self.params["b"]

    def backward(self, g: np.ndarray) -> np.ndarray:
        self.grads = {"W": g @ self.x.T, "b": g.sum(axis=1, keepdims=True)}
        return self.params["W"].T @ g
