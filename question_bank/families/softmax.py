"""Softmax at a given z (CATALOG B): a = softmax(z), its Jacobian diag(a) − aaᵀ (softmax-jacobian), one
entry ∂a_i/∂z_j = −a_i a_j, and the cross-entropy gradient a − e_y (softmax-cross-entropy-gradient).

Computed by the reference layer (forward, and backward on the unit vectors gives the Jacobian's
columns), cross-checked by exp(z)/Σexp(z), the formula diag(a) − aaᵀ and central differences.
The length K of z varies (3 to 5); entries are distinct (no ties).
"""

from __future__ import annotations

import numpy as np

from checker.networks import Softmax
from question_bank.numbers import cross_check
from question_bank.templated import Answer, Variant

TOPIC = "B"
VARIANTS = (
    Variant("values", "fill-in", "softmax-jacobian", ("jacobian",)),
    Variant("entry", "fill-in", "softmax-jacobian", ("jacobian",)),
    Variant("cross-entropy", "fill-in", "softmax-cross-entropy-gradient", ("gradient",)),
    Variant("jacobian", "numeric", "softmax-jacobian", ("jacobian",)),
)


def draw(rng: np.random.Generator, variant: str) -> dict:
    k = 3 if variant == "jacobian" else int(rng.integers(3, 6))
    z = rng.choice(np.arange(-4, 5) / 2, size=k, replace=False)
    layer = Softmax()
    a = layer.forward(z.reshape(-1, 1)).ravel()
    jac = np.column_stack([layer.backward(e.reshape(-1, 1)).ravel() for e in np.eye(k)]).T
    cross_check(a, np.exp(z) / np.exp(z).sum(), "softmax")
    cross_check(jac, np.diag(a) - np.outer(a, a), "softmax Jacobian")
    i, j = (int(v) for v in rng.choice(k, size=2, replace=False))
    y = int(rng.integers(k))
    grad = a - np.eye(k)[y]
    h = 1e-6
    fd = np.array([(-np.log(np.exp(z + h * e)[y] / np.exp(z + h * e).sum()) + np.log(np.exp(z - h * e)[y] / np.exp(z - h * e).sum())) / (2 * h)
                   for e in np.eye(k)])
    cross_check(grad, fd, "cross-entropy gradient", rtol=1e-6, atol=1e-9)
    answers = {"values": (Answer("1", a),), "entry": (Answer("1", jac[i, j]),), "cross-entropy": (Answer("1", grad),),
               "jacobian": (Answer("1", a, points=4), Answer("2", jac, points=6))}[variant]
    return {"z": z, "K": k, "i": i + 1, "j": j + 1, "y": y + 1, "answers": answers}
