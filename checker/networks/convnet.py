"""The smallest convolutional network of the course: z = a ⋆ ω + b, a' = σ(z), J = ½‖a' − y‖²
(one map, one kernel), in either convention. Parameters ``w`` (K×K) and ``b`` (1×1)."""

from __future__ import annotations

import numpy as np

from checker.networks.activations import Sigmoid
from checker.networks.conv import Conv2D


class ConvNet:
    def __init__(self, m: int, k: int, mode: str = "valid", convention: str = "convolution", *, seed: int = 0) -> None:
        self.m, self.k = m, k
        self.conv = Conv2D(k, mode=mode, convention=convention, rng=np.random.default_rng(seed))
        self.act = Sigmoid()
        self.smooth = True

    @property
    def params(self) -> dict[str, np.ndarray]:
        return dict(self.conv.params)

    def loss_and_grads(self, params: dict[str, np.ndarray], x: np.ndarray, y: np.ndarray) -> tuple[float, dict[str, np.ndarray]]:
        self.conv.params = dict(params)
        out = self.act.forward(self.conv.forward(x))
        diff = out - y
        self.conv.backward(self.act.backward(diff))
        loss = 0.5 * np.sum(diff**2)
        return (loss if np.iscomplexobj(loss) else float(loss)), dict(self.conv.grads)

    def state(self, params: dict[str, np.ndarray], x: np.ndarray) -> list[np.ndarray]:
        return []

    def example(self, batch: int = 1, seed: int = 1) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
        rng = np.random.default_rng(seed)
        x = rng.standard_normal((self.m, self.m))
        self.conv.params = self.params
        shape = self.conv.forward(x).shape
        return {k: v.copy() for k, v in self.params.items()}, x, rng.uniform(0.1, 0.9, shape)
