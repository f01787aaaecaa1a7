"""Residuals through mean and max pooling (CATALOG F; lecture ch. 7)."""

from __future__ import annotations

import numpy as np

from derivations.catalog.numeric import central_difference, rel
from derivations.catalog.model import Entry, Part


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

    numeric = central_difference(lambda zz: float(np.sum(d_next * mean_pool(f(zz)))), z)
    formula = np.kron(d_next, np.ones((s, s))) / s**2 * fp(z)
    err_mean = np.max(np.abs(numeric - formula)) / np.max(np.abs(formula))
    numeric = central_difference(lambda zz: float(np.sum(d_next * max_pool(f(zz)))), z)
    a = f(z)
    winners = (a == np.kron(max_pool(a), np.ones((s, s)))).astype(float)
    routed = np.kron(d_next, np.ones((s, s))) * winners * fp(z)
    err_max = np.max(np.abs(numeric - routed)) / np.max(np.abs(routed))
    return float(max(err_mean, err_max)), 1e-6


def check_against_network() -> tuple[float, float]:
    """The formulas equal checker.networks.MeanPool / MaxPool backward (then ∘ f'(z))."""
    from checker.networks import MaxPool, MeanPool

    rng = np.random.default_rng(3)
    s, m = 2, 6
    a, d_next = rng.standard_normal((m, m)), rng.standard_normal((m // s, m // s))
    mean = MeanPool(s)
    mean.forward(a)
    err_mean = rel(mean.backward(d_next), np.kron(d_next, np.ones((s, s))) / s**2)
    pool = MaxPool(s)
    pooled = pool.forward(a)
    winners = (a == np.kron(pooled, np.ones((s, s)))).astype(float)
    err_max = rel(pool.backward(d_next), np.kron(d_next, np.ones((s, s))) * winners)
    return max(err_mean, err_max), 1e-12


# 2×2 mean pooling as matrices (lecture ch. 7: z_{l+1} = down(a_l), a_l = f(z_l)): with P = kron(I, 1ᵀ) (k × 2k),
# down(a) = P a Pᵀ / 4 and its adjoint up(δ) = Pᵀ δ P / 4 = kron(δ, 11ᵀ)/4
MEAN_POOL = ("a_l = f(z_l)", "z_{l+1} = kron(I, 1^T) a_l kron(I, 1) / 4")
MEAN_STEPS = (
    ("f = sum(delta_{l+1} .* z_{l+1})", "J's change through z_{l+1}: ⟨δ_{l+1}, dz_{l+1}⟩"),
    ("df = sum(delta_{l+1} .* (kron(I, 1^T) (f'(z_l) .* dz_l) kron(I, 1))) / 4", "down is linear; d f(z) = f′(z)∘dz"),
    ("df = tr((kron(I, 1) delta_{l+1} kron(I, 1^T) / 4 .* f'(z_l))^T dz_l)",
     "sum(A∘(PXPᵀ)) = Tr((PᵀAP)ᵀX), then Tr(Aᵀ(B∘C)) = Tr((A∘B)ᵀC)"),
    ("grad = kron(delta_{l+1}, 1 1^T) / 4 .* f'(z_l)", "Pᵀ δ P = kron(δ, 11ᵀ): each residual spread over its 2×2 block"),
)

ENTRIES = (
    Entry(
        id="pooling-residual", topic="pooling",
        title={"en": "Residuals through pooling", "zh": "残差通过池化层回传"},
        statement={"en": "For s×s mean pooling, δ_l = (kron(δ_{l+1}, 11ᵀ)/s²) ∘ f'(z_l); for max pooling each δ_{l+1} entry goes back to the position that won the max, and the others get 0.",
                   "zh": "对 s×s 平均池化，δ_l = (kron(δ_{l+1}, 11ᵀ)/s²) ∘ f'(z_l)；对最大池化，δ_{l+1} 的每个元素回传到取得最大值的位置，其余位置为 0。"},
        asked=("derivation",), symbols="z_l: 2k x 2k, delta_{l+1}: k x k",
        parts=(Part("mean-delta", "2k x 2k", "kron(delta_{l+1}, 1 1^T) / 4 .* f'(z_l)", kind="gradient",
                    function="sum(delta_{l+1} .* z_{l+1})", wrt="z_l", network=MEAN_POOL, labels=("delta_l",), steps=MEAN_STEPS),),
        checks=(check_pooling, check_against_network),
        verified_against="checker.networks.MeanPool and MaxPool (backward) and central differences",
    ),
)
