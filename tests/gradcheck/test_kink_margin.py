"""Inputs are drawn away from kinks by default (cs231n assignment 1, "kinks in the objective"):
examples whose ReLU pre-activation is within the margin of 0 are redrawn."""

from __future__ import annotations

import numpy as np

import checker.networks as N
from checker.networks.sampling import near_kink_columns, pre_activations


def test_default_example_keeps_every_relu_preactivation_off_its_kink() -> None:
    net = N.build("mlp:20-200-3:relu:mse")
    params, x_raw, _ = net.example(batch=50, kink_margin=0.0)
    assert near_kink_columns(net, params, x_raw, margin=1e-3).any()  # without the margin, some are close
    params, x, _ = net.example(batch=50)
    assert not near_kink_columns(net, params, x, margin=1e-3).any()
    assert min(float(np.min(np.abs(z))) for z in pre_activations(net, params, x)) >= 1e-3


def test_smooth_networks_are_left_alone() -> None:
    net = N.build("mlp:4-5-3:tanh:mse")
    _, a, _ = net.example(batch=6)
    _, b, _ = net.example(batch=6, kink_margin=0.0)
    assert np.array_equal(a, b)
