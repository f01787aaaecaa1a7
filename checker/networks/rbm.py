"""A binary restricted Boltzmann machine (CATALOG G, rbm-gradient).

Energy E(v, h) = −aᵀv − bᵀh − vᵀW h with W (n_v × n_h); p(h = 1 | v) = σ(Wᵀv + b),
p(v = 1 | h) = σ(W h + a). ∂ log p(v)/∂W = v σ(Wᵀv + b)ᵀ − E_model[v hᵀ]; the model expectation is
exact here by enumerating all 2^(n_v + n_h) states (tiny RBMs only), or approximated by CD-k.
"""

from __future__ import annotations

import itertools

import numpy as np

from checker.networks.activations import sigmoid

MAX_UNITS = 12


class RBM:
    def __init__(self, n_visible: int, n_hidden: int, rng: np.random.Generator | None = None) -> None:
        rng = rng or np.random.default_rng(0)
        self.params = {"W": 0.5 * rng.standard_normal((n_visible, n_hidden)), "a": 0.1 * rng.standard_normal((n_visible, 1)),
                       "b": 0.1 * rng.standard_normal((n_hidden, 1))}

    def _states(self) -> tuple[np.ndarray, np.ndarray]:
        nv, nh = self.params["W"].shape
        if nv + nh > MAX_UNITS:
            raise ValueError(f"exact enumeration needs at most {MAX_UNITS} units, not {nv + nh}")
        vs = np.array(list(itertools.product([0.0, 1.0], repeat=nv))).T  # (nv, 2^nv)
        hs = np.array(list(itertools.product([0.0, 1.0], repeat=nh))).T
        return vs, hs

    def log_likelihood(self, v: np.ndarray, params: dict[str, np.ndarray] | None = None) -> float:
        """(1/N) Σ log p(v) over the columns of v, exactly: −F(v) − log Z with free energy F."""
        p = params or self.params
        W, a, b = p["W"], p["a"], p["b"]
        vs, _ = self._states()
        free = lambda x: -(a.T @ x) - np.sum(np.logaddexp(0, W.T @ x + b), axis=0, keepdims=True)  # noqa: E731
        log_z = np.logaddexp.reduce(-free(vs), axis=1)[0]
        return float(np.mean(-free(v)) - log_z)

    def exact_gradient(self, v: np.ndarray) -> dict[str, np.ndarray]:
        """∂/∂θ of the mean log-likelihood: data term minus the model expectation by enumeration."""
        W, a, b = self.params["W"], self.params["a"], self.params["b"]
        vs, hs = self._states()
        energy = -(a.T @ vs).T - (b.T @ hs) - vs.T @ W @ hs  # (2^nv, 2^nh)
        p = np.exp(-energy - np.logaddexp.reduce(-energy, axis=None))
        model_vh = vs @ p @ hs.T
        ph_data = sigmoid(W.T @ v + b)
        n = v.shape[1]
        return {"W": v @ ph_data.T / n - model_vh, "a": v.mean(axis=1, keepdims=True) - vs @ p.sum(axis=1, keepdims=True),
                "b": ph_data.mean(axis=1, keepdims=True) - hs @ p.sum(axis=0, keepdims=True).T}

    def cd_update(self, v: np.ndarray, k: int = 1, lr: float = 0.1, rng: np.random.Generator | None = None) -> dict[str, np.ndarray]:
        """One CD-k step: W ← W + α(v hᵀ − v′h′ᵀ)/N, a ← a + α mean(v − v′), b ← b + α mean(h − h′)."""
        rng = rng or np.random.default_rng(0)
        W, a, b = self.params["W"], self.params["a"], self.params["b"]
        ph0 = sigmoid(W.T @ v + b)
        h = (rng.random(ph0.shape) < ph0).astype(float)
        vk = v
        for _ in range(k):
            vk = (rng.random(v.shape) < sigmoid(W @ h + a)).astype(float)
            phk = sigmoid(W.T @ vk + b)
            h = (rng.random(phk.shape) < phk).astype(float)
        n = v.shape[1]
        step = {"W": (v @ ph0.T - vk @ phk.T) / n, "a": (v - vk).mean(axis=1, keepdims=True), "b": (ph0 - phk).mean(axis=1, keepdims=True)}
        for name, delta in step.items():
            self.params[name] = self.params[name] + lr * delta
        return step
