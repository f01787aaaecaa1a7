"""`dlprep gradcheck FILE.py[:FUNC] [--net SPEC]`: exit 0 right, 1 wrong (with the hint), 2 unusable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dlprep.cli import cli

GOOD = (Path(__file__).resolve().parents[1] / "data" / "gradcheck" / "right.py").read_text()  # the right 2-layer net

EXAMPLE = '''
def example():
    rng = np.random.default_rng(0)
    params = {"W1": rng.standard_normal((5, 4)), "b1": rng.standard_normal((5, 1)),
              "W2": rng.standard_normal((3, 5)), "b2": rng.standard_normal((3, 1))}
    return params, rng.standard_normal((4, 6)), rng.uniform(0.1, 0.9, (3, 6))
'''

NET = ["--net", "mlp:4-5-3:sigmoid:mse"]


def run(tmp_path: Path, source: str, *args: str) -> tuple[int, str, str]:
    path = tmp_path / "student.py"
    path.write_text(source)
    target = str(path) + (args[0] if args and args[0].startswith(":") else "")
    rest = list(args[1:] if args and args[0].startswith(":") else args)
    result = CliRunner().invoke(cli, ["gradcheck", target, *rest])
    return result.exit_code, result.stdout, result.stderr


def test_a_correct_implementation_passes(tmp_path: Path) -> None:
    code, out, _ = run(tmp_path, GOOD, *NET)
    assert code == 0 and "all gradients are right" in out and "✓ loss" in out


def test_without_net_the_file_gives_its_example(tmp_path: Path) -> None:
    code, out, _ = run(tmp_path, GOOD + EXAMPLE)
    assert code == 0 and "dW1" in out


@pytest.mark.parametrize("wrong, right, words", [
    ('"W2": d2 @ a1.T', '"W2": 2 * d2 @ a1.T', "×2.00"),
    ("d1 = (W2.T @ d2) * a1 * (1 - a1)", "d1 = (W2.T @ d2)", "missing activation derivative"),
    ('"b1": d1.sum(1, keepdims=True)', '"b1": -d1.sum(1, keepdims=True)', "sign flipped"),
    ('"W1": d1 @ x.T', '"W1": (d1 @ x.T).T', "transposed"),
])
def test_slips_are_named(tmp_path: Path, wrong: str, right: str, words: str) -> None:
    code, out, _ = run(tmp_path, GOOD.replace(wrong, right), *NET)
    assert code == 1 and "first wrong: d" in out and words in out


def test_a_forward_bug_is_caught_by_the_reference_loss(tmp_path: Path) -> None:
    code, out, _ = run(tmp_path, GOOD.replace("loss = 0.5 *", "loss = 1.0 *"), *NET)
    assert code == 1 and "forward pass differs" in out


def test_json(tmp_path: Path) -> None:
    code, out, _ = run(tmp_path, GOOD.replace('"W2": d2 @ a1.T', '"W2": 2 * d2 @ a1.T'), *NET, "--json")
    data = json.loads(out)
    assert code == 1 and data["first_wrong"] == "W2" and not data["ok"]
    w2 = next(p for p in data["params"] if p["name"] == "W2")
    assert w2["verdict"] == "fail" and w2["hint"] == "×2.00" and len(w2["worst_index"]) == 2


@pytest.mark.parametrize("source, args, message", [
    (GOOD, (":nothere", *NET), "defines no function nothere"),
    (GOOD, (), "defines no example()"),
    ("def loss_and_grads(params, x, y):\n    return 1 +\n", NET, "syntax error on line 2"),
    ("def loss_and_grads(params, x, y):\n    raise ValueError('shapes!')\n", NET, "your loss_and_grads raised ValueError: shapes! (student.py line 2)"),
    ("def loss_and_grads(params, x, y):\n    return 1.0\n", NET, "returned float"),
    (GOOD + EXAMPLE.replace("return params,", "params = {k: v.astype(np.float32) for k, v in params.items()}\n    return params,"), (), "float64"),
    (GOOD, ("--net", "mlp:4-5:swish:mse"), "unknown activation 'swish'"),
    (GOOD, ("--net", "resnet:50"), "unknown network spec"),
])
def test_unusable_input_is_one_line_and_exit_2(tmp_path: Path, source: str, args: tuple[str, ...], message: str) -> None:
    code, out, err = run(tmp_path, source, *args)
    assert code == 2 and message in err and "Traceback" not in err + out


def test_missing_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["gradcheck", str(tmp_path / "nope.py")])
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_conv_network_spec(tmp_path: Path) -> None:
    """A student's convolution layer against the reference conv net (cross-correlation convention)."""
    source = '''
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

def loss_and_grads(params, x, y):
    w, b = params["w"], params["b"]
    z = np.einsum("ijuv,uv->ij", sliding_window_view(x, w.shape), w) + b[0, 0]
    a = 1 / (1 + np.exp(-z))
    d = (a - y) * a * (1 - a)
    return 0.5 * np.sum((a - y) ** 2), {"w": np.einsum("ijuv,ij->uv", sliding_window_view(x, w.shape), d), "b": np.array([[d.sum()]])}
'''
    code, out, _ = run(tmp_path, source, "--net", "conv:6x6:3:valid:cross-correlation")
    assert code == 0, out
    code, out, _ = run(tmp_path, source, "--net", "conv:6x6:3:valid:convolution")
    assert code == 1 and "forward pass differs" in out  # the other convention: the kernel is flipped


