"""Mean and max pooling residuals (CATALOG F, pooling-residual): s×s windows, stride s, on a 4×4 or 6×6 map.

Mean: δ_l = kron(δ_{l+1}, 11ᵀ)/s² ∘ f′(z_l); max: δ_{l+1} routed to each window's arg-max (times f′(z_l)).
Computed by the reference layers, cross-checked by loops over the windows. The map's entries are
distinct (no ties for the max).
"""

from __future__ import annotations

import numpy as np

from checker.networks.pooling import MaxPool, MeanPool
from question_bank.numbers import cross_check
from question_bank.templated import Answer, Variant

TOPIC = "F"
VARIANTS = (
    Variant("mean", "fill-in", "pooling-residual", ("derivation",)),
    Variant("max", "fill-in", "pooling-residual", ("derivation",)),
    Variant("both", "numeric", "pooling-residual", ("derivation",)),
)


def loops(a: np.ndarray, delta: np.ndarray, s: int) -> tuple[np.ndarray, np.ndarray]:
    mean, mx = np.zeros_like(a), np.zeros_like(a)
    for i in range(delta.shape[0]):
        for j in range(delta.shape[1]):
            window = a[s * i:s * i + s, s * j:s * j + s]
            mean[s * i:s * i + s, s * j:s * j + s] = delta[i, j] / s**2
            u, v = np.unravel_index(np.argmax(window), (s, s))
            mx[s * i + u, s * j + v] = delta[i, j]
    return mean, mx


def draw(rng: np.random.Generator, variant: str) -> dict:
    m, s = [(4, 2), (6, 2), (6, 3)][int(rng.integers(3))] if variant != "both" else (4, 2)
    a = rng.permutation(np.arange(m * m) - m * m // 2).reshape(m, m).astype(float)  # distinct values: no ties
    n = m // s
    delta = rng.choice([x for x in range(-4, 5) if x], size=(n, n)).astype(float) * (s * s / 4 if s == 2 else 1)
    mean_layer, max_layer = MeanPool(s), MaxPool(s)
    mean_layer.forward(a), max_layer.forward(a)
    mean, mx = mean_layer.backward(delta), max_layer.backward(delta)
    loop_mean, loop_max = loops(a, delta, s)
    cross_check(mean, loop_mean, "mean-pooling residual")
    cross_check(mx, loop_max, "max-pooling residual")
    exact = s == 2  # quarters: exact decimals
    answers = {"mean": (Answer("1", mean, exact=exact),), "max": (Answer("1", mx, exact=True),),
               "both": (Answer("1", mean, exact=exact, points=5), Answer("2", mx, exact=True, points=5))}[variant]
    return {"a": a, "delta": delta, "s": s, "M": m, "answers": answers}
