"""Dropout expectations (CATALOG D, dropout-scaling): E[m ∘ a] = (1 − p)a; inverted dropout divides by 1 − p.
Cross-checked by the exact expectation over all 2ⁿ masks, each weighted by its probability.
"""

from __future__ import annotations

import itertools

import numpy as np

from question_bank.build import numeric_blank, question
from question_bank.model import Question
from question_bank.numbers import cross_check, latex, num

ASKS = {"dropout-scaling": ("value",)}


def make(rng: np.random.Generator, seed: int) -> Question:
    p = float(rng.choice([0.1, 0.2, 0.25, 0.3, 0.4, 0.5]))
    a = rng.choice([x for x in np.arange(-8, 9) / 4 if x], size=3)
    expected = (1 - p) * a
    exact = sum(np.prod([(1 - p) if k else p for k in mask]) * np.array(mask) * a
                for mask in itertools.product([0, 1], repeat=len(a)))
    cross_check(expected, exact, "dropout expectation")
    inverted = 1 / (1 - p)
    prompt = {"en": f"Dropout drops each unit of $a = {latex(a)}$ with probability $p = {num(p)}$ (mask $m_i = 0$), and keeps "
                    "it otherwise ($m_i = 1$). Compute (1) $E[m \\circ a]$, (2) the factor that multiplies the weights at "
                    "test time, and (3) the factor that multiplies kept units during training in inverted dropout.",
              "zh": f"Dropout 以概率 $p = {num(p)}$ 丢弃 $a = {latex(a)}$ 的每个单元（$m_i = 0$），否则保留（$m_i = 1$）。"
                    "求 (1) $E[m \\circ a]$，(2) 测试时权重乘以的因子，(3) 反向（inverted）dropout 训练时保留单元乘以的因子。"}
    explain = {"en": "$E[m_i] = 1 - p$, so $E[m \\circ a] = (1 - p)a$: scale by $1 - p$ at test time, or divide by "
                     "$1 - p$ while training.",
               "zh": "$E[m_i] = 1 - p$，故 $E[m \\circ a] = (1 - p)a$：测试时乘以 $1 - p$，或训练时除以 $1 - p$。"}
    blanks = (numeric_blank("1", expected), numeric_blank("2", 1 - p), numeric_blank("3", inverted))
    return question("dropout", seed, "D", "numeric", prompt, blanks, explain=explain, params={"p": p, "a": a.tolist()},
                    catalog_id="dropout-scaling")