RELU_CE = '''
import numpy as np

def loss_and_grads(params, x, y):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    n = x.shape[1]
    z1 = W1 @ x + b1
    a1 = np.maximum(z1, 0)
    z2 = W2 @ a1 + b2
    z2 = z2 - z2.max(axis=0, keepdims=True)
    p = np.exp(z2) / np.exp(z2).sum(axis=0, keepdims=True)
    loss = -np.sum(y * np.log(p)) / n
    d2 = (p - y) / n
    d1 = (W2.T @ d2) * (z1 > 0)
    return loss, {"W1": d1 @ x.T, "b1": d1.sum(1, keepdims=True), "W2": d2 @ a1.T, "b2": d2.sum(1, keepdims=True)}
'''


def test_the_homework_network_by_probes(tmp_path: Path) -> None:
    """784-500-10 ReLU with softmax cross-entropy: W1 (392,000 entries), b1 and W2 are checked by
    directional probes (--max-full 50: b1's 500 entries one by one cost 1,000 of the 1,025 loss calls
    of the right run, and the full-entry path is tested on the small networks above); the broken
    ReLU mask is caught in both parameters it touches, named by the recheck, and nowhere else."""
    net = ["--net", "mlp:784-500-10:relu:softmax-ce", "--max-full", "50"]
    code, out, _ = run(tmp_path, RELU_CE, *net, "--json")
    data = json.loads(out)
    assert code == 0 and data["ok"]
    modes = {p["name"]: p["mode"] for p in data["params"]}
    assert modes == {"W1": "probes", "b1": "probes", "W2": "probes", "b2": "full"}
    code, out, _ = run(tmp_path, RELU_CE.replace("* (z1 > 0)", ""), *net)
    assert code == 1 and "first wrong: dW1[" in out and "missing activation derivative" in out
    assert "✗ dW1" in out and "✗ db1" in out and "✓ dW2" in out and "✓ db2" in out


def test_a_hanging_implementation_times_out(tmp_path: Path) -> None:
    code, out, err = run(tmp_path, "def loss_and_grads(params, x, y):\n    while True:\n        pass\n", *NET, "--timeout", "1")
    assert code == 2 and "longer than 1 s" in err


def test_prints_in_student_code_do_not_break_json(tmp_path: Path) -> None:
    code, out, _ = run(tmp_path, GOOD.replace("    n = x.shape[1]", "    print('debug')\n    n = x.shape[1]"), *NET, "--json")
    assert code == 0 and json.loads(out)["ok"]
