"""LSTM parameter count (CATALOG G, lstm-parameter-count): 4h(d + h + 1), and the reverse question
(given the count and d, the number of hidden units h). Cross-checked by counting the parameters of
the reference ``LSTMCell`` and, for the reverse, by the positive root of 4h² + 4(d + 1)h − N = 0.
"""

from __future__ import annotations

import numpy as np

from checker.networks.lstm import LSTMCell
from question_bank.numbers import cross_check
from question_bank.templated import Answer, Variant

TOPIC = "G"
VARIANTS = (
    Variant("count", "fill-in", "lstm-parameter-count", ("value",)),
    Variant("hidden", "fill-in", "lstm-parameter-count", ("value",)),
)


def draw(rng: np.random.Generator, variant: str) -> dict:
    d, h = (int(v) for v in rng.choice(np.arange(2, 65), size=2, replace=False))
    count = 4 * h * (d + h + 1)
    cross_check(count, LSTMCell(d, h).count(), "LSTM parameter count")
    root = (-4 * (d + 1) + np.sqrt(16 * (d + 1) ** 2 + 16 * count)) / 8
    cross_check(h, root, "h from the count")
    value = count if variant == "count" else h
    return {"d": d, "h": h, "N": count, "answers": (Answer("1", float(value), exact=True),)}
