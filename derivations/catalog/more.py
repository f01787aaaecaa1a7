"""Further results: sparsemax Jacobian, maxout, a collapsed linear network, attention scores, BPTT,
the sparse-autoencoder penalty (CATALOG A, B, C, E, G)."""

from __future__ import annotations

import numpy as np

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


def check_attention_variance(samples: int = 40_000) -> tuple[float, float]:
    """For x, q with independent unit-variance entries, Var(xᵀq) = D."""
    rng = np.random.default_rng(3)
    worst = 0.0
    for d in (4, 64):
        x, q = rng.standard_normal((samples, d)), rng.standard_normal((samples, d))
        worst = max(worst, abs((x * q).sum(axis=1).var() / d - 1))
    return worst, 5 * np.sqrt(2.0 / samples) * 2


ENTRIES = (
    Entry(
        id="linear-network-collapse", topic="mlp",
        title={"en": "Stacked linear layers are one linear layer", "zh": "堆叠的线性层等价于一个线性层"},
        statement={"en": "W2(W1x + b1) + b2 = (W2W1)x + (W2b1 + b2): without a nonlinearity, depth adds no expressive power.",
                   "zh": "W2(W1x + b1) + b2 = (W2W1)x + (W2b1 + b2)：没有非线性激活，加深网络并不增加表达能力。"},
        asked=("proof",), symbols="W1: h x n, b1: h, W2: m x h, b2: m, x: n",
        parts=(Part("collapsed", "m", "(W2 W1) x + (W2 b1 + b2)"),),
        identities=("W2 (W1 x + b1) + b2 = (W2 W1) x + (W2 b1 + b2)",),
    ),
    Entry(
        id="sparsemax-jacobian", topic="sparsemax",
        title={"en": "Jacobian of sparsemax", "zh": "sparsemax 的 Jacobian"},
        statement={"en": "Away from changes of the support, with s the 0/1 indicator of the support, ∂p/∂z = diag(s) − ssᵀ/(1ᵀs).",
                   "zh": "在支撑集不变的区域内，记 s 为支撑集的 0/1 指示向量，则 ∂p/∂z = diag(s) − ssᵀ/(1ᵀs)。"},
        asked=("jacobian",), symbols="z: K, s: K binary",
        parts=(Part("jacobian", "K x K", "diag(s) - s s^T / (1^T s)", kind="jacobian", function="sparsemax(z)", wrt="z",
                    where="s = I(sparsemax(z) > 0)"),),
    ),
    Entry(
        id="maxout-gradient", topic="activations",
        title={"en": "Gradient of a maxout unit", "zh": "maxout 单元的梯度"},
        statement={"en": "h = max_k(w_kᵀx + b_k); with the rows w_kᵀ stacked in W, ∇ₓh = w_{k*} for the winning k*, i.e. Wᵀ times the one-hot of the winner.",
                   "zh": "h = max_k(w_kᵀx + b_k)；把各 w_kᵀ 作为 W 的行，则 ∇ₓh = w_{k*}（k* 为取得最大值的那一路），即 Wᵀ 乘以获胜者的 one-hot 向量。"},
        asked=("gradient",), symbols="W: k x n, b: k, x: n",
        parts=(Part("gradient", "n", "W^T I(W x + b >= max(W x + b))", kind="gradient", function="max(W x + b)", wrt="x", kink_aware=True),),
    ),
    Entry(
        id="scaled-dot-product", topic="attention",
        title={"en": "Scaled dot-product attention", "zh": "缩放点积注意力"},
        statement={"en": "For α = softmax(z), ∂αᵢ/∂zⱼ = αᵢ(δᵢⱼ − αⱼ). For x, q ∈ ℝᴰ with unit-variance entries Var(xᵀq) = D, so dividing the scores by √D keeps softmax out of saturation.",
                   "zh": "对 α = softmax(z)，∂αᵢ/∂zⱼ = αᵢ(δᵢⱼ − αⱼ)。若 x, q ∈ ℝᴰ 的各分量方差为 1，则 Var(xᵀq) = D，因此将得分除以 √D 可避免 softmax 饱和。"},
        asked=("derivative", "concept"), symbols="z: K",
        parts=(Part("jacobian", "K x K", "diag(alpha) - alpha alpha^T", kind="jacobian", where="alpha = softmax(z)", function="softmax(z)", wrt="z"),),
        checks=(check_attention_variance,),
    ),
    Entry(
        id="rnn-bptt", topic="rnn",
        title={"en": "Backpropagation through time", "zh": "随时间反向传播（BPTT）"},
        statement={"en": "With z_t = Uh_{t−1} + Wx_t + b and h_t = f(z_t), δ_{t,k} = ∂L_t/∂z_k = diag(f'(z_k))Uᵀδ_{t,k+1} and ∂L/∂U = Σ_t Σ_{k≤t} δ_{t,k}h_{k−1}ᵀ. With γ ≈ ‖diag(f')Uᵀ‖, δ_{t,k} ≈ γ^{t−k}δ_{t,t}: gradients explode for γ > 1 and vanish for γ < 1.",
                   "zh": "设 z_t = Uh_{t−1} + Wx_t + b，h_t = f(z_t)，则 δ_{t,k} = ∂L_t/∂z_k = diag(f'(z_k))Uᵀδ_{t,k+1}，∂L/∂U = Σ_t Σ_{k≤t} δ_{t,k}h_{k−1}ᵀ。记 γ ≈ ‖diag(f')Uᵀ‖，则 δ_{t,k} ≈ γ^{t−k}δ_{t,t}：γ > 1 时梯度爆炸，γ < 1 时梯度消失。"},
        asked=("derivation",), symbols="U: h x h, z_k: h, delta_{t,k+1}: h",
        parts=(Part("delta", "h", "diag(f'(z_k)) U^T delta_{t,k+1}", kind="gradient", function="delta_{t,k+1}^T U f(z_k)", wrt="z_k"),),
        checks=(check_bptt_growth,),
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
