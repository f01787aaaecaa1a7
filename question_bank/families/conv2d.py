"""2-D convolution of a 4×4 map with a 2×2 kernel, valid and full, in both conventions (CATALOG F, conv-residual).

Convolution flips the kernel (Matlab's conv2, the lecture); cross-correlation does not. Computed by the
reference ``conv2d``, cross-checked by the defining sums written as loops. Kernels equal to their own
180° rotation are redrawn (both conventions would agree and the question would not tell them apart).
"""

from __future__ import annotations

import numpy as np

from checker.networks import conv2d
from question_bank.build import numeric_blank, question
from question_bank.model import Question
from question_bank.numbers import cross_check, latex

ASKS = {"conv-residual": ("value",)}


def loops(a: np.ndarray, w: np.ndarray, mode: str, flip: bool) -> np.ndarray:
    """Σᵤᵥ a[i+u−p, j+v−p] k[u, v] with k = rot180(w) for convolution; p = K − 1 for full."""
    k = np.rot90(w, 2) if flip else w
    kk = w.shape[0]
    pad = kk - 1 if mode == "full" else 0
    n = a.shape[0] + 2 * pad - kk + 1
    out = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            for u in range(kk):
                for v in range(kk):
                    r, c = i + u - pad, j + v - pad
                    if 0 <= r < a.shape[0] and 0 <= c < a.shape[1]:
                        out[i, j] += a[r, c] * k[u, v]
    return out


def make(rng: np.random.Generator, seed: int) -> Question:
    a = rng.integers(-2, 3, size=(4, 4)).astype(float)
    while True:
        w = rng.integers(-2, 3, size=(2, 2)).astype(float)
        if not np.array_equal(w, np.rot90(w, 2)):
            break
    results = []
    for mode in ("valid", "full"):
        for convention, flip in (("convolution", True), ("cross-correlation", False)):
            value = conv2d(a, w, mode, convention)
            cross_check(value, loops(a, w, mode, flip), f"{mode} {convention}")
            results.append(value)
    prompt = {"en": f"Let $a = {latex(a)}$ and $\\omega = {latex(w)}$. Compute (1) the valid convolution "
                    "$\\operatorname{conv2}(a, \\omega, \\text{valid})$ (kernel flipped), (2) the valid cross-correlation "
                    "(kernel not flipped), (3) the full convolution and (4) the full cross-correlation (zero padding 1).",
              "zh": f"设 $a = {latex(a)}$，$\\omega = {latex(w)}$。求 (1) 窄卷积 $\\operatorname{{conv2}}(a, \\omega, \\text{{valid}})$"
                    "（核翻转），(2) 窄互相关（核不翻转），(3) 宽卷积，(4) 宽互相关（补零 1 圈）。"}
    explain = {"en": "Convolution uses $\\operatorname{rot180}(\\omega)$ as the sliding window; cross-correlation uses $\\omega$ "
                     "itself. Valid gives $(4 - 2 + 1)^2$ entries, full $(4 + 2 - 1)^2$.",
               "zh": "卷积以 $\\operatorname{rot180}(\\omega)$ 滑动相乘求和，互相关直接用 $\\omega$。"
                     "窄卷积输出 $(4 - 2 + 1)^2$ 个元素，宽卷积输出 $(4 + 2 - 1)^2$ 个。"}
    blanks = tuple(numeric_blank(str(i + 1), v) for i, v in enumerate(results))
    return question("conv2d", seed, "F", "numeric", prompt, blanks, explain=explain, points=10,
                    params={"a": a.tolist(), "w": w.tolist()}, catalog_id="conv-residual")
