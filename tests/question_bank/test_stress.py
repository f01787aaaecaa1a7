"""Stress: every family drawn 1,000 times. Generation cross-checks each answer by a second computation
(an AssertionError otherwise); here every draw is also checked not to be degenerate (no ties in max
pooling or sparsemax, no saturated sigmoid, no kernel equal to its flip, no vanishing sizes)."""

from __future__ import annotations

import numpy as np
import pytest

from question_bank import all_families
from question_bank.registry import generate

DRAWS = 1000


def _sigmoid(x):  # type: ignore[no-untyped-def]
    return 1 / (1 + np.exp(-x))


def _mlp(p) -> bool:  # type: ignore[no-untyped-def]
    x, w1, b1, w2, b2 = (np.array(p[k]) for k in ("x", "W1", "b1", "W2", "b2"))
    z1 = w1 @ x + b1
    z2 = w2 @ (np.tanh(z1) if p["tanh"] else _sigmoid(z1)) + b2
    distinct = len(set(x.ravel())) == x.size  # no two equal columns in ∂J/∂W⁽¹⁾ = δ⁽¹⁾xᵀ
    return bool(np.abs(x).min() > 0 and distinct and np.abs(z1).max() < 2.5 and np.abs(z2).max() < 2.5)


def _sparsemax(p) -> bool:  # type: ignore[no-untyped-def]
    z = np.sort(np.array(p["z"]))[::-1]
    for k in range(len(z), 0, -1):
        tau = (z[:k].sum() - 1) / k
        if z[k - 1] > tau:
            return bool(k >= 2 and np.abs(z - tau).min() >= 0.1 and len(set(z)) == len(z))
    return False


NOT_DEGENERATE = {
    "softmax": lambda p: len(set(p["z"])) == len(p["z"]) >= 3 and max(map(abs, p["z"])) <= 2,
    "activation-slope": lambda p: 0 < abs(p.get("z", p.get("z1", 1))) <= 2,
    "mlp-pass": _mlp,
    "conv2d": lambda p: not np.array_equal(np.array(p["w"]), np.rot90(np.array(p["w"]), 2)),
    "pooling": lambda p: len(set(np.ravel(p["a"]))) == np.size(p["a"]) and np.all(np.array(p["delta"]) != 0),
    "sparsemax": _sparsemax,
    "conv-size": lambda p: p["M"] - p["K"] + 1 >= 3 and (p["M"] + 2 * p["P"] - p["K"]) // p["S"] + 1 >= 2
                           and (p["M"] + 2 * p["P"] - p["K"]) // p["S"] != p["M"] - p["K"],  # general ≠ narrow
    "glorot": lambda p: p["fan_in"] >= 2 and p["fan_out"] >= 2,
    "dropout": lambda p: 0 < p["p"] < 1 and all(p["a"]),
    "bptt-growth": lambda p: p["gamma"] != 1 and p["steps"] >= 3,
    "lstm-count": lambda p: p["d"] >= 2 and p["h"] >= 2 and p["d"] != p["h"],
    "kl-penalty": lambda p: abs(p["rho"] - p["rho_hat"]) >= 0.02 and 0 < p["rho_hat"] < 1,
}


@pytest.mark.parametrize("name", sorted(all_families()))
def test_family_survives_1000_draws(name: str) -> None:
    check = NOT_DEGENERATE.get(name)
    ids = set()
    for seed in range(DRAWS):
        q = generate.__wrapped__(name, seed)
        ids.add(q.id)
        if check is not None:
            assert check(q.params), f"degenerate draw q:{q.id}: {q.params}"
    assert len(ids) == DRAWS
