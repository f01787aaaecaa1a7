"""A forward and backward pass of a small network by hand, the course's 推导题 with numbers (CATALOG C,
mlp-backprop): n₀-n₁-2 with hidden units f = σ or tanh (n₀ ≠ n₁, 2 or 3), output either sigmoid with
J = ½‖a⁽²⁾ − y‖² (δ⁽²⁾ = (a⁽²⁾ − y) ∘ σ′(z⁽²⁾)) or softmax with J = −yᵀ log a⁽²⁾, y one-hot (δ⁽²⁾ = a⁽²⁾ − y);
δ⁽¹⁾ = f′(z⁽¹⁾) ∘ W⁽²⁾ᵀδ⁽²⁾, ∂J/∂W⁽¹⁾ = δ⁽¹⁾xᵀ, W⁽¹⁾ ← W⁽¹⁾ − α∂J/∂W⁽¹⁾.

Computed by the reference layers (Dense, Sigmoid, Softmax), cross-checked by those formulas in NumPy
and by central differences of J. Degenerate draws are redrawn: saturated units, equal or zero inputs
(equal columns of ∂J/∂W⁽¹⁾), a hidden δ that rounds to zero.
"""

from __future__ import annotations

import numpy as np

from checker.networks import Dense, Sigmoid, Softmax, Tanh
from checker.networks.activations import sigmoid
from question_bank import numbers
from question_bank.numbers import cross_check
from question_bank.templated import Answer, Variant

RULES = {"forward": {"en": "forward pass", "zh": "前向传播"},
         "output": {"en": "output residual", "zh": "输出层残差"},
         "recursion": {"en": "residual recursion", "zh": "残差回传"},
         "gradient": {"en": "gradient of the weights", "zh": "权重的梯度"},
         "update": {"en": "one gradient step", "zh": "梯度下降一步"}}
OUT = {True: "\\operatorname{softmax}", False: "\\sigma"}
GRID = np.arange(-4, 5) / 4  # weights in [−1, 1] in quarters
TOPIC = "C"
VARIANTS = (
    Variant("mse", "derivation", "mlp-backprop", ("derivation",), points=20),
    Variant("ce", "derivation", "mlp-backprop", ("derivation",), points=20),
    Variant("mse-tanh", "derivation", "mlp-backprop", ("derivation",), points=20),
    Variant("ce-tanh", "derivation", "mlp-backprop", ("derivation",), points=20),
)


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max())
    return e / e.sum()


HIDDEN = {  # the hidden activation f: function, derivative, reference layer
    False: (sigmoid, lambda z: sigmoid(z) * (1 - sigmoid(z)), Sigmoid),
    True: (np.tanh, lambda z: 1 - np.tanh(z) ** 2, Tanh),
}


def _loss(w1, b1, w2, b2, x, y, ce: bool, tanh: bool = False) -> float:  # type: ignore[no-untyped-def]
    z2 = w2 @ HIDDEN[tanh][0](w1 @ x + b1) + b2
    if ce:
        return float(-(y * np.log(_softmax(z2))).sum())
    return float(0.5 * ((sigmoid(z2) - y) ** 2).sum())


def _draw(rng: np.random.Generator, n0: int, n1: int, ce: bool, tanh: bool) -> tuple[np.ndarray, ...]:
    act, slope, _ = HIDDEN[tanh]
    while True:
        x = rng.choice([v for v in np.arange(-4, 5) / 2 if v], size=(n0, 1), replace=False)
        w1, b1 = rng.choice(GRID, size=(n1, n0)), rng.choice(GRID, size=(n1, 1))
        w2, b2 = rng.choice(GRID, size=(2, n1)), rng.choice(GRID, size=(2, 1))
        y = np.eye(2)[:, [int(rng.integers(2))]] if ce else rng.choice([0.0, 1.0], size=(2, 1))
        z1 = w1 @ x + b1
        a1 = act(z1)
        z2 = w2 @ a1 + b2
        a2 = _softmax(z2) if ce else sigmoid(z2)
        d2 = (a2 - y) if ce else (a2 - y) * a2 * (1 - a2)
        d1 = slope(z1) * (w2.T @ d2)
        if (np.abs(z1).max() < 2.5 and np.abs(z2).max() < 2.5 and np.abs(d1).min() > 1e-3
                and len(set(np.round(d1.ravel(), 4))) == n1 and np.abs(w1).sum(axis=1).min() > 0):
            return x, w1, b1, w2, b2, y


