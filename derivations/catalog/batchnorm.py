"""Batch normalisation: backward pass and the identity case (CATALOG G)."""

from __future__ import annotations

import numpy as np

from derivations.catalog.numeric import central_difference, rel
from derivations.catalog.model import Entry, Part


def _batchnorm(x: np.ndarray, gamma: float, beta: float, eps: float) -> np.ndarray:
    return gamma * (x - x.mean()) / np.sqrt(x.var() + eps) + beta


def check_batchnorm() -> tuple[float, float]:
    """∂L/∂x = (γ/(N√(σ²+ε)))(N g − Σg − x̂ Σ(g∘x̂)); and γ = √σ², β = μ (ε = 0) gives the identity."""
    rng = np.random.default_rng(1)
    x, g = rng.standard_normal(9) * 2 + 1, rng.standard_normal(9)
    gamma, beta, eps = 1.7, -0.3, 1e-3
    n = x.size
    xhat = (x - x.mean()) / np.sqrt(x.var() + eps)
    formula = gamma / (n * np.sqrt(x.var() + eps)) * (n * g - g.sum() - xhat * (g * xhat).sum())
    numeric = central_difference(lambda xx: float(g @ _batchnorm(xx, gamma, beta, eps)), x)
    err = np.max(np.abs(numeric - formula)) / np.max(np.abs(formula))
    identity = np.max(np.abs(_batchnorm(x, np.sqrt(x.var()), x.mean(), 0.0) - x)) / np.max(np.abs(x))
    return float(max(err, identity)), 1e-6


def check_against_network() -> tuple[float, float]:
    """The formula, per feature, equals checker.networks.BatchNorm's backward on a 3-feature batch."""
    from checker.networks import BatchNorm

    rng = np.random.default_rng(2)
    x, g = rng.standard_normal((3, 7)) * 2 + 1, rng.standard_normal((3, 7))
    layer = BatchNorm(3, eps=1e-3)
    layer.forward(x)
    worst = 0.0
    for row in range(3):
        gamma, eps, n = float(layer.params["gamma"][row, 0]), 1e-3, x.shape[1]
        xhat = (x[row] - x[row].mean()) / np.sqrt(x[row].var() + eps)
        formula = gamma / (n * np.sqrt(x[row].var() + eps)) * (n * g[row] - g[row].sum() - xhat * (g[row] * xhat).sum())
        worst = max(worst, rel(layer.backward(g)[row], formula))
    return worst, 1e-10


# one feature over a batch of m examples (m = sum(x.^0), the number of entries of x), as the statement
# writes the forward pass: μ_B = 1ᵀx/m, x_c = x − μ_B1, σ_B² = x_cᵀx_c/m, x̂ = x_c/√(σ_B² + ε), ŷ = γx̂ + β1
FORWARD = ("m = sum(x .^ 0)", "mu_B = 1^T x / m", "x_c = x - mu_B 1", "sigma_B = sqrt(x_c^T x_c / m)",
           "x_hat = x_c / sqrt(sigma_B^2 + epsilon)", "y_hat = gamma x_hat + beta 1")
BACKWARD = "gamma (g - 1 1^T g / m - x_hat x_hat^T g / m) / sqrt(sigma_B^2 + epsilon)"
STEPS = (
    ("f = g^T y_hat", "L's change through ŷ = γx̂ + β1, with g = ∂L/∂ŷ"),
    ("df = gamma g^T dx_hat", "γ, β are not the variable"),
    ("df = gamma g^T (dx_c / sqrt(sigma_B^2 + epsilon) - x_c (x_c^T dx_c) / (m sqrt(sigma_B^2 + epsilon)^3))",
     "x̂ = x_c (σ_B² + ε)^(−1/2), dσ_B² = 2 x_cᵀ dx_c / m"),
    ("df = gamma (g - x_hat x_hat^T g / m)^T dx_c / sqrt(sigma_B^2 + epsilon)", "x_c / √(σ_B² + ε) = x̂; collect"),
    ("df = (" + BACKWARD + ")^T dx", "dx_c = (I − 11ᵀ/m) dx, and 1ᵀx̂ = 0"),
    ("grad = " + BACKWARD, "read off G: (γ/(m√(σ_B²+ε)))(m g − Σg − x̂ Σ(g∘x̂))"),
)

ENTRIES = (
    Entry(
        id="batchnorm-backward", topic="batchnorm",
        title={"en": "Backward pass of batch normalisation", "zh": "批归一化的反向传播"},
        statement={"en": "With x̂ = (x − μ_B)/√(σ_B² + ε) and ŷ = γx̂ + β over a batch of N, ∂L/∂x = (γ/(N√(σ_B²+ε)))(N g − Σg − x̂ Σ(g∘x̂)) for g = ∂L/∂ŷ. Choosing γ = √σ_B² and β = μ_B (ε = 0) makes the layer the identity, so normalisation loses nothing it cannot learn back.",
                   "zh": "设 x̂ = (x − μ_B)/√(σ_B² + ε)，ŷ = γx̂ + β，批大小为 N，g = ∂L/∂ŷ，则 ∂L/∂x = (γ/(N√(σ_B²+ε)))(N g − Σg − x̂ Σ(g∘x̂))。取 γ = √σ_B²、β = μ_B（ε = 0）时该层是恒等映射，因此归一化不会丢失可学回的信息。"},
        asked=("derivation",), symbols="x: n, g: n, gamma: scalar, beta: scalar, epsilon: scalar positive",
        parts=(Part("dx", "n", BACKWARD, kind="gradient", function="g^T y_hat", wrt="x", network=FORWARD, steps=STEPS),),
        checks=(check_batchnorm, check_against_network),
        verified_against="checker.networks.BatchNorm (backward) and central differences",
    ),
)
