"""Results about whole layers, checked numerically in NumPy: pooling, batch normalisation, RBM
(CATALOG F, G). They have no typed answer part yet; `dlprep verify` runs their checks."""

from __future__ import annotations

import itertools

import numpy as np

from derivations.catalog.model import Entry


def _fd(f, x: np.ndarray, h: float = 1e-6) -> np.ndarray:  # type: ignore[no-untyped-def]
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[i] = h
        g[i] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def check_pooling() -> tuple[float, float]:
    """Mean pooling: δ_l = (kron(δ_{l+1}, 11ᵀ)/s²) ∘ f'(z_l); max pooling routes δ_{l+1} to the arg-max."""
    rng = np.random.default_rng(0)
    s, m = 2, 6
    z = rng.standard_normal((m, m))
    d_next = rng.standard_normal((m // s, m // s))
    f, fp = np.tanh, lambda t: 1 - np.tanh(t) ** 2

    def mean_pool(a: np.ndarray) -> np.ndarray:
        return a.reshape(m // s, s, m // s, s).mean(axis=(1, 3))

    def max_pool(a: np.ndarray) -> np.ndarray:
        return a.reshape(m // s, s, m // s, s).max(axis=(1, 3))

    numeric = _fd(lambda zz: float(np.sum(d_next * mean_pool(f(zz)))), z)
    formula = np.kron(d_next, np.ones((s, s))) / s**2 * fp(z)
    err_mean = np.max(np.abs(numeric - formula)) / np.max(np.abs(formula))
    numeric = _fd(lambda zz: float(np.sum(d_next * max_pool(f(zz)))), z)
    a = f(z)
    winners = (a == np.kron(max_pool(a), np.ones((s, s)))).astype(float)
    routed = np.kron(d_next, np.ones((s, s))) * winners * fp(z)
    err_max = np.max(np.abs(numeric - routed)) / np.max(np.abs(routed))
    return float(max(err_mean, err_max)), 1e-6


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
    numeric = _fd(lambda xx: float(g @ _batchnorm(xx, gamma, beta, eps)), x)
    err = np.max(np.abs(numeric - formula)) / np.max(np.abs(formula))
    identity = np.max(np.abs(_batchnorm(x, np.sqrt(x.var()), x.mean(), 0.0) - x)) / np.max(np.abs(x))
    return float(max(err, identity)), 1e-6


def check_rbm() -> tuple[float, float]:
    """∂ log p(v)/∂W = v σ(Wᵀv + b)ᵀ − E_model[v hᵀ], against the exact gradient by enumeration."""
    rng = np.random.default_rng(2)
    nv, nh = 3, 2
    w, a, b = rng.standard_normal((nv, nh)) * 0.5, rng.standard_normal(nv) * 0.3, rng.standard_normal(nh) * 0.3
    states_v = [np.array(s, float) for s in itertools.product([0, 1], repeat=nv)]
    states_h = [np.array(s, float) for s in itertools.product([0, 1], repeat=nh)]

    def log_p(v: np.ndarray, w: np.ndarray) -> float:
        def energy(v: np.ndarray, h: np.ndarray) -> float:
            return -(v @ w @ h + a @ v + b @ h)
        z = sum(np.exp(-energy(vv, hh)) for vv in states_v for hh in states_h)
        return float(np.log(sum(np.exp(-energy(v, hh)) for hh in states_h) / z))

    v = np.array([1.0, 0.0, 1.0])
    numeric = _fd(lambda ww: log_p(v, ww), w)
    sig = lambda t: 1 / (1 + np.exp(-t))  # noqa: E731
    joint = {(i, j): np.exp(vv @ w @ hh + a @ vv + b @ hh) for i, vv in enumerate(states_v) for j, hh in enumerate(states_h)}
    total = sum(joint.values())
    model = sum(joint[i, j] / total * np.outer(vv, hh) for i, vv in enumerate(states_v) for j, hh in enumerate(states_h))
    formula = np.outer(v, sig(w.T @ v + b)) - model
    return float(np.max(np.abs(numeric - formula)) / np.max(np.abs(formula))), 1e-6


ENTRIES = (
    Entry(
        id="pooling-residual", topic="pooling",
        title={"en": "Residuals through pooling", "zh": "残差通过池化层回传"},
        statement={"en": "For s×s mean pooling, δ_l = (kron(δ_{l+1}, 11ᵀ)/s²) ∘ f'(z_l); for max pooling each δ_{l+1} entry goes back to the position that won the max, and the others get 0.",
                   "zh": "对 s×s 平均池化，δ_l = (kron(δ_{l+1}, 11ᵀ)/s²) ∘ f'(z_l)；对最大池化，δ_{l+1} 的每个元素回传到取得最大值的位置，其余位置为 0。"},
        asked=("derivation",), symbols="", parts=(), checks=(check_pooling,),
    ),
    Entry(
        id="batchnorm-backward", topic="batchnorm",
        title={"en": "Backward pass of batch normalisation", "zh": "批归一化的反向传播"},
        statement={"en": "With x̂ = (x − μ_B)/√(σ_B² + ε) and ŷ = γx̂ + β over a batch of N, ∂L/∂x = (γ/(N√(σ_B²+ε)))(N g − Σg − x̂ Σ(g∘x̂)) for g = ∂L/∂ŷ. Choosing γ = √σ_B² and β = μ_B (ε = 0) makes the layer the identity, so normalisation loses nothing it cannot learn back.",
                   "zh": "设 x̂ = (x − μ_B)/√(σ_B² + ε)，ŷ = γx̂ + β，批大小为 N，g = ∂L/∂ŷ，则 ∂L/∂x = (γ/(N√(σ_B²+ε)))(N g − Σg − x̂ Σ(g∘x̂))。取 γ = √σ_B²、β = μ_B（ε = 0）时该层是恒等映射，因此归一化不会丢失可学回的信息。"},
        asked=("derivation",), symbols="", parts=(), checks=(check_batchnorm,),
    ),
    Entry(
        id="rbm-gradient", topic="rbm",
        title={"en": "Log-likelihood gradient of an RBM", "zh": "RBM 对数似然的梯度"},
        statement={"en": "p(h=1|v) = σ(Wᵀv + b), p(v=1|h) = σ(Wh + a); ∂log p(v)/∂W = vσ(Wᵀv + b)ᵀ − E_model[vhᵀ]. CD-1 replaces the model expectation by one Gibbs step v → h → v' → h': W ← W + α(vhᵀ − v'h'ᵀ), a ← a + α(v − v'), b ← b + α(h − h').",
                   "zh": "p(h=1|v) = σ(Wᵀv + b)，p(v=1|h) = σ(Wh + a)；∂log p(v)/∂W = vσ(Wᵀv + b)ᵀ − E_model[vhᵀ]。CD-1 用一步 Gibbs 采样 v → h → v' → h' 代替模型期望：W ← W + α(vhᵀ − v'h'ᵀ)，a ← a + α(v − v')，b ← b + α(h − h')。"},
        asked=("derivation", "algorithm"), symbols="", parts=(), checks=(check_rbm,),
    ),
)
