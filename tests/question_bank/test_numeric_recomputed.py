"""Every numeric answer recomputed in the test by a computation the family does not use (SciPy's
convolutions, bisection for sparsemax's τ, loops, Monte Carlo free closed forms), for 20 seeds."""

from __future__ import annotations

import importlib
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
    k = len(z)
    jac = np.array([[a[i] * ((i == j) - a[j]) for j in range(k)] for i in range(k)])
    grad = a.copy()
    grad[p["y"] - 1] -= 1
    return {"values": [a], "entry": [jac[p["i"] - 1, p["j"] - 1]], "cross-entropy": [grad], "jacobian": [a, jac]}


def activation_slope(p):  # type: ignore[no-untyped-def]
    v = p["variant"]
    if v in ("sigmoid", "tanh", "both"):
        z = p["z"]
        ds, dt = _sigmoid(z) * (1 - _sigmoid(z)), 1 - math.tanh(z) ** 2
        return {"sigmoid": [ds], "tanh": [dt], "both": [ds, dt]}
    alpha, z1 = p["alpha"], p["z1"]
    left = {"leaky": alpha, "relu": 0.0, "elu": alpha * math.exp(z1)}[v]
    return {v: [left, 1.0]}


def mlp_pass(p):  # type: ignore[no-untyped-def]
    x, w1, b1, w2, b2, y = (np.array(p[k]) for k in ("x", "W1", "b1", "W2", "b2", "y"))
    tanh = p["variant"].endswith("tanh")
    a1 = np.tanh(w1 @ x + b1) if tanh else _sigmoid(w1 @ x + b1)
    z2 = w2 @ a1 + b2
    if p["variant"].startswith("ce"):
        a2 = np.exp(z2) / np.exp(z2).sum()
        d2 = a2 - y
    else:
        a2 = _sigmoid(z2)
        d2 = (a2 - y) * a2 * (1 - a2)
    d1 = (w2.T @ d2) * ((1 - a1**2) if tanh else a1 * (1 - a1))
    gw1 = np.outer(d1, x)
    out = [a2, d2, d1, gw1, w1 - p["alpha"] * gw1]
    return {p["variant"]: out}


def conv2d(p):  # type: ignore[no-untyped-def]
    a, w, d, slope = np.array(p["a"]), np.array(p["w"]), np.array(p["delta"]), np.array(p["slope"])
    return {"valid-conv": [convolve2d(a, w, "valid")], "valid-corr": [correlate2d(a, w, "valid")],
            "full-conv": [convolve2d(a, w, "full")],
            "residual": [convolve2d(d, np.rot90(w, 2), "full") * slope],  # δ_l = conv2(δ, rot180 ω, full) ∘ f'
            "kernel-grad": [correlate2d(a, d, "valid")[::-1, ::-1]],  # conv2(rot180(a), δ, valid) = rot180(xcorr(a, δ))
            "all": [convolve2d(a, w, "valid"), correlate2d(a, w, "valid"), convolve2d(a, w, "full"), correlate2d(a, w, "full")]}


def pooling(p):  # type: ignore[no-untyped-def]
    a, d, s = np.array(p["a"]), np.array(p["delta"]), p["s"]
    mean = np.repeat(np.repeat(d, s, axis=0), s, axis=1) / s**2
    mx = np.zeros_like(a)
    for i in range(d.shape[0]):
        for j in range(d.shape[1]):
            block = a[s * i:s * i + s, s * j:s * j + s]
            r, c = divmod(int(block.argmax()), s)
            mx[s * i + r, s * j + c] = d[i, j]
    return {"mean": [mean], "max": [mx], "both": [mean, mx]}


def sparsemax(p):  # type: ignore[no-untyped-def]
    z = np.array(p["z"])
    lo, hi = z.min() - 1, z.max()
    for _ in range(200):  # Σ max(z − τ, 0) = 1, decreasing in τ
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if np.maximum(z - mid, 0).sum() > 1 else (lo, mid)
    tau = (lo + hi) / 2
    prob = np.maximum(z - tau, 0)
    s = (prob > 1e-9).astype(float)
    return {"tau": [tau], "jacobian": [np.diag(s) - np.outer(s, s) / s.sum()], "full": [prob, tau, s]}


def conv_size(p):  # type: ignore[no-untyped-def]
    m, k, pad, s = p["M"], p["K"], p["P"], p["S"]
    return {"narrow": [m - k + 1], "wide": [m + k - 1], "general": [sum(1 for _ in range(-pad, m + pad - k + 1, s))],
            "same": [next((q for q in range(k) if m + 2 * q - k + 1 == m), None)]}


def lstm_count(p):  # type: ignore[no-untyped-def]
    d, h = p["d"], p["h"]
    count = sum(h * d + h * h + h for _gate in "ifog")
    return {"count": [count], "hidden": [next(n for n in range(1, 100) if 4 * n * (d + n + 1) == p["N"])]}


def glorot(p):  # type: ignore[no-untyped-def]
    u = math.sqrt(6 / (p["fan_in"] + p["fan_out"]))
    grid = np.linspace(-u, u, 200_001)
    var = np.trapezoid(grid**2, grid) / (2 * u)
    return {"bound": [u], "variance": [var], "full": [u, var]}


def dropout(p):  # type: ignore[no-untyped-def]
    keep = 1 - p["p"]
    return {"expectation": [keep * np.array(p["a"])], "inverted": [1 / keep], "full": [keep * np.array(p["a"]), keep, 1 / keep]}


def bptt_growth(p):  # type: ignore[no-untyped-def]
    growth, n, g = 1.0, 0, 1.0
    for _ in range(p["steps"]):
        growth *= p["gamma"]
    while not (g > p["bound"] if p["gamma"] > 1 else g < p["bound"]):
        g, n = g * p["gamma"], n + 1
    return {"factor": [growth], "steps": [n]}


def kl_penalty(p):  # type: ignore[no-untyped-def]
    rho, r, beta = p["rho"], p["rho_hat"], p["beta"]
    value = beta * (rho * (math.log(rho) - math.log(r)) + (1 - rho) * (math.log(1 - rho) - math.log(1 - r)))
    h = 1e-5  # the slope by a 5-point stencil of the penalty
    f = lambda x: beta * (rho * math.log(rho / x) + (1 - rho) * math.log((1 - rho) / (1 - x)))  # noqa: E731
    slope = (-f(r + 2 * h) + 8 * f(r + h) - 8 * f(r - h) + f(r - 2 * h)) / (12 * h)
    return {"value": [value], "slope": [slope], "full": [value, slope]}


CASES = {"softmax": softmax, "activation-slope": activation_slope, "mlp-pass": mlp_pass, "conv2d": conv2d,
         "pooling": pooling, "sparsemax": sparsemax, "conv-size": conv_size, "lstm-count": lstm_count,
         "glorot": glorot, "dropout": dropout, "bptt-growth": bptt_growth, "kl-penalty": kl_penalty}


@pytest.mark.parametrize("family", sorted(CASES))
def test_numeric_answers_recomputed_independently(family: str) -> None:
    for seed in SEEDS:
        q = generate(family, seed)
        same(values(q), CASES[family](q.params)[q.params["variant"]])


def test_every_numeric_family_is_recomputed_here() -> None:
    from question_bank import all_families as families

    numeric = {n for n, f in families().items() if hasattr(importlib.import_module(f.module), "draw") and not f.arg} - {"identity", "course", "short-proofs"}
    assert numeric == set(CASES)
