"""Every form the issue lists, plain and LaTeX, read to the intended tree (issue 2 §3)."""

from __future__ import annotations

import pytest

from checker.language import ast as A
from checker.language.errors import DlprepError, InputError, LimitExceeded
from checker.language.parser import parse
from checker.language.printing import canonical_division, to_latex, to_text, to_unicode

NAMES = {"A", "B", "C", "X", "x", "b", "a", "z", "y", "W", "W1", "W_2", "lambda", "W^(l)", "W^(l+1)",
         "delta^(l+1)", "delta^(l)", "a^(l-1)", "z^(l)", "omega", "omega_tilde", "y_hat", "a_l", "z_l",
         "delta_{l+1}", "z_{l+1}", "h_{t-1}", "delta_{t,k}", "tau", "alpha", "gamma", "t", "k", "h", "U"}

# (written, read as plain text) — each row one spelling from issue 2 §3
FORMS = [
    # names, Greek words and Unicode letters, labels and subscripts
    ("A", "A"), ("W1", "W1"), ("W_2", "W_2"), ("W2", "W_2"), ("lambda", "lambda"), ("\\lambda", "lambda"),
    ("λ", "lambda"), ("ω", "omega"), ("\\omega", "omega"), ("W^(l)", "W^(l)"), ("W^{(l)}", "W^(l)"),
    ("\\mathbf{W}^{(l)}", "W^(l)"), ("\\delta^{(l+1)}", "delta^(l+1)"), ("z_l", "z_l"), ("z_{l}", "z_l"),
    ("z_{l+1}", "z_{l+1}"), ("delta_{t,k}", "delta_{t,k}"), ("\\delta_{t,k}", "delta_{t,k}"),
    ("h_{t-1}", "h_{t-1}"), ("\\tilde{\\omega}", "omega_tilde"), ("\\hat{y}", "y_hat"), ("ŷ", "y_hat"),
    ("W^{(l+1)T}", "W^(l+1)^T"),
    # numbers and special constants
    ("2", "2"), ("0.5", "0.5"), ("1/2", "1 / 2"), ("\\frac{1}{2}", "1 / 2"), ("1^T x", "1^T x"),
    ("I", "I"), ("0", "0"), ("e_y", "e_y"), ("\\mathbf{1}^\\top x", "1^T x"),
    # products
    ("2A^T(Ax-b)", "2 A^T (A x - b)"), ("2*A'*(A*x-b)", "2 A^T (A x - b)"), ("A@x", "A x"),
    ("A \\cdot x", "A x"), ("a a^T", "a a^T"), ("Ax", "A x"), ("Wx + b", "W x + b"),
    ("A .* B", "A .* B"), ("A ∘ B", "A .* B"), ("A ⊙ B", "A .* B"), ("A \\circ B", "A .* B"),
    ("A \\odot B", "A .* B"), ("A ./ B", "A ./ B"), ("x / 2", "x / 2"), ("kron(A,B)", "kron(A, B)"),
    ("A \\otimes B", "kron(A, B)"),
    # transposes, inverses, powers
    ("A'", "A^T"), ("A^T", "A^T"), ("A^{T}", "A^T"), ("A.T", "A^T"), ("Aᵀ", "A^T"), ("A^\\top", "A^T"),
    ("A^{\\top}", "A^T"), ("A^{\\mathsf{T}}", "A^T"), ("A^\\intercal", "A^T"), ("X^-1", "X^-1"),
    ("X^{-1}", "X^-1"), ("inv(X)", "X^-1"), ("X⁻¹", "X^-1"), ("X^{-T}", "X^-T"), ("X^{-\\top}", "X^-T"),
    ("x^2", "x^2"), ("x.^2", "x.^2"), ("X^3", "X^3"), ("x**2", "x^2"), ("gamma^{t-k}", "gamma^{t - k}"),
    # functions
    ("tr(A)", "tr(A)"), ("Tr(A)", "tr(A)"), ("trace(A)", "tr(A)"), ("\\operatorname{tr}(A)", "tr(A)"),
    ("\\mathrm{Tr}(A)", "tr(A)"), ("\\text{tr}(A)", "tr(A)"), ("diag(a)", "diag(a)"), ("det(X)", "det(X)"),
    ("\\det X", "det(X)"), ("\\log\\det X", "log(det(X))"), ("exp(x)", "exp(x)"), ("log(x)", "log(x)"),
    ("sqrt(x)", "sqrt(x)"), ("\\sqrt{x}", "sqrt(x)"), ("abs(x)", "abs(x)"), ("|x|", "abs(x)"),
    ("sign(x)", "sign(x)"), ("sum(x)", "sum(x)"), ("max(x)", "max(x)"), ("max(alpha z, z)", "max(alpha z, z)"),
    ("floor(x)", "floor(x)"), ("sigma(z)", "sigmoid(z)"), ("sigmoid(z)", "sigmoid(z)"), ("σ(z)", "sigmoid(z)"),
    ("\\sigma(z)", "sigmoid(z)"), ("tanh(z)", "tanh(z)"), ("\\tanh^2(z)", "tanh(z)^2"), ("relu(z)", "relu(z)"),
    ("softmax(z)", "softmax(z)"), ("sparsemax(z)", "sparsemax(z)"),
    ("norm(x)", "||x||"), ("||x||", "||x||"), ("||x||_2^2", "||x||_2^2"), ("||X||_F^2", "||X||_F^2"),
    ("\\|x\\|_2^2", "||x||_2^2"), ("\\lVert x\\rVert", "||x||"), ("\\left\\| A x - b \\right\\|_2^2", "||A x - b||_2^2"),
    ("rot180(omega)", "rot180(omega)"), ("rot90(omega,2)", "rot90(omega, 2)"),
    ("conv2(a_l, omega, 'valid')", "conv2(a_l, omega, 'valid')"), ("conv2(a_l, w, 'full')", "conv2(a_l, w, 'full')"),
    ("\\operatorname{conv2}(a_l, \\omega, \\text{same})", "conv2(a_l, omega, 'same')"),
    ("I(z > 0)", "I(z > 0)"), ("\\mathbb{I}(z\\ge 0)", "I(z >= 0)"), ("f(z)", "f(z)"), ("f'(z)", "f'(z)"),
    ("σ'(z)", "sigmoid'(z)"), ("\\sigma'(z)", "sigmoid'(z)"),
    # differentials and relations
    ("dx", "dx"), ("d x", "dx"), ("d(X)", "dX"), ("\\mathrm{d}X", "dX"), ("\\,dX", "dX"), ("d(A x)", "d(A x)"),
    ("tr(A B) = tr(B A)", "tr(A B) = tr(B A)"),
    # LaTeX wrappers without meaning
    ("$2A^Tx$", "2 A^T x"), ("$$x^T A x$$", "x^T A x"), ("\\[ x \\]", "x"), ("\\boldsymbol{x}", "x"),
    ("\\bm{x}", "x"), ("\\mathit{x}", "x"), ("\\left( x \\right)", "x"), ("\\big( x \\big)", "x"),
    ("A\\,x", "A x"), ("A\\;x", "A x"), ("A\\quad x", "A x"),
    # course expressions
    ("f'(z^(l)) .* (W^(l+1)' delta^(l+1))", "f'(z^(l)) .* W^(l+1)^T delta^(l+1)"),
    ("\\sigma'(z) \\circ W^{(l+1)\\top}\\delta^{(l+1)}", "sigmoid'(z) .* W^(l+1)^T delta^(l+1)"),
    ("conv2(delta_{l+1}, rot180(omega), 'full') .* f'(z_l)", "conv2(delta_{l+1}, rot180(omega), 'full') .* f'(z_l)"),
    ("exp(z)/(1^T exp(z))", "exp(z) / (1^T exp(z))"), ("z - tau 1", "z - tau*1"), ("4h(t+h+1)", "4 h (t + h + 1)"),
]


