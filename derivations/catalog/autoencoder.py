"""Autoencoders: tied weights and the sparsity penalty (CATALOG E; lecture ch. 6)."""

from __future__ import annotations

import numpy as np

from derivations.catalog.numeric import central_difference, rel
from derivations.catalog.model import Entry, Part


def check_against_network() -> tuple[float, float]:
    """The tied-autoencoder gradient (decoder term h rᵀ plus encoder term) and the KL derivative equal
    checker.networks.TiedAutoencoder's gradient with and without the sparsity penalty."""
    from checker.networks import TiedAutoencoder

    rng = np.random.default_rng(12)
    ae = TiedAutoencoder(5, 3, beta=0.0, rng=rng)
    x = rng.uniform(0, 1, (5, 1))
    W, b, c = ae.params["W"], ae.params["b"], ae.params["c"]
    h = 1 / (1 + np.exp(-(W @ x + b)))
    r = W.T @ h + c - x
    formula = h @ r.T + ((W @ r) * h * (1 - h)) @ x.T
    worst = rel(ae.loss_and_grads(ae.params, x)[1]["W"], formula)
    sparse = TiedAutoencoder(5, 3, beta=0.3, rho=0.1, rng=np.random.default_rng(12))
    kl = central_difference(lambda bb: sparse.loss_and_grads({**sparse.params, "b": bb}, x)[0], sparse.params["b"])
    return max(worst, rel(sparse.loss_and_grads(sparse.params, x)[1]["b"], kl)), 1e-6


ENTRIES = (
    Entry(
        id="tied-autoencoder-gradient",
        topic="autoencoder",
        title={"en": "Gradient of a tied-weight autoencoder", "zh": "权重共享自编码器的梯度"},
        statement={
            "en": "For J = ½‖Wᵀσ(Wx + b) + c − x‖² with h = σ(Wx + b) and r = Wᵀh + c − x, W appears in the decoder and the encoder: ∇_W J = h rᵀ + (σ'(Wx + b) ∘ W r) xᵀ.",
            "zh": "对 J = ½‖Wᵀσ(Wx + b) + c − x‖²，记 h = σ(Wx + b)，r = Wᵀh + c − x。W 同时出现在解码器与编码器中：∇_W J = h rᵀ + (σ'(Wx + b) ∘ W r) xᵀ。",
        },
        asked=("gradient",),
        symbols="W: h x n, x: n, b: h, c: n",
        parts=(Part("gradient", "h x n", "sigmoid(W x + b) (W^T sigmoid(W x + b) + c - x)^T + (sigmoid'(W x + b) .* (W (W^T sigmoid(W x + b) + c - x))) x^T",
                    kind="gradient", function="1/2 ||W^T sigmoid(W x + b) + c - x||^2", wrt="W",
                    network=("z = W x + b", "h = sigmoid(z)", "r = W^T h + c - x")),),
        checks=(check_against_network,),
        verified_against="checker.networks.TiedAutoencoder",
    ),
    Entry(
        id="sparse-autoencoder-penalty", topic="autoencoder",
        title={"en": "Derivative of the sparsity penalty", "zh": "稀疏惩罚项的导数"},
        statement={"en": "β KL(ρ‖ρ̂) = β[ρ log(ρ/ρ̂) + (1 − ρ) log((1 − ρ)/(1 − ρ̂))] has derivative β(−ρ/ρ̂ + (1 − ρ)/(1 − ρ̂)) with respect to the mean activation ρ̂.",
                   "zh": "β KL(ρ‖ρ̂) = β[ρ log(ρ/ρ̂) + (1 − ρ) log((1 − ρ)/(1 − ρ̂))] 对平均激活 ρ̂ 的导数为 β(−ρ/ρ̂ + (1 − ρ)/(1 − ρ̂))。"},
        asked=("derivative",), symbols="rho: scalar fraction, rho_hat: scalar fraction, beta: scalar positive",
        parts=(Part("derivative", "scalar", "beta (-rho / rho_hat + (1 - rho) / (1 - rho_hat))", kind="gradient",
                    function="beta (rho log(rho / rho_hat) + (1 - rho) log((1 - rho) / (1 - rho_hat)))", wrt="rho_hat"),),
    ),
)
