"""Convolution output sizes (CATALOG F, conv-output-size): narrow M − K + 1, wide M + K − 1,
general ⌊(M + 2P − K)/S⌋ + 1. Computed by the formulas, cross-checked by running the reference
``conv2d`` on an M×M map (narrow, wide) and by counting the stride positions (general).
"""

from __future__ import annotations

import numpy as np

from checker.networks import conv2d
from question_bank.build import numeric_blank, question
from question_bank.model import Question
from question_bank.numbers import cross_check

ASKS = {"conv-output-size": ("value", "fill-in")}


def make(rng: np.random.Generator, seed: int) -> Question:
    k = int(rng.choice([2, 3, 4, 5, 7]))
    m = int(rng.integers(k + 2, 33))  # the kernel fits with room: every size at least 3
    p, s = int(rng.integers(0, 3)), int(rng.integers(1, 4))
    narrow, wide, general = m - k + 1, m + k - 1, (m + 2 * p - k) // s + 1
    ones = np.ones((m, m))
    cross_check(narrow, conv2d(ones, np.ones((k, k)), "valid").shape[0], "narrow size")
    cross_check(wide, conv2d(ones, np.ones((k, k)), "full").shape[0], "wide size")
    cross_check(general, len(range(0, m + 2 * p - k + 1, s)), "strided size")
    prompt = {"en": f"An $M \\times M$ map with $M = {m}$ is convolved with a $K \\times K$ kernel, $K = {k}$. Give the output "
                    f"side length of (1) the narrow (valid) convolution, (2) the wide (full) convolution, (3) a convolution "
                    f"with zero padding $P = {p}$ and stride $S = {s}$.",
              "zh": f"$M \\times M$ 的特征图（$M = {m}$）与 $K \\times K$ 的卷积核（$K = {k}$）卷积。求输出边长：(1) 窄卷积，"
                    f"(2) 宽卷积，(3) 补零 $P = {p}$、步长 $S = {s}$ 的卷积。"}
    explain = {"en": "Narrow $M - K + 1$, wide $M + K - 1$, in general $\\lfloor (M + 2P - K)/S \\rfloor + 1$.",
               "zh": "窄卷积 $M - K + 1$，宽卷积 $M + K - 1$，一般情形 $\\lfloor (M + 2P - K)/S \\rfloor + 1$。"}
    blanks = tuple(numeric_blank(str(i + 1), float(v)) for i, v in enumerate((narrow, wide, general)))
    return question("conv-size", seed, "F", "fill-in", prompt, blanks, explain=explain, numeric=False,
                    params={"M": m, "K": k, "P": p, "S": s}, catalog_id="conv-output-size")
