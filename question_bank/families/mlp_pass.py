"""A forward and backward pass of a 2-3-2 sigmoid network by hand (CATALOG C, mlp-backprop).

Loss ½‖a⁽²⁾ − y‖²: δ⁽²⁾ = (a⁽²⁾ − y) ∘ σ′(z⁽²⁾), δ⁽¹⁾ = σ′(z⁽¹⁾) ∘ W⁽²⁾ᵀδ⁽²⁾, ∂J/∂W⁽ˡ⁾ = δ⁽ˡ⁾a⁽ˡ⁻¹⁾ᵀ.
Computed by the reference layers (Dense, Sigmoid), cross-checked by those formulas in NumPy and by
central differences of the loss.
"""

from __future__ import annotations

import numpy as np

from checker.networks import Dense, Sigmoid
from checker.networks.activations import sigmoid
from question_bank.build import numeric_blank, question
from question_bank.model import Question
from question_bank.numbers import cross_check, latex

GRID = np.arange(-4, 5) / 4  # weights in [−1, 1] in quarters
ASKS = {"mlp-backprop": ("value",)}


def _draw(rng: np.random.Generator) -> tuple[np.ndarray, ...]:
    while True:
        x = rng.choice(np.arange(-2, 3) / 2, size=(2, 1))
        w1, b1 = rng.choice(GRID, size=(3, 2)), rng.choice(GRID, size=(3, 1))
        w2, b2 = rng.choice(GRID, size=(2, 3)), rng.choice(GRID, size=(2, 1))
        y = rng.choice([0.0, 1.0], size=(2, 1))
        z1 = w1 @ x + b1
        a1 = sigmoid(z1)
        z2 = w2 @ a1 + b2
        a2 = sigmoid(z2)
        d1 = a1 * (1 - a1) * (w2.T @ ((a2 - y) * a2 * (1 - a2)))
        # not degenerate: no saturated unit, both inputs non-zero, every hidden δ visible at 4 significant digits
        if np.abs(x).min() > 0 and np.abs(z1).max() < 2.5 and np.abs(z2).max() < 2.5 and np.abs(d1).min() > 1e-3:
            return x, w1, b1, w2, b2, y


def _loss(w1, b1, w2, b2, x, y) -> float:  # type: ignore[no-untyped-def]
    a2 = sigmoid(w2 @ sigmoid(w1 @ x + b1) + b2)
    return float(0.5 * ((a2 - y) ** 2).sum())


def make(rng: np.random.Generator, seed: int) -> Question:
    x, w1, b1, w2, b2, y = _draw(rng)
    l1, s1, l2, s2 = Dense(2, 3), Sigmoid(), Dense(3, 2), Sigmoid()
    l1.params, l2.params = {"W": w1, "b": b1}, {"W": w2, "b": b2}
    a1 = s1.forward(l1.forward(x))
    a2 = s2.forward(l2.forward(a1))
    delta2 = s2.backward(a2 - y)
    delta1 = s1.backward(l2.backward(delta2))
    l1.backward(delta1)
    gw2, gw1 = l2.grads["W"], l1.grads["W"]
    # second computation: the formulas, and central differences of the loss for W⁽¹⁾
    z1, z2 = w1 @ x + b1, w2 @ a1 + b2
    d2 = (a2 - y) * sigmoid(z2) * (1 - sigmoid(z2))
    d1 = sigmoid(z1) * (1 - sigmoid(z1)) * (w2.T @ d2)
    cross_check(delta2, d2, "δ⁽²⁾")
    cross_check(delta1, d1, "δ⁽¹⁾")
    cross_check(gw2, d2 @ a1.T, "∂J/∂W⁽²⁾")
    h, fd = 1e-6, np.zeros_like(w1)
    for idx in np.ndindex(*w1.shape):
        e = np.zeros_like(w1)
        e[idx] = h
        fd[idx] = (_loss(w1 + e, b1, w2, b2, x, y) - _loss(w1 - e, b1, w2, b2, x, y)) / (2 * h)
    cross_check(gw1, fd, "∂J/∂W⁽¹⁾", rtol=1e-5, atol=1e-8)
    given = (f"$x = {latex(x)}$, $W^{{(1)}} = {latex(w1)}$, $b^{{(1)}} = {latex(b1)}$, $W^{{(2)}} = {latex(w2)}$, "
             f"$b^{{(2)}} = {latex(b2)}$, $y = {latex(y)}$")
    prompt = {"en": "A 2-3-2 network with sigmoid units everywhere, $z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}$, "
                    "$a^{(l)} = \\sigma(z^{(l)})$, $a^{(0)} = x$, loss $J = \\frac{1}{2}\\lVert a^{(2)} - y \\rVert^2$, with "
                    f"{given}. Compute (1) $a^{{(2)}}$, (2) $\\delta^{{(2)}}$, (3) $\\delta^{{(1)}}$, "
                    "(4) $\\partial J / \\partial W^{(2)}$, (5) $\\partial J / \\partial W^{(1)}$ "
                    "(the bias gradients equal the $\\delta$'s).",
              "zh": "一个 2-3-2 网络，所有单元均为 sigmoid，$z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}$，"
                    "$a^{(l)} = \\sigma(z^{(l)})$，$a^{(0)} = x$，损失 $J = \\frac{1}{2}\\lVert a^{(2)} - y \\rVert^2$，其中 "
                    f"{given}。求 (1) $a^{{(2)}}$，(2) $\\delta^{{(2)}}$，(3) $\\delta^{{(1)}}$，"
                    "(4) $\\partial J / \\partial W^{(2)}$，(5) $\\partial J / \\partial W^{(1)}$（偏置的梯度等于对应的 $\\delta$）。"}
    explain = {"en": f"Forward: $a^{{(1)}} = {latex(a1)}$. Backward: $\\delta^{{(2)}} = (a^{{(2)}} - y) \\circ \\sigma'(z^{{(2)}})$, "
                     "$\\delta^{(1)} = \\sigma'(z^{(1)}) \\circ W^{(2)\\top} \\delta^{(2)}$, "
                     "$\\partial J / \\partial W^{(l)} = \\delta^{(l)} a^{(l-1)\\top}$.",
               "zh": f"前向：$a^{{(1)}} = {latex(a1)}$。反向：$\\delta^{{(2)}} = (a^{{(2)}} - y) \\circ \\sigma'(z^{{(2)}})$，"
                     "$\\delta^{(1)} = \\sigma'(z^{(1)}) \\circ W^{(2)\\top} \\delta^{(2)}$，"
                     "$\\partial J / \\partial W^{(l)} = \\delta^{(l)} a^{(l-1)\\top}$。"}
    blanks = tuple(numeric_blank(str(i + 1), v) for i, v in enumerate((a2, delta2, delta1, gw2, gw1)))
    params = {"x": x.tolist(), "W1": w1.tolist(), "b1": b1.tolist(), "W2": w2.tolist(), "b2": b2.tolist(), "y": y.tolist()}
    return question("mlp-pass", seed, "C", "numeric", prompt, blanks, explain=explain, params=params, points=10,
                    catalog_id="mlp-backprop")
