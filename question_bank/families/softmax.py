"""Softmax and its Jacobian at a given z (CATALOG B, softmax-jacobian): a = softmax(z), J = diag(a) − aaᵀ.

Computed by the reference layer (forward, and backward on the unit vectors gives the Jacobian's
columns), cross-checked by exp(z)/Σexp(z) and the formula diag(a) − aaᵀ.
"""

from __future__ import annotations

import numpy as np

from checker.networks import Softmax
from question_bank.build import numeric_blank, question
from question_bank.model import Question
from question_bank.numbers import cross_check, latex

ASKS = {"softmax-jacobian": ("jacobian",)}


def draw(rng: np.random.Generator) -> np.ndarray:
    """Three distinct values in [−2, 2] in steps of 0.5 (no ties, no saturation)."""
    return rng.choice(np.arange(-4, 5) / 2, size=3, replace=False)


def make(rng: np.random.Generator, seed: int) -> Question:
    z = draw(rng)
    layer = Softmax()
    a = layer.forward(z.reshape(-1, 1)).ravel()
    jac = np.column_stack([layer.backward(e.reshape(-1, 1)).ravel() for e in np.eye(3)]).T  # rows of Jᵀ → J
    cross_check(a, np.exp(z) / np.exp(z).sum(), "softmax")
    cross_check(jac, np.diag(a) - np.outer(a, a), "softmax Jacobian")
    zt = latex(z)
    prompt = {"en": f"Let $z = {zt}$ and $a = \\operatorname{{softmax}}(z)$. (1) Compute $a$. "
                    f"(2) Compute the Jacobian $\\partial a / \\partial z$.",
              "zh": f"设 $z = {zt}$，$a = \\operatorname{{softmax}}(z)$。(1) 求 $a$。(2) 求雅可比矩阵 $\\partial a / \\partial z$。"}
    explain = {"en": "$a_i = e^{z_i} / \\sum_j e^{z_j}$ and $\\partial a / \\partial z = \\operatorname{diag}(a) - a a^{\\top}$.",
               "zh": "$a_i = e^{z_i} / \\sum_j e^{z_j}$，$\\partial a / \\partial z = \\operatorname{diag}(a) - a a^{\\top}$。"}
    return question("softmax", seed, "B", "numeric", prompt, (numeric_blank("1", a), numeric_blank("2", jac)),
                    explain=explain, params={"z": z.tolist()}, catalog_id="softmax-jacobian")
