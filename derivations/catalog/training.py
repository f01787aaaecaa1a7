"""Training: initialisation and mini-batch gradient noise (CATALOG G)."""

from __future__ import annotations

import numpy as np

from derivations.catalog.model import Entry, Part


def check_glorot(samples: int = 400_000) -> tuple[float, float]:
    """Var(U(−a, a)) = a²/3 with a = √6/√(fan_in + fan_out) equals 2/(fan_in + fan_out)."""
    rng = np.random.default_rng(0)
    worst = 0.0
    for fan_in, fan_out in [(784, 500), (10, 30)]:
        a = np.sqrt(6.0) / np.sqrt(fan_in + fan_out)
        w = rng.uniform(-a, a, samples)
        worst = max(worst, abs(w.var() / (2.0 / (fan_in + fan_out)) - 1))
    return worst, 5 * np.sqrt(0.8 / samples)


def check_minibatch_variance(batches: int = 40_000) -> tuple[float, float]:
    """The mean of B independent per-sample gradients with variance σ² has variance σ²/B."""
    rng = np.random.default_rng(1)
    worst = 0.0
    for b, sigma2 in [(4, 2.0), (32, 0.5)]:
        means = rng.normal(0.0, np.sqrt(sigma2), size=(batches, b)).mean(axis=1)
        worst = max(worst, abs(means.var() / (sigma2 / b) - 1))
    return worst, 5 * np.sqrt(2.0 / batches)


ENTRIES = (
    Entry(
        id="glorot-init", topic="training",
        title={"en": "Glorot (Xavier) initialisation", "zh": "Glorot（Xavier）初始化"},
        statement={"en": "Drawing W from U(−a, a) with a = √6/√(fan_in + fan_out) gives Var(W) = a²/3 = 2/(fan_in + fan_out), balancing the forward and backward signal.",
                   "zh": "从 U(−a, a) 中采样 W，取 a = √6/√(fan_in + fan_out)，则 Var(W) = a²/3 = 2/(fan_in + fan_out)，兼顾前向与反向信号的方差。"},
        asked=("value",), symbols="fan_in: scalar integer, fan_out: scalar integer",
        parts=(Part("variance", "scalar", "2 / (fan_in + fan_out)"),), checks=(check_glorot,),
    ),
    Entry(
        id="minibatch-gradient-variance", topic="training",
        title={"en": "Variance of a mini-batch gradient", "zh": "小批量梯度的方差"},
        statement={"en": "Averaging B independent per-sample gradients of variance σ² gives variance σ²/B, which is why the learning rate can grow with the batch size.",
                   "zh": "对 B 个方差为 σ² 的独立样本梯度取平均，方差为 σ²/B；这也是学习率可以随批量增大而增大的原因。"},
        asked=("value",), symbols="sigma2: scalar positive, B: scalar integer",
        parts=(Part("variance", "scalar", "sigma2 / B"),), checks=(check_minibatch_variance,),
    ),
)
