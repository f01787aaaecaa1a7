"""One record per function: adding a function is one record, and every table follows (issue 10, item 1).

Softplus (log(1 + eᶻ), derivative σ) is registered for the test only, as a new course function would
be; parse, shapes, NumPy evaluation and source, the three printers, the SymPy bridge, the derivation
engine and the answer checker all work with it without another edit.
"""

from __future__ import annotations

from typing import Iterator

import numpy as np
import pytest

from checker.language import ast as A
from checker.language.evaluate import draw_instances, evaluate, has_kinks
from checker.language.functions import FUNCTIONS, KINKS, PARENLESS, Function, register, same, unregister
from checker.language.numpy_source import to_numpy
from checker.language.parser import parse
from checker.language.printing import to_latex, to_text, to_unicode
from checker.language.shapes import infer, parse_shapes
from checker.language.vocabulary import ARITY, FUNCTION_ALIASES

SOFTPLUS = Function(
    "softplus", lambda z: np.logaddexp(0.0, z), same, ("Softplus",), elementwise=True,
    numpy="np.logaddexp(0, {0})", unicode="softplus",
    sympy=lambda sp, t: sp.log(1 + sp.exp(t)), sympy_named=True,
    d_matrix=lambda k, z, fz: k.apply("sigmoid", z), d_scalar=lambda k, u, fu: k.call("sigmoid", u),
)
SHAPES = "W: m x n, x: n"


@pytest.fixture
def softplus() -> Iterator[Function]:
    previous = register(SOFTPLUS)
    yield SOFTPLUS
    unregister("softplus", previous)


def test_parse_shapes_evaluate_print(softplus: Function) -> None:
    decls = parse_shapes(SHAPES)
    tree = infer(parse("Softplus(W x)", names=decls), decls)
    assert tree == A.Func("softplus", (A.Mul(A.Sym("W"), A.Sym("x")),))
    assert tree.shape == decls["W"].shape[:1] + decls["x"].shape[1:]
    inst = draw_instances(decls, [tree], 1, seed=0)[0]
    w, x = inst.values["W"], inst.values["x"]
    assert np.allclose(evaluate(tree, inst), np.log1p(np.exp(w @ x)))
    assert to_text(tree) == "softplus(W x)"
    assert to_latex(tree) == r"\operatorname{softplus}\left(W x\right)"
    assert to_unicode(tree) == "softplus(W x)"
    assert to_numpy(tree, decls) == "np.logaddexp(0, (W @ x))"
    assert FUNCTION_ALIASES["Softplus"] == "softplus" and ARITY["softplus"] == (1, 1)


def test_derive_and_check(softplus: Function) -> None:
    from checker.grading.answer import check_answer
    from checker.grading.problem import from_expression
    from derivations import derive

    d = derive("sum(softplus(W x))", "W", SHAPES)
    assert d.verified and to_text(d.result) == "sigmoid(W x) x^T"
    problem, _ = from_expression("sum(softplus(W x))", "W", SHAPES)
    assert check_answer(problem, "σ(W x) x^T").verdict == "correct"
    assert check_answer(problem, "σ(W x)^T x").verdict == "incorrect"
    scalar = derive("softplus(w^T x)", "w", "w: n, x: n")  # the scalar derivative, SymPy's named function
    assert scalar.verified and to_text(scalar.result) == "sigmoid(w^T x) x"


def test_unregister_leaves_no_trace(softplus: Function) -> None:
    unregister("softplus")
    assert "softplus" not in FUNCTION_ALIASES and "softplus" not in FUNCTIONS
    register(softplus)  # the fixture removes it again


@pytest.mark.parametrize("text", ["relu(x)", "relu'(x)", "abs(x)", "sign(x)", "max(x)", "min(x, 0)", "sparsemax(x)",
                                  "floor(x)", "ceil(x)", "I(x > 0)"])
def test_one_kink_list(text: str) -> None:
    """grading, evaluation and the engine read the records' kinks (the engine used to miss sign)."""
    assert has_kinks(parse(text, names={"x"}))


@pytest.mark.parametrize("text", ["exp(x)", "sigmoid(x)", "tanh(x)", "softmax(x)", "log(x)"])
def test_smooth_functions_have_no_kink(text: str) -> None:
    assert not has_kinks(parse(text, names={"x"}))


def test_every_record_is_complete_where_it_must_be() -> None:
    """Elementwise functions with a SymPy form have f′ or are themselves a derivative; LaTeX words parse."""
    for name, f in FUNCTIONS.items():
        if f.sympy is not None and not name.endswith("'") and name not in ("sign",):
            assert f.d_matrix is not None, name
        for word in f.tex_words:
            assert to_text(parse(f"\\{word}(x)", names={"x"})).startswith(f.name), word
    assert set(KINKS) >= {"relu", "sign", "abs", "max", "min"} and "log" in PARENLESS
