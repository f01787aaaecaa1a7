"""Answers to the core catalog problems (issue 6 tests): ≥ 8 equal forms accepted, ≥ 8 wrong ones
rejected with the right diagnosis; and every reference verified against finite differences first."""

from __future__ import annotations

import numpy as np
import pytest

from checker.grading.answer import check_answer
from checker.language.functions import FUNCTIONS
from checker.grading.problem import from_expression
from derivations.catalog.problem import from_catalog
from derivations.catalog import get

ACCEPT = {
    ("least-squares-gradient", "gradient"): [
        "2A^T(Ax-b)", "2*A'*(A*x-b)", "2 A^T A x - 2 A^T b", "2\\mathbf{A}^\\top(\\mathbf{A}\\mathbf{x}-\\mathbf{b})",
        "2 Aᵀ(A x − b)", "(2 (A x - b)^T A)^T", "A^T (A x - b) + A^T(A x - b)", "-2A^T(b - Ax)",
    ],
    ("least-squares-gradient", "jacobian"): ["2(Ax-b)^T A", "2 x^T A^T A - 2 b^T A", "(2A^T(Ax-b))^T", "2 (A x - b)' * A",
                                             "-2(b - Ax)^T A", "2(x^T A^T - b^T) A", "(Ax-b)^T A + (Ax-b)^T A", "2 \\left(\\mathbf{A}\\mathbf{x}-\\mathbf{b}\\right)^{\\top}\\mathbf{A}"],
    ("trace-cyclic", "equal"): ["tr(D A B C)", "tr(C D A B)", "tr(B C D A)", "Tr(ABCD)", "tr((A B C D)^T)", "tr(D^T C^T B^T A^T)",
                                "\\operatorname{tr}(\\mathbf{B}\\mathbf{C}\\mathbf{D}\\mathbf{A})", "sum(diag(A B C D))"],
    ("trace-hadamard", "equal"): ["tr((A .* B)' C)", "tr(A'(B.*C))", "sum(A .* B .* C)", "1^T (A .* B .* C) 1", "tr(C^T (A .* B))",
                                  "tr((B .* C)^T A)", "\\operatorname{Tr}\\left((\\mathbf{A}\\circ\\mathbf{B})^\\top\\mathbf{C}\\right)", "tr(B^T (A .* C))", "tr((A .* B) C^T)"],
    ("softmax-jacobian", "jacobian"): ["diag(a) - a a^T", "diag(a) - a*a'", "\\operatorname{diag}(\\mathbf{a}) - \\mathbf{a}\\mathbf{a}^\\top",
                                       "diag(softmax(z)) - softmax(z) softmax(z)^T", "(I - 1 a^T) .* (a 1^T)", "diag(a)(I - 1 a^T)",
                                       "(I - a 1^T)' .* (a 1^T)", "-(a a^T - diag(a))"],
    ("sparsemax-kkt", "stationarity"): ["p - z - mu + tau 1", "z - p + mu - tau 1", "2(p - z - mu + tau*1)", "p - (z + mu - tau 1)",
                                        "\\mathbf{p}-\\mathbf{z}-\\boldsymbol{\\mu}+\\tau\\mathbf{1}", "p-z-μ+τ1", "-(z + mu) + p + tau 1", "(p - z - mu)/2 + tau 1/2"],
    ("conv-residual", "delta"): ["conv2(delta_{l+1}, rot180(omega), 'full') .* f'(z_l)", "f'(z_l) .* conv2(delta_{l+1}, rot90(omega,2), 'full')",
                                 "conv2(delta_{l+1}, rot180(w), 'full') .* f'(z_l)", "conv2(rot180(omega), delta_{l+1}, 'full') .* f'(z_l)",
                                 "conv2(delta_{l+1}, \\tilde{\\omega}, 'full') \\circ f'(z_l)", "conv2(δ_{l+1}, rot180(ω), 'full') ⊙ f'(z_l)",
                                 "rot180(conv2(rot180(delta_{l+1}), omega, 'full')) .* f'(z_l)", "conv2(delta_{l+1}, rot90(rot90(omega)), 'full') .* f'(z_l)"],
    ("mlp-backprop", "delta"): ["f'(z^(l)) .* (W^(l+1)^T delta^(l+1))", "(W^(l+1)' delta^(l+1)) .* f'(z^(l))", "f'(z^{(l)}) \\circ W^{(l+1)\\top}\\delta^{(l+1)}",
                                "diag(f'(z^(l))) W^(l+1)^T delta^(l+1)", "(delta^(l+1)^T W^(l+1))^T .* f'(z^(l))", "f'(z^(l)) .* W^(l+1)^T delta^(l+1)",
                                "((W^(l+1))^T delta^(l+1)) .* f'(z^(l))", "(\\mathbf{W}^{(l+1)})^{\\top}\\boldsymbol{\\delta}^{(l+1)} \\odot f'(\\mathbf{z}^{(l)})"],
}

