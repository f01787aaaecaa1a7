"""Sizes as data (issue 10, item 3): kron's products of sizes are terms of a Dim, not text read back.

Cookbook §10.2.1: Tr(A⊗B) = Tr(A)·Tr(B); the mixed product gives E⊗(1 1ᵀ) = (I⊗1) E (I⊗1ᵀ).
"""

from __future__ import annotations

import pytest

from checker.grading.answer import check_answer
from checker.grading.problem import from_expression
from checker.language.dims import Dim
from checker.language.parser import parse
from checker.language.printing import to_text
from checker.language.shapes import infer, parse_shapes
from derivations import derive


@pytest.mark.parametrize("text, want", [
    ("3*n", Dim.atom("n").scale(3)), ("2n", Dim.atom("n").scale(2)), ("m*n + 1", Dim.atom("m") * Dim.atom("n") + Dim.num(1)),
    ("2*(m + 1)", Dim.atom("m").scale(2) + Dim.num(2)), ("M-K+1", Dim.atom("M") - Dim.atom("K") + Dim.num(1)),
])
def test_sizes_read_as_polynomials(text: str, want: Dim) -> None:
    assert Dim.parse(text) == want and Dim.parse(str(want)) == want


def test_kron_shape_is_a_product_of_sizes() -> None:
    decls = parse_shapes("X: m x n, B: p x q")
    typed = infer(parse("kron(X, B)", names=decls), decls)
    assert typed.shape == (Dim.atom("m") * Dim.atom("p"), Dim.atom("n") * Dim.atom("q"))


def test_tr_kron_derives_and_checks() -> None:
    """The issue's example: it failed with "cannot read the size '3*n'"."""
    d = derive("tr(kron(X, B))", "X", "X: n x n, B: 3 x 3")
    assert d.verified and to_text(d.result) == "tr(B) I"
    assert any("Tr(A⊗B)" in s.rule for s in d.steps)
    problem, _ = from_expression("tr(kron(X, B))", "X", "X: n x n, B: 3 x 3")
    assert check_answer(problem, "tr(B) I").verdict == "correct"
    assert check_answer(problem, "tr(B) X").verdict == "incorrect"


@pytest.mark.parametrize("expr, shapes, gradient", [
    ("sum(kron(X, 1 1^T) .* A)", "X: m x n, A: 2m x 3n", "kron(I, 1^T) A kron(I, 1)"),  # upsampling, as in pooling
    ("tr(A^T kron(1 1^T, X))", "X: m x n, A: 3m x 2n", "kron(1^T, I) A kron(1, I)"),
])
def test_kron_with_ones_derives_and_checks(expr: str, shapes: str, gradient: str) -> None:
    d = derive(expr, "X", shapes)
    assert d.verified and to_text(d.result) == gradient
    problem, _ = from_expression(expr, "X", shapes)
    assert check_answer(problem, gradient).verdict == "correct"
    assert check_answer(problem, "kron(I, 1) A kron(I, 1^T)").verdict == "incorrect"
