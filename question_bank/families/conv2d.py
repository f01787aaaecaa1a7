"""2-D convolution by hand (CATALOG F, conv-residual), in the course's convention: conv2 flips the kernel
(Matlab's conv2, the lecture), cross-correlation does not. Maps of 3×3 to 5×5, kernels of 2×2 or 3×3.

Variants: one valid or full convolution or cross-correlation; the residual through a convolution layer
δ_l = conv2(δ_{l+1}, rot180(ω), 'full') ∘ f′(z_l) and the kernel gradient ∂J/∂ω = conv2(rot180(a_l), δ_{l+1},
'valid') as numeric instances; all four convolutions at once (计算题). Computed by the reference
``conv2d``, cross-checked by the defining sums written as loops, and the residual and kernel gradient by
central differences of J = Σ δ_{l+1} ∘ z_{l+1}. Kernels equal to their own 180° rotation are redrawn (the
two conventions would agree and the question would not tell them apart).
"""

from __future__ import annotations

import numpy as np

from checker.networks import conv2d
from question_bank.numbers import cross_check
from question_bank.templated import Answer, Variant

TOPIC = "F"
ASKED = ("value",)
VARIANTS = (
    Variant("valid-conv", "fill-in", "conv-residual", ASKED),
    Variant("valid-corr", "fill-in", "conv-residual", ASKED),
    Variant("full-conv", "fill-in", "conv-residual", ASKED),
    Variant("residual", "fill-in", "conv-residual", ASKED),
    Variant("kernel-grad", "fill-in", "conv-residual", ASKED),
    Variant("all", "numeric", "conv-residual", ASKED),
)


def loops(a: np.ndarray, w: np.ndarray, mode: str, flip: bool) -> np.ndarray:
    """Σᵤᵥ a[i+u−p, j+v−p] k[u, v] with k = rot180(w) for convolution; p = K − 1 for full."""
    k = np.rot90(w, 2) if flip else w
    kk = w.shape[0]
    pad = kk - 1 if mode == "full" else 0
    n = a.shape[0] + 2 * pad - kk + 1
    out = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            for u in range(kk):
                for v in range(kk):
                    r, c = i + u - pad, j + v - pad
                    if 0 <= r < a.shape[0] and 0 <= c < a.shape[1]:
                        out[i, j] += a[r, c] * k[u, v]
    return out


def _fd(f, x: np.ndarray, h: float = 1e-6) -> np.ndarray:  # type: ignore[no-untyped-def]
    g = np.zeros_like(x)
    for idx in np.ndindex(*x.shape):
        e = np.zeros_like(x)
        e[idx] = h
        g[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def draw(rng: np.random.Generator, variant: str) -> dict:
    m = 4 if variant == "all" else int(rng.integers(3, 6))
    k = 2 if variant == "all" or m == 3 else int(rng.choice([2, 3]))
    a = rng.integers(-2, 3, size=(m, m)).astype(float)
    while True:
        w = rng.integers(-2, 3, size=(k, k)).astype(float)
        if not np.array_equal(w, np.rot90(w, 2)) and np.abs(w).sum(axis=0).min() > 0 and np.abs(w).sum(axis=1).min() > 0:
            break
    values = {}
    for mode in ("valid", "full"):
        for convention, flip in (("convolution", True), ("cross-correlation", False)):
            values[mode, convention] = conv2d(a, w, mode, convention)
            cross_check(values[mode, convention], loops(a, w, mode, flip), f"{mode} {convention}")
    n = m - k + 1
    delta = rng.choice([-2.0, -1.0, 1.0, 2.0], size=(n, n))
    slope = rng.choice([0.25, 0.5, 1.0], size=(m, m))  # f'(z_l), given
    residual = conv2d(delta, np.rot90(w, 2), "full") * slope
    kernel = conv2d(np.rot90(a, 2), delta, "valid")
    # J = Σ δ_{l+1} ∘ conv2(a_l, ω, 'valid') with a_l moving by f'(z_l) dz_l: check both by differences
    cross_check(residual, _fd(lambda z: float((delta * conv2d(slope * z, w, "valid")).sum()), np.zeros((m, m))), "conv residual", rtol=1e-6, atol=1e-8)
    cross_check(kernel, _fd(lambda ww: float((delta * conv2d(a, ww, "valid")).sum()), w), "kernel gradient", rtol=1e-6, atol=1e-8)
    answers = {"valid-conv": (Answer("1", values["valid", "convolution"], exact=True),),
               "valid-corr": (Answer("1", values["valid", "cross-correlation"], exact=True),),
               "full-conv": (Answer("1", values["full", "convolution"], exact=True),),
               "residual": (Answer("1", residual, exact=True),),
               "kernel-grad": (Answer("1", kernel, exact=True),),
               "all": tuple(Answer(str(i + 1), v, exact=True, points=3 if i < 2 else 2) for i, v in enumerate(
                   (values["valid", "convolution"], values["valid", "cross-correlation"], values["full", "convolution"],
                    values["full", "cross-correlation"])))}[variant]
    return {"a": a, "w": w, "M": m, "K": k, "n": n, "wide": m + k - 1, "delta": delta, "slope": slope, "answers": answers}
