"""Every numeric answer recomputed in the test by a computation the family does not use (SciPy's
convolutions, bisection for sparsemax's τ, loops, Monte Carlo free closed forms), for 20 seeds."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.signal import convolve2d, correlate2d

from question_bank import generate

SEEDS = range(20)


def values(q) -> list[np.ndarray]:  # type: ignore[no-untyped-def]
    """The blanks' literals read back by hand: rows by ';', entries by ','."""
    out = []
    for b in q.blanks:
        text = b.check.reference.strip("[]")
        out.append(np.array([[float(x) for x in row.split(",")] for row in text.split(";")]))
    return out


def same(got: list[np.ndarray], expected: list[object]) -> None:
    assert len(got) == len(expected)
    for g, e in zip(got, expected):
        e = np.asarray(e, dtype=float)
        np.testing.assert_allclose(g, e.reshape(g.shape), rtol=1e-5, atol=1e-9)


def _sigmoid(x):  # type: ignore[no-untyped-def]
    return 1 / (1 + np.exp(-x))


def softmax(p):  # type: ignore[no-untyped-def]
    z = np.array(p["z"])
    e = np.exp(z - z.max())
    a = e / e.sum()
    jac = [[a[i] * ((i == j) - a[j]) for j in range(3)] for i in range(3)]
    return [a, jac]


def activation_slope(p):  # type: ignore[no-untyped-def]
    z = p["z"]
    return [_sigmoid(z) * (1 - _sigmoid(z)), 1 - math.tanh(z) ** 2]


def mlp_pass(p):  # type: ignore[no-untyped-def]
    x, w1, b1, w2, b2, y = (np.array(p[k]) for k in ("x", "W1", "b1", "W2", "b2", "y"))
    a1 = _sigmoid(w1 @ x + b1)
    a2 = _sigmoid(w2 @ a1 + b2)
    d2 = (a2 - y) * a2 * (1 - a2)
    d1 = (w2.T @ d2) * a1 * (1 - a1)
    return [a2, d2, d1, np.outer(d2, a1), np.outer(d1, x)]


def conv2d(p):  # type: ignore[no-untyped-def]
    a, w = np.array(p["a"]), np.array(p["w"])
    return [convolve2d(a, w, "valid"), correlate2d(a, w, "valid"), convolve2d(a, w, "full"), correlate2d(a, w, "full")]


def pooling(p):  # type: ignore[no-untyped-def]
    a, d = np.array(p["a"]), np.array(p["delta"])
    mean = np.repeat(np.repeat(d, 2, axis=0), 2, axis=1) / 4
    mx = np.zeros((4, 4))
    for i in range(2):
        for j in range(2):
            block = a[2 * i:2 * i + 2, 2 * j:2 * j + 2]
            r, c = divmod(int(block.argmax()), 2)
            mx[2 * i + r, 2 * j + c] = d[i, j]
    return [mean, mx]


def sparsemax(p):  # type: ignore[no-untyped-def]
    z = np.array(p["z"])
    lo, hi = z.min() - 1, z.max()
    for _ in range(200):  # Σ max(z − τ, 0) = 1, decreasing in τ
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if np.maximum(z - mid, 0).sum() > 1 else (lo, mid)
    tau = (lo + hi) / 2
    prob = np.maximum(z - tau, 0)
    return [prob, tau, (prob > 1e-9).astype(float)]


def conv_size(p):  # type: ignore[no-untyped-def]
    m, k, pad, s = p["M"], p["K"], p["P"], p["S"]
    return [m - k + 1, m + k - 1, sum(1 for start in range(-pad, m + pad - k + 1, s))]


def lstm_count(p):  # type: ignore[no-untyped-def]
    d, h = p["d"], p["h"]
    return [sum(h * d + h * h + h for _gate in "ifog")]


def glorot(p):  # type: ignore[no-untyped-def]
    u = math.sqrt(6 / (p["fan_in"] + p["fan_out"]))
    grid = np.linspace(-u, u, 200_001)
    return [u, np.trapezoid(grid**2, grid) / (2 * u)]


def dropout(p):  # type: ignore[no-untyped-def]
    keep = 1 - p["p"]
    return [keep * np.array(p["a"]), keep, 1 / keep]


def bptt_growth(p):  # type: ignore[no-untyped-def]
    growth = 1.0
    for _ in range(p["steps"]):
        growth *= p["gamma"]
    return [growth]


def kl_penalty(p):  # type: ignore[no-untyped-def]
    rho, r, beta = p["rho"], p["rho_hat"], p["beta"]
    value = beta * (rho * (math.log(rho) - math.log(r)) + (1 - rho) * (math.log(1 - rho) - math.log(1 - r)))
    h = 1e-5  # the slope by a 5-point stencil of the penalty
    f = lambda x: beta * (rho * math.log(rho / x) + (1 - rho) * math.log((1 - rho) / (1 - x)))  # noqa: E731
    return [value, (-f(r + 2 * h) + 8 * f(r + h) - 8 * f(r - h) + f(r - 2 * h)) / (12 * h)]


CASES = {"softmax": softmax, "activation-slope": activation_slope, "mlp-pass": mlp_pass, "conv2d": conv2d,
         "pooling": pooling, "sparsemax": sparsemax, "conv-size": conv_size, "lstm-count": lstm_count,
         "glorot": glorot, "dropout": dropout, "bptt-growth": bptt_growth, "kl-penalty": kl_penalty}


@pytest.mark.parametrize("family", sorted(CASES))
def test_numeric_answers_recomputed_independently(family: str) -> None:
    for seed in SEEDS:
        q = generate(family, seed)
        same(values(q), CASES[family](q.params))


def test_every_numeric_family_is_recomputed_here() -> None:
    from question_bank import all_families as families

    numeric = {n for n, f in families().items() if set(f.types) <= {"numeric", "fill-in"} and not f.arg} - {"identity"}
    assert numeric == set(CASES)
