"""Slopes of activation functions at a number (CATALOG B/C): σ′ = σ(1 − σ), tanh′ = 1 − tanh²,
leaky ReLU f′ = 1 (z > 0) or α (z < 0), ELU f′ = αe^z = f(z) + α (z < 0).

Computed by the reference layers' backward where there is one, cross-checked by the closed forms
and by central differences of the function. z is never 0 (the kink) and |z| ≤ 2 (not saturated).
"""

from __future__ import annotations

import numpy as np

from checker.networks import Sigmoid, Tanh
from question_bank.numbers import cross_check
from question_bank.templated import Answer, Variant

TOPIC = "C"
TOPICS = {"sigmoid": "B", "both": "B"}
VARIANTS = (
    Variant("sigmoid", "fill-in", "sigmoid-derivative", ("derivative",)),
    Variant("tanh", "fill-in", "tanh-derivative", ("derivative",)),
    Variant("leaky", "fill-in", "leaky-relu-derivative", ("derivative",)),
    Variant("elu", "fill-in", "elu-derivative", ("derivative",)),
    Variant("relu", "fill-in", "relu-derivative", ("derivative",)),
    Variant("both", "numeric", "sigmoid-derivative", ("derivative",)),
)
GRID = [x for x in np.arange(-8, 9) / 4 if x != 0]


def _fd(f, z: float, h: float = 1e-6) -> float:  # type: ignore[no-untyped-def]
    return (f(z + h) - f(z - h)) / (2 * h)


def _layer(layer, z: float) -> float:  # type: ignore[no-untyped-def]
    layer.forward(np.array([[z]]))
    return float(layer.backward(np.ones((1, 1)))[0, 0])


def draw(rng: np.random.Generator, variant: str) -> dict:
    z = float(rng.choice(GRID))
    ds, dt = _layer(Sigmoid(), z), _layer(Tanh(), z)
    cross_check(ds, np.exp(-z) / (1 + np.exp(-z)) ** 2, "sigmoid'")
    cross_check(dt, 1 / np.cosh(z) ** 2, "tanh'")
    if variant == "sigmoid":
        return {"z": z, "answers": (Answer("1", ds),)}
    if variant == "tanh":
        return {"z": z, "answers": (Answer("1", dt),)}
    if variant == "both":
        return {"z": z, "answers": (Answer("1", ds, points=5), Answer("2", dt, points=5))}
    alpha = float(rng.choice([0.01, 0.05, 0.1, 0.2] if variant == "leaky" else [0.5, 1.0, 1.5, 2.0]))
    z1, z2 = -float(rng.choice([0.5, 1.0, 1.5, 2.0])), float(rng.choice([0.5, 1.0, 1.5, 2.0]))
    fun = {"leaky": lambda t: max(alpha * t, t), "relu": lambda t: max(0.0, t),
           "elu": lambda t: t if t >= 0 else alpha * (np.exp(t) - 1)}[variant]
    slopes = {"leaky": (alpha, 1.0), "relu": (0.0, 1.0), "elu": (alpha * np.exp(z1), 1.0)}[variant]
    cross_check(slopes[0], _fd(fun, z1), "slope left", rtol=1e-6)
    cross_check(slopes[1], _fd(fun, z2), "slope right", rtol=1e-6)
    if variant == "elu":
        cross_check(slopes[0], fun(z1) + alpha, "ELU slope = f + α")
    exact = variant != "elu"
    return {"alpha": alpha, "z1": z1, "z2": z2,
            "answers": (Answer("1", slopes[0], exact=exact, points=3), Answer("2", slopes[1], exact=True, points=2))}