@pytest.mark.parametrize(("text", "expected"), FORMS)
def test_form_is_read_as_intended(text: str, expected: str) -> None:
    assert to_text(parse(text, names=NAMES)) == expected


@pytest.mark.parametrize(("text", "expected"), FORMS)
def test_plain_print_reparses_to_the_same_tree(text: str, expected: str) -> None:
    tree = parse(text, names=NAMES)
    assert parse(to_text(tree), names=NAMES) == tree


@pytest.mark.parametrize(("text", "expected"), FORMS)
def test_latex_and_unicode_print_reparse_to_the_same_reading(text: str, expected: str) -> None:
    """Up to the notation of quotients: LaTeX and Unicode write A ⊘ B as a fraction, as the course does."""
    tree = parse(text, names=NAMES)
    plain = to_text(canonical_division(tree))
    assert to_text(parse(to_latex(tree), names=NAMES)) == to_text(parse(plain, names=NAMES))
    assert to_text(parse(to_unicode(tree), names=NAMES)) == plain


TREES = [
    ("2A^T(Ax-b)", A.Mul(A.Mul(A.Num.of(2), A.Transpose(A.Sym("A"))), A.Add((A.Mul(A.Sym("A"), A.Sym("x")), A.Neg(A.Sym("b")))))),
    ("diag(a) - a a^T", A.Add((A.Func("diag", (A.Sym("a"),)), A.Neg(A.Mul(A.Sym("a"), A.Transpose(A.Sym("a"))))))),
    ("x^{-T}", A.Transpose(A.Inverse(A.Sym("x")))),
    ("I(z > 0)", A.Indicator(A.Sym("z"), ">", A.Num.of(0))),
    ("||x||_2^2", A.Pow(A.Norm(A.Sym("x"), "2"), A.Num.of(2))),
    ("dx", A.Differential(A.Sym("x"))),
    # Hadamard binds looser than products, as the course writes f'(z) ∘ Wᵀδ
    ("f'(z) .* W' z", A.Hadamard(A.Func("f'", (A.Sym("z"),)), A.Mul(A.Transpose(A.Sym("W")), A.Sym("z")))),
    ("9^9^9", A.Pow(A.Num.of(9), A.Pow(A.Num.of(9), A.Num.of(9)))),
]


