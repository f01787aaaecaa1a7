"""A vanilla RNN with backpropagation through time (CATALOG G, rnn-bptt).

Forward: z_t = U h_{t−1} + W x_t + b, h_t = tanh(z_t), loss L = Σ_t ½‖h_t − y_t‖² (or any upstream
∂L/∂h_t). BPTT: δ_t = (∂L/∂h_t + Uᵀ δ_{t+1}) ∘ tanh′(z_t); ∂L/∂U = Σ_t δ_t h_{t−1}ᵀ,
∂L/∂W = Σ_t δ_t x_tᵀ, ∂L/∂b = Σ_t δ_t.
"""

from __future__ import annotations

import numpy as np


class RNN:
    smooth = True

    def __init__(self, n_in: int, n_hidden: int, rng: np.random.Generator | None = None) -> None:
        rng = rng or np.random.default_rng(0)
        self.params = {"U": rng.standard_normal((n_hidden, n_hidden)) / np.sqrt(n_hidden),
                       "W": rng.standard_normal((n_hidden, n_in)) / np.sqrt(n_in), "b": np.zeros((n_hidden, 1))}
        self.grads: dict[str, np.ndarray] = {}

    def forward(self, xs: list[np.ndarray], h0: np.ndarray) -> list[np.ndarray]:
        """h_1 … h_T for inputs x_1 … x_T (each a column) from h_0."""
        U, W, b = self.params["U"], self.params["W"], self.params["b"]
        self.xs, self.hs = xs, [h0]
        for x in xs:
            self.hs.append(np.tanh(U @ self.hs[-1] + W @ x + b))
        return self.hs[1:]

    def backward(self, dhs: list[np.ndarray]) -> tuple[list[np.ndarray], np.ndarray]:
        """Given ∂L/∂h_t for every t, fill grads and return (∂L/∂x_t, ∂L/∂h_0)."""
        U, W = self.params["U"], self.params["W"]
        grads = {k: np.zeros_like(v) for k, v in self.params.items()}
        carry = np.zeros_like(self.hs[0])
        dxs: list[np.ndarray] = [np.zeros_like(x) for x in self.xs]
        for t in reversed(range(len(self.xs))):
            delta = (dhs[t] + carry) * (1 - self.hs[t + 1] ** 2)  # δ_t
            grads["U"] += delta @ self.hs[t].T
            grads["W"] += delta @ self.xs[t].T
            grads["b"] += delta.sum(axis=1, keepdims=True)
            dxs[t] = W.T @ delta
            carry = U.T @ delta
        self.grads = grads
        return dxs, carry
