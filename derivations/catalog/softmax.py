"""Output units: softmax, its Jacobian and cross-entropy, logistic regression (CATALOG B; lecture ch. 3)."""

from __future__ import annotations

import numpy as np

from derivations.catalog.numeric import central_difference, rel
from derivations.catalog.model import Entry, MalRule, Part


def check_against_network() -> tuple[float, float]:
    """(diag(a) − aaᵀ)ᵀ g equals checker.networks.Softmax's backward for a random upstream g."""
    from checker.networks import Softmax

    rng = np.random.default_rng(9)
    z, g = rng.standard_normal((5, 1)), rng.standard_normal((5, 1))
    layer = Softmax()
    a = layer.forward(z)
    return rel(layer.backward(g), (np.diagflat(a) - a @ a.T).T @ g), 1e-12


# The course's proof (lecture ch. 4; seed 000, 证明题 1): the quotient rule on the definition, never the
# rule d softmax(z) = (diag(a) − aaᵀ)dz, which is the theorem itself.
SOFTMAX_PROOF = (
    ("f = exp(z) / (1^T exp(z))", "definition: softmax(z) = exp(z)/(1ᵀexp(z))"),
    ("df = (exp(z) .* dz) / (1^T exp(z)) - exp(z) (1^T (exp(z) .* dz)) / (1^T exp(z))^2",
     "quotient rule d(u/s) = du/s − u·ds/s², with du = d exp(z) = exp(z) ∘ dz and ds = 1ᵀdu"),
    ("= diag(exp(z)) dz / (1^T exp(z)) - (exp(z) / (1^T exp(z))) 1^T (diag(exp(z)) / (1^T exp(z))) dz", "u ∘ v = diag(u) v"),
    ("= diag(a) dz - a 1^T diag(a) dz", "a = exp(z)/(1ᵀexp(z)), and diag(u)/c = diag(u/c)"),
    ("= diag(a) dz - a a^T dz", "1ᵀdiag(a) = aᵀ"),
    ("= (diag(a) - a a^T) dz", "collect: df = J dz"),
    ("jac = diag(a) - a a^T", "read off J: ∂softmax(z)/∂zᵀ = diag(a) − aaᵀ"),
)

ENTRIES = (
    Entry(
        id="logistic-regression-gradient",
        topic="output units",
        title={"en": "Gradient of the logistic loss", "zh": "逻辑回归损失的梯度"},
        statement={
            "en": "For ℓ(w) = −Σ[y log σ(Xw) + (1 − y) log(1 − σ(Xw))], using σ' = σ(1 − σ) the terms collapse to ∇_w ℓ = Xᵀ(σ(Xw) − y).",
            "zh": "对 ℓ(w) = −Σ[y log σ(Xw) + (1 − y) log(1 − σ(Xw))]，利用 σ' = σ(1 − σ) 化简得 ∇_w ℓ = Xᵀ(σ(Xw) − y)。",
        },
        asked=("gradient",),
        symbols="X: N x d, w: d, y: N binary",
        parts=(Part("gradient", "d", "X^T (sigmoid(X w) - y)", kind="gradient",
                    function="-(y^T log(sigmoid(X w)) + (1 - y)^T log(1 - sigmoid(X w)))", wrt="w",
                    network=("z = X w", "y_hat = sigmoid(z)")),),
    ),
    Entry(
        id="softmax-cross-entropy-gradient",
        topic="output units",
        title={"en": "Gradient of softmax cross-entropy", "zh": "Softmax 交叉熵的梯度"},
        statement={
            "en": "With a = softmax(z) and ℓ = −log a_y = −e_yᵀ log a, ∇_z ℓ = a − e_y (the lecture writes −(e(y) − f(x))).",
            "zh": "设 a = softmax(z)，ℓ = −log a_y = −e_yᵀ log a，则 ∇_z ℓ = a − e_y（讲义写作 −(e(y) − f(x))）。",
        },
        asked=("gradient",),
        symbols="z: K",
        parts=(Part("gradient", "K", "a - e_y", kind="gradient", where="a = softmax(z)", function="-e_y^T log(softmax(z))", wrt="z"),),
    ),
    Entry(
        id="softmax-jacobian",
        topic="output units",
        title={"en": "Jacobian of softmax", "zh": "Softmax 的雅可比矩阵"},
        statement={
            "en": "With a = softmax(z) = exp(z)/(1ᵀexp(z)), ∂a/∂z = diag(a) − aaᵀ: entry (i, j) is a_i(δ_ij − a_j).",
            "zh": "设 a = softmax(z) = exp(z)/(1ᵀexp(z))，则 ∂a/∂z = diag(a) − aaᵀ，其 (i, j) 元为 a_i(δ_ij − a_j)。",
        },
        asked=("jacobian", "proof"),
        symbols="z: K",
        parts=(
            Part("jacobian", "K x K", "diag(a) - a a^T", kind="jacobian", where="a = softmax(z)", function="softmax(z)", wrt="z",
                 proof=SOFTMAX_PROOF, malrules=(
                MalRule("missing-term", "diag(a)", {
                    "en": "The −aaᵀ term is missing: the denominator 1ᵀexp(z) also depends on z, and differentiating it gives −aaᵀ.",
                    "zh": "少了 −aaᵀ 项：分母 1ᵀexp(z) 也依赖于 z，对它求导得到 −aaᵀ。"}),
            )),
        ),
        core=True,
        checks=(check_against_network,),
        verified_against="checker.networks.Softmax (backward)",
    ),
)
