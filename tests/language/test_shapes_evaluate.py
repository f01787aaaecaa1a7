"""Shape declarations, inference of the polymorphic literals, and NumPy evaluation (issue 2 §4–5)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.signal import convolve2d

from checker.language.dims import format_shape
from checker.language.errors import InputError, ShapeError, UnknownSymbolError
from checker.language.evaluate import draw_instances, evaluate
from checker.language.functions import FUNCTIONS
from checker.language.parser import parse
from checker.language.shapes import infer, parse_shapes
from checker.language.vocabulary import FUNCTION_ALIASES

DECLS = "A: m x n, B: n x p, x: n, b: m, z: K, X: n x n, c: scalar, W^(l): n_l x n_{l-1}, d: (M-K+1) x (M-K+1), w: K x K, a: M x M"


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        ("A x", "m"), ("x^T x", "scalar"), ("A B", "m×p"), ("1^T x", "scalar"), ("1 - sigmoid(z)", "K"),
        ("b 1^T + A", "m×n"), ("c 1 1^T + d", "(M - K + 1)×(M - K + 1)"), ("x x^T - I", "n×n"), ("I x", "n"),
        ("diag(z) - z z^T", "K×K"), ("diag(X)", "n"), ("exp(z) / (1^T exp(z))", "K"), ("z - c 1", "K"),
        ("W^(l)", "n_l×n_{l-1}"), ("conv2(a, w, 'valid')", "(M - K + 1)×(M - K + 1)"), ("conv2(d, rot180(w), 'full')", "M×M"),
        ("conv2(a, w, 'same')", "M×M"), ("kron(c, A)", "m×n"), ("x.^2 + x^2", "n"),
        ("I(z > 0) .* z", "K"), ("max(0, z)", "K"), ("||A x - b||^2", "scalar"), ("e_y - softmax(z)", "K"),
        ("X^{-T} x", "n"), ("tr(X^3)", "scalar"),
    ],
)
def test_inferred_shape(text: str, shape: str) -> None:
    decls = parse_shapes(DECLS)
    assert format_shape(infer(parse(text, names=decls), decls).shape) == shape


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("A A", "cannot multiply A (m×n) by A (m×n)"),
        ("x + b", "cannot add x (n) and b (m)"),
        ("c + x", "cannot add c (scalar) and x (n)"),
        ("tr(A)", "tr needs a square matrix, but A is m×n"),
        ("A .* B", "cannot multiply elementwise A (m×n) and B (n×p)"),
        ("inv(A)", "the inverse needs a square matrix"),
    ],
)
def test_shape_errors_name_the_part_and_both_shapes(text: str, fragment: str) -> None:
    decls = parse_shapes(DECLS)
    with pytest.raises(ShapeError) as info:
        infer(parse(text, names=decls), decls)
    assert fragment in str(info.value)


def test_unknown_symbol_lists_the_declared() -> None:
    decls = parse_shapes("A: m x n, x: n")
    with pytest.raises(UnknownSymbolError, match=r"unknown symbol 'Q' \(declared: A, x\)"):
        infer(parse("Q x", names=decls), decls)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A, B, C: m x n", {"A": "m×n", "B": "m×n", "C": "m×n"}),
        ("x: n, lambda: scalar, W^{(l)}: n_l x n_{l-1}", {"x": "n", "lambda": "scalar", "W^(l)": "n_l×n_{l-1}"}),
        ("d: (M-K+1) x (M-K+1); r: 1 x n", {"d": "(M - K + 1)×(M - K + 1)", "r": "1×n"}),
        ("S: n × n spd, p: K probability", {"S": "n×n", "p": "K"}),
    ],
)
def test_declarations(text: str, expected: dict[str, str]) -> None:
    assert {k: format_shape(v.shape) for k, v in parse_shapes(text).items()} == expected


@pytest.mark.parametrize("text", ["x: n bogus", "A:", "A B", "x: m x n x p"])
def test_bad_declarations(text: str) -> None:
    with pytest.raises(InputError):
        parse_shapes(text)


def test_distinct_sizes_and_domains() -> None:
    decls = parse_shapes("A: m x n, B: n x p, X: n x n, v: q")
    typed = [infer(parse(t, names=decls), decls) for t in ("log(det(X))", "sum(log(v))", "A B")]
    for inst in draw_instances(decls, typed, 5, seed=3):
        sizes = [inst.sizes[k] for k in "mnpq"]
        assert len(set(sizes)) == 4
        assert np.linalg.det(inst.values["X"]) > 0
        assert np.all(inst.values["v"] > 0)


@pytest.mark.parametrize("mode", ["valid", "full", "same"])
def test_conv2_matches_scipy(mode: str) -> None:
    """conv2 is true convolution (kernel flipped), like Matlab's conv2 and scipy.signal.convolve2d
    (odd kernels: for even ones 'same' keeps Matlab's centring, which SciPy's differs from)."""
    rng = np.random.default_rng(0)
    a, w = rng.standard_normal((6, 5)), rng.standard_normal((3, 3))
    assert np.allclose(FUNCTIONS["conv2"].forward(a, w, option=mode), convolve2d(a, w, mode=mode))


def test_conv2_same_uses_matlab_centring_for_even_kernels() -> None:
    """Matlab: conv2(A, B, 'same') is rows floor(mb/2)+1 … of the full result (1-based)."""
    rng = np.random.default_rng(0)
    a, w = rng.standard_normal((6, 5)), rng.standard_normal((2, 2))
    full = convolve2d(a, w, mode="full")
    assert np.allclose(FUNCTIONS["conv2"].forward(a, w, option="same"), full[1:7, 1:6])


def test_softmax_and_sparsemax_are_distributions() -> None:
    z = np.random.default_rng(1).standard_normal((7, 1))
    for name in ("softmax", "sparsemax"):
        p = FUNCTIONS[name].forward(z)
        assert np.isclose(p.sum(), 1.0) and np.all(p >= 0)


def test_generic_f_prime_is_the_exact_derivative() -> None:
    decls = parse_shapes("z: n")
    f, fp = (infer(parse(t, names=decls), decls) for t in ("f(z)", "f'(z)"))
    inst = draw_instances(decls, [f], 1, seed=4)[0]
    h = 1e-6
    plus = dict(inst.values, z=inst.values["z"] + h)
    minus = dict(inst.values, z=inst.values["z"] - h)
    from dataclasses import replace

    numeric = (evaluate(f, replace(inst, values=plus)) - evaluate(f, replace(inst, values=minus))) / (2 * h)
    assert np.allclose(numeric, evaluate(fp, inst), rtol=1e-6)


def test_vocabulary_and_implementations_name_the_same_functions() -> None:
    """The registry round trip: every spelling's canonical name has an implementation, and back."""
    assert set(FUNCTION_ALIASES.values()) == set(FUNCTIONS)


def test_a_tree_of_the_wrong_shape_is_a_shape_error() -> None:
    """infer(node, decls, shape) with a shape the tree cannot have: one ShapeError line, never a NameError
    (the derivation engine reaches this with an ill-shaped step; issue 10)."""
    from checker.language.dims import ONE, Dim
    from checker.language.errors import ShapeError

    decls = parse_shapes("A: m x n, x: n")
    with pytest.raises(ShapeError, match=r"^A x should be 7, but is m$"):
        infer(parse("A x", names=decls), decls, (Dim.num(7), ONE))
