"""Glorot (Xavier) uniform bound (CATALOG G, glorot-init): U = √6/√(n_in + n_out), Var = U²/3 = 2/(n_in + n_out).
Cross-checked by the variance of a uniform law on [−U, U] computed as (b − a)²/12.
"""

from __future__ import annotations

import numpy as np

from question_bank.build import numeric_blank, question
from question_bank.model import Question
from question_bank.numbers import cross_check

ASKS = {"glorot-init": ("value",)}


def make(rng: np.random.Generator, seed: int) -> Question:
    fan_in, fan_out = int(rng.integers(2, 513)), int(rng.integers(2, 513))
    bound = np.sqrt(6.0) / np.sqrt(fan_in + fan_out)
    variance = 2.0 / (fan_in + fan_out)
    cross_check(variance, (2 * bound) ** 2 / 12, "Glorot variance")
    prompt = {"en": f"A layer has $n_{{in}} = {fan_in}$ inputs and $n_{{out}} = {fan_out}$ outputs and is initialised with "
                    "Glorot's uniform rule $W_{ij} \\sim U[-U, U]$. Compute (1) the bound $U$ and (2) $\\operatorname{Var}(W_{ij})$.",
              "zh": f"某层有 $n_{{in}} = {fan_in}$ 个输入、$n_{{out}} = {fan_out}$ 个输出，用 Glorot 均匀初始化 "
                    "$W_{ij} \\sim U[-U, U]$。求 (1) 界 $U$，(2) $\\operatorname{Var}(W_{ij})$。"}
    explain = {"en": "$U = \\sqrt{6}/\\sqrt{n_{in} + n_{out}}$, and a uniform law on $[-U, U]$ has variance "
                     "$U^2/3 = 2/(n_{in} + n_{out})$.",
               "zh": "$U = \\sqrt{6}/\\sqrt{n_{in} + n_{out}}$，$[-U, U]$ 上均匀分布的方差为 $U^2/3 = 2/(n_{in} + n_{out})$。"}
    return question("glorot", seed, "G", "numeric", prompt, (numeric_blank("1", bound), numeric_blank("2", variance)),
                    explain=explain, params={"fan_in": fan_in, "fan_out": fan_out}, catalog_id="glorot-init")
