"""Issue #3 coverage: every derivation verified step by step, and its result equal to the textbook
formula on random matrices with distinct sizes (labels give the source of each formula)."""

from __future__ import annotations

import pytest

from checker.grading.equivalence import compare
from checker.language.parser import parse
from checker.grading.problem import Problem
from checker.grading.problem import parse_where
from checker.language.shapes import parse_shapes
from derivations import derive
from engine_cases import COVERAGE, JACOBIANS

CASES = COVERAGE + JACOBIANS


@pytest.mark.parametrize("label, f, wrt, shapes, where, expected", CASES, ids=[c[0] for c in CASES])
def test_every_step_is_verified(label: str, f: str, wrt: str, shapes: str, where: str | None, expected: str) -> None:
    d = derive(f, wrt, shapes, where)
    assert d.verified, d.to_text()
    assert all(s.verified for s in d.steps if s.error is not None)
    assert d.max_rel_error < 1e-6
    assert d.steps[-1].lhs.startswith(("∇", "∂"))


@pytest.mark.parametrize("label, f, wrt, shapes, where, expected", CASES, ids=[c[0] for c in CASES])
def test_result_equals_the_textbook_formula(label: str, f: str, wrt: str, shapes: str, where: str | None, expected: str) -> None:
    decls = parse_shapes(shapes)
    problem = Problem(decls, where=parse_where(where, set(decls)))
    d = derive(f, wrt, shapes, where)
    want = problem.expand(parse(expected, names=problem.names))
    verdict = compare(d.result_expanded, want, decls, seed=7)
    assert verdict.equal, (label, d.result_expanded, verdict)


@pytest.mark.parametrize("f, wrt, shapes, where, written", [
    ("x' A x", "x", "x: n, A: n x n", None, "(A + A^T) x"),
    ("norm(A x - b)^2", "x", "A: m x n, x: n, b: m", None, "2 A^T (A x - b)"),
    ("log(det(X))", "X", "X: n x n", None, "X^-T"),
    ("-y' log(a)", "z", "z: n, y: n probability", "a = softmax(z)", "a - y"),
    ("softmax(z)", "z", "z: n", "a = softmax(z)", "diag(a) - a a^T"),
    ("sum(exp(X))", "X", "X: m x n", None, "exp(X)"),
])
def test_result_is_written_as_a_person_writes_it(f: str, wrt: str, shapes: str, where: str | None, written: str) -> None:
    """Issue #3 §2: 2Aᵀ(Ax − b), (A + Aᵀ)x, X⁻ᵀ, a − y, diag(a) − aaᵀ."""
    from checker.language.printing import to_text

    assert to_text(derive(f, wrt, shapes, where).result) == written
