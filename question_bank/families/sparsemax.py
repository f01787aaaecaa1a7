"""Sparsemax of z (CATALOG B): p = [z − τ1]₊ with Σp = 1 and τ = (Σ_S z − 1)/|S| (sparsemax-kkt), and
its Jacobian diag(s) − ssᵀ/(1ᵀs) (sparsemax-jacobian).

Computed by the reference ``sparsemax`` (sort-based), cross-checked by trying every support S and
keeping the one whose τ satisfies the KKT conditions, and the Jacobian by central differences. Draws
are redrawn when an entry is within 0.1 of τ (a near-tie at the support's edge) or the support is a
single point. K varies from 3 to 5.
"""

from __future__ import annotations

import itertools

import numpy as np

from checker.networks import sparsemax
from question_bank.numbers import cross_check
from question_bank.templated import Answer, Variant

MARGIN = 0.1
TOPIC = "B"
VARIANTS = (
    Variant("tau", "fill-in", "sparsemax-kkt", ("conditions",)),
    Variant("jacobian", "fill-in", "sparsemax-jacobian", ("jacobian",)),
    Variant("full", "numeric", "sparsemax-kkt", ("conditions",)),
)


def by_supports(z: np.ndarray) -> tuple[np.ndarray, float]:
    """The KKT solution found by enumerating the supports: p > 0 on S, z_j ≤ τ off S."""
    n = len(z)
    for size in range(1, n + 1):
        for support in itertools.combinations(range(n), size):
            s = list(support)
            tau = (z[s].sum() - 1) / size
            if all(z[i] > tau for i in s) and all(z[j] <= tau for j in range(n) if j not in s):
                return np.maximum(z - tau, 0.0), float(tau)
    raise AssertionError("no support satisfies the KKT conditions")


def solve(rng: np.random.Generator, k: int) -> tuple[np.ndarray, np.ndarray, float]:
    """z with a support of at least two and no entry near τ; p; τ (cross-checked)."""
    while True:
        z = rng.choice(np.arange(-6, 9) / 4, size=k, replace=False)
        p = sparsemax(z.reshape(-1, 1)).ravel()
        support = p > 0
        tau = float((z[support].sum() - 1) / support.sum())
        if 2 <= support.sum() < k + (k == 3) and np.abs(z - tau).min() >= MARGIN:
            break
    p2, tau2 = by_supports(z)
    cross_check(p, p2, "sparsemax")
    cross_check(tau, tau2, "τ")
    return z, p, tau


def draw(rng: np.random.Generator, variant: str) -> dict:
    k = 4 if variant == "full" else int(rng.integers(3, 6))
    z, p, tau = solve(rng, k)
    s = (p > 0).astype(float)
    jac = np.diag(s) - np.outer(s, s) / s.sum()
    h = 1e-6
    fd = np.column_stack([(sparsemax((z + h * e).reshape(-1, 1)) - sparsemax((z - h * e).reshape(-1, 1))).ravel() / (2 * h)
                          for e in np.eye(k)])
    cross_check(jac, fd, "sparsemax Jacobian", rtol=1e-6, atol=1e-8)
    answers = {"tau": (Answer("1", tau),), "jacobian": (Answer("1", jac),),
               "full": (Answer("1", p, points=4), Answer("2", tau, points=3), Answer("3", s, exact=True, points=3))}[variant]
    return {"z": z, "K": k, "answers": answers}
