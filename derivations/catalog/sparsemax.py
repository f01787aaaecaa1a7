"""Sparsemax: its KKT conditions and Jacobian (CATALOG B; lecture ch. 3)."""

from __future__ import annotations

import numpy as np

from derivations.catalog.numeric import central_difference, rel
from derivations.catalog.model import Entry, Part


def check_kkt(trials: int = 50) -> tuple[float, float]:
    """At p = sparsemax(z) (sort-based solver): τ's closed form on the support reproduces p, and
    μ = p − z + τ1 satisfies stationarity, dual feasibility and complementary slackness."""
    from checker.language.functions import FUNCTIONS

    rng = np.random.default_rng(0)
    worst = 0.0
    for _ in range(trials):
        z = rng.standard_normal((7, 1)) * rng.uniform(0.3, 3)
        p = FUNCTIONS["sparsemax"].forward(z)
        s = (p > 0).astype(float)
        tau = float((s.T @ z - 1)[0, 0] / s.sum())
        mu = p - z + tau
        worst = max(worst, float(np.max(np.abs(np.maximum(z - tau, 0) - p))), abs(p.sum() - 1),
                    float(np.max(np.abs(mu * p))), float(max(0.0, -mu.min())), float(max(0.0, -p.min())))
    return worst, 1e-9


def check_against_network() -> tuple[float, float]:
    """(diag(s) − ssᵀ/1ᵀs)ᵀ g equals checker.networks.Sparsemax's backward."""
    from checker.networks import Sparsemax

    rng = np.random.default_rng(10)
    z, g = rng.standard_normal((7, 1)) * 2, rng.standard_normal((7, 1))
    layer = Sparsemax()
    s = (layer.forward(z) > 0).astype(float)
    return rel(layer.backward(g), (np.diagflat(s) - s @ s.T / s.sum()).T @ g), 1e-12


# From the KKT solution (sparsemax-kkt): p = [z − τ1]₊ with τ = (sᵀz − 1)/(1ᵀs), s the support's indicator;
# never from the rule that states the Jacobian.
KKT_PROOF = (
    ("f = s .* (z - (s^T z - 1) / (1^T s) 1)",
     "the KKT solution: p = [z − τ1]₊ is z − τ1 on the support S and 0 off it, with τ = (sᵀz − 1)/(1ᵀs)"),
    ("df = s .* (dz - (s^T dz) / (1^T s) 1)", "away from ties the support is fixed, so s and 1ᵀs are constant: dτ = sᵀdz/(1ᵀs)"),
    ("= diag(s) dz - s (s^T dz) / (1^T s)", "s ∘ v = diag(s) v, and s ∘ 1 = s for a 0/1 vector"),
    ("= (diag(s) - s s^T / (1^T s)) dz", "collect: df = J dz"),
    ("jac = diag(s) - s s^T / (1^T s)", "read off J"),
)

ENTRIES = (
    Entry(
        id="sparsemax-kkt",
        topic="sparsemax",
        title={"en": "Sparsemax from the KKT conditions", "zh": "由 KKT 条件推导 Sparsemax"},
        statement={
            "en": "sparsemax(z) is the Euclidean projection of z onto the probability simplex. With L = ½‖p − z‖² − μᵀp + τ(1ᵀp − 1) the KKT conditions are p − z − μ + τ1 = 0, 1ᵀp = 1, p ≥ 0, μ ≥ 0 and μ_i p_i = 0; hence p = [z − τ1]₊ with τ = (Σ_{j∈S} z_j − 1)/|S| over the support S.",
            "zh": "sparsemax(z) 是 z 到概率单纯形上的欧氏投影。取 L = ½‖p − z‖² − μᵀp + τ(1ᵀp − 1)，KKT 条件为 p − z − μ + τ1 = 0、1ᵀp = 1、p ≥ 0、μ ≥ 0、μ_i p_i = 0；由此 p = [z − τ1]₊，其中 τ = (Σ_{j∈S} z_j − 1)/|S|，S 为支撑集。",
        },
        asked=("conditions", "proof"),
        symbols="z: K, p: K, mu: K, tau: scalar, s: K binary",
        parts=(
            Part("stationarity", "K", "p - z - mu + tau 1", kind="value", up_to_factor=True),
            Part("tau", "scalar", "(s^T z - 1) / (1^T s)", labels=("tau",)),
            Part("solution", "K", "max(z - tau 1, 0)", kink_aware=True, labels=("p",)),
        ),
        checks=(check_kkt,),
        core=True,
    ),
    Entry(
        id="sparsemax-jacobian", topic="sparsemax",
        title={"en": "Jacobian of sparsemax", "zh": "Sparsemax 的雅可比矩阵"},
        statement={"en": "Away from changes of the support, with s the 0/1 indicator of the support, ∂p/∂z = diag(s) − ssᵀ/(1ᵀs).",
                   "zh": "在支撑集不变的区域内，记 s 为支撑集的 0/1 指示向量，则 ∂p/∂z = diag(s) − ssᵀ/(1ᵀs)。"},
        asked=("jacobian",), symbols="z: K, s: K binary",
        parts=(Part("jacobian", "K x K", "diag(s) - s s^T / (1^T s)", kind="jacobian", function="sparsemax(z)", wrt="z",
                    where="s = I(sparsemax(z) > 0)", network=("p = sparsemax(z)",), proof=KKT_PROOF, steps=(
            ("f = sparsemax(z)", "p = sparsemax(z)"),
            ("df = s .* (dz - (s^T dz) / (1^T s) 1)",
             "on the support p = z − τ1, τ = (sᵀz − 1)/(1ᵀs), off it p = 0; the support is fixed away from ties"),
            ("df = (diag(s) - s s^T / (1^T s)) dz", "s∘v = diag(s)v, and s∘1 = s for a 0/1 vector"),
            ("jac = diag(s) - s s^T / (1^T s)", "read off the Jacobian"),
        )),),
        checks=(check_against_network,),
        verified_against="checker.networks.Sparsemax (backward)",
    ),
)
