"""The shape every reference layer has: forward and backward side by side (micrograd style).

Layout: features × batch, columns are examples (as the course writes W x + b). Each layer keeps
what its backward needs from the last forward; ``backward(g)`` takes ∂L/∂(output) and returns
∂L/∂(input), filling ``grads`` for its parameters. ``state()`` is the discrete part of the last
forward (a ReLU mask, a max-pool arg-max, a sparsemax support) so that a gradient checker can tell
a kink crossed between x − h and x + h from a wrong derivative.
"""

from __future__ import annotations

import numpy as np


class Layer:
    """A differentiable map with parameters ``params`` and their gradients ``grads``."""

    def __init__(self) -> None:
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}

    def forward(self, x: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def backward(self, g: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def state(self) -> np.ndarray | None:
        """The discrete state of the last forward, or None for a smooth layer."""
        return None

    smooth = True  # has no kinks: complex-step differentiation applies
