"""Exploding and vanishing gradients in BPTT (CATALOG G, rnn-bptt): δ_{t,k} ≈ γ^{t−k} δ_{t,t}.

γ^{t−k} by the power, cross-checked by multiplying the backward map γQ (Q a rotation, so
‖diag(f′)Uᵀ‖ = γ exactly) t − k times and measuring how much it stretches δ_{t,t}.
"""

from __future__ import annotations

import numpy as np

from question_bank.build import numeric_blank, question
from question_bank.model import Question
from question_bank.numbers import cross_check, num

ASKS = {"rnn-bptt": ("value",)}


def make(rng: np.random.Generator, seed: int) -> Question:
    gamma = float(rng.choice([0.5, 0.8, 0.9, 1.1, 1.2, 1.5, 2.0]))
    steps = int(rng.integers(3, 11))
    growth = gamma**steps
    angle = rng.uniform(0.1, 3.0)
    q = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    delta = rng.standard_normal(2) + 0.5
    back = np.linalg.matrix_power(gamma * q, steps) @ delta
    cross_check(growth, np.linalg.norm(back) / np.linalg.norm(delta), "γ^(t−k)")
    prompt = {"en": f"In backpropagation through time, each step back multiplies the residual by $\\operatorname{{diag}}(f'(z_k)) "
                    f"U^{{\\top}}$, whose norm is $\\gamma = {num(gamma)}$ (an orthogonal direction times $\\gamma$). By what factor is "
                    f"$\\lVert \\delta_{{t,k}} \\rVert$ larger than $\\lVert \\delta_{{t,t}} \\rVert$ for $t - k = {steps}$?",
              "zh": f"在随时间反向传播中，每往回一步残差乘以 $\\operatorname{{diag}}(f'(z_k)) U^{{\\top}}$，其范数为 "
                    f"$\\gamma = {num(gamma)}$（正交变换乘以 $\\gamma$）。当 $t - k = {steps}$ 时，"
                    "$\\lVert \\delta_{t,k} \\rVert$ 是 $\\lVert \\delta_{t,t} \\rVert$ 的多少倍？"}
    trend = ("explodes", "爆炸") if gamma > 1 else ("vanishes", "消失")
    explain = {"en": f"$\\gamma^{{t-k}} = {num(gamma)}^{{{steps}}}$: the gradient {trend[0]} as $t - k$ grows.",
               "zh": f"$\\gamma^{{t-k}} = {num(gamma)}^{{{steps}}}$：随 $t - k$ 增大梯度{trend[1]}。"}
    return question("bptt-growth", seed, "G", "numeric", prompt, (numeric_blank("1", growth),), explain=explain,
                    params={"gamma": gamma, "steps": steps}, catalog_id="rnn-bptt")
