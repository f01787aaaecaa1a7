"""Maxout: h_j = max_k (W_k x + b_k)_j over k affine pieces (Goodfellow et al. 2013; CATALOG C).

Backward: the upstream gradient goes to the winning piece only: ∂L/∂W_k = (g ∘ I(k wins)) xᵀ.
"""

from __future__ import annotations

import numpy as np

from checker.networks.layer import Layer


class Maxout(Layer):
    smooth = False

    def __init__(self, n_in: int, n_out: int, pieces: int = 3, rng: np.random.Generator | None = None) -> None:
        super().__init__()
        rng = rng or np.random.default_rng(0)
        self.params = {"W": rng.standard_normal((pieces, n_out, n_in)) / np.sqrt(n_in), "b": rng.standard_normal((pieces, n_out, 1)) * 0.1}

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.x = x
        z = np.einsum("koi,in->kon", self.params["W"], x) + self.params["b"]
        self.winner = z.argmax(axis=0)
        return z.max(axis=0)

    def backward(self, g: np.ndarray) -> np.ndarray:
        pieces = self.params["W"].shape[0]
        routed = np.stack([g * (self.winner == k) for k in range(pieces)])  # (k, out, n)
        self.grads = {"W": np.einsum("kon,in->koi", routed, self.x), "b": routed.sum(axis=2, keepdims=True)}
        return np.einsum("koi,kon->in", self.params["W"], routed)

    def state(self) -> np.ndarray:
        return self.winner