def draw(rng: np.random.Generator, variant: str) -> dict:
    ce, tanh = variant.startswith("ce"), variant.endswith("tanh")
    act, slope, layer = HIDDEN[tanh]
    n0, n1 = (int(v) for v in rng.permutation([2, 3]))
    alpha = float(rng.choice([0.1, 0.5, 1.0]))
    x, w1, b1, w2, b2, y = _draw(rng, n0, n1, ce, tanh)
    l1, s1, l2 = Dense(n0, n1), layer(), Dense(n1, 2)
    out = Softmax() if ce else Sigmoid()
    l1.params, l2.params = {"W": w1, "b": b1}, {"W": w2, "b": b2}
    a1 = s1.forward(l1.forward(x))
    a2 = out.forward(l2.forward(a1))
    delta2 = (a2 - y) if ce else out.backward(a2 - y)
    delta1 = s1.backward(l2.backward(delta2))
    l1.backward(delta1)
    gw1 = l1.grads["W"]
    z1, z2 = w1 @ x + b1, w2 @ a1 + b2
    cross_check(a2, _softmax(z2) if ce else sigmoid(z2), "a⁽²⁾")
    if ce:  # the softmax layer's own backward on ∂J/∂a = −y/a gives the same δ⁽²⁾
        cross_check(delta2, out.backward(-y / a2), "δ⁽²⁾ (softmax + cross-entropy)")
    d1 = slope(z1) * (w2.T @ delta2)
    cross_check(delta1, d1, "δ⁽¹⁾")
    cross_check(gw1, d1 @ x.T, "∂J/∂W⁽¹⁾")
    h, fd = 1e-6, np.zeros_like(w1)
    for idx in np.ndindex(*w1.shape):
        e = np.zeros_like(w1)
        e[idx] = h
        fd[idx] = (_loss(w1 + e, b1, w2, b2, x, y, ce, tanh) - _loss(w1 - e, b1, w2, b2, x, y, ce, tanh)) / (2 * h)
    cross_check(gw1, fd, "∂J/∂W⁽¹⁾ by differences", rtol=1e-5, atol=1e-8)
    updated = w1 - alpha * gw1
    key = lambda v: numbers.latex(v, exact=False)  # noqa: E731
    steps = ((f"z^{{(1)}} = W^{{(1)}} x + b^{{(1)}} = {key(z1)}", RULES["forward"]),
             (f"a^{{(1)}} = f(z^{{(1)}}) = {key(a1)}", RULES["forward"]),
             (f"z^{{(2)}} = W^{{(2)}} a^{{(1)}} + b^{{(2)}} = {key(z2)}", RULES["forward"]),
             (f"a^{{(2)}} = {OUT[ce]}(z^{{(2)}}) = {key(a2)}", RULES["forward"]),
             ((f"\\delta^{{(2)}} = a^{{(2)}} - y = {key(delta2)}" if ce else
               f"\\delta^{{(2)}} = (a^{{(2)}} - y) \\circ a^{{(2)}} \\circ (1 - a^{{(2)}}) = {key(delta2)}"), RULES["output"]),
             (f"\\delta^{{(1)}} = f'(z^{{(1)}}) \\circ W^{{(2)\\top}} \\delta^{{(2)}} = {key(delta1)}", RULES["recursion"]),
             (f"\\frac{{\\partial J}}{{\\partial W^{{(1)}}}} = \\delta^{{(1)}} x^{{\\top}} = {key(gw1)}", RULES["gradient"]),
             (f"W^{{(1)}} - \\alpha \\frac{{\\partial J}}{{\\partial W^{{(1)}}}} = {key(updated)}", RULES["update"]))
    answers = (Answer("1", a2, points=4), Answer("2", delta2, points=4), Answer("3", delta1, points=4),
               Answer("4", gw1, points=4), Answer("5", updated, points=4))
    return {"x": x, "W1": w1, "b1": b1, "W2": w2, "b2": b2, "y": y, "alpha": alpha, "n0": n0, "n1": n1, "a1": a1, "ce": ce, "tanh": tanh,
            "answers": answers, "_steps": steps}
