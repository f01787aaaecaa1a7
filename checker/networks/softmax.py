"""Softmax and sparsemax, column by column (lecture ch. 3).

softmax backward: J = diag(a) − aaᵀ, so Jᵀg = a ∘ (g − aᵀg).
sparsemax backward: on the support S, dz = g − mean_S(g); off it 0 (J = diag(s) − ssᵀ/1ᵀs).
"""

from __future__ import annotations

import numpy as np

from checker.networks.layer import Layer


def softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=0, keepdims=True).real)
    return e / e.sum(axis=0, keepdims=True)


def sparsemax(z: np.ndarray) -> np.ndarray:
    """Euclidean projection of each column onto the simplex (sort-based, Martins & Astudillo 2016)."""
    zs = -np.sort(-z, axis=0)
    k = np.arange(1, z.shape[0] + 1).reshape(-1, 1)
    cumsum = np.cumsum(zs, axis=0)
    support = 1 + k * zs > cumsum
    size = support.sum(axis=0, keepdims=True)
    tau = (np.take_along_axis(cumsum, size - 1, axis=0) - 1) / size
    return np.maximum(z - tau, 0.0)


class Softmax(Layer):
    def forward(self, z: np.ndarray) -> np.ndarray:
        self.a = softmax(z)
        return self.a

    def backward(self, g: np.ndarray) -> np.ndarray:
        return self.a * (g - (self.a * g).sum(axis=0, keepdims=True))


class Sparsemax(Layer):
    smooth = False

    def forward(self, z: np.ndarray) -> np.ndarray:
        self.p = sparsemax(z)
        self.support = self.p > 0
        return self.p

    def backward(self, g: np.ndarray) -> np.ndarray:
        s = self.support
        mean = (g * s).sum(axis=0, keepdims=True) / s.sum(axis=0, keepdims=True)
        return s * (g - mean)

    def state(self) -> np.ndarray:
        return self.support
