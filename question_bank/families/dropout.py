"""Dropout expectations (CATALOG D, dropout-scaling): E[m ∘ a] = (1 − p)a; at test time the weights are
multiplied by 1 − p, or inverted dropout divides kept units by 1 − p while training.
Cross-checked by the exact expectation over all 2ⁿ masks, each weighted by its probability.
"""

from __future__ import annotations

import itertools

import numpy as np

from question_bank.numbers import cross_check
from question_bank.templated import Answer, Variant

TOPIC = "D"
VARIANTS = (
    Variant("expectation", "fill-in", "dropout-scaling", ("value",)),
    Variant("inverted", "fill-in", "dropout-scaling", ("value",)),
    Variant("full", "numeric", "dropout-scaling", ("value",)),
)


def draw(rng: np.random.Generator, variant: str) -> dict:
    p = float(rng.choice([0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6]))
    n = int(rng.integers(3, 5))
    a = rng.choice([x for x in np.arange(-8, 9) / 4 if x], size=n, replace=False)
    expected = (1 - p) * a
    exact = sum(np.prod([(1 - p) if k else p for k in mask]) * np.array(mask) * a
                for mask in itertools.product([0, 1], repeat=n))
    cross_check(expected, exact, "dropout expectation")
    inverted = 1 / (1 - p)
    cross_check(inverted * expected, a, "inverted dropout restores E[a]")
    answers = {"expectation": (Answer("1", expected),), "inverted": (Answer("1", inverted),),
               "full": (Answer("1", expected, points=4), Answer("2", 1 - p, exact=True, points=3), Answer("3", inverted, points=3))}[variant]
    return {"p": p, "a": a, "answers": answers}
