"""A tied-weight autoencoder with a sparsity penalty (CATALOG E; lecture ch. 6).

h = σ(W x + b), x̂ = Wᵀ h + c, J = (1/N) Σ ½‖x̂ − x‖² + β Σⱼ KL(ρ ‖ ρ̂ⱼ), ρ̂ = mean of h over the batch.
∂/∂ρ̂ β KL(ρ‖ρ̂) = β(−ρ/ρ̂ + (1 − ρ)/(1 − ρ̂)). W gets a decoder term h rᵀ and an encoder term
(δ_h) xᵀ, with r = (x̂ − x)/N and δ_h = (W r + β KL′/N) ∘ h ∘ (1 − h).
"""

from __future__ import annotations

import numpy as np

from checker.networks.activations import sigmoid


class TiedAutoencoder:
    smooth = True

    def __init__(self, n: int, hidden: int, *, beta: float = 0.1, rho: float = 0.05, rng: np.random.Generator | None = None) -> None:
        rng = rng or np.random.default_rng(0)
        self.beta, self.rho = beta, rho
        self.params = {"W": rng.standard_normal((hidden, n)) / np.sqrt(n), "b": np.zeros((hidden, 1)), "c": np.zeros((n, 1))}

    def loss_and_grads(self, params: dict[str, np.ndarray], x: np.ndarray, y: np.ndarray | None = None) -> tuple[float, dict[str, np.ndarray]]:
        W, b, c = params["W"], params["b"], params["c"]
        n = x.shape[1]
        h = sigmoid(W @ x + b)
        r = (W.T @ h + c - x) / n
        rho_hat = h.mean(axis=1, keepdims=True)
        kl = self.rho * np.log(self.rho / rho_hat) + (1 - self.rho) * np.log((1 - self.rho) / (1 - rho_hat))
        loss = 0.5 * np.sum((W.T @ h + c - x) ** 2) / n + self.beta * np.sum(kl)
        kl_prime = self.beta * (-self.rho / rho_hat + (1 - self.rho) / (1 - rho_hat))
        delta_h = (W @ r + kl_prime / n) * h * (1 - h)
        grads = {"W": h @ r.T + delta_h @ x.T, "b": delta_h.sum(axis=1, keepdims=True), "c": r.sum(axis=1, keepdims=True)}
        return (loss if np.iscomplexobj(loss) else float(loss)), grads
