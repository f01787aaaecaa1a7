"""Inverted dropout with an explicit mask (CATALOG D): training output m ∘ x / p for keep
probability p, so E[output] = x and nothing changes at test time. Backward: m ∘ g / p."""

from __future__ import annotations

import numpy as np

from checker.networks.layer import Layer


class Dropout(Layer):
    def __init__(self, keep: float, mask: np.ndarray) -> None:
        super().__init__()
        self.keep, self.mask = keep, mask

    def forward(self, x: np.ndarray) -> np.ndarray:
        return self.mask * x / self.keep

    def backward(self, g: np.ndarray) -> np.ndarray:
        return self.mask * g / self.keep
