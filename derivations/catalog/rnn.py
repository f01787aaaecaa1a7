"""Backpropagation through time and exploding/vanishing gradients (CATALOG G)."""

from __future__ import annotations

import numpy as np

from derivations.catalog.numeric import central_difference, rel
from derivations.catalog.model import Entry, Part


def check_bptt_growth() -> tuple[float, float]:
    """With a linear unit (f' = 1) and U = γQ (Q orthogonal), ‖δ_{t,k}‖ = γ^{t−k}‖δ_{t,t}‖ exactly:
    gradients explode for γ > 1 and vanish for γ < 1."""
    rng = np.random.default_rng(0)
    worst = 0.0
    for gamma in (0.5, 1.5):
        q, _ = np.linalg.qr(rng.standard_normal((6, 6)))
        u = gamma * q
        delta = rng.standard_normal((6, 1))
        norm0 = np.linalg.norm(delta)
        for steps in range(1, 8):
            delta = u.T @ delta  # δ_{t,k} = diag(f'(z_k)) Uᵀ δ_{t,k+1} with f' = 1
            worst = max(worst, abs(np.linalg.norm(delta) / (gamma**steps * norm0) - 1))
    return worst, 1e-12


def check_against_network() -> tuple[float, float]:
    """∂L/∂U = Σ_t Σ_{k≤t} δ_{t,k} h_{k−1}ᵀ with δ_{t,k} = diag(f'(z_k)) Uᵀ δ_{t,k+1} (the double sum, written out)
    equals checker.networks.RNN's BPTT for L = Σ_t ⟨g_t, h_t⟩."""
    from checker.networks import RNN

    rng = np.random.default_rng(6)
    rnn = RNN(3, 4, rng)
    xs, h0 = [rng.standard_normal((3, 1)) for _ in range(5)], rng.standard_normal((4, 1))
    gs = [rng.standard_normal((4, 1)) for _ in range(5)]
    hs = [h0] + rnn.forward(xs, h0)
    rnn.backward(gs)
    U = rnn.params["U"]
    dU = np.zeros_like(U)
    for t in range(5):
        delta = gs[t] * (1 - hs[t + 1] ** 2)  # δ_{t,t}
        for k in range(t, -1, -1):
            dU += delta @ hs[k].T
            if k:
                delta = (1 - hs[k] ** 2) * (U.T @ delta)  # δ_{t,k−1}
    return rel(dU, rnn.grads["U"]), 1e-12


ENTRIES = (
    Entry(
        id="rnn-bptt", topic="rnn",
        title={"en": "Backpropagation through time", "zh": "随时间反向传播（BPTT）"},
        statement={"en": "With z_t = Uh_{t−1} + Wx_t + b and h_t = f(z_t), δ_{t,k} = ∂L_t/∂z_k = diag(f'(z_k))Uᵀδ_{t,k+1} and ∂L/∂U = Σ_t Σ_{k≤t} δ_{t,k}h_{k−1}ᵀ. With γ ≈ ‖diag(f')Uᵀ‖, δ_{t,k} ≈ γ^{t−k}δ_{t,t}: gradients explode for γ > 1 and vanish for γ < 1.",
                   "zh": "设 z_t = Uh_{t−1} + Wx_t + b，h_t = f(z_t)，则 δ_{t,k} = ∂L_t/∂z_k = diag(f'(z_k))Uᵀδ_{t,k+1}，∂L/∂U = Σ_t Σ_{k≤t} δ_{t,k}h_{k−1}ᵀ。记 γ ≈ ‖diag(f')Uᵀ‖，则 δ_{t,k} ≈ γ^{t−k}δ_{t,t}：γ > 1 时梯度爆炸，γ < 1 时梯度消失。"},
        asked=("derivation",), symbols="U: h x h, z_k: h, delta_{t,k+1}: h, W: h x n, x_{k+1}: n, b: h",
        parts=(Part("delta", "h", "diag(f'(z_k)) U^T delta_{t,k+1}", kind="gradient", function="delta_{t,k+1}^T z_{k+1}", wrt="z_k",
                    network=("h_k = f(z_k)", "z_{k+1} = U h_k + W x_{k+1} + b"), labels=("delta_{t,k}",)),),
        checks=(check_bptt_growth, check_against_network),
        verified_against="checker.networks.RNN (BPTT)",
    ),
)
