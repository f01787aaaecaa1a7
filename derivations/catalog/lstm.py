"""LSTM cells: parameter count (CATALOG G)."""

from __future__ import annotations

import numpy as np

from derivations.catalog.numeric import central_difference, rel
from derivations.catalog.model import Entry, Part


def check_lstm_count() -> tuple[float, float]:
    """Count the parameters of an explicit LSTM cell: four gates, each W (h×d), U (h×h), b (h)."""
    worst = 0.0
    for d, h in [(3, 5), (10, 4), (784, 128)]:
        gates = [(np.zeros((h, d)), np.zeros((h, h)), np.zeros(h)) for _ in "ifog"]
        counted = sum(w.size + u.size + b.size for w, u, b in gates)
        worst = max(worst, abs(counted - 4 * h * (d + h + 1)) / counted)
    return worst, 0.0


def check_against_network() -> tuple[float, float]:
    """4h(d + h + 1) equals the parameter count of checker.networks.LSTMCell."""
    from checker.networks import LSTMCell

    worst = 0.0
    for d, h in [(3, 5), (10, 4), (64, 32)]:
        worst = max(worst, abs(LSTMCell(d, h).count() - 4 * h * (d + h + 1)))
    return float(worst), 0.0


ENTRIES = (
    Entry(
        id="lstm-parameter-count", topic="lstm",
        title={"en": "Parameters of an LSTM layer", "zh": "LSTM 层的参数个数"},
        statement={"en": "Each of the four gates (input, forget, output, candidate) has an input matrix h×d, a recurrent matrix h×h and a bias h: 4h(d + h + 1) parameters.",
                   "zh": "四个门（输入门、遗忘门、输出门、候选状态）各有 h×d 的输入矩阵、h×h 的循环矩阵和长度 h 的偏置，共 4h(d + h + 1) 个参数。"},
        asked=("value",), symbols="d: scalar integer, h: scalar integer",
        parts=(Part("count", "scalar", "4 h (d + h + 1)"),), checks=(check_lstm_count, check_against_network),
        verified_against="checker.networks.LSTMCell (its parameters counted)",
    ),
)
