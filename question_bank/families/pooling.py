"""Mean and max pooling residuals on a 4×4 map, 2×2 windows (CATALOG F, pooling-residual).

Mean: δ_l = kron(δ_{l+1}, 11ᵀ)/4; max: δ_{l+1} routed to each window's arg-max (f′ = 1 here).
Computed by the reference layers, cross-checked by loops over the windows. The map's entries are
distinct (no ties for the max).
"""

from __future__ import annotations

import numpy as np

from checker.networks.pooling import MaxPool, MeanPool
from question_bank.build import numeric_blank, question
from question_bank.model import Question
from question_bank.numbers import cross_check, latex

ASKS = {"pooling-residual": ("value",)}


def loops(a: np.ndarray, delta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean, mx = np.zeros_like(a), np.zeros_like(a)
    for i in range(2):
        for j in range(2):
            window = a[2 * i:2 * i + 2, 2 * j:2 * j + 2]
            mean[2 * i:2 * i + 2, 2 * j:2 * j + 2] = delta[i, j] / 4
            u, v = np.unravel_index(np.argmax(window), (2, 2))
            mx[2 * i + u, 2 * j + v] = delta[i, j]
    return mean, mx


def make(rng: np.random.Generator, seed: int) -> Question:
    a = rng.permutation(np.arange(-7, 9)).reshape(4, 4).astype(float)  # 16 distinct values: no ties
    delta = rng.choice([x for x in range(-4, 5) if x], size=(2, 2)).astype(float)
    mean_layer, max_layer = MeanPool(2), MaxPool(2)
    mean_layer.forward(a), max_layer.forward(a)
    mean, mx = mean_layer.backward(delta), max_layer.backward(delta)
    loop_mean, loop_max = loops(a, delta)
    cross_check(mean, loop_mean, "mean-pooling residual")
    cross_check(mx, loop_max, "max-pooling residual")
    prompt = {"en": f"A 2×2 pooling layer (stride 2) acts on the map $a_l = {latex(a)}$, and the residual of the pooled layer is "
                    f"$\\delta_{{l+1}} = {latex(delta)}$. Take $f'(z_l) = 1$. Compute $\\delta_l$ for (1) mean pooling and "
                    "(2) max pooling.",
              "zh": f"2×2 池化层（步长 2）作用于 $a_l = {latex(a)}$，池化后一层的残差 $\\delta_{{l+1}} = {latex(delta)}$，"
                    "取 $f'(z_l) = 1$。分别求 (1) 平均池化 与 (2) 最大池化 时的 $\\delta_l$。"}
    explain = {"en": "Mean: $\\delta_l = \\frac{1}{4} \\operatorname{kron}(\\delta_{l+1}, \\mathbf{1}\\mathbf{1}^{\\top})$. "
                     "Max: each $\\delta_{l+1}$ entry goes to the largest entry of its window, zeros elsewhere.",
               "zh": "平均池化：$\\delta_l = \\frac{1}{4} \\operatorname{kron}(\\delta_{l+1}, \\mathbf{1}\\mathbf{1}^{\\top})$；"
                     "最大池化：$\\delta_{l+1}$ 的每个元素只传给所在窗口的最大值位置，其余为 0。"}
    blanks = (numeric_blank("1", mean), numeric_blank("2", mx))
    return question("pooling", seed, "F", "numeric", prompt, blanks, explain=explain,
                    params={"a": a.tolist(), "delta": delta.tolist()}, catalog_id="pooling-residual")
