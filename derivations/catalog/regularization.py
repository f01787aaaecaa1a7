"""Regularization: L2 weight decay and dropout (CATALOG D; lecture ch. 5)."""

from __future__ import annotations

import numpy as np

from derivations.catalog.model import Entry, Part


def check_dropout(samples: int = 200_000) -> tuple[float, float]:
    """With a mask m_i ~ Bernoulli(1 − p), E[m ∘ a] = (1 − p)a: scale by (1 − p) at test time."""
    rng = np.random.default_rng(2)
    a = np.array([0.5, -1.0, 2.0])
    worst = 0.0
    for p in (0.2, 0.5):
        masks = rng.random((samples, a.size)) >= p
        estimate = (masks * a).mean(axis=0)
        worst = max(worst, float(np.max(np.abs(estimate - (1 - p) * a) / np.abs(a))))
    return worst, 5 * np.sqrt(0.25 / samples)


ENTRIES = (
    Entry(
        id="l2-penalty-gradient",
        topic="regularization",
        title={"en": "Gradient of the L2 penalty", "zh": "L2 惩罚项的梯度"},
        statement={
            "en": "‖W‖_F² = Tr(WᵀW), d‖W‖_F² = 2Tr(Wᵀ dW), so ∇_W ‖W‖_F² = 2W. The penalty is applied to weights, not to biases.",
            "zh": "‖W‖_F² = Tr(WᵀW)，d‖W‖_F² = 2Tr(Wᵀ dW)，所以 ∇_W ‖W‖_F² = 2W。惩罚只作用于权重，不作用于偏置。",
        },
        asked=("gradient",),
        symbols="W: m x n",
        parts=(Part("gradient", "m x n", "2 W", kind="gradient", function="||W||_F^2", wrt="W"),),
    ),
    Entry(
        id="dropout-scaling", topic="regularization",
        title={"en": "Why dropout rescales", "zh": "Dropout 为何要缩放"},
        statement={"en": "Dropping each unit with probability p keeps E[m ∘ a] = (1 − p)a; so multiply the weights by (1 − p) at test time, or divide by (1 − p) during training (inverted dropout).",
                   "zh": "每个单元以概率 p 被丢弃时，E[m ∘ a] = (1 − p)a；因此测试时把权重乘以 (1 − p)，或在训练时除以 (1 − p)（反向 Dropout）。"},
        asked=("value", "concept"), symbols="p: scalar fraction, a: n",
        parts=(Part("expectation", "n", "(1 - p) a"),), checks=(check_dropout,),
    ),
)
