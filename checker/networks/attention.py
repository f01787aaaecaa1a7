"""Attention with the scaled dot-product score (CATALOG G, scaled-dot-product; lecture ch. 8).

s(x_n, q) = x_nᵀ q / √D, α = softmax(s), att(X, q) = Σ_n α_n x_n: the keys and values are the
columns x_n of X (D × N), as the course's notes write it.
"""

from __future__ import annotations

import numpy as np


def attention(X: np.ndarray, q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(α, att): the weights over the N columns of X and their weighted sum, one column at a time."""
    d = X.shape[0]
    scores = np.array([float(X[:, n] @ q.ravel()) / np.sqrt(d) for n in range(X.shape[1])])
    weights = np.exp(scores - scores.max())
    alpha = weights / weights.sum()
    out = sum(alpha[n] * X[:, n] for n in range(X.shape[1]))
    return alpha.reshape(-1, 1), np.asarray(out).reshape(-1, 1)
