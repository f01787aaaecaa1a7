"""`dlprep gradcheck --complex-step`: Im L(θ + ih e)/h cross-checks the central differences on smooth
code (Squire & Trapp 1998); code that is not complex-safe gets a note, never a wrong verdict."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from dlprep.cli import cli
from test_gradcheck_cli import GOOD

SMOOTH = GOOD  # the two-layer sigmoid network of the gradcheck CLI tests: smooth, complex-safe
UNPACK = 'W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]'


def run(tmp_path: Path, source: str) -> tuple[int, str]:
    path = tmp_path / "student.py"
    path.write_text(source)
    result = CliRunner().invoke(cli, ["gradcheck", str(path), "--net", "mlp:4-5-3:sigmoid:mse", "--complex-step"])
    return result.exit_code, result.stdout


def test_complex_step_agrees_on_smooth_code(tmp_path: Path) -> None:
    code, out = run(tmp_path, SMOOTH)
    assert code == 0 and "complex step agrees with central differences" in out


def test_code_dropping_imaginary_parts_gets_a_note_not_a_failure(tmp_path: Path) -> None:
    code, out = run(tmp_path, SMOOTH.replace(UNPACK, 'W1, b1, W2, b2 = (params[k].astype(float) for k in ("W1", "b1", "W2", "b2"))'))
    assert code == 0 and "complex step differs" in out and "drops imaginary parts" in out


def test_code_refusing_complex_numbers_gets_a_note(tmp_path: Path) -> None:
    source = SMOOTH.replace("import numpy as np", "import math\nimport numpy as np").replace(
        "n = x.shape[1]", "n = x.shape[1]\n    math.exp(W1[0, 0].item())")
    code, out = run(tmp_path, source)
    assert code == 0 and "complex step not possible" in out and "all gradients are right" in out


def test_a_wrong_gradient_is_still_wrong_with_complex_step(tmp_path: Path) -> None:
    code, out = run(tmp_path, SMOOTH.replace('"W2": d2 @ a1.T', '"W2": 2 * d2 @ a1.T'))
    assert code == 1 and "×2.00" in out and "complex step agrees" in out


def test_complex_step_is_skipped_for_models_with_kinks() -> None:
    """Complex step is for smooth references: on a ReLU network it is skipped with a note, not 'agreed'."""
    from checker.gradcheck import check_gradients, render
    from checker.networks import build

    net = build("mlp:4-5-3:relu:mse")
    params, x, y = net.example()
    report = check_gradients(net.loss_and_grads, params, x, y, state=lambda p: net.state(p, x), smooth=net.smooth,
                             complex_step=True)
    assert report.ok and report.complex_step_agreement is None
    assert "complex step skipped" in render(report)
