"""The printer writes what a person would (issue 19): printing then parsing gives back an equal tree,
and no pair of grouping brackets can be dropped without changing the tree (plain text and LaTeX)."""

from __future__ import annotations

import re
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.language import ast as A
from checker.language.errors import DlprepError
from checker.language.parser import parse
from checker.language.printing import canonical_division, to_latex, to_text, to_unicode
from tests.language.test_roundtrip import NAMES, _extend, leaves


def _more(children: st.SearchStrategy[A.Node]) -> st.SearchStrategy[A.Node]:
    """The round-trip trees, plus reciprocals (u^∘(−1), u^∘(−2)): the powers the engine writes."""
    return st.one_of(
        _extend(children),
        st.tuples(children, st.sampled_from([A.Neg(A.Num(Fraction(1))), A.Neg(A.Num(Fraction(2)))]))
        .map(lambda t: A.ElemPow(*t)),
    )


trees = st.recursive(leaves, _more, max_leaves=10)


def _groups(text: str, open_: str, close: str) -> list[tuple[int, int]]:
    """(start, end) of every bracket pair that only groups: not a call's, a norm's or an indicator's."""
    pairs, stack = [], []
    i = 0
    while i < len(text):
        if text.startswith(open_, i):
            before = text[:i].rstrip(" ") if open_ == "(" else text[:i]
            call = bool(before) and (before[-1].isalnum() or before[-1] in "_'}′)" or before.endswith(("\\left(",))) \
                and not before.endswith(("\\cdot", "\\circ", "\\otimes")) and text[:i][-1:] != " "
            stack.append((i, call))
            i += len(open_)
        elif text.startswith(close, i):
            start, call = stack.pop()
            if not call:
                pairs.append((start, i))
            i += len(close)
        else:
            i += 1
    return pairs


def _drop(text: str, start: int, end: int, open_: str, close: str) -> str:
    return text[:start] + text[start + len(open_):end] + text[end + len(close):]


def _redundant(text: str, open_: str, close: str, want: A.Node) -> list[str]:
    """The texts with one grouping pair dropped that still read as ``want`` (two signs in a row, as in
    −(−x), or two superscripts, (Aᵀ)ᵀ, are not what a person writes: those brackets stay)."""
    out = []
    odd = (re.compile(r"(?:[-+*/]|\\circ|\\otimes|\.\*)\s*-"),  # two signs in a row: a - -b
           re.compile(r"(?=(?:\^\{[^{}]*\}|\^\([^()]*\)|\^-?[A-Za-z0-9]+)\.?\^)"))  # two superscripts: A^T^T, A^{\top}^{\top}
    for start, end in _groups(text, open_, close):
        shorter = _drop(text, start, end, open_, close)
        if any(len(r.findall(shorter)) > len(r.findall(text)) for r in odd):
            continue
        try:
            if parse(shorter, names=NAMES) == want:
                out.append(shorter)
        except DlprepError:
            pass
    return out


@settings(max_examples=400, deadline=None)
@given(trees)
def test_plain_text_parses_back_to_the_same_tree_with_no_redundant_brackets(tree: A.Node) -> None:
    text = to_text(tree)
    assert parse(text, names=NAMES) == tree
    assert _redundant(text, "(", ")", tree) == [], text


@settings(max_examples=300, deadline=None)
@given(trees)
def test_latex_parses_back_to_the_same_tree_with_no_redundant_brackets(tree: A.Node) -> None:
    """Up to the notation of quotients (a fraction of matrices is the elementwise quotient once typed)."""
    text = to_latex(tree)
    want = parse(to_text(canonical_division(tree)), names=NAMES)
    assert parse(text, names=NAMES) == want, text
    assert _redundant(text, r"\left(", r"\right)", want) == [], text


@settings(max_examples=200, deadline=None)
@given(trees)
def test_no_course_foreign_notation(tree: A.Node) -> None:
    """Reciprocals and quotients are fractions: never ⊘, \\oslash or an elementwise power −1."""
    latex, unicode = to_latex(tree), to_unicode(tree)
    assert "oslash" not in latex and "⊘" not in unicode
    assert not re.search(r"\^\{\\circ\s*(\\left\()?-", latex), latex
    assert "∘(-1)" not in unicode and "∘(−1)" not in unicode


def test_printed_as_the_course_writes_it() -> None:
    names = {"a", "e_y", "z", "W", "delta", "u", "v"}
    assert to_latex(parse("a.^-1 .* u", names=names)) == r"\frac{1}{a} \circ u"
    assert to_latex(parse("u ./ v", names=names)) == r"\frac{u}{v}"
    assert to_unicode(parse("u ./ (1 - v)", names=names)) == "u / (1 - v)"
    assert to_latex(parse("sigmoid(z) .* (1 - sigmoid(z))", names=names)) == \
        r"\sigma\left(z\right) \circ \left(1 - \sigma\left(z\right)\right)"
    assert to_latex(parse("tr(W^T dW)", names=names | {"dW"})) .startswith(r"\operatorname{Tr}")
