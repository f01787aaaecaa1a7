"""Principle 1 on expressions nobody wrote by hand: random compositions of the supported operations,
differentiated with respect to a random variable (sometimes one f does not involve). Each must be
verified step by step, or refused with one clear message; never an exception, never unverified."""

from __future__ import annotations

import random

import pytest

from checker.language.errors import DlprepError
from derivations import derive

SHAPES = "A: m x n, B: n x m, C: m x m, x: n, y: m, X: n x n, W: m x n, v: m, lambda: scalar"


def _vec_n(r: random.Random, depth: int) -> str:
    if depth == 0:
        return r.choice(["x", "A' y", "X x"])
    inner_n, inner_m = _vec_n(r, depth - 1), _vec_m(r, depth - 1)
    return r.choice([f"A' ({inner_m})", f"X ({inner_n})", f"{inner_n} + x", f"tanh({inner_n})", f"sigmoid({inner_n}) .* x",
                     f"2 ({inner_n})", f"X' {inner_n}", f"exp({inner_n})"])


def _vec_m(r: random.Random, depth: int) -> str:
    if depth == 0:
        return r.choice(["y", "A x", "W x", "v"])
    inner_n, inner_m = _vec_n(r, depth - 1), _vec_m(r, depth - 1)
    return r.choice([f"A ({inner_n})", f"C {inner_m}", f"{inner_m} - y", f"sigmoid({inner_m})", f"{inner_m} .* v",
                     f"softmax({inner_m})", f"W {inner_n}"])


def _scalar(r: random.Random) -> str:
    d = r.randint(0, 2)
    return r.choice([f"norm({_vec_m(r, d)})^2", f"y' {_vec_m(r, d)}", f"({_vec_n(r, d)})' x", f"sum(exp({_vec_m(r, d)}))",
                     f"logsumexp({_vec_m(r, d)})", "tr(C A X B)", f"log(det(X)) + x' X ({_vec_n(r, d)})",
                     f"lambda norm({_vec_n(r, d)})^2", f"1' tanh({_vec_m(r, d)})", f"-y' log(softmax({_vec_m(r, d)}))",
                     f"x' X X ({_vec_n(r, d)})"])


CASES = []
for seed in range(40):
    rng = random.Random(seed)
    CASES.append((_scalar(rng), rng.choice(["x", "X", "A", "W", "C"]), seed))


@pytest.mark.parametrize("f, wrt, seed", CASES, ids=[f"{c[2]}:{c[0]} wrt {c[1]}" for c in CASES])
def test_verified_or_clearly_refused(f: str, wrt: str, seed: int) -> None:
    try:
        d = derive(f, wrt, SHAPES, seed=seed)
    except DlprepError as exc:
        assert "\n" not in str(exc) and len(str(exc)) < 400
        return
    assert d.verified, d.to_text()
