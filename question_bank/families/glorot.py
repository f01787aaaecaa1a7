"""Glorot (Xavier) uniform initialisation (CATALOG G, glorot-init): U = √6/√(n_in + n_out),
Var = U²/3 = 2/(n_in + n_out). Cross-checked by the variance of a uniform law on [−U, U], (b − a)²/12.
"""

from __future__ import annotations

import numpy as np

from question_bank.numbers import cross_check
from question_bank.templated import Answer, Variant

TOPIC = "G"
VARIANTS = (
    Variant("bound", "fill-in", "glorot-init", ("value",)),
    Variant("variance", "fill-in", "glorot-init", ("value",)),
    Variant("full", "numeric", "glorot-init", ("value",)),
)


def draw(rng: np.random.Generator, variant: str) -> dict:
    fan_in, fan_out = (int(v) for v in rng.choice(np.arange(2, 513), size=2, replace=False))
    bound = np.sqrt(6.0) / np.sqrt(fan_in + fan_out)
    variance = 2.0 / (fan_in + fan_out)
    cross_check(variance, (2 * bound) ** 2 / 12, "Glorot variance")
    answers = {"bound": (Answer("1", bound),), "variance": (Answer("1", variance),),
               "full": (Answer("1", bound, points=5), Answer("2", variance, points=5))}[variant]
    return {"fan_in": fan_in, "fan_out": fan_out, "answers": answers}
