"""Matrix and vector literals (issue 11, item 3): accepted spellings, refusals in one line, round trip,
evaluation through NumPy, the NumPy source and SymPy, and scientific notation next to e_y and e^x."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.language import ast as A
from checker.language.dims import format_shape
from checker.language.errors import DlprepError, InputError, LimitExceeded
from checker.language.evaluate import draw_instances, evaluate
from checker.language.numpy_source import to_numpy
from checker.language.parser import parse
from checker.language.printing import to_latex, to_text, to_unicode
from checker.language.shapes import infer, parse_shapes

SQ2 = np.sqrt(2) / 2

ACCEPTED = [
    # (label, text, expected value)
    ("MATLAB rows", "[1, 2; 3, 4]", [[1, 2], [3, 4]]),
    ("NumPy nested", "[[1,2],[3,4]]", [[1, 2], [3, 4]]),
    ("column", "[1; 2; 3]", [[1], [2], [3]]),
    ("row", "[1, 2, 3]", [[1, 2, 3]]),
    ("nested column", "[[1], [2]]", [[1], [2]]),
    ("row transposed is a column", "[1, 2, 3]^T", [[1], [2], [3]]),
    ("bmatrix", r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}", [[1, 2], [3, 4]]),
    ("pmatrix, trailing \\\\", r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \\ \end{pmatrix}", [[1, 2], [3, 4]]),
    ("bmatrix column", r"\begin{bmatrix}0.5\\-1\end{bmatrix}", [[0.5], [-1]]),
    ("fractions", "[1/3, -1/4; \\frac{2}{3}, 0]", [[1 / 3, -0.25], [2 / 3, 0]]),
    ("decimals and signs", "[-0.25, +0.5, .75]", [[-0.25, 0.5, 0.75]]),
    ("scientific notation", "[1e-3, 2.5E+2, 3E2, 1.5e-10]", [[1e-3, 250, 300, 1.5e-10]]),
    ("constant expressions", "[sqrt(2)/2, e^{-1}; exp(1), e]", [[SQ2, np.exp(-1)], [np.e, np.e]]),
    ("functions of constants", "[sigmoid(0), tanh(0), log(1), 2^3]", [[0.5, 0, 0, 8]]),
    ("unicode minus", "[−1, 2]", [[-1, 2]]),
    ("a product with a literal", "2 [1, 2] + [1, 1]", [[3, 5]]),
    ("matrix times column", "[1, 2; 3, 4] [1; 1]", [[3], [7]]),
    ("inverse of a literal", "[2, 0; 0, 4]^-1", [[0.5, 0], [0, 0.25]]),
    ("spaces and newlines", "[ 1 ,2 ;\n 3, 4 ]", [[1, 2], [3, 4]]),
]


@pytest.mark.parametrize("label,text,value", ACCEPTED, ids=[a[0] for a in ACCEPTED])
def test_literal_accepted_and_evaluated(label: str, text: str, value: list) -> None:
    typed = infer(parse(text), {})
    inst = draw_instances({}, [typed], 1, 0)[0]
    got = evaluate(typed, inst)
    assert got.shape == np.array(value).shape
    np.testing.assert_allclose(got, np.array(value, dtype=float), rtol=1e-14, atol=1e-300)


REJECTED = [
    # (label, text, words in the one-line message, column)
    ("ragged rows", "[1, 2; 3]", "row 2 of the matrix has 1 entry, row 1 has 2", 8),
    ("ragged nested rows", "[[1,2],[3,4,5]]", "row 2 of the matrix has 3 entries", 8),
    ("ragged bmatrix", r"\begin{bmatrix} 1 & 2 \\ 3 \end{bmatrix}", "row 2 of the matrix has 1 entry", 26),
    ("empty", "[]", "an empty matrix", 1),
    ("trailing comma", "[1, 2,]", "expected an entry after the separator", 7),
    ("leading comma", "[, 1]", "expected a matrix entry", 2),
    ("empty row", "[1; ; 2]", "expected a matrix entry", 5),
    ("a name", "[1, x]", "not the name 'x'", 5),
    ("identity", "[1, I]", "not 'I'", 5),
    ("one-hot", "[e_y, 1]", "not 'e_y'", 2),
    ("a matrix function", "[1, tr(2)]", "not tr(…)", 5),
    ("MATLAB spaces", "[1 2; 3 4]", "two numbers side by side", 4),
    ("MATLAB signed", "[1 -2, 3]", "'1 -2' is ambiguous", 4),
    ("mixed nesting", "[[1, 2], 3]", "mixes nested rows", 10),
    ("nested with ;", "[[1, 2]; [3, 4]]", "mixes nested rows", 10),
    ("a row inside a matrix", "[1, 2; 3, [4, 5]]", "mixes nested rows", 11),
    ("a matrix inside an entry", "[1, 2 + [4, 5]]", "a matrix inside a matrix entry", 5),
    ("unclosed", "[1, 2", "closing ']' of the matrix at column 1", 6),
    ("determinant bars", r"\begin{vmatrix}1&2\\3&4\end{vmatrix}", "a determinant", 1),
    ("bad character", "[1, 2 # 3]", "unexpected character '#'", 7),
]


@pytest.mark.parametrize("label,text,words,column", REJECTED, ids=[r[0] for r in REJECTED])
def test_literal_rejected_in_one_line(label: str, text: str, words: str, column: int) -> None:
    with pytest.raises(InputError) as info:
        parse(text)
    assert words in str(info.value)
    assert info.value.column == column
    assert str(info.value).count("\n") == 0


@pytest.mark.parametrize("label,text,words", [
    ("too many entries", "[" + ", ".join(["1"] * 401) + "]", "more than 400 entries"),
    ("too long an entry", "[" + "+".join(["1"] * 31) + ", 2]", "longer than 60 characters"),
    ("a huge exponent", "[1e999, 2]", "beyond ±300"),
    ("too many digits", "[" + "1" * 31 + "]", "more than 30 digits"),
])
def test_literal_bounds(label: str, text: str, words: str) -> None:
    with pytest.raises(LimitExceeded, match=words):
        parse(text)


@pytest.mark.parametrize("text,shape", [
    ("[1, 2; 3, 4]", "2×2"), ("[1; 2; 3]", "3"), ("[1, 2, 3]", "1×3"), ("[1, 2, 3]^T", "3"),
    ("[1, 2; 3, 4; 5, 6]", "3×2"), ("[1, 2] [3; 4]", "scalar"),
])
def test_literal_shape(text: str, shape: str) -> None:
    assert format_shape(infer(parse(text), {}).shape) == shape


def test_literal_shape_must_fit_declarations() -> None:
    decls = parse_shapes("x: 3")
    with pytest.raises(DlprepError, match="cannot multiply"):
        infer(parse("[1, 2; 3, 4] x", names=decls), decls)


# ------------------------------------------------------------------ scientific notation and e
@pytest.mark.parametrize("label,text,names,tree", [
    ("1e-3 is a number", "1e-3", None, A.Num(Fraction(1, 1000))),
    ("2.5E+2 is a number", "2.5E+2", None, A.Num(Fraction(250))),
    ("e_y stays one-hot", "2e_y", None, A.Mul(A.Num.of(2), A.OneHot("y"))),
    ("e^x stays exp", "2e^{-1}", None, A.Mul(A.Num.of(2), A.Func("exp", (A.Neg(A.Num.of(1)),)))),
    ("a space keeps e a name", "2 e3", {"e3"}, A.Mul(A.Num.of(2), A.Sym("e3"))),
    ("a name after the exponent", "2e3x", {"e3x"}, A.Mul(A.Num.of(2), A.Sym("e3x"))),
    ("a declared e", "2e", {"e"}, A.Mul(A.Num.of(2), A.Sym("e"))),
    ("subtraction with a declared e", "2e - 3", {"e"}, A.Add((A.Mul(A.Num.of(2), A.Sym("e")), A.Neg(A.Num.of(3))))),
])
def test_scientific_notation(label: str, text: str, names: set | None, tree: A.Node) -> None:
    assert parse(text, names=names) == tree


# ------------------------------------------------------------------ printers and round trip
@pytest.mark.parametrize("text,plain,latex,unicode", [
    ("[1, 2; 3, 4]", "[1, 2; 3, 4]", r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}", "[1, 2; 3, 4]"),
    ("[1;2;3]", "[1; 2; 3]", r"\begin{bmatrix} 1 \\ 2 \\ 3 \end{bmatrix}", "[1; 2; 3]"),
    ("[1/3, -0.25]^T", "[1 / 3, -0.25]^T", r"\begin{bmatrix} \frac{1}{3} & -0.25 \end{bmatrix}^{\top}", "[1 / 3, -0.25]ᵀ"),
    ("[1e-3, e]", "[0.001, exp(1)]", r"\begin{bmatrix} 0.001 & \exp\left(1\right) \end{bmatrix}", "[0.001, exp(1)]"),
])
def test_printers(text: str, plain: str, latex: str, unicode: str) -> None:
    tree = parse(text)
    assert (to_text(tree), to_latex(tree), to_unicode(tree)) == (plain, latex, unicode)
    assert parse(to_text(tree)) == tree
    assert parse(to_latex(tree)) == tree


_numbers = st.one_of(
    st.integers(0, 999).map(A.Num.of),
    st.sampled_from(["0.5", "0.25", "0.001", "1e-20", "2.5e+30"]).map(lambda s: A.Num(Fraction(s))),
    st.tuples(st.integers(1, 9), st.integers(2, 9)).map(lambda t: A.Div(A.Num.of(t[0]), A.Num.of(t[1]))),
    st.integers(2, 9).map(lambda k: A.Div(A.Func("sqrt", (A.Num.of(k),)), A.Num.of(2))),
    st.integers(1, 3).map(lambda k: A.Func("exp", (A.Neg(A.Num.of(k)),))),
)
_entries = st.one_of(_numbers, _numbers.map(A.Neg))


@st.composite
def _matrices(draw: st.DrawFn) -> A.Matrix:
    rows, cols = draw(st.sampled_from([(1, 2), (2, 1), (2, 2), (3, 2), (1, 5), (4, 1)]))
    return A.Matrix(tuple(draw(_entries) for _ in range(rows * cols)), rows, cols)


@settings(max_examples=200, deadline=None)
@given(_matrices(), st.sampled_from([lambda m: m, A.Transpose, lambda m: A.Mul(A.Num.of(2), m), lambda m: A.Add((m, m))]))
def test_plain_text_round_trip(matrix: A.Matrix, wrap) -> None:  # type: ignore[no-untyped-def]
    tree = wrap(matrix)
    assert parse(to_text(tree)) == tree
    typed = infer(parse(to_latex(tree)), {})
    inst = draw_instances({}, [typed], 1, 0)[0]
    np.testing.assert_allclose(evaluate(typed, inst), evaluate(infer(tree, {}), inst), rtol=1e-14)


# ------------------------------------------------------------------ NumPy source and SymPy
@pytest.mark.parametrize("text,shapes", [
    ("[1/3, -0.25; sqrt(2)/2, e^{-1}]", ""),
    ("x^T [2, 1; 1, 3] x", "x: 2"),
    ("[1, 2, 3] x", "x: 3"),
    ("[2, 0; 0, 4]^-1 [1; 1]", ""),
])
def test_numpy_source_and_sympy_agree(text: str, shapes: str) -> None:
    from checker.language.sympy_bridge import from_sympy, to_sympy

    decls = parse_shapes(shapes)
    typed = infer(parse(text, names=decls), decls)
    inst = draw_instances(decls, [typed], 1, 0)[0]
    value = evaluate(typed, inst)
    source = to_numpy(typed, decls)
    assert source is not None and "np.array(" in source
    np.testing.assert_allclose(eval(source, {"np": np, **inst.values}), value, rtol=1e-12)  # our own generated source
    back = infer(from_sympy(to_sympy(typed, decls)), decls)
    np.testing.assert_allclose(evaluate(back, inst), value, rtol=1e-12)


def test_sympy_matrix_comes_back_as_a_literal() -> None:
    import sympy as sp

    from checker.language.sympy_bridge import from_sympy

    tree = from_sympy(sp.Matrix([[sp.Rational(1, 3), -2], [sp.E, sp.Float(0.5)]]))
    assert isinstance(tree, A.Matrix) and (tree.rows, tree.cols) == (2, 2)
    assert to_text(tree) == "[1 / 3, -2; exp(1), 0.5]"


# ------------------------------------------------------------------ never a traceback
@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="[]();,&\\ 0123456789.eE+-/^xsqrt{}bmatrixbeginend", max_size=40))
def test_bracket_soup_is_read_or_refused_in_one_line(text: str) -> None:
    """Random brackets, separators, signs and exponents: a tree, or a DlprepError; nothing else."""
    try:
        tree = parse(text)
    except DlprepError as exc:
        assert "\n" not in str(exc)
        return
    try:
        infer(tree, {})
    except DlprepError:
        pass
