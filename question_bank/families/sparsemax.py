"""Sparsemax of z with τ and the support (CATALOG B, sparsemax-kkt): p = [z − τ1]₊, Σp = 1.

Computed by the reference ``sparsemax`` (sort-based), cross-checked by trying every support S and
keeping the one whose τ = (Σ_S z − 1)/|S| satisfies the KKT conditions. Draws are redrawn when an
entry is within 0.1 of τ (a near-tie at the support's edge) or the support is a single point.
"""

from __future__ import annotations

import itertools

import numpy as np

from checker.networks import sparsemax
from question_bank.build import numeric_blank, question
from question_bank.model import Question
from question_bank.numbers import cross_check, latex

MARGIN = 0.1
ASKS = {"sparsemax-kkt": ("conditions",)}


def by_supports(z: np.ndarray) -> tuple[np.ndarray, float]:
    """The KKT solution found by enumerating the supports: p > 0 on S, z_j ≤ τ off S."""
    n = len(z)
    for size in range(1, n + 1):
        for support in itertools.combinations(range(n), size):
            s = list(support)
            tau = (z[s].sum() - 1) / size
            inside = all(z[i] > tau for i in s)
            outside = all(z[j] <= tau for j in range(n) if j not in s)
            if inside and outside:
                return np.maximum(z - tau, 0.0), float(tau)
    raise AssertionError("no support satisfies the KKT conditions")


def make(rng: np.random.Generator, seed: int) -> Question:
    while True:
        z = rng.choice(np.arange(-6, 9) / 4, size=4, replace=False)
        p = sparsemax(z.reshape(-1, 1)).ravel()
        support = p > 0
        tau = float((z[support].sum() - 1) / support.sum())
        if 2 <= support.sum() and np.abs(z - tau).min() >= MARGIN:
            break
    p2, tau2 = by_supports(z)
    cross_check(p, p2, "sparsemax")
    cross_check(tau, tau2, "τ")
    s = support.astype(float)
    prompt = {"en": f"Let $z = {latex(z)}$. Compute (1) $p = \\operatorname{{sparsemax}}(z)$, (2) the threshold $\\tau$ with "
                    "$p = [z - \\tau \\mathbf{1}]_+$, and (3) the support indicator $s$ ($s_i = 1$ where $p_i > 0$, else 0).",
              "zh": f"设 $z = {latex(z)}$。求 (1) $p = \\operatorname{{sparsemax}}(z)$，(2) 满足 $p = [z - \\tau \\mathbf{{1}}]_+$ "
                    "的阈值 $\\tau$，(3) 支撑集指示向量 $s$（$p_i > 0$ 处为 1，否则为 0）。"}
    explain = {"en": "Sort $z$ decreasingly and grow the support while $1 + k z_{(k)} > \\sum_{j \\le k} z_{(j)}$; then "
                     "$\\tau = (\\sum_{j \\in S} z_j - 1)/|S|$.",
               "zh": "将 $z$ 从大到小排序，在 $1 + k z_{(k)} > \\sum_{j \\le k} z_{(j)}$ 时扩大支撑集；"
                     "然后 $\\tau = (\\sum_{j \\in S} z_j - 1)/|S|$。"}
    blanks = (numeric_blank("1", p), numeric_blank("2", tau), numeric_blank("3", s))
    return question("sparsemax", seed, "B", "numeric", prompt, blanks, explain=explain, params={"z": z.tolist()},
                    catalog_id="sparsemax-kkt")
