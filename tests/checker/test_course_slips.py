"""The course's known slips get their own diagnosis (issue 6 §3), on reference trees like the catalog's."""

from __future__ import annotations

import pytest

from checker.grading.answer import check_answer
from checker.language.parser import parse
from checker.grading.problem import Problem
from checker.grading.problem import parse_where
from checker.language.shapes import parse_shapes

MLP = "W^(l): n_l x n_{l-1}, W^(l+1): n_{l+1} x n_l, z^(l): n_l, a^(l-1): n_{l-1}, delta^(l): n_l, delta^(l+1): n_{l+1}"
CONV = "omega: K x K, a_l: M x M, z_l: M x M, delta_{l+1}: (M-K+1) x (M-K+1)"


def problem(shapes: str, reference: str, where: str | None = None, kind: str = "value") -> Problem:
    decls = parse_shapes(shapes)
    abbreviations = parse_where(where, set(decls))
    return Problem(decls, reference=parse(reference, names=set(decls) | set(abbreviations)), where=abbreviations, kind=kind)


@pytest.mark.parametrize(
    ("reference", "answer", "code", "shapes", "where"),
    [
        # lecture ch. 2: ∂J/∂W⁽ˡ⁾ = δ⁽ˡ⁾ a⁽ˡ⁻¹⁾ᵀ — without the transpose the product does not even fit
        ("delta^(l) a^(l-1)^T", "delta^(l) a^(l-1)", "transpose", MLP, None),
        ("delta^(l) a^(l-1)^T", "a^(l-1) delta^(l)^T", "transpose", MLP, None),
        # the hidden delta without f'(z)
        ("f'(z^(l)) .* (W^(l+1)^T delta^(l+1))", "W^(l+1)^T delta^(l+1)", "missing-term", MLP, None),
        # the hidden delta with a matrix product where the Hadamard product belongs
        ("f'(z^(l)) .* (W^(l+1)^T delta^(l+1))", "f'(z^(l)) W^(l+1)^T delta^(l+1)", "hadamard-vs-matmul", MLP, None),
        # lecture ch. 7: δ_l = conv2(δ_{l+1}, rot180(ω), 'full') ∘ f'(z_l) — forgetting the flip
        ("conv2(delta_{l+1}, rot180(omega), 'full') .* f'(z_l)", "conv2(delta_{l+1}, omega, 'full') .* f'(z_l)", "kernel-flip", CONV, None),
        # ∂J/∂ω = conv2(rot180(a_l), δ_{l+1}, 'valid') — the other convention's kernel gradient
        ("conv2(rot180(a_l), delta_{l+1}, 'valid')", "conv2(a_l, rot180(delta_{l+1}), 'valid')", "kernel-flip", CONV, None),
        # lecture ch. 3: softmax Jacobian without −aaᵀ
        ("diag(a) - a a^T", "diag(a)", "missing-term", "z: K", "a = softmax(z)"),
        ("diag(a) - a a^T", "a a^T - diag(a)", "sign", "z: K", "a = softmax(z)"),
    ],
)
def test_slip_is_named(reference: str, answer: str, code: str, shapes: str, where: str | None) -> None:
    verdict = check_answer(problem(shapes, reference, where), answer)
    assert verdict.verdict == "incorrect"
    assert verdict.diagnosis == [code], verdict.message


@pytest.mark.parametrize(
    ("reference", "answer", "shapes", "where"),
    [
        ("delta^(l) a^(l-1)^T", "\\delta^{(l)} \\mathbf{a}^{(l-1)\\top}", MLP, None),
        ("f'(z^(l)) .* (W^(l+1)^T delta^(l+1))", "(W^{(l+1)})^\\top \\delta^{(l+1)} \\circ f'(z^{(l)})", MLP, None),
        ("conv2(delta_{l+1}, rot180(omega), 'full') .* f'(z_l)", "conv2(delta_{l+1}, rot90(omega, 2), 'full') .* f'(z_l)", CONV, None),
        ("diag(a) - a a^T", "diag(softmax(z)) - softmax(z) softmax(z)'", "z: K", "a = softmax(z)"),
        ("diag(a) - a a^T", "(I - 1 a^T) .* (a 1^T)", "z: K", "a = softmax(z)"),
    ],
)
def test_equivalent_forms_are_accepted(reference: str, answer: str, shapes: str, where: str | None) -> None:
    assert check_answer(problem(shapes, reference, where), answer).verdict == "correct"


def test_reveal_shows_the_answer_only_when_asked() -> None:
    p = problem(MLP, "delta^(l) a^(l-1)^T")
    assert "right answer" not in check_answer(p, "delta^(l) a^(l-1)").message
    assert "delta^(l) a^(l-1)^T" in check_answer(p, "delta^(l) a^(l-1)", reveal=True).message


def test_feedback_in_chinese() -> None:
    from checker.grading.messages import language

    with language("zh"):
        verdict = check_answer(problem("z: K", "diag(a) - a a^T", "a = softmax(z)"), "a a^T - diag(a)")
    assert "符号" in verdict.message