@pytest.mark.parametrize(("text", "tree"), TREES)
def test_exact_tree(text: str, tree: A.Node) -> None:
    assert parse(text, names=NAMES) == tree


def test_names_are_case_sensitive() -> None:
    assert parse("a A", names={"a", "A"}) == A.Mul(A.Sym("a"), A.Sym("A"))


def test_declared_d_makes_dx_a_product() -> None:
    """lstm-parameter-count uses d as a size: dh is d·h there, a differential elsewhere."""
    assert parse("dh", names={"d", "h"}) == A.Mul(A.Sym("d"), A.Sym("h"))
    assert parse("dh", names={"h"}) == A.Differential(A.Sym("h"))


def test_declared_multi_letter_name_wins_over_splitting() -> None:
    assert parse("Ax", names={"Ax", "A", "x"}) == A.Sym("Ax")


BAD = [
    ("2A^T(Ax-b))", 11, "unexpected ')'"),
    ("(2A", 4, "expected a closing ')'"),
    ("__import__('os')", 1, "unexpected '_'"),
    ("\\input{foo}", 1, "unsupported LaTeX command \\input"),
    ("x +", 4, "unexpected end of input"),
    ("tr(A, B)", 1, "tr takes 1 argument"),
    ("conv2(a, w, 'fro')", 1, "the option 'fro'"),
    ("\x07", 1, "U+0007"),
    ("∑ x", 1, "unexpected character"),
    ("\\partial f", 1, "unsupported LaTeX command \\partial"),
    ("", None, "empty"),
]


@pytest.mark.parametrize(("text", "column", "fragment"), BAD)
def test_bad_input_is_one_clear_line(text: str, column: int | None, fragment: str) -> None:
    with pytest.raises(InputError) as info:
        parse(text, names=NAMES)
    assert fragment in str(info.value)
    assert info.value.column == column
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("text", ["(" * 100 + "x" + ")" * 100, "x" * 10_001, "1" * 40, "-" * 500 + "x", "a " * 2000])
def test_bounds(text: str) -> None:
    with pytest.raises(LimitExceeded):
        parse(text, names={"a", "x"})


def test_limits_are_project_errors() -> None:
    assert issubclass(LimitExceeded, DlprepError)
