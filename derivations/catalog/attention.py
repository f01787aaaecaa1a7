"""Scaled dot-product attention (CATALOG G)."""

from __future__ import annotations

import numpy as np

from derivations.catalog.model import Entry, Part


def check_attention_variance(samples: int = 40_000) -> tuple[float, float]:
    """For x, q with independent unit-variance entries, Var(xᵀq) = D."""
    rng = np.random.default_rng(3)
    worst = 0.0
    for d in (4, 64):
        x, q = rng.standard_normal((samples, d)), rng.standard_normal((samples, d))
        worst = max(worst, abs((x * q).sum(axis=1).var() / d - 1))
    return worst, 5 * np.sqrt(2.0 / samples) * 2


ENTRIES = (
    Entry(
        id="scaled-dot-product", topic="attention",
        title={"en": "Scaled dot-product attention", "zh": "缩放点积注意力"},
        statement={"en": "For α = softmax(z), ∂αᵢ/∂zⱼ = αᵢ(δᵢⱼ − αⱼ). For x, q ∈ ℝᴰ with unit-variance entries Var(xᵀq) = D, so dividing the scores by √D keeps softmax out of saturation.",
                   "zh": "对 α = softmax(z)，∂αᵢ/∂zⱼ = αᵢ(δᵢⱼ − αⱼ)。若 x, q ∈ ℝᴰ 的各分量方差为 1，则 Var(xᵀq) = D，因此将得分除以 √D 可避免 Softmax 饱和。"},
        asked=("derivative", "concept"), symbols="z: K",
        parts=(Part("jacobian", "K x K", "diag(alpha) - alpha alpha^T", kind="jacobian", where="alpha = softmax(z)", function="softmax(z)", wrt="z"),),
        checks=(check_attention_variance,),
    ),
)
