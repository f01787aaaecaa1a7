"""LSTM parameter count (CATALOG G, lstm-parameter-count): 4h(d + h + 1).
Cross-checked by counting the parameters of the reference ``LSTMCell``.
"""

from __future__ import annotations

import numpy as np

from checker.networks.lstm import LSTMCell
from question_bank.build import numeric_blank, question
from question_bank.model import Question
from question_bank.numbers import cross_check

ASKS = {"lstm-parameter-count": ("value",)}


def make(rng: np.random.Generator, seed: int) -> Question:
    d, h = int(rng.integers(2, 65)), int(rng.integers(2, 65))
    count = 4 * h * (d + h + 1)
    cross_check(count, LSTMCell(d, h).count(), "LSTM parameter count")
    prompt = {"en": f"An LSTM layer reads inputs of size $d = {d}$ and has $h = {h}$ hidden units (gates $i, f, o$ and the "
                    "candidate $g$, each with input weights, recurrent weights and a bias). How many parameters does it have?",
              "zh": f"一个 LSTM 层的输入维度 $d = {d}$，隐藏单元数 $h = {h}$（输入门、遗忘门、输出门和候选值各有输入权重、"
                    "循环权重和偏置）。共有多少个参数？"}
    explain = {"en": f"$4h(d + h + 1) = 4 \\cdot {h} \\cdot ({d} + {h} + 1) = {count}$.",
               "zh": f"$4h(d + h + 1) = 4 \\cdot {h} \\cdot ({d} + {h} + 1) = {count}$。"}
    return question("lstm-count", seed, "G", "fill-in", prompt, (numeric_blank("1", float(count)),), explain=explain,
                    numeric=False, params={"d": d, "h": h}, catalog_id="lstm-parameter-count")
