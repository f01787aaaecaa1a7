"""No exit 3 on any input (issue 22 §5): the issue's cases, each an exit 3 with SymPy frames or
internal paths before, and a bounded fuzz of parse/check/derive/step files/spec files (seconds;
the long run is benchmarks/fuzz_inputs.py)."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dlprep.cli import cli

sys.path.insert(0, str(Path(__file__).resolve().parent))
import fuzzing  # noqa: E402

CASES = {
    "division by zero": ["derive", "x' x / 0", "--wrt", "x", "--shapes", "x: n"],
    "diag of a number": ["derive", "diag(-1) + x' x", "--wrt", "x", "--shapes", "x: n"],
    "underflowing constant": ["derive", "x' x * (1e-300)^64", "--wrt", "x", "--shapes", "x: n"],
    "a power of a tiny constant": ["derive", "((1e-300)^64)^((1e-300)^64) * x' x", "--wrt", "x", "--shapes", "x: n"],
    "logsumexp of a number": ["derive", "logsumexp(2) * x' x", "--wrt", "x", "--shapes", "x: n"],
    "hadamard of numbers": ["derive", "(0 ∘ 0) + x' x", "--wrt", "x", "--shapes", "x: n"],
    "a power whose exponent holds a matrix": ["derive", "((s)^2)^(sum(log(0.5 x))) * x' x", "--wrt", "x",
                                             "--shapes", "x: n, s: scalar"],
    "sparsemax overflow": ["check", "--reference", "[1]", "--answer", "sparsemax(1e300)"],
    "sparsemax of -inf": ["check", "--reference", "[1]", "--answer", "sparsemax(log(-1e300))"],
    "singular matrix": ["check", "--reference", "[1]", "--answer", "inv(0)"],
}


@pytest.mark.parametrize("name", list(CASES))
def test_the_issues_inputs_are_not_bugs(name: str) -> None:
    result = CliRunner().invoke(cli, CASES[name])
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.stdout, result.stderr)
    text = result.stdout + result.stderr
    assert "internal error" not in text and "sympy" not in text.lower() and "/site-packages/" not in text
    if result.exit_code == 2:
        assert len(result.stderr.strip().splitlines()) == 1


def _spec(tmp_path: Path, text: str) -> CliRunner:
    path = tmp_path / "spec.toml"
    path.write_text(text)
    return CliRunner().invoke(cli, ["exam", "--spec", str(path), "--out", str(tmp_path / "out")])


@pytest.mark.parametrize("text, words", [
    ("[[questions]]\ntypes = 5\n", "types must be a list"),
    ("[[questions]]\ntopics = {a = 1}\n", "topics must be a list"),
    ("title = " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply"),
])
def test_wrong_toml_types_and_deep_nesting_are_one_line(tmp_path: Path, text: str, words: str) -> None:
    result = _spec(tmp_path, text)
    assert result.exit_code == 2 and words in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_complex_loss_in_gradcheck_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "complex.py"
    path.write_text("import numpy as np\n"
                    "def loss_and_grads(params, x, y):\n    return 1.0 + 1j, {k: np.zeros_like(v) for k, v in params.items()}\n"
                    "def example():\n    return {'W': np.ones((2, 3))}, np.ones((3, 1)), np.ones((2, 1))\n")
    result = CliRunner().invoke(cli, ["gradcheck", str(path)])
    assert result.exit_code == 2 and "complex loss" in result.stderr and "internal error" not in result.stderr


@pytest.mark.parametrize("out", ["/proc/dlprep-out", "/sys/dlprep-out", "/dev/null"])
def test_out_on_a_special_path_is_one_line(out: str, tmp_path: Path) -> None:
    for args in (["exam", "--questions", "1", "--format", "md", "--out", out],
                 ["check", "--batch", str(Path(__file__).resolve().parents[2] / "examples" / "answers.jsonl"), "--out", out]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2, (args, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1 and "internal error" not in result.stderr


def test_out_in_a_read_only_folder_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        if os.access(folder, os.W_OK):  # root ignores the mode: a path under /proc is read-only for everyone
            folder = Path("/proc/self")
        result = CliRunner().invoke(cli, ["check", "--batch", str(Path(__file__).resolve().parents[2] / "examples" /
                                                                "answers.jsonl"), "--out", str(folder / "out.jsonl")])
        assert result.exit_code == 2 and "cannot write --out" in result.stderr
    finally:
        (tmp_path / "read-only").chmod(stat.S_IRWXU)


FUZZ = settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))


@FUZZ
@given(fuzzing.expressions())
def test_fuzz_derive(expr: str) -> None:
    assert fuzzing.outcome(fuzzing.derive, expr) is None


@FUZZ
@given(fuzzing.expressions(), fuzzing.expressions())
def test_fuzz_check_reference(reference: str, answer: str) -> None:
    assert fuzzing.outcome(fuzzing.check_reference, reference, answer) is None


@FUZZ
@given(fuzzing.expressions(3), fuzzing.expressions())
def test_fuzz_check_expression(expr: str, answer: str) -> None:
    assert fuzzing.outcome(fuzzing.check_expression, expr, answer) is None


@FUZZ
@given(fuzzing.expressions(2), fuzzing.steps_files())
def test_fuzz_step_files(expr: str, content: str) -> None:
    assert fuzzing.outcome(fuzzing.check_steps, expr, content) is None


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(fuzzing.spec_files())
def test_fuzz_spec_files(text: str) -> None:
    assert fuzzing.outcome(fuzzing.spec, text) is None


@settings(max_examples=60, deadline=None, database=None)
@given(st.lists(st.sampled_from(fuzzing.LEAVES + fuzzing.UNARY + fuzzing.BINARY + ("(", ")", "'", "[", "]", ";", ",")),
                max_size=15).map("".join))
def test_fuzz_parse(text: str) -> None:
    from checker.language.parser import parse

    assert fuzzing.outcome(lambda t: parse(t, names={"x", "y", "A", "W", "b", "z", "s"}), text) is None
