"""gradcheck --net judges against the network (issue 22 §1): a loss that is right at the first point
only (linear elsewhere, or frozen) passed before, because the differences were taken of the
student's own loss and the reference loss was compared at the start only."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from click.testing import CliRunner

from checker.gradcheck.against import check_against, reference_comparison
from checker.networks import build
from dlprep.cli import cli

DATA = Path(__file__).resolve().parents[1] / "data" / "gradcheck"
NET = ["--net", "mlp:4-5-3:sigmoid:mse"]


def gradcheck(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["gradcheck", *args])
    return result.exit_code, result.stdout


def test_a_linear_loss_with_constant_gradients_fails() -> None:
    code, out = gradcheck(str(DATA / "linear_loss.py"), *NET)
    assert code == 1 and "✗ loss" in out and "✗ dW1" in out and "all gradients are right" not in out


def test_a_frozen_loss_with_zero_gradients_fails() -> None:
    code, out = gradcheck(str(DATA / "frozen_loss.py"), *NET, "--json")
    data = json.loads(out)
    assert code == 1 and not data["ok"] and not data["loss_ok"]
    assert all(p["verdict"] == "fail" for p in data["params"])
    assert data["basis"] == "reference" and data["points"] == 3 and data["loss_evaluations"] > 50


def test_the_right_file_passes_at_every_point() -> None:
    code, out = gradcheck(str(DATA / "right.py"), *NET, "--points", "4")
    assert code == 0 and "at 4 points" in out and "all gradients are right" in out


EXAMPLE = """

def example():
    rng = np.random.default_rng(3)
    params = {"W1": rng.standard_normal((5, 4)), "b1": rng.standard_normal((5, 1)),
              "W2": rng.standard_normal((3, 5)), "b2": rng.standard_normal((3, 1))}
    return params, rng.standard_normal((4, 2)), rng.uniform(0.1, 0.9, (3, 2))
"""


def test_without_a_network_the_output_says_what_was_checked(tmp_path: Path) -> None:
    """Without --net only consistency with the file's own loss is checked, and the output says so:
    the frozen loss is consistent with its own zero gradients, and is not called right."""
    path = tmp_path / "own.py"
    path.write_text((DATA / "right.py").read_text() + EXAMPLE)
    code, out = gradcheck(str(path))
    assert code == 0 and "YOUR OWN loss" in out and "consistency" in out and "--net" in out
    frozen = tmp_path / "frozen.py"
    frozen.write_text((DATA / "frozen_loss.py").read_text() + EXAMPLE)
    code, out = gradcheck(str(frozen))
    assert code == 0 and "consistency of your gradients with your loss" in out
    assert "all gradients are right" not in out


def test_gradients_are_compared_with_the_reference_backprop() -> None:
    """A gradient off by 1e-6 relative in one entry of a large parameter is caught, and the comparison
    with the network's own gradients covers every entry of it at each point."""
    net = build("mlp:30-40-3:tanh:mse")
    points = [net.example(batch=3, seed=k) for k in (1, 2)]

    def student(params: dict, x: np.ndarray, y: np.ndarray) -> tuple[float, dict]:
        loss, grads = net.loss_and_grads(params, x, y)
        grads = {k: v.copy() for k, v in grads.items()}
        grads["W1"][7, 11] *= 1 + 1e-3
        return loss, grads

    report = check_against(student, net.loss_and_grads, points, state=net.state, smooth=net.smooth, max_full=0)
    wrong = report.first_wrong
    assert not report.ok and wrong is not None and wrong.name == "W1" and wrong.worst_index == (7, 11)
    params, x, y = points[1]
    compared = reference_comparison("W1", student(params, x, y)[1]["W1"], net.loss_and_grads(params, x, y)[1]["W1"],
                                    smooth=True, alt={})
    assert compared.verdict == "suspicious" and compared.worst_index == (7, 11) and compared.checked == 40 * 30
