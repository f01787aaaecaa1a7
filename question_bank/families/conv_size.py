"""Convolution output sizes (CATALOG F, conv-output-size): narrow M − K + 1, wide M + K − 1,
same M (P = (K − 1)/2, odd K), general ⌊(M + 2P − K)/S⌋ + 1. Computed by the formulas, cross-checked
by running the reference ``conv2d`` on an M×M map (narrow, wide) and by counting the stride positions.
A general draw that gives the narrow size again (P = 0, S = 1) is redrawn.
"""

from __future__ import annotations

import numpy as np

from checker.networks import conv2d
from question_bank.numbers import cross_check
from question_bank.templated import Answer, Variant

TOPIC = "F"
ASKED = ("value", "fill-in")
VARIANTS = tuple(Variant(k, "fill-in", "conv-output-size", ASKED) for k in ("narrow", "wide", "general", "same"))


def draw(rng: np.random.Generator, variant: str) -> dict:
    k = int(rng.choice([3, 5, 7] if variant == "same" else [2, 3, 4, 5, 7]))
    m = int(rng.integers(k + 2, 33))  # the kernel fits with room: every size at least 3
    while True:
        p, s = int(rng.integers(0, 4)), int(rng.integers(1, 5))
        general = (m + 2 * p - k) // s + 1
        if general != m - k + 1 and general >= 2:  # not the narrow size again
            break
    sizes = {"narrow": m - k + 1, "wide": m + k - 1, "general": general, "same": m}
    ones = np.ones((m, m))
    cross_check(sizes["narrow"], conv2d(ones, np.ones((k, k)), "valid").shape[0], "narrow size")
    cross_check(sizes["wide"], conv2d(ones, np.ones((k, k)), "full").shape[0], "wide size")
    cross_check(general, len(range(0, m + 2 * p - k + 1, s)), "strided size")
    pad = (k - 1) // 2
    if k % 2:
        cross_check(sizes["same"], len(range(0, m + 2 * pad - k + 1)), "same size")
    value = pad if variant == "same" else sizes[variant]
    return {"M": m, "K": k, "P": p, "S": s, "answers": (Answer("1", float(value), exact=True),)}
