"""Short proofs of the course's identities and counts (证明题), every line a claim checked when the
question is made: the trace identities on random matrices of distinct sizes (``check_identity``), the
dropout expectation over every mask, Glorot's variance by the uniform law's moments, the LSTM count
against the reference cell, the valid convolution's size against the reference ``conv2d``, the
mini-batch variance by the variance of a sum of independent terms. A failed check stops generation.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

import numpy as np

from question_bank.model import Step
from question_bank.numbers import cross_check
from question_bank.templated import Answer, Variant

TOPIC = "A"
TOPICS = {"dropout": "D", "glorot": "G", "lstm": "G", "conv-size": "F", "minibatch": "G"}
VARIANTS = (
    Variant("trace-cyclic", "proof", "trace-cyclic", ("identity",), points=10),
    Variant("trace-hadamard", "proof", "trace-hadamard", ("identity",), points=10),
    Variant("dropout", "proof", "dropout-scaling", ("value",), points=10),
    Variant("glorot", "proof", "glorot-init", ("value",), points=10),
    Variant("lstm", "proof", "lstm-parameter-count", ("value",), points=10),
    Variant("conv-size", "proof", "conv-output-size", ("value",), points=10),
    Variant("minibatch", "proof", "minibatch-gradient-variance", ("value",), points=10),
)
RULES = {  # bank markup: prose with $…$ math
    "cyclic2": {"en": "$\\operatorname{tr}(XY) = \\operatorname{tr}(YX)$ for $X \\in \\mathbb{R}^{a \\times b}$, $Y \\in \\mathbb{R}^{b \\times a}$",
                "zh": "对 $X \\in \\mathbb{R}^{a \\times b}$，$Y \\in \\mathbb{R}^{b \\times a}$ 有 $\\operatorname{tr}(XY) = \\operatorname{tr}(YX)$"},
    "entrywise": {"en": "$\\operatorname{tr}(X^{\\top} Y) = \\sum_{ij} X_{ij} Y_{ij}$", "zh": "$\\operatorname{tr}(X^{\\top} Y) = \\sum_{ij} X_{ij} Y_{ij}$"},
    "regroup": {"en": "regroup the product of three entries", "zh": "三项乘积重新组合"},
    "linearity": {"en": "linearity of expectation, entry by entry", "zh": "期望的线性，逐元素"},
    "bernoulli": {"en": "$m_i = 1$ with probability $1 - p$", "zh": "$m_i$ 以概率 $1 - p$ 取 1"},
    "moments": {"en": "the uniform law on $[a, b]$ has variance $(b - a)^2/12$", "zh": "$[a, b]$ 上均匀分布的方差为 $(b - a)^2/12$"},
    "substitute": {"en": "substitute $U$", "zh": "代入 $U$"},
    "gate": {"en": "one gate: input weights, recurrent weights, bias", "zh": "一个门：输入权重、循环权重、偏置"},
    "four": {"en": "four blocks: $i$, $f$, $o$ and $g$", "zh": "共四组：$i$、$f$、$o$ 与 $g$"},
    "positions": {"en": "the kernel's top-left corner can sit at rows $1, \\dots, M - K + 1$", "zh": "卷积核左上角可位于第 $1$ 到第 $M - K + 1$ 行"},
    "independent": {"en": "independent terms: variances add", "zh": "独立项的方差相加"},
    "scale": {"en": "$\\operatorname{Var}(cX) = c^2 \\operatorname{Var}(X)$", "zh": "$\\operatorname{Var}(cX) = c^2 \\operatorname{Var}(X)$"},
}


def _identity(text: str, shapes: str) -> bool:
    from checker.grading.identity import check_identity

    return check_identity(text, shapes).verdict == "correct"


@lru_cache(maxsize=None)
def _steps(variant: str) -> tuple[Step, ...]:
    """The proof's lines, each checked once per process (raises if one fails: the question is not made)."""
    rng = np.random.default_rng(24)
    lines: list[tuple[str, str, bool | None]] = []  # (LaTeX, rule, checked: True / argument: None)
    if variant == "trace-cyclic":
        shapes = "A: m x n, B: n x p, C: p x q, D: q x m"
        lines = [("\\operatorname{tr}(ABCD) = \\operatorname{tr}((ABC) D) = \\operatorname{tr}(D (ABC))", "cyclic2",
                  _identity("tr((A B C) D) = tr(D (A B C))", shapes)),
                 ("\\operatorname{tr}(ABCD) = \\operatorname{tr}(DABC)", "cyclic2", _identity("tr(A B C D) = tr(D A B C)", shapes))]
    elif variant == "trace-hadamard":
        shapes = "A, B, C: m x n"
        lines = [("\\operatorname{tr}(A^{\\top}(B \\circ C)) = \\sum_{ij} A_{ij} (B_{ij} C_{ij})", "entrywise",
                  _identity("tr(A^T (B .* C)) = sum(A .* B .* C)", shapes)),
                 ("= \\sum_{ij} (A_{ij} B_{ij}) C_{ij} = \\operatorname{tr}((A \\circ B)^{\\top} C)", "regroup",
                  _identity("sum(A .* B .* C) = tr((A .* B)^T C)", shapes))]
    elif variant == "dropout":
        p, a = 0.3, rng.standard_normal(3)
        exact = sum(np.prod([(1 - p) if k else p for k in m]) * np.array(m) * a for m in itertools.product([0, 1], repeat=3))
        cross_check(exact, (1 - p) * a, "E[m ∘ a] over every mask")
        lines = [("E[m_i a_i] = a_i E[m_i]", "linearity", None), ("E[m_i] = 1 \\cdot (1 - p) + 0 \\cdot p = 1 - p", "bernoulli", None),
                 ("E[m \\circ a] = (1 - p) a", "linearity", True)]
    elif variant == "glorot":
        u = 0.7
        grid = np.linspace(-u, u, 200_001)
        cross_check(np.trapezoid(grid**2, grid) / (2 * u), u**2 / 3, "uniform second moment", rtol=1e-8)
        lines = [("\\operatorname{Var}(W_{ij}) = \\frac{(r - (-r))^2}{12} = \\frac{r^2}{3}", "moments", True),
                 ("= \\frac{1}{3} \\cdot \\frac{6}{n_{in} + n_{out}} = \\frac{2}{n_{in} + n_{out}}", "substitute", None)]
    elif variant == "lstm":
        from checker.networks.lstm import LSTMCell

        d, h = 5, 3
        cross_check(LSTMCell(d, h).count(), 4 * h * (d + h + 1), "LSTM count")
        lines = [("h d + h h + h = h(d + h + 1)", "gate", None), ("4h(d + h + 1)", "four", True)]
    elif variant == "conv-size":
        from checker.networks import conv2d

        for m, k in ((7, 3), (6, 2), (9, 4)):
            cross_check(conv2d(np.ones((m, m)), np.ones((k, k)), "valid").shape[0], m - k + 1, "valid size")
            cross_check(conv2d(np.ones((m, m)), np.ones((k, k)), "full").shape[0], m + k - 1, "full size")
        lines = [("i + K - 1 \\le M \\iff i \\le M - K + 1", "positions", True),
                 ("(M + 2(K - 1)) - K + 1 = M + K - 1", "positions", True)]
    else:
        g = rng.standard_normal((200_000, 4)) * 1.5
        cross_check(np.var(g.mean(axis=1)), 1.5**2 / 4, "variance of a mean of 4", rtol=0.02)
        lines = [("\\operatorname{Var}\\left(\\sum_{b=1}^{B} g_b\\right) = \\sum_{b=1}^{B} \\operatorname{Var}(g_b) = B\\sigma^2", "independent", None),
                 ("\\operatorname{Var}\\left(\\frac{1}{B}\\sum_{b} g_b\\right) = \\frac{B\\sigma^2}{B^2} = \\frac{\\sigma^2}{B}", "scale", True)]
    for latex, _, ok in lines:
        if ok is False:
            raise AssertionError(f"short proof {variant}: the line {latex!r} failed its check")
    return tuple(Step(latex, dict(RULES[rule]), bool(ok)) for latex, rule, ok in lines)


BLANKS = {
    "trace-cyclic": (("trace-cyclic", "equal"), ("tr(D A B C)", "\\operatorname{tr}(DABC)")),
    "trace-hadamard": (("trace-hadamard", "equal"), ("tr((A .* B)^T C)", "\\operatorname{tr}((A \\circ B)^{\\top} C)")),
    "dropout": (("dropout-scaling", "expectation"), None),
    "glorot": (("glorot-init", "variance"), ("2 / (fan_in + fan_out)", "\\frac{2}{n_{in} + n_{out}}")),
    "lstm": (("lstm-parameter-count", "count"), None),
    "conv-size": (("conv-output-size", "narrow"), None),
    "minibatch": (("minibatch-gradient-variance", "variance"), ("sigma2 / B", "\\sigma^2 / B")),
}


def draw(rng: np.random.Generator, variant: str) -> dict:
    catalog, typed = BLANKS[variant]
    return {"answers": (Answer("1", None, catalog=catalog, typed=typed),), "_steps": _steps(variant)}
