"""The sparse autoencoder's penalty and its slope (CATALOG E, sparse-autoencoder-penalty):
β KL(ρ‖ρ̂) = β(ρ log(ρ/ρ̂) + (1 − ρ) log((1 − ρ)/(1 − ρ̂))), d/dρ̂ = β(−ρ/ρ̂ + (1 − ρ)/(1 − ρ̂)).
The slope is cross-checked by central differences of the penalty; ρ̂ is kept away from ρ, 0 and 1.
"""

from __future__ import annotations

import numpy as np

from question_bank.numbers import cross_check
from question_bank.templated import Answer, Variant

TOPIC = "E"
VARIANTS = (
    Variant("value", "fill-in", "sparse-autoencoder-penalty", ("derivative",)),
    Variant("slope", "fill-in", "sparse-autoencoder-penalty", ("derivative",)),
    Variant("full", "numeric", "sparse-autoencoder-penalty", ("derivative",)),
)


def penalty(rho: float, rho_hat: float, beta: float) -> float:
    return beta * (rho * np.log(rho / rho_hat) + (1 - rho) * np.log((1 - rho) / (1 - rho_hat)))


def draw(rng: np.random.Generator, variant: str) -> dict:
    rho = float(rng.choice([0.01, 0.02, 0.05, 0.1, 0.2]))
    rho_hat = float(rng.choice([x for x in (0.03, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5) if abs(x - rho) >= 0.02]))
    beta = float(rng.choice([0.5, 1.0, 2.0, 3.0]))
    value = penalty(rho, rho_hat, beta)
    slope = beta * (-rho / rho_hat + (1 - rho) / (1 - rho_hat))
    h = 1e-6
    cross_check(slope, (penalty(rho, rho_hat + h, beta) - penalty(rho, rho_hat - h, beta)) / (2 * h), "KL slope", rtol=1e-6)
    answers = {"value": (Answer("1", value),), "slope": (Answer("1", slope),),
               "full": (Answer("1", value, points=5), Answer("2", slope, points=5))}[variant]
    return {"rho": rho, "rho_hat": rho_hat, "beta": beta, "answers": answers}
