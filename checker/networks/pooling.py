"""Non-overlapping s×s pooling (lecture ch. 7; CATALOG F).

Mean: δ_l = kron(δ_{l+1}, 11ᵀ)/s².  Max: δ_{l+1} goes to the arg-max of each window, 0 elsewhere.
"""

from __future__ import annotations

import numpy as np

from checker.networks.layer import Layer


def _windows(a: np.ndarray, s: int) -> np.ndarray:
    m, n = a.shape
    return a.reshape(m // s, s, n // s, s)


class MeanPool(Layer):
    def __init__(self, s: int = 2) -> None:
        super().__init__()
        self.s = s

    def forward(self, a: np.ndarray) -> np.ndarray:
        return _windows(a, self.s).mean(axis=(1, 3))

    def backward(self, g: np.ndarray) -> np.ndarray:
        return np.kron(g, np.ones((self.s, self.s))) / self.s**2


class MaxPool(Layer):
    smooth = False

    def __init__(self, s: int = 2) -> None:
        super().__init__()
        self.s = s

    def forward(self, a: np.ndarray) -> np.ndarray:
        w = _windows(a, self.s).transpose(0, 2, 1, 3).reshape(a.shape[0] // self.s, a.shape[1] // self.s, -1)
        self.argmax, self.shape = w.argmax(axis=2), a.shape
        return w.max(axis=2)

    def backward(self, g: np.ndarray) -> np.ndarray:
        s = self.s
        routed = np.zeros((g.shape[0], g.shape[1], s * s))
        np.put_along_axis(routed, self.argmax[..., None], g[..., None], axis=2)
        return routed.reshape(g.shape[0], g.shape[1], s, s).transpose(0, 2, 1, 3).reshape(self.shape)

    def state(self) -> np.ndarray:
        return self.argmax
