"""Every layer's backward against central differences over a table of shapes, with a random upstream
gradient and the backward(0) = 0 check (cs231n assignment 2's numerical gradient checks, widened)."""

from __future__ import annotations

import itertools
from typing import Callable

import numpy as np
import pytest

import checker.networks as N
from checker.gradcheck import check_layer

ELEMENTWISE = {"sigmoid": N.Sigmoid, "tanh": N.Tanh, "relu": N.ReLU, "leaky relu": lambda: N.LeakyReLU(0.2),
               "elu": N.ELU, "softmax": N.Softmax, "sparsemax": N.Sparsemax}
SHAPES = [(1, 1), (3, 1), (2, 7), (6, 4)]


def _check(make: Callable[[], object], shape: tuple[int, ...], seed: int) -> None:
    x = np.random.default_rng(seed).standard_normal(shape)
    report = check_layer(make(), x, seed=seed)
    assert report.ok and not report.notes, [(p.name, p.verdict, p.max_rel_error, p.hint) for p in report.params]


@pytest.mark.parametrize("name, shape", list(itertools.product(ELEMENTWISE, SHAPES)))
def test_activation_over_shapes(name: str, shape: tuple[int, int]) -> None:
    _check(ELEMENTWISE[name], shape, seed=sum(shape))


@pytest.mark.parametrize("n_in, n_out, batch", [(1, 1, 1), (3, 4, 2), (5, 1, 3), (2, 6, 5)])
def test_dense_over_shapes(n_in: int, n_out: int, batch: int) -> None:
    _check(lambda: N.Dense(n_in, n_out, np.random.default_rng(n_in)), (n_in, batch), seed=batch)


@pytest.mark.parametrize("n_in, n_out, pieces, batch", [(2, 2, 2, 3), (4, 3, 3, 2), (3, 1, 4, 5)])
def test_maxout_over_shapes(n_in: int, n_out: int, pieces: int, batch: int) -> None:
    _check(lambda: N.Maxout(n_in, n_out, pieces, np.random.default_rng(pieces)), (n_in, batch), seed=n_in)


@pytest.mark.parametrize("m, k, mode, convention", [
    (m, k, mode, conv) for m, k in [(4, 1), (5, 2), (7, 3)] for mode in ("valid", "full", "same")
    for conv in ("convolution", "cross-correlation")])
def test_conv_over_shapes(m: int, k: int, mode: str, convention: str) -> None:
    _check(lambda: N.Conv2D(k, mode=mode, convention=convention, rng=np.random.default_rng(k)), (m, m), seed=m)


@pytest.mark.parametrize("pool, s, shape", [(p, s, shape) for p in ("mean", "max") for s, shape in
                                             [(2, (2, 2)), (2, (4, 6)), (3, (6, 3))]])
def test_pooling_over_shapes(pool: str, s: int, shape: tuple[int, int]) -> None:
    _check(lambda: (N.MeanPool if pool == "mean" else N.MaxPool)(s), shape, seed=s)


@pytest.mark.parametrize("features, batch", [(1, 2), (3, 5), (4, 8)])
def test_batchnorm_over_shapes(features: int, batch: int) -> None:
    _check(lambda: N.BatchNorm(features, rng=np.random.default_rng(batch)), (features, batch), seed=features)


@pytest.mark.parametrize("keep, shape", [(0.8, (4, 3)), (0.5, (2, 6))])
def test_dropout_with_an_explicit_mask(keep: float, shape: tuple[int, int]) -> None:
    mask = (np.random.default_rng(1).random(shape) < keep).astype(float)
    _check(lambda: N.Dropout(keep, mask), shape, seed=2)
