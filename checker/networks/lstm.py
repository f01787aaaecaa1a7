"""One LSTM cell (CATALOG G): gates i, f, o = σ(·), candidate g = tanh(·) from W x + U h + b.

c = f ∘ c_prev + i ∘ g,  h = o ∘ tanh(c).  W is (4h × d), U (4h × h), b (4h × 1), gates stacked
[i; f; o; g], so the parameter count is 4h(d + h + 1).
"""

from __future__ import annotations

import numpy as np

from checker.networks.activations import sigmoid


class LSTMCell:
    smooth = True

    def __init__(self, n_in: int, n_hidden: int, rng: np.random.Generator | None = None) -> None:
        rng = rng or np.random.default_rng(0)
        h = n_hidden
        self.h = h
        self.params = {"W": rng.standard_normal((4 * h, n_in)) / np.sqrt(n_in),
                       "U": rng.standard_normal((4 * h, h)) / np.sqrt(h), "b": rng.standard_normal((4 * h, 1)) * 0.1}
        self.grads: dict[str, np.ndarray] = {}

    def count(self) -> int:
        return sum(v.size for v in self.params.values())

    def forward(self, x: np.ndarray, h_prev: np.ndarray, c_prev: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        h = self.h
        z = self.params["W"] @ x + self.params["U"] @ h_prev + self.params["b"]
        i, f, o, g = sigmoid(z[:h]), sigmoid(z[h:2 * h]), sigmoid(z[2 * h:3 * h]), np.tanh(z[3 * h:])
        c = f * c_prev + i * g
        self.cache = (x, h_prev, c_prev, i, f, o, g, c)
        return o * np.tanh(c), c

    def backward(self, dh: np.ndarray, dc: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Given ∂L/∂h and ∂L/∂c of this step, fill grads and return (∂L/∂x, ∂L/∂h_prev, ∂L/∂c_prev)."""
        x, h_prev, c_prev, i, f, o, g, c = self.cache
        tc = np.tanh(c)
        do = dh * tc
        dc = dc + dh * o * (1 - tc**2)
        di, df, dg = dc * g, dc * c_prev, dc * i
        dz = np.vstack([di * i * (1 - i), df * f * (1 - f), do * o * (1 - o), dg * (1 - g**2)])
        self.grads = {"W": dz @ x.T, "U": dz @ h_prev.T, "b": dz.sum(axis=1, keepdims=True)}
        return self.params["W"].T @ dz, self.params["U"].T @ dz, dc * f
