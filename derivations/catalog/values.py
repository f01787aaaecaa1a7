"""Results that are values, not gradients (CATALOG D, F, G): each checked against counts taken from
explicit layers or against Monte Carlo with a fixed seed and a tolerance from the sample size."""

from __future__ import annotations

import numpy as np

from derivations.catalog.model import Entry, Part


def check_lstm_count() -> tuple[float, float]:
    """Count the parameters of an explicit LSTM cell: four gates, each W (h×d), U (h×h), b (h)."""
    worst = 0.0
    for d, h in [(3, 5), (10, 4), (784, 128)]:
        gates = [(np.zeros((h, d)), np.zeros((h, h)), np.zeros(h)) for _ in "ifog"]
        counted = sum(w.size + u.size + b.size for w, u, b in gates)
        worst = max(worst, abs(counted - 4 * h * (d + h + 1)) / counted)
    return worst, 0.0


def _strided_output(m: int, k: int, p: int, s: int) -> int:
    """Slide a k×k window over an m×m map padded by p, with stride s; count the positions."""
    padded = np.pad(np.ones((m, m)), p)
    rows = 0
    for top in range(0, padded.shape[0] - k + 1, s):
        rows += 1
        _ = padded[top : top + k, :k].sum()
    return rows


def check_conv_output_size() -> tuple[float, float]:
    from checker.functions import FUNCTIONS

    worst = 0.0
    conv2 = FUNCTIONS["conv2"].forward
    for m, k in [(7, 3), (8, 5), (6, 1), (9, 4)]:
        a, w = np.ones((m, m)), np.ones((k, k))
        worst = max(worst, abs(conv2(a, w, option="valid").shape[0] - (m - k + 1)),
                    abs(conv2(a, w, option="full").shape[0] - (m + k - 1)), abs(conv2(a, w, option="same").shape[0] - m))
        for p in range(0, 3):
            for s in range(1, 4):
                worst = max(worst, abs(_strided_output(m, k, p, s) - ((m + 2 * p - k) // s + 1)))
    return float(worst), 0.0


def check_glorot(samples: int = 400_000) -> tuple[float, float]:
    """Var(U(−a, a)) = a²/3 with a = √6/√(fan_in + fan_out) equals 2/(fan_in + fan_out)."""
    rng = np.random.default_rng(0)
    worst = 0.0
    for fan_in, fan_out in [(784, 500), (10, 30)]:
        a = np.sqrt(6.0) / np.sqrt(fan_in + fan_out)
        w = rng.uniform(-a, a, samples)
        worst = max(worst, abs(w.var() / (2.0 / (fan_in + fan_out)) - 1))
    return worst, 5 * np.sqrt(0.8 / samples)  # the relative standard error of a uniform's variance is √(0.8/N)


def check_minibatch_variance(batches: int = 40_000) -> tuple[float, float]:
    """The mean of B independent per-sample gradients with variance σ² has variance σ²/B."""
    rng = np.random.default_rng(1)
    worst = 0.0
    for b, sigma2 in [(4, 2.0), (32, 0.5)]:
        means = rng.normal(0.0, np.sqrt(sigma2), size=(batches, b)).mean(axis=1)
        worst = max(worst, abs(means.var() / (sigma2 / b) - 1))
    return worst, 5 * np.sqrt(2.0 / batches)


def check_dropout(samples: int = 200_000) -> tuple[float, float]:
    """With a mask m_i ~ Bernoulli(1 − p), E[m ∘ a] = (1 − p)a: scale by (1 − p) at test time."""
    rng = np.random.default_rng(2)
    a = np.array([0.5, -1.0, 2.0])
    worst = 0.0
    for p in (0.2, 0.5):
        masks = rng.random((samples, a.size)) >= p
        estimate = (masks * a).mean(axis=0)
        worst = max(worst, float(np.max(np.abs(estimate - (1 - p) * a) / np.abs(a))))
    return worst, 5 * np.sqrt(0.25 / samples)


ENTRIES = (
    Entry(
        id="lstm-parameter-count", topic="lstm",
        title={"en": "Parameters of an LSTM layer", "zh": "LSTM 层的参数个数"},
        statement={"en": "Each of the four gates (input, forget, output, candidate) has an input matrix h×d, a recurrent matrix h×h and a bias h: 4h(d + h + 1) parameters.",
                   "zh": "四个门（输入门、遗忘门、输出门、候选状态）各有 h×d 的输入矩阵、h×h 的循环矩阵和长度 h 的偏置，共 4h(d + h + 1) 个参数。"},
        asked=("value",), symbols="d: scalar integer, h: scalar integer",
        parts=(Part("count", "scalar", "4 h (d + h + 1)"),), checks=(check_lstm_count,),
    ),
    Entry(
        id="conv-output-size", topic="conv",
        title={"en": "Output size of a convolution", "zh": "卷积输出的尺寸"},
        statement={"en": "An M×M map and a K×K kernel give M − K + 1 (narrow/valid), M + K − 1 (wide/full), M (same, with P = (K − 1)/2); with padding P and stride S, ⌊(M + 2P − K)/S⌋ + 1.",
                   "zh": "M×M 的输入与 K×K 的卷积核：窄卷积（valid）输出 M − K + 1，宽卷积（full）输出 M + K − 1，等宽卷积（same，P = (K − 1)/2）输出 M；一般地，填充 P、步长 S 时输出 ⌊(M + 2P − K)/S⌋ + 1。"},
        asked=("value", "fill-in"), symbols="M: scalar integer, K: scalar integer, P: scalar integer, S: scalar integer",
        parts=(Part("narrow", "scalar", "M - K + 1"), Part("wide", "scalar", "M + K - 1"), Part("same", "scalar", "M"),
               Part("general", "scalar", "floor((M + 2P - K) / S) + 1")),
        checks=(check_conv_output_size,),
    ),
    Entry(
        id="glorot-init", topic="training",
        title={"en": "Glorot (Xavier) initialisation", "zh": "Glorot（Xavier）初始化"},
        statement={"en": "Drawing W from U(−a, a) with a = √6/√(fan_in + fan_out) gives Var(W) = a²/3 = 2/(fan_in + fan_out), balancing the forward and backward signal.",
                   "zh": "从 U(−a, a) 中采样 W，取 a = √6/√(fan_in + fan_out)，则 Var(W) = a²/3 = 2/(fan_in + fan_out)，兼顾前向与反向信号的方差。"},
        asked=("value",), symbols="fan_in: scalar integer, fan_out: scalar integer",
        parts=(Part("variance", "scalar", "2 / (fan_in + fan_out)"),), checks=(check_glorot,),
    ),
    Entry(
        id="minibatch-gradient-variance", topic="training",
        title={"en": "Variance of a mini-batch gradient", "zh": "小批量梯度的方差"},
        statement={"en": "Averaging B independent per-sample gradients of variance σ² gives variance σ²/B, which is why the learning rate can grow with the batch size.",
                   "zh": "对 B 个方差为 σ² 的独立样本梯度取平均，方差为 σ²/B；这也是学习率可以随批量增大而增大的原因。"},
        asked=("value",), symbols="sigma2: scalar positive, B: scalar integer",
        parts=(Part("variance", "scalar", "sigma2 / B"),), checks=(check_minibatch_variance,),
    ),
    Entry(
        id="dropout-scaling", topic="regularization",
        title={"en": "Why dropout rescales", "zh": "Dropout 为何要缩放"},
        statement={"en": "Dropping each unit with probability p keeps E[m ∘ a] = (1 − p)a; so multiply the weights by (1 − p) at test time, or divide by (1 − p) during training (inverted dropout).",
                   "zh": "每个单元以概率 p 被丢弃时，E[m ∘ a] = (1 − p)a；因此测试时把权重乘以 (1 − p)，或在训练时除以 (1 − p)（反向 dropout）。"},
        asked=("value", "concept"), symbols="p: scalar fraction, a: n",
        parts=(Part("expectation", "n", "(1 - p) a"),), checks=(check_dropout,),
    ),
)
