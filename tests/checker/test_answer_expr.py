"""Answers checked against the derivative of an expression (issue 6 §1–3), decided on matrices."""

from __future__ import annotations

import pytest

from checker.grading.answer import check_answer
from checker.language.parser import parse
from checker.grading.problem import Problem
from checker.grading.problem import from_expression
from checker.language.shapes import parse_shapes

LSQ = ("||A x - b||^2", "x", "A: m x n, x: n, b: m")

EQUIVALENT = [  # lecture ch. 2: ∇ₓ‖Ax−b‖² = 2Aᵀ(Ax−b)
    "2A^T(Ax-b)", "2*A'*(A*x-b)", "2 A^T A x - 2 A^T b", "2\\mathbf{A}^\\top(\\mathbf{A}\\mathbf{x}-\\mathbf{b})",
    "2 Aᵀ(A x − b)", "(2 (A x - b)^T A)^T", "A^T (A x - b) + A^T(A x - b)", "-2A^T(b - Ax)",
]
WRONG = [
    ("A^T(Ax-b)", "scale"),
    ("-2A^T(Ax-b)", "sign"),
    ("2(Ax-b)^T A", "jacobian-for-gradient"),
    ("2A(Ax-b)", "transpose"),
    ("2 A^T (A x - b) + x", "extra-term"),
    ("2 A^T (A x + b)", "sign"),
    ("A x - b", "shape"),
]


@pytest.mark.parametrize("answer", EQUIVALENT)
def test_equivalent_gradients_are_accepted(answer: str) -> None:
    problem, _ = from_expression(*LSQ)
    assert check_answer(problem, answer).verdict == "correct"


@pytest.mark.parametrize(("answer", "code"), WRONG)
def test_wrong_gradients_are_diagnosed(answer: str, code: str) -> None:
    problem, _ = from_expression(*LSQ)
    verdict = check_answer(problem, answer)
    assert verdict.verdict == "incorrect"
    assert verdict.diagnosis == [code], verdict.message


def test_scalar_cas_trap_2Ax_vs_2xA() -> None:
    """A scalar CAS accepts 2xA for 2Ax; on matrices they differ in shape (principle 4)."""
    decls = parse_shapes("A: n x n, x: n")
    problem = Problem(decls, reference=parse("2 A x", names=decls))
    verdict = check_answer(problem, "2 x^T A")
    assert verdict.verdict == "incorrect" and verdict.diagnosis == ["shape"]
    assert "1×n" in verdict.message


def test_softmax_jacobian_without_aa_t_is_a_missing_term() -> None:
    """Lecture ch. 3: ∂a/∂z = diag(a) − aaᵀ."""
    problem, _ = from_expression("softmax(z)", "z", "z: K", where="a = softmax(z)")
    assert check_answer(problem, "diag(a) - a a^T").verdict == "correct"
    wrong = check_answer(problem, "diag(a)")
    assert wrong.verdict == "incorrect"


def test_hidden_delta_with_matmul_instead_of_hadamard() -> None:
    """Lecture ch. 2: δ = f'(z) ∘ Wᵀδ'; writing a product there is a shape error we explain."""
    decls = parse_shapes("W: m x n, z: n, d: m")
    problem = Problem(decls, reference=parse("f'(z) .* (W^T d)", names={"W", "z", "d"}))
    assert check_answer(problem, "(W' d) .* f'(z)").verdict == "correct"
    verdict = check_answer(problem, "f'(z) W^T d")
    assert verdict.diagnosis == ["hadamard-vs-matmul"], verdict.message


def test_gradient_of_logdet_is_inverse_transpose() -> None:
    """Matrix Cookbook eq. 57: ∂ log det X / ∂X = X⁻ᵀ."""
    problem, _ = from_expression("log(det(X))", "X", "X: n x n")
    assert check_answer(problem, "X^{-T}").verdict == "correct"
    assert check_answer(problem, "inv(X)'").verdict == "correct"
    assert check_answer(problem, "X^-1").diagnosis == ["transpose"]


def test_missing_term_against_a_reference_tree() -> None:
    """Lecture ch. 2: ∇ₓ‖Ax−b‖² = 2Aᵀ(Ax−b); dropping the −2Aᵀb term is a missing term."""
    decls = parse_shapes("A: m x n, x: n, b: m")
    problem = Problem(decls, reference=parse("2A^T(Ax-b)", names=decls))
    verdict = check_answer(problem, "2 A^T A x")
    assert verdict.diagnosis == ["missing-term"], verdict.message