REJECT = {
    ("trace-cyclic", "equal"): [("tr(A C B D)", "shape"), ("-tr(A B C D)", "sign"), ("2 tr(A B C D)", "scale"), ("tr(A B C D) + tr(D A B C)", "scale"),
                                ("tr(A B C D)/2", "scale"), ("tr(B A D C)", "shape"), ("tr(A B C D) + 1", "extra-term"), ("tr(D C B A)", "shape")],
    ("sparsemax-kkt", "stationarity"): [("p - z - mu", "missing-term"), ("p - z + mu + tau 1", "sign"), ("p - z - mu - tau 1", "sign"),
                                        ("p - mu + tau 1", "missing-term"), ("p - z - mu + tau 1 + p", "extra-term"), ("p - z - mu + tau", "shape"),
                                        ("p z - mu + tau 1", "shape"), ("1^T p - 1", "shape")],
    ("least-squares-gradient", "gradient"): [("A^T(Ax-b)", "scale"), ("-2A^T(Ax-b)", "sign"), ("2(Ax-b)^T A", "jacobian-for-gradient"),
                                             ("2 A^T A x", "missing-term"), ("2 A^T (A x + b)", "sign"), ("2 A^T (A x - b) + x", "extra-term"),
                                             ("A x - b", "shape"), ("4 A^T (A x - b)", "scale")],
    ("trace-hadamard", "equal"): [("tr(A' (B .* C)) - sum(C)", "extra-term"), ("-tr(A'(B.*C))", "sign"), ("2 tr(A'(B .* C))", "scale"),
                                  ("tr(A (B .* C))", "transpose"), ("tr(A' B C)", "shape"), ("tr(A' (B .* C)) + tr(A' B)", "extra-term"),
                                  ("tr(A' (B .* C)) + sum(A)", "extra-term"), ("tr(A' (B .* C))/2", "scale")],
    ("softmax-jacobian", "jacobian"): [("diag(a)", "missing-term"), ("a a^T - diag(a)", "sign"), ("diag(a) + a a^T", "sign"),
                                       ("-a a^T", "missing-term"), ("2(diag(a) - a a^T)", "scale"), ("diag(a) - a a^T + I", "extra-term"),
                                       ("a^T a - diag(a)", "shape"), ("diag(a) - a' a", "shape")],
    ("conv-residual", "delta"): [("conv2(delta_{l+1}, omega, 'full') .* f'(z_l)", "kernel-flip"), ("-conv2(delta_{l+1}, rot180(omega), 'full') .* f'(z_l)", "sign"),
                                 ("conv2(delta_{l+1}, rot180(omega), 'full')", "missing-term"), ("conv2(delta_{l+1}, rot180(omega), 'valid') .* f'(z_l)", "shape"),
                                 ("2 conv2(delta_{l+1}, rot180(omega), 'full') .* f'(z_l)", "scale"), ("conv2(delta_{l+1}, rot180(omega), 'same') .* f'(z_l)", "shape"),
                                 ("f'(z_l)", "missing-term"), ("conv2(delta_{l+1}, rot180(omega), 'full') .* f'(z_l) + f'(z_l)", "extra-term")],
    ("mlp-backprop", "delta"): [("W^(l+1)^T delta^(l+1)", "missing-term"), ("f'(z^(l)) W^(l+1)^T delta^(l+1)", "hadamard-vs-matmul"),
                                ("f'(z^(l)) .* (W^(l+1) delta^(l+1))", "transpose"), ("-f'(z^(l)) .* (W^(l+1)^T delta^(l+1))", "sign"),
                                ("2 f'(z^(l)) .* (W^(l+1)^T delta^(l+1))", "scale"), ("f'(z^(l))", "missing-term"),
                                ("(delta^(l+1)^T W^(l+1)) .* f'(z^(l))^T", "jacobian-for-gradient"), ("f'(z^(l)) .* (W^(l+1)^T delta^(l+1)) + delta^(l)", "extra-term")],
    ("mlp-backprop", "grad-W"): [("delta^(l) a^(l-1)", "transpose"), ("a^(l-1) delta^(l)^T", "transpose"), ("-delta^(l) a^(l-1)^T", "sign"),
                                 ("delta^(l) a^(l-1)^T / 2", "scale"), ("delta^(l) .* a^(l-1)", "shape"), ("delta^(l)", "shape"),
                                 ("delta^(l) a^(l-1)^T + W^(l)", "extra-term"), ("2 delta^(l) a^(l-1)^T", "scale")],
}


