"""The gradient checker: verdict bands, hints for the usual slips, kinks, float32, probes, RBM."""

from __future__ import annotations

from typing import Callable

import numpy as np
import pytest

import checker.networks as N
from checker.language.errors import InputError
from checker.gradcheck import check_gradients, check_layer, render
from checker.language.numeric import central_difference

NET = N.build("mlp:4-5-3:sigmoid:mse")
PARAMS, X, Y = NET.example()


def broken(change: Callable[[dict[str, np.ndarray]], dict[str, np.ndarray]]):  # type: ignore[no-untyped-def]
    def loss_and_grads(params, x, y):  # type: ignore[no-untyped-def]
        loss, grads = NET.loss_and_grads(params, x, y)
        return loss, change(dict(grads))
    return loss_and_grads


SLIPS = [
    ("×2", lambda g: {**g, "W2": 2 * g["W2"]}, "W2", "×2.00"),
    ("halved", lambda g: {**g, "b1": 0.5 * g["b1"]}, "b1", "×0.50"),
    ("sign", lambda g: {**g, "W1": -g["W1"]}, "W1", "sign flipped"),
    ("transposed", lambda g: {**g, "W2": g["W2"].T}, "W2", "transposed"),
    ("zeros", lambda g: {**g, "b2": np.zeros_like(g["b2"])}, "b2", "all zeros"),
]


@pytest.mark.parametrize("label, change, name, words", SLIPS, ids=[s[0] for s in SLIPS])
def test_each_slip_is_caught_with_its_hint(label: str, change, name: str, words: str) -> None:  # type: ignore[no-untyped-def]
    report = check_gradients(broken(change), PARAMS, X, Y)
    assert not report.ok and report.first_wrong is not None and report.first_wrong.name == name
    assert words in report.first_wrong.hint
    text = render(report)
    assert f"first wrong: d{name}" in text
    if label != "transposed":  # a transposed array has no entry-by-entry comparison
        assert f"d{name}[" in text and "numerical" in text and "yours" in text


def test_missing_activation_derivative_is_named() -> None:
    net = N.build("mlp:4-5-5-3:tanh:mse")
    params, x, y = net.example()
    slip = net.loss_and_grads(params, x, y, without_derivative=True)[1]
    report = check_gradients(lambda p, xx, yy: (net.loss_and_grads(p, xx, yy)[0], slip), params, x, y,
                             alternatives={"missing activation derivative": slip})
    assert report.first_wrong is not None and report.first_wrong.hint == "missing activation derivative"


class ZeroSoftmax(N.Softmax):
    def backward(self, g: np.ndarray) -> np.ndarray:
        return np.zeros_like(g)


class UpstreamIgnored(N.Sigmoid):
    def backward(self, g: np.ndarray) -> np.ndarray:
        return self.a * (1 - self.a)  # forgot "g *"


class MissingDerivative(N.Tanh):
    def backward(self, g: np.ndarray) -> np.ndarray:
        return g


class DoubledSigmoid(N.Sigmoid):
    def backward(self, g: np.ndarray) -> np.ndarray:
        return 2 * g * self.a * (1 - self.a)


class SignFlippedDense(N.Dense):
    def backward(self, g: np.ndarray) -> np.ndarray:
        dx = super().backward(g)
        self.grads["b"] = -self.grads["b"]
        return dx


class TransposedDense(N.Dense):
    def backward(self, g: np.ndarray) -> np.ndarray:
        dx = super().backward(g)
        self.grads["W"] = self.grads["W"].T.reshape(self.grads["W"].shape) if self.grads["W"].shape[0] != self.grads["W"].shape[1] else self.grads["W"].T
        return dx


def test_all_ones_upstream_would_pass_a_zero_softmax_backward() -> None:
    """cs231n tests softmax with an all-ones upstream: Jᵀ1 = 0 since Σ softmax = 1, so a backward
    returning zeros passes. Our random upstream catches it."""
    layer = ZeroSoftmax()
    z = np.random.default_rng(0).standard_normal((4, 3))
    a = layer.forward(z)
    true_with_ones = a * (np.ones_like(a) - (a * np.ones_like(a)).sum(axis=0, keepdims=True))
    assert np.allclose(true_with_ones, 0)  # the weak test passes
    report = check_layer(layer, z)
    assert not report.ok and "zeros" in report.params[0].hint


