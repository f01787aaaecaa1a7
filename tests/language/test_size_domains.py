"""Issue #21: random sizes and values are drawn where the expression is defined (XᵀX invertible needs
m ≥ n; xᵀAx under a square root needs A positive definite), and when no sizes can work, one line says
what the expression needs."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from checker.grading.answer import check_answer
from checker.grading.problem import from_expression
from checker.language.errors import DlprepError
from checker.language.evaluate import draw_instances
from checker.language.parser import parse
from checker.language.shapes import infer, parse_shapes


def _typed(text: str, shapes: str):  # type: ignore[no-untyped-def]
    decls = parse_shapes(shapes)
    return decls, infer(parse(text, names=set(decls)), decls)


@pytest.mark.parametrize("seed", range(6))
def test_a_gram_matrix_under_det_gets_more_rows_than_columns(seed: int) -> None:
    decls, typed = _typed("log(det(X' X))", "X: m x n")
    for inst in draw_instances(decls, [typed], 5, seed):
        assert inst.sizes["m"] > inst.sizes["n"]  # distinct sizes, and XᵀX (n×n) of full rank


def test_derive_log_det_of_a_gram_matrix_works_from_the_command_line() -> None:
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    done = subprocess.run([sys.executable, "-m", "dlprep", "derive", "log(det(X' X))", "--wrt", "X", "--shapes", "X: m x n"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "verified" in done.stdout


def test_a_right_answer_is_judged_right_and_a_singular_one_is_not_a_crash() -> None:
    problem, _ = from_expression("log(det(X' X))", "X", "X: m x n")
    assert check_answer(problem, "2 X (X' X)^{-1}").verdict == "correct"
    assert check_answer(problem, "2 (X X')^{-1} X").verdict == "incorrect"  # XXᵀ is singular here: a wrong answer, not an exit 3


def test_when_no_sizes_can_work_the_message_says_what_the_expression_needs() -> None:
    decls, typed = _typed("log(det(X' X))", "X: 3 x 5")
    with pytest.raises(DlprepError) as caught:
        draw_instances(decls, [typed], 3, 0)
    message = str(caught.value)
    assert "Xᵀ X must be invertible" in message and "5 ≤ 3" in message, message


@pytest.mark.parametrize("seed", range(4))
def test_a_quadratic_form_under_a_square_root_draws_a_positive_definite_matrix(seed: int) -> None:
    decls, typed = _typed("sqrt(x' A x)", "x: n, A: n x n")
    for inst in draw_instances(decls, [typed], 3, seed):
        a = inst.values["A"]
        assert np.allclose(a, a.T) and np.min(np.linalg.eigvalsh(a)) > 0
