"""A finite difference across a kink is reported as a crossed kink, not as a wrong gradient
(cs231n assignment 1, "kinks in the objective"): the layer's discrete state (ReLU mask, max-pool
arg-max, sparsemax support) differs between x − h and x + h."""

from __future__ import annotations

import numpy as np

import checker.networks as N
from checker.gradcheck import check_layer, render


def _x_result(layer: object, x: np.ndarray):  # type: ignore[no-untyped-def]
    report = check_layer(layer, x, seed=5)
    return report, next(p for p in report.params if p.name == "x")


def test_relu_input_on_its_kink() -> None:
    x = np.array([[0.7, -1.2], [3e-6, 0.4], [-0.9, 1.1]])  # 3e-6 < h = 1e-5
    report, r = _x_result(N.ReLU(), x)
    assert r.kinks == 1 and r.ok and report.ok
    assert "1 kink(s) crossed" in render(report)


def test_max_pool_tie_within_h() -> None:
    x = np.random.default_rng(0).standard_normal((4, 4))
    x[0, 1] = x[0, 0] = 5.0
    x[0, 1] += 4e-6  # a near-tie for the arg-max of the first window
    report, r = _x_result(N.MaxPool(2), x)
    assert r.kinks >= 1 and r.ok and report.ok


def test_sparsemax_support_boundary() -> None:
    tau = (0.8 + 0.5 - 1) / 2  # the threshold for support {0, 1}
    z = np.array([[0.8], [0.5], [tau + 2e-6]])  # the third entry barely inside the support
    layer = N.Sparsemax()
    layer.forward(z)
    assert layer.state()[:, 0].tolist() == [True, True, True]
    report, r = _x_result(N.Sparsemax(), z)
    assert r.kinks >= 1 and r.ok and report.ok


def test_away_from_kinks_nothing_is_excused() -> None:
    x = np.array([[0.7, -1.2], [0.3, 0.4], [-0.9, 1.1]])
    _, r = _x_result(N.ReLU(), x)
    assert r.kinks == 0 and r.verdict == "pass"