@pytest.mark.parametrize("layer, shape, words", [
    (UpstreamIgnored(), (3, 4), "ignores the upstream gradient"),
    (MissingDerivative(), (3, 4), "missing activation derivative"),
    (TransposedDense(4, 4), (4, 2), "transposed"),
    (DoubledSigmoid(), (3, 4), "×2.00"),
    (SignFlippedDense(3, 2), (3, 5), "sign flipped"),
])
def test_broken_layers_are_caught(layer, shape: tuple[int, int], words: str) -> None:  # type: ignore[no-untyped-def]
    report = check_layer(layer, np.random.default_rng(1).standard_normal(shape))
    assert not report.ok
    assert words in (report.first_wrong.hint if report.first_wrong else "")


def test_kinks_are_reported_as_kinks_not_errors() -> None:
    """Put a ReLU pre-activation within h of 0: the entry's ±h evaluations differ in mask."""
    net = N.build("mlp:3-4-2:relu:mse")
    params, x, y = net.example(batch=1)
    z = params["W1"] @ x + params["b1"]
    params["b1"][0, 0] -= z[0, 0] + 2e-6  # z₀ = −2e-6, inside the ±1e-5 step
    report = check_gradients(net.loss_and_grads, params, x, y, state=lambda p: net.state(p, x), smooth=False)
    b1 = next(p for p in report.params if p.name == "b1")
    assert b1.kinks >= 1 and b1.ok
    assert "kink(s) crossed" in render(report)
    blind = check_gradients(net.loss_and_grads, params, x, y, smooth=False)  # without the state: looks wrong
    assert not next(p for p in blind.params if p.name == "b1").ok


def test_float32_is_refused_with_the_reason() -> None:
    params32 = {k: v.astype(np.float32) for k, v in PARAMS.items()}
    with pytest.raises(InputError, match="float64"):
        check_gradients(NET.loss_and_grads, params32, X, Y)


def test_large_parameters_use_probes_and_a_failing_one_is_rechecked() -> None:
    net = N.build("mlp:60-40-5:tanh:softmax-ce")
    params, x, y = net.example()
    good = check_gradients(net.loss_and_grads, params, x, y, max_full=100)
    assert good.ok and {p.mode for p in good.params} == {"probes", "full"}

    def slip(p, xx, yy):  # type: ignore[no-untyped-def]
        loss, g = net.loss_and_grads(p, xx, yy)
        return loss, {**g, "W1": 3 * g["W1"]}

    bad = check_gradients(slip, params, x, y, max_full=100)
    w1 = next(p for p in bad.params if p.name == "W1")
    assert w1.mode == "probes" and not w1.ok and w1.worst_index is not None and "×3.00" in w1.hint


def test_complex_step_agrees_with_central_differences() -> None:
    report = check_gradients(NET.loss_and_grads, PARAMS, X, Y, complex_step=True)
    assert report.ok and report.complex_step_agreement is not None and report.complex_step_agreement < 1e-7


def test_a_forward_bug_is_caught_by_the_reference_loss() -> None:
    loss, _ = NET.loss_and_grads(PARAMS, X, Y)
    report = check_gradients(lambda p, xx, yy: (2 * NET.loss_and_grads(p, xx, yy)[0], {k: 2 * v for k, v in NET.loss_and_grads(p, xx, yy)[1].items()}),
                             PARAMS, X, Y, reference_loss=loss)
    assert all(p.ok for p in report.params) and not report.loss_ok and not report.ok


def test_rbm_exact_gradient_by_enumeration_matches_the_formula() -> None:
    """CATALOG rbm-gradient: ∂ log p(v)/∂W = v σ(Wᵀv + b)ᵀ − E_model[v hᵀ], here against central
    differences of the exact log-likelihood (enumerating all 2^(4+3) states)."""
    rbm = N.RBM(4, 3)
    v = (np.random.default_rng(0).random((4, 5)) < 0.5).astype(float)
    exact = rbm.exact_gradient(v)
    for name, value in rbm.params.items():
        numeric = central_difference(lambda w: rbm.log_likelihood(v, {**rbm.params, name: w}), value)  # noqa: B023
        assert np.allclose(exact[name], numeric, rtol=1e-6, atol=1e-9), name


def test_cd1_moves_towards_the_exact_gradient_on_average() -> None:
    """CD-1 is a biased but positively aligned estimate of the exact gradient (tiny RBM, many samples)."""
    rbm = N.RBM(4, 3)
    v = np.tile((np.random.default_rng(1).random((4, 1)) < 0.5).astype(float), (1, 4000))
    exact = rbm.exact_gradient(v)["W"]
    saved = {k: x.copy() for k, x in rbm.params.items()}
    step = rbm.cd_update(v, k=1, lr=0.0, rng=np.random.default_rng(2))["W"]
    rbm.params = saved
    cosine = float(np.vdot(step, exact) / (np.linalg.norm(step) * np.linalg.norm(exact)))
    assert cosine > 0.5
