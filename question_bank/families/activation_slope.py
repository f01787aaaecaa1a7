"""σ′(z) and tanh′(z) at a number (CATALOG B/C): σ′ = σ(1 − σ), tanh′ = 1 − tanh².

Computed by the reference layers' backward, cross-checked by e^{−z}/(1 + e^{−z})² and 1/cosh²z.
"""

from __future__ import annotations

import numpy as np

from checker.networks import Sigmoid, Tanh
from question_bank.build import numeric_blank, question
from question_bank.model import Question
from question_bank.numbers import cross_check, num

ASKS = {"sigmoid-derivative": ("derivative",), "tanh-derivative": ("derivative",)}


def make(rng: np.random.Generator, seed: int) -> Question:
    z = float(rng.choice([x for x in np.arange(-8, 9) / 4 if x != 0]))  # |z| ≤ 2: not saturated
    one = np.ones((1, 1))
    sig, tnh = Sigmoid(), Tanh()
    sig.forward(np.array([[z]])), tnh.forward(np.array([[z]]))
    ds, dt = float(sig.backward(one)[0, 0]), float(tnh.backward(one)[0, 0])
    cross_check(ds, np.exp(-z) / (1 + np.exp(-z)) ** 2, "sigmoid'")
    cross_check(dt, 1 / np.cosh(z) ** 2, "tanh'")
    prompt = {"en": f"At $z = {num(z)}$ compute (1) $\\sigma'(z)$ and (2) $\\tanh'(z)$.",
              "zh": f"在 $z = {num(z)}$ 处，求 (1) $\\sigma'(z)$ 与 (2) $\\tanh'(z)$。"}
    explain = {"en": "$\\sigma'(z) = \\sigma(z)(1 - \\sigma(z))$, $\\tanh'(z) = 1 - \\tanh^2 z$.",
               "zh": "$\\sigma'(z) = \\sigma(z)(1 - \\sigma(z))$，$\\tanh'(z) = 1 - \\tanh^2 z$。"}
    return question("activation-slope", seed, "C", "numeric", prompt, (numeric_blank("1", ds), numeric_blank("2", dt)),
                    explain=explain, params={"z": z}, catalog_id="sigmoid-derivative")
