"""Reference layers beyond the shape table (test_shape_table.py): conv2 agreement, RNN and LSTM
backward against central differences, batch norm's identity case, the tied autoencoder."""

from __future__ import annotations


import numpy as np
import pytest

import checker.networks as N
from checker.language.numeric import central_difference
from checker.networks.conv import conv2d
from checker.language.functions import FUNCTIONS

@pytest.mark.parametrize("mode", ["valid", "full", "same"])
@pytest.mark.parametrize("k", [2, 3, 4])
def test_convolution_is_matlab_conv2(mode: str, k: int) -> None:
    """The layer's forward in the 'convolution' convention is the expression language's conv2."""
    rng = np.random.default_rng(k)
    a, w = rng.standard_normal((6, 6)), rng.standard_normal((k, k))
    assert np.allclose(conv2d(a, w, mode), FUNCTIONS["conv2"].forward(a, w, mode))
    assert np.allclose(conv2d(a, w, mode, "cross-correlation"), conv2d(a, np.rot90(w, 2), mode))


def test_rnn_bptt_matches_central_differences() -> None:
    """Lecture: BPTT δ_t = (∂L/∂h_t + Uᵀδ_{t+1}) ∘ tanh′(z_t); ∂L/∂U = Σ δ_t h_{t−1}ᵀ."""
    rng = np.random.default_rng(0)
    rnn = N.RNN(3, 4, rng)
    xs = [rng.standard_normal((3, 1)) for _ in range(5)]
    h0 = rng.standard_normal((4, 1))
    gs = [rng.standard_normal((4, 1)) for _ in range(5)]

    def loss(params: dict[str, np.ndarray]) -> float:
        saved, rnn.params = rnn.params, params
        value = sum(float(np.sum(g * h)) for g, h in zip(gs, rnn.forward(xs, h0)))
        rnn.params = saved
        return value

    rnn.forward(xs, h0)
    rnn.backward(gs)
    for name, value in rnn.params.items():
        numeric = central_difference(lambda v: loss({**rnn.params, name: v}), value)  # noqa: B023
        assert np.allclose(rnn.grads[name], numeric, rtol=1e-6, atol=1e-9), name


def test_lstm_cell_matches_central_differences_and_counts() -> None:
    """CATALOG lstm-parameter-count: 4h(d + h + 1)."""
    rng = np.random.default_rng(2)
    cell = N.LSTMCell(3, 2, rng)
    assert cell.count() == 4 * 2 * (3 + 2 + 1)
    x, h, c = rng.standard_normal((3, 1)), rng.standard_normal((2, 1)), rng.standard_normal((2, 1))
    gh, gc = rng.standard_normal((2, 1)), rng.standard_normal((2, 1))

    def loss(params: dict[str, np.ndarray]) -> float:
        saved, cell.params = cell.params, params
        hn, cn = cell.forward(x, h, c)
        cell.params = saved
        return float(np.sum(gh * hn) + np.sum(gc * cn))

    cell.forward(x, h, c)
    cell.backward(gh, gc)
    for name, value in cell.params.items():
        numeric = central_difference(lambda v: loss({**cell.params, name: v}), value)  # noqa: B023
        assert np.allclose(cell.grads[name], numeric, rtol=1e-6, atol=1e-9), name


def test_batchnorm_identity_case() -> None:
    """CATALOG batchnorm-backward: γ = √(σ²+ε), β = μ makes the layer the identity on its batch."""
    x = np.random.default_rng(0).standard_normal((3, 6)) * 2 + 1
    bn = N.BatchNorm(3, eps=1e-5)
    bn.params = {"gamma": np.sqrt(x.var(axis=1, keepdims=True) + 1e-5), "beta": x.mean(axis=1, keepdims=True)}
    assert np.allclose(bn.forward(x), x)


def test_tied_autoencoder_gradient() -> None:
    """CATALOG tied-autoencoder-gradient and sparse-autoencoder-penalty, through the whole loss."""
    from checker.gradcheck import check_gradients

    ae = N.TiedAutoencoder(5, 3, beta=0.2, rho=0.1)
    x = np.random.default_rng(1).uniform(0, 1, (5, 4))
    params = {k: v + 0.1 * np.random.default_rng(2).standard_normal(v.shape) for k, v in ae.params.items()}
    report = check_gradients(ae.loss_and_grads, params, x, None, complex_step=True)
    assert report.ok and report.complex_step_agreement < 1e-6
