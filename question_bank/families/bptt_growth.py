"""Exploding and vanishing gradients in BPTT (CATALOG G, rnn-bptt): δ_{t,k} = diag(f′(z_k))Uᵀδ_{t,k+1},
so with ‖diag(f′(z_k))Uᵀ‖ = γ along the way, ‖δ_{t,k}‖ = γ^{t−k}‖δ_{t,t}‖.

γ^{t−k} by the power, cross-checked by multiplying the backward map γQ (Q a rotation, so the map
scales every vector by exactly γ) t − k times and measuring how much it stretches δ_{t,t}. The reverse
question asks for the smallest t − k at which the ratio passes a bound (an integer, graded exactly).
"""

from __future__ import annotations

import numpy as np

from question_bank.numbers import cross_check
from question_bank.templated import Answer, Variant

TOPIC = "G"
VARIANTS = (
    Variant("factor", "fill-in", "rnn-bptt", ("value",)),
    Variant("steps", "fill-in", "rnn-bptt", ("value",)),
)


def draw(rng: np.random.Generator, variant: str) -> dict:
    gamma = float(rng.choice([0.5, 0.6, 0.8, 0.9, 1.1, 1.2, 1.5, 2.0]))
    steps = int(rng.integers(3, 11))
    growth = gamma**steps
    angle = rng.uniform(0.1, 3.0)
    q = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    delta = rng.standard_normal(2) + 0.5
    cross_check(growth, np.linalg.norm(np.linalg.matrix_power(gamma * q, steps) @ delta) / np.linalg.norm(delta), "γ^(t−k)")
    bound = 100.0 if gamma > 1 else 0.01
    first = next(n for n in range(1, 200) if (gamma**n > bound if gamma > 1 else gamma**n < bound))
    cross_check(first, int(np.floor(np.log(bound) / np.log(gamma))) + 1, "first step past the bound")
    value = growth if variant == "factor" else float(first)
    return {"gamma": gamma, "steps": steps, "bound": bound, "grows": gamma > 1,
            "answers": (Answer("1", value, exact=variant == "steps"),)}
