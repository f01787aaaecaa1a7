"""Property: random trees print to plain text and parse back to the same tree (issue 2 tests)."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.language import ast as A
from checker.language.parser import parse
from checker.language.printing import canonical_division, to_latex, to_text, to_unicode

NAMES = ["A", "B", "x", "y", "W1", "W^(l)", "delta_{t,k}", "lambda", "z_l", "omega"]
leaves = st.one_of(
    st.sampled_from(NAMES).map(A.Sym),
    st.integers(0, 99).map(lambda k: A.Num(Fraction(k))),
    st.sampled_from(["0.5", "2.25", "0.125"]).map(lambda s: A.Num(Fraction(s))),
    st.just(A.Identity()),
    st.just(A.OneHot("y")),
)


def _not_add(node: A.Node) -> bool:
    return not isinstance(node, A.Add)


def _extend(children: st.SearchStrategy[A.Node]) -> st.SearchStrategy[A.Node]:
    unary_funcs = st.sampled_from(["tr", "exp", "log", "sigmoid", "tanh", "relu", "softmax", "diag", "f", "f'", "sigmoid'", "sum"])
    return st.one_of(
        st.tuples(children.filter(_not_add), st.lists(children, min_size=1, max_size=3)).map(lambda t: A.Add((t[0], *t[1]))),
        children.map(A.Neg),
        st.tuples(children, children).map(lambda t: A.Mul(*t)),
        st.tuples(children, children).map(lambda t: A.Div(*t)),
        st.tuples(children, children).map(lambda t: A.Hadamard(*t)),
        st.tuples(children, children).map(lambda t: A.ElemDiv(*t)),
        st.tuples(children, children).map(lambda t: A.Kron(*t)),
        children.map(A.Transpose),
        children.map(A.Inverse),
        st.tuples(children, st.integers(2, 5)).map(lambda t: A.Pow(t[0], A.Num(Fraction(t[1])))),
        st.tuples(children, st.integers(2, 3)).map(lambda t: A.ElemPow(t[0], A.Num(Fraction(t[1])))),
        st.tuples(unary_funcs, children).map(lambda t: A.Func(t[0], (t[1],))),
        st.tuples(children, children).map(lambda t: A.Func("max", t)),
        st.tuples(children, children, st.sampled_from(["valid", "full", "same"])).map(lambda t: A.Func("conv2", (t[0], t[1]), t[2])),
        st.tuples(children, st.sampled_from(["", "2", "F", "1"])).map(lambda t: A.Norm(*t)),
        st.tuples(children, st.sampled_from([">", ">=", "<", "<=", "!="]), children).map(lambda t: A.Indicator(*t)),
        st.sampled_from(["x", "A", "lambda"]).map(lambda n: A.Differential(A.Sym(n))),
    )


trees = st.recursive(leaves, _extend, max_leaves=12)


@settings(max_examples=500, deadline=None)
@given(trees)
def test_plain_text_round_trip(tree: A.Node) -> None:
    assert parse(to_text(tree), names=NAMES) == tree


@settings(max_examples=300, deadline=None)
@given(trees)
def test_unicode_and_latex_read_back_the_same_plain_text(tree: A.Node) -> None:
    """Up to the notation of quotients: LaTeX and Unicode write u ⊘ v and u^∘(−1) as fractions."""
    plain = to_text(canonical_division(tree))
    assert to_text(parse(to_unicode(tree), names=NAMES)) == plain
    assert to_text(parse(to_latex(tree), names=NAMES)) == to_text(parse(plain, names=NAMES))
