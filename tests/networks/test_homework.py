"""The homework runs: a ReLU MLP (64-500-10 on scikit-learn's bundled digits, batch 200, lr 0.1)
trained by mini-batch SGD with the reference backprop reaches > 90 % test accuracy in 12 epochs."""

from __future__ import annotations

import importlib.util
from pathlib import Path


def test_homework_trains() -> None:
    path = Path(__file__).resolve().parents[2] / "examples" / "homework_mlp.py"
    spec = importlib.util.spec_from_file_location("homework_mlp", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    assert module.train(epochs=12, verbose=False) > 0.90
