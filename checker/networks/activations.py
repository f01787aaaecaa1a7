"""Elementwise activations, forward and backward side by side (lecture ch. 3, 4).

σ′ = σ(1 − σ); tanh′ = 1 − tanh²; relu′ = I(z > 0); leaky′ = 1 or α; elu′ = 1 or f(z) + α.
"""

from __future__ import annotations

import numpy as np

from checker.networks.layer import Layer


def sigmoid(z: np.ndarray) -> np.ndarray:
    """σ(z) = 1/(1 + e^{−z}), stable for large |z| (also for complex z near the real axis)."""
    return 0.5 * (1.0 + np.tanh(0.5 * z))


class Sigmoid(Layer):
    def forward(self, z: np.ndarray) -> np.ndarray:
        self.a = sigmoid(z)
        return self.a

    def backward(self, g: np.ndarray) -> np.ndarray:
        return g * self.a * (1 - self.a)


class Tanh(Layer):
    def forward(self, z: np.ndarray) -> np.ndarray:
        self.a = np.tanh(z)
        return self.a

    def backward(self, g: np.ndarray) -> np.ndarray:
        return g * (1 - self.a**2)


class ReLU(Layer):
    smooth = False

    def forward(self, z: np.ndarray) -> np.ndarray:
        self.mask = z > 0
        return np.where(self.mask, z, 0.0)

    def backward(self, g: np.ndarray) -> np.ndarray:
        return g * self.mask

    def state(self) -> np.ndarray:
        return self.mask


class LeakyReLU(Layer):
    smooth = False

    def __init__(self, alpha: float = 0.01) -> None:
        super().__init__()
        self.alpha = alpha

    def forward(self, z: np.ndarray) -> np.ndarray:
        self.mask = z > 0
        return np.where(self.mask, z, self.alpha * z)

    def backward(self, g: np.ndarray) -> np.ndarray:
        return g * np.where(self.mask, 1.0, self.alpha)

    def state(self) -> np.ndarray:
        return self.mask


class ELU(Layer):
    smooth = False  # smooth for α = 1 only; its second derivative jumps at 0

    def __init__(self, alpha: float = 1.0) -> None:
        super().__init__()
        self.alpha = alpha

    def forward(self, z: np.ndarray) -> np.ndarray:
        self.mask = z > 0
        self.out = np.where(self.mask, z, self.alpha * (np.exp(np.minimum(z, 0)) - 1))
        return self.out

    def backward(self, g: np.ndarray) -> np.ndarray:
        return g * np.where(self.mask, 1.0, self.out + self.alpha)

    def state(self) -> np.ndarray:
        return self.mask


class Identity(Layer):
    def forward(self, z: np.ndarray) -> np.ndarray:
        return z

    def backward(self, g: np.ndarray) -> np.ndarray:
        return g


ACTIVATIONS: dict[str, type[Layer]] = {
    "sigmoid": Sigmoid, "logistic": Sigmoid, "σ": Sigmoid,
    "tanh": Tanh,
    "relu": ReLU, "ReLU": ReLU,
    "leaky-relu": LeakyReLU, "leaky_relu": LeakyReLU, "leakyrelu": LeakyReLU,
    "elu": ELU, "ELU": ELU,
    "identity": Identity, "linear": Identity,
}
