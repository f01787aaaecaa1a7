"""`dlprep derive`: formats, exit codes, the JSON contract of issue #3, and bad input in one line."""

from __future__ import annotations

import json

import numpy as np
import pytest
import sympy as sp
from click.testing import CliRunner

from dlprep.cli import cli
from derivations import derive
from derivations.rules import differential


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["derive", *args])
    return result.exit_code, result.stdout, result.stderr


def test_text_reads_like_a_worked_solution() -> None:
    code, out, _ = run("norm(A x - b)^2", "--wrt", "x", "--shapes", "A: m x n, x: n, b: m")
    assert code == 0
    assert "df = " in out and "∇_x f = 2 Aᵀ (A x - b)" in out
    assert "d(XY) = dX·Y + X·dY" in out and "cyclic shift" in out
    assert "verified" in out.splitlines()[-1]


def test_json_contract() -> None:
    code, out, _ = run("x' A x", "--wrt", "x", "--shapes", "x: n, A: n x n", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["verified"] is True and data["max_rel_error"] < 1e-8
    assert data["gradient"] == "(A + A^T) x"
    assert {"expr", "latex", "rule"} <= set(data["steps"][1])
    assert data["latex"].startswith("\\left(A + A^{\\top}\\right)")


@pytest.mark.parametrize("f, wrt, shapes, where", [
    ("norm(A x - b)^2 + lambda norm(x)^2", "x", "A: m x n, x: n, b: m, lambda: scalar", None),
    ("log(det(X))", "X", "X: n x n", None),
    ("1/2 norm(W2 sigmoid(W1 x + b1) + b2 - y)^2", "W1", "W1: h x n, x: n, b1: h, W2: m x h, b2: m, y: m", None),
    ("-y' log(a)", "z", "z: n, y: n", "a = softmax(z)"),
])
def test_numpy_field_is_self_contained(f: str, wrt: str, shapes: str, where: str | None) -> None:
    """The "numpy" string uses only np. and the input names, and computes the gradient."""
    from checker.language.numeric import gradient

    d = derive(f, wrt, shapes, where)
    data = d.to_json()
    inst = _instance(f, wrt, shapes, where)
    env = {"np": np, **{data["numpy_inputs"][k]: v for k, v in inst.values.items() if k in data["numpy_inputs"]}}
    got = eval(data["numpy"], {"__builtins__": {}}, env)  # our own generated code, not user text
    want = gradient(_typed(f, shapes, where), inst, wrt)
    assert np.allclose(got, want, rtol=1e-6, atol=1e-9)


def _typed(f: str, shapes: str, where: str | None):  # type: ignore[no-untyped-def]
    from checker.language.parser import parse
    from checker.grading.problem import Problem
    from checker.grading.problem import parse_where
    from checker.language.shapes import parse_shapes

    decls = parse_shapes(shapes)
    problem = Problem(decls, where=parse_where(where, set(decls)))
    return problem.typed(parse(f, names=problem.names))


def _instance(f: str, wrt: str, shapes: str, where: str | None):  # type: ignore[no-untyped-def]
    from checker.language.evaluate import draw_instances
    from checker.language.shapes import parse_shapes

    return draw_instances(parse_shapes(shapes), [_typed(f, shapes, where)], 1, seed=11)[0]


@pytest.mark.parametrize("fmt, marker", [("latex", "\\begin{aligned}"), ("markdown", "$$"), ("text", "✓")])
def test_formats(fmt: str, marker: str) -> None:
    code, out, _ = run("tr(A X B)", "--wrt", "X", "--shapes", "A: p x m, X: m x n, B: n x p", "--format", fmt)
    assert code == 0 and marker in out


def test_jupyter_reprs() -> None:
    d = derive("a' x", "x", "a: n, x: n")
    assert d._repr_latex_().startswith("$$") and "\\nabla_{x} f" in d._repr_latex_()
    assert "$$" in d._repr_markdown_()


@pytest.mark.parametrize("args, message", [
    (["sum(conv2(X, K))", "--wrt", "X", "--shapes", "X: m x n, K: k x k"], "cannot differentiate the function conv2"),
    (["max(x)", "--wrt", "x", "--shapes", "x: n"], "cannot differentiate the function max"),
    (["W x", "--wrt", "W", "--shapes", "W: m x n, x: n"], "4th-order tensor"),
    (["x' A x", "--wrt", "y", "--shapes", "x: n, A: n x n"], "not a declared symbol"),
    (["A x", "--wrt", "x", "--shapes", "A: m x n, x: m"], "error:"),
    (["x' A x)", "--wrt", "x", "--shapes", "x: n, A: n x n"], "column"),
])
def test_bad_input_is_one_clear_line(args: list[str], message: str) -> None:
    code, out, err = run(*args)
    assert code == 2
    assert message in err and "Traceback" not in err + out


def test_a_wrong_rule_is_never_shown_as_verified(monkeypatch: pytest.MonkeyPatch) -> None:
    """Principle 1: break d(X⁻¹) (sign dropped) and the derivation must report the failure, exit 1."""
    wrong = differential.Rule("d(X⁻¹) = +X⁻¹·dX·X⁻¹ (broken on purpose)",
                              lambda e, d: sp.MatMul(e, d(e.arg), e).doit(deep=False))
    monkeypatch.setitem(differential.DIFFERENTIAL, sp.Inverse, [wrong])
    d = derive("tr(inv(X) A)", "X", "X: n x n, A: n x n")
    assert not d.verified and "NOT VERIFIED" in d.to_text()
    assert any(s.error is not None and not s.verified for s in d.steps)
    code, out, _ = run("tr(inv(X) A)", "--wrt", "X", "--shapes", "X: n x n, A: n x n")
    assert code == 1 and "✗" in out


@pytest.mark.parametrize("cls", sorted(differential.DIFFERENTIAL, key=lambda c: c.__name__))
def test_every_rule_has_a_formula(cls: type) -> None:
    for rule in differential.DIFFERENTIAL[cls]:
        assert rule.formula.startswith("d") and "=" in rule.formula


@pytest.mark.parametrize("f, wrt, shapes, where", [
    ("-y' log(a)", "z", "z: n, y: n probability", "a = softmax(z)"),
    ("log(det(X))", "X", "X: n x n", None),
    ("1/2 norm(W' sigmoid(W x + b) + c - x)^2", "W", "W: h x n, x: n, b: h, c: n", None),
])
def test_latex_is_plain_ascii(f: str, wrt: str, shapes: str, where: str | None) -> None:
    """pdflatex reads ASCII: rules with ∘, ᵀ, ⁻¹, · are written with math commands."""
    latex = derive(f, wrt, shapes, where).to_latex()
    assert latex.isascii(), [ch for ch in latex if not ch.isascii()]
    assert latex.count("\\\\") == latex.count("&=") - 1
