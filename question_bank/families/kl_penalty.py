"""The sparse autoencoder's penalty and its slope (CATALOG E, sparse-autoencoder-penalty):
β KL(ρ‖ρ̂) = β(ρ log(ρ/ρ̂) + (1 − ρ) log((1 − ρ)/(1 − ρ̂))), d/dρ̂ = β(−ρ/ρ̂ + (1 − ρ)/(1 − ρ̂)).
The slope is cross-checked by central differences of the penalty; ρ̂ is kept away from ρ, 0 and 1.
"""

from __future__ import annotations

import numpy as np

from question_bank.build import numeric_blank, question
from question_bank.model import Question
from question_bank.numbers import cross_check, num

ASKS = {"sparse-autoencoder-penalty": ("derivative",)}


def penalty(rho: float, rho_hat: float, beta: float) -> float:
    return beta * (rho * np.log(rho / rho_hat) + (1 - rho) * np.log((1 - rho) / (1 - rho_hat)))


def make(rng: np.random.Generator, seed: int) -> Question:
    rho = float(rng.choice([0.01, 0.02, 0.05, 0.1, 0.2]))
    rho_hat = float(rng.choice([x for x in (0.03, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5) if abs(x - rho) >= 0.02]))
    beta = float(rng.choice([0.5, 1.0, 2.0, 3.0]))
    value = penalty(rho, rho_hat, beta)
    slope = beta * (-rho / rho_hat + (1 - rho) / (1 - rho_hat))
    h = 1e-6
    cross_check(slope, (penalty(rho, rho_hat + h, beta) - penalty(rho, rho_hat - h, beta)) / (2 * h), "KL slope", rtol=1e-6)
    prompt = {"en": f"A sparse autoencoder targets the mean activation $\\rho = {num(rho)}$ and observes $\\hat{{\\rho}} = {num(rho_hat)}$; "
                    f"the penalty weight is $\\beta = {num(beta)}$. Compute (1) the penalty $\\beta\\,\\mathrm{{KL}}(\\rho \\Vert \\hat{{\\rho}})$ "
                    "(natural logarithm) and (2) its derivative with respect to $\\hat{\\rho}$.",
              "zh": f"稀疏自编码器的目标平均激活 $\\rho = {num(rho)}$，实际平均激活 $\\hat{{\\rho}} = {num(rho_hat)}$，惩罚系数 "
                    f"$\\beta = {num(beta)}$。求 (1) 惩罚项 $\\beta\\,\\mathrm{{KL}}(\\rho \\Vert \\hat{{\\rho}})$（自然对数），"
                    "(2) 它对 $\\hat{\\rho}$ 的导数。"}
    explain = {"en": "$\\mathrm{KL}(\\rho \\Vert \\hat{\\rho}) = \\rho \\log \\frac{\\rho}{\\hat{\\rho}} + (1 - \\rho) \\log \\frac{1 - \\rho}{1 - \\hat{\\rho}}$, "
                     "so $\\frac{\\partial}{\\partial \\hat{\\rho}} = \\beta\\left(-\\frac{\\rho}{\\hat{\\rho}} + \\frac{1 - \\rho}{1 - \\hat{\\rho}}\\right)$: "
                     "negative when $\\hat{\\rho} < \\rho$, positive when $\\hat{\\rho} > \\rho$.",
               "zh": "$\\mathrm{KL}(\\rho \\Vert \\hat{\\rho}) = \\rho \\log \\frac{\\rho}{\\hat{\\rho}} + (1 - \\rho) \\log \\frac{1 - \\rho}{1 - \\hat{\\rho}}$，"
                     "故 $\\frac{\\partial}{\\partial \\hat{\\rho}} = \\beta\\left(-\\frac{\\rho}{\\hat{\\rho}} + \\frac{1 - \\rho}{1 - \\hat{\\rho}}\\right)$："
                     "$\\hat{\\rho} < \\rho$ 时为负，$\\hat{\\rho} > \\rho$ 时为正。"}
    return question("kl-penalty", seed, "E", "numeric", prompt, (numeric_blank("1", value), numeric_blank("2", slope)),
                    explain=explain, params={"rho": rho, "rho_hat": rho_hat, "beta": beta},
                    catalog_id="sparse-autoencoder-penalty")
