"""Restricted Boltzmann machines: the log-likelihood gradient and CD-k (CATALOG G)."""

from __future__ import annotations

import itertools

import numpy as np

from derivations.catalog.numeric import central_difference, rel
from derivations.catalog.model import Entry


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
    numeric = central_difference(lambda ww: log_p(v, ww), w)
    sig = lambda t: 1 / (1 + np.exp(-t))  # noqa: E731
    joint = {(i, j): np.exp(vv @ w @ hh + a @ vv + b @ hh) for i, vv in enumerate(states_v) for j, hh in enumerate(states_h)}
    total = sum(joint.values())
    model = sum(joint[i, j] / total * np.outer(vv, hh) for i, vv in enumerate(states_v) for j, hh in enumerate(states_h))
    formula = np.outer(v, sig(w.T @ v + b)) - model
    return float(np.max(np.abs(numeric - formula)) / np.max(np.abs(formula))), 1e-6


def check_against_network() -> tuple[float, float]:
    """v σ(Wᵀv + b)ᵀ − E_model[v hᵀ] equals the gradient of checker.networks.RBM's exact log-likelihood."""
    from checker.networks import RBM

    rbm = RBM(3, 2, np.random.default_rng(4))
    v = (np.random.default_rng(5).random((3, 4)) < 0.5).astype(float)
    numeric = central_difference(lambda w: rbm.log_likelihood(v, {**rbm.params, "W": w}), rbm.params["W"])
    return rel(rbm.exact_gradient(v)["W"], numeric), 1e-6


ENTRIES = (
    Entry(
        id="rbm-gradient", topic="rbm",
        title={"en": "Log-likelihood gradient of an RBM", "zh": "RBM 对数似然的梯度"},
        statement={"en": "p(h=1|v) = σ(Wᵀv + b), p(v=1|h) = σ(Wh + a); ∂log p(v)/∂W = vσ(Wᵀv + b)ᵀ − E_model[vhᵀ]. CD-1 replaces the model expectation by one Gibbs step v → h → v' → h': W ← W + α(vhᵀ − v'h'ᵀ), a ← a + α(v − v'), b ← b + α(h − h').",
                   "zh": "p(h=1|v) = σ(Wᵀv + b)，p(v=1|h) = σ(Wh + a)；∂log p(v)/∂W = vσ(Wᵀv + b)ᵀ − E_model[vhᵀ]。CD-1 用一步 Gibbs 采样 v → h → v' → h' 代替模型期望：W ← W + α(vhᵀ − v'h'ᵀ)，a ← a + α(v − v')，b ← b + α(h − h')。"},
        asked=("derivation", "algorithm"), symbols="", parts=(), checks=(check_rbm, check_against_network),
        verified_against="checker.networks.RBM (exact log-likelihood by enumeration)",
    ),
)
