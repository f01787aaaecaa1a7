"""What a student's code can return that is not a plain wrong number: NaN, a wrong shape, text,
float32. Each gets a verdict or one clear line, never an internal error, and NaN never passes
(NaN compares false with every band, so a careless `rel > tol` check would let it through)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

import checker.networks as N
from checker.language.errors import InputError
from checker.gradcheck import check_gradients, render
from dlprep.cli import cli

NET = N.build("mlp:4-5-3:sigmoid:mse")
PARAMS, X, Y = NET.example()


def returning(change):  # type: ignore[no-untyped-def]
    def loss_and_grads(params, x, y):  # type: ignore[no-untyped-def]
        loss, grads = NET.loss_and_grads(params, x, y)
        return change(loss, {k: v.copy() for k, v in grads.items()})
    return loss_and_grads


def with_nan(loss: float, grads: dict) -> tuple:  # type: ignore[type-arg]
    grads["W2"][0, 0] = np.nan
    return loss, grads


@pytest.mark.parametrize("max_full", [1000, 0], ids=["entry by entry", "directional probes"])
def test_a_nan_gradient_fails(max_full: int) -> None:
    report = check_gradients(returning(with_nan), PARAMS, X, Y, max_full=max_full)
    w2 = next(p for p in report.params if p.name == "W2")
    assert w2.verdict == "fail" and "NaN" in w2.hint and not report.ok


@pytest.mark.parametrize("max_full", [1000, 0], ids=["entry by entry", "directional probes"])
def test_a_nan_loss_fails(max_full: int) -> None:
    report = check_gradients(returning(lambda loss, g: (float("nan"), g)), PARAMS, X, Y, max_full=max_full)
    assert not report.ok and all(p.verdict == "fail" for p in report.params)


def test_a_gradient_of_the_wrong_size_is_named() -> None:
    report = check_gradients(returning(lambda loss, g: (loss, {**g, "W2": g["W2"][:2]})), PARAMS, X, Y)
    assert report.first_wrong is not None and report.first_wrong.name == "W2"
    assert "shape (2, 5), but W2 is (3, 5)" in render(report)


@pytest.mark.parametrize("value, words", [("oops", "is str"), (np.zeros((3, 5), np.float32), "float32"),
                                          (np.array([["a"] * 5] * 3), "of <U1")])
def test_unusable_gradients_are_refused(value: object, words: str) -> None:
    with pytest.raises(InputError, match=words):
        check_gradients(returning(lambda loss, g: (loss, {**g, "W2": value})), PARAMS, X, Y)


SOURCE = '''
import numpy as np

def loss_and_grads(params, x, y):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    a1 = 1 / (1 + np.exp(-(W1 @ x + b1)))
    a2 = 1 / (1 + np.exp(-(W2 @ a1 + b2)))
    n = x.shape[1]
    d2 = (a2 - y) * a2 * (1 - a2) / n
    d1 = (W2.T @ d2) * a1 * (1 - a1)
    LOSS = 0.5 * np.sum((a2 - y) ** 2) / n
    return LOSS, {"W1": d1 @ x.T, "b1": d1.sum(1, keepdims=True), "W2": d2 @ a1.T, "b2": B2}
'''


@pytest.mark.parametrize("loss, b2, code, words", [
    ("0.5 * np.sum((a2 - y) ** 2) / n", 'd2.sum(1, keepdims=True)', 0, "all gradients are right"),
    ("'zero'", 'd2.sum(1, keepdims=True)', 2, "returned a loss of type str"),
    ("np.float32(0.5 * np.sum((a2 - y) ** 2) / n)", 'd2.sum(1, keepdims=True)', 2, "float32 loss"),
    ("0.5 * np.sum((a2 - y) ** 2) / n", '"none"', 2, "the gradient returned for b2 is str"),
    ("0.5 * np.sum((a2 - y) ** 2) / n", 'd2.sum(1, keepdims=True).astype(np.float32)', 2, "float32"),
])
def test_cli_one_line_per_unusable_return(tmp_path: Path, loss: str, b2: str, code: int, words: str) -> None:
    path = tmp_path / "student.py"
    path.write_text(SOURCE.replace("LOSS = 0.5 * np.sum((a2 - y) ** 2) / n", f"LOSS = {loss}").replace("B2", b2))
    result = CliRunner().invoke(cli, ["gradcheck", str(path), "--net", "mlp:4-5-3:sigmoid:mse"])
    text = result.stdout + result.stderr
    assert result.exit_code == code and words in text and "Traceback" not in text and "internal error" not in text
    if code == 2:
        assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("source, words", [
    ("import sys\nsys.exit(3)\n", "called sys.exit(3)"),
    (SOURCE.replace("    n = x.shape[1]", "    raise SystemExit(0)").replace("LOSS = 0.5", "LOSS = 0.5 * 0 + 0.5"),
     "your loss_and_grads called sys.exit(0)"),
])
def test_sys_exit_in_student_code_is_one_line(tmp_path: Path, source: str, words: str) -> None:
    path = tmp_path / "student.py"
    path.write_text(source.replace("B2", "d2.sum(1, keepdims=True)"))
    result = CliRunner().invoke(cli, ["gradcheck", str(path), "--net", "mlp:4-5-3:sigmoid:mse"])
    assert result.exit_code == 2 and words in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_prints_at_import_time_do_not_break_json(tmp_path: Path) -> None:
    import json

    path = tmp_path / "student.py"
    path.write_text("print('loading my homework')\n" + SOURCE.replace("B2", "d2.sum(1, keepdims=True)"))
    result = CliRunner().invoke(cli, ["gradcheck", str(path), "--net", "mlp:4-5-3:sigmoid:mse", "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["ok"]
