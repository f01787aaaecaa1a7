"""RBM (lecture: RBM learning): the exact gradient by enumeration equals the textbook formula
∂ log p(v)/∂W = ⟨v hᵀ⟩_data − ⟨v hᵀ⟩_model, with the positive phase using P(h = 1 | v) = σ(Wᵀv + b),
computed here independently by a plain loop over every joint state."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

import checker.networks as N
from checker.networks.activations import sigmoid


def brute_force_w_gradient(W: np.ndarray, a: np.ndarray, b: np.ndarray, v: np.ndarray) -> np.ndarray:
    nv, nh = W.shape
    weights, outer = [], []
    for vs in itertools.product([0.0, 1.0], repeat=nv):
        for hs in itertools.product([0.0, 1.0], repeat=nh):
            vv, hh = np.array(vs).reshape(-1, 1), np.array(hs).reshape(-1, 1)
            energy = -(a.T @ vv).item() - (b.T @ hh).item() - (vv.T @ W @ hh).item()
            weights.append(np.exp(-energy))
            outer.append(vv @ hh.T)
    z = sum(weights)
    model = sum(w * o for w, o in zip(weights, outer)) / z
    data = np.mean([v[:, [n]] @ sigmoid(W.T @ v[:, [n]] + b).T for n in range(v.shape[1])], axis=0)
    return data - model


@pytest.mark.parametrize("nv, nh", [(2, 2), (4, 3), (3, 5)])
def test_exact_gradient_is_data_minus_model_expectation(nv: int, nh: int) -> None:
    rbm = N.RBM(nv, nh, np.random.default_rng(nv * 10 + nh))
    v = (np.random.default_rng(1).random((nv, 6)) < 0.5).astype(float)
    W, a, b = rbm.params["W"], rbm.params["a"], rbm.params["b"]
    assert np.allclose(rbm.exact_gradient(v)["W"], brute_force_w_gradient(W, a, b, v), rtol=1e-10, atol=1e-12)


def test_enumeration_is_refused_beyond_twelve_units() -> None:
    rbm = N.RBM(8, 5)
    with pytest.raises(ValueError, match="at most 12 units"):
        rbm.exact_gradient(np.zeros((8, 1)))
