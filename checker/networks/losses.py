"""Losses, averaged over the columns of a batch; ``backward()`` is ∂L/∂(prediction).

½‖a − y‖²: ∂/∂a = (a − y)/N.  Softmax cross-entropy −Σ y log softmax(z): ∂/∂z = (softmax(z) − y)/N
(y one-hot or a distribution).  Logistic −[y log σ(z) + (1 − y) log(1 − σ(z))]: ∂/∂z = (σ(z) − y)/N.
"""

from __future__ import annotations

import numpy as np

from checker.networks.activations import sigmoid
from checker.networks.softmax import softmax


class Loss:
    def forward(self, pred: np.ndarray, y: np.ndarray) -> float:
        raise NotImplementedError

    def backward(self) -> np.ndarray:
        raise NotImplementedError


class MSE(Loss):
    """½‖a − y‖² per example (the course's squared error)."""

    def forward(self, a: np.ndarray, y: np.ndarray) -> float:
        self.diff, self.n = a - y, a.shape[1]
        return 0.5 * np.sum(self.diff**2) / self.n

    def backward(self) -> np.ndarray:
        return self.diff / self.n


class SoftmaxCrossEntropy(Loss):
    """−yᵀ log softmax(z) per example, computed with log-sum-exp."""

    def forward(self, z: np.ndarray, y: np.ndarray) -> float:
        self.y, self.n = y, z.shape[1]
        shifted = z - z.max(axis=0, keepdims=True).real
        log_probs = shifted - np.log(np.exp(shifted).sum(axis=0, keepdims=True))
        self.probs = softmax(z)
        return -np.sum(y * log_probs) / self.n

    def backward(self) -> np.ndarray:
        return (self.probs - self.y) / self.n


class Logistic(Loss):
    """Binary cross-entropy of σ(z) with labels y ∈ {0, 1}: log(1 + e^{−z}) + (1 − y) z."""

    def forward(self, z: np.ndarray, y: np.ndarray) -> float:
        self.z, self.y, self.n = z, y, z.shape[1]
        return np.sum(np.logaddexp(0, -z) + (1 - y) * z) / self.n if np.isrealobj(z) else \
            np.sum(np.log(1 + np.exp(-z)) + (1 - y) * z) / self.n

    def backward(self) -> np.ndarray:
        return (sigmoid(self.z) - self.y) / self.n


LOSSES: dict[str, type[Loss]] = {
    "mse": MSE, "squared": MSE, "l2": MSE,
    "softmax-ce": SoftmaxCrossEntropy, "ce": SoftmaxCrossEntropy, "cross-entropy": SoftmaxCrossEntropy,
    "logistic": Logistic, "bce": Logistic,
}