@pytest.mark.parametrize(("key", "answer"), [(k, a) for k, answers in ACCEPT.items() for a in answers])
def test_equal_forms_are_accepted(key: tuple[str, str], answer: str) -> None:
    verdict = check_answer(from_catalog(*key), answer)
    assert verdict.verdict == "correct", verdict.message


@pytest.mark.parametrize(("key", "answer", "code"), [(k, a, c) for k, rows in REJECT.items() for a, c in rows])
def test_wrong_answers_are_diagnosed(key: tuple[str, str], answer: str, code: str) -> None:
    verdict = check_answer(from_catalog(*key), answer)
    assert verdict.verdict == "incorrect"
    assert verdict.diagnosis == [code], verdict.message


# Principle 3: the catalog's references are not trusted as typed; each is checked against finite differences.
VERIFY = [
    ("least-squares-gradient", "gradient", "||A x - b||^2", "x", None, None),
    ("softmax-jacobian", "jacobian", "softmax(z)", "z", None, "a = softmax(z)"),
    ("conv-residual", "delta", "sum(delta_{l+1} .* conv2(f(z_l), omega, 'valid'))", "z_l", None, None),
    ("conv-residual", "grad-kernel", "sum(delta_{l+1} .* conv2(a_l, omega, 'valid'))", "omega", None, None),
    ("mlp-backprop", "delta", "delta^(l+1)^T W^(l+1) f(z^(l))", "z^(l)", None, None),
    ("mlp-backprop", "grad-W", "delta^(l)^T W^(l) a^(l-1)", "W^(l)", None, None),
    ("mlp-backprop", "output-delta-mse", "1/2 ||sigmoid(z^(L)) - y||^2", "z^(L)", None, "a^(L) = sigmoid(z^(L))"),
]


@pytest.mark.parametrize(("entry", "part", "f", "wrt", "kind", "where"), VERIFY)
def test_reference_equals_finite_differences(entry: str, part: str, f: str, wrt: str, kind: str | None, where: str | None) -> None:
    chosen = next(p for p in get(entry).parts if p.name == part)
    problem, _ = from_expression(f, wrt, get(entry).symbols, where=where or chosen.where, kind=kind)
    verdict = check_answer(problem, chosen.reference)
    assert verdict.verdict == "correct", verdict.message


def test_sparsemax_tau_closed_form_matches_the_sort_based_solver() -> None:
    """τ = (Σ_{j∈S} z_j − 1)/|S| on the support S gives p = [z − τ1]₊ = sparsemax(z) (lecture ch. 3)."""
    rng = np.random.default_rng(0)
    for _ in range(20):
        z = rng.standard_normal((6, 1))
        p = FUNCTIONS["sparsemax"].forward(z)
        s = (p > 0).astype(float)
        tau = (s.T @ z - 1) / s.sum()
        assert np.allclose(np.maximum(z - tau, 0), p)
        mu = p - z + tau  # stationarity p − z − μ + τ1 = 0
        assert np.all(mu >= -1e-12) and np.allclose(mu * p, 0) and np.isclose(p.sum(), 1)


def test_unknown_part_lists_the_parts() -> None:
    from checker.language.errors import InputError

    with pytest.raises(InputError, match="delta, grad-kernel, grad-bias"):
        from_catalog("conv-residual", "kernel")
