"""Issue #12: proof-grade model derivations start from the definitions and never use the rule that
states their result; no step file ends in an internal error."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.grading.steps import check_steps
from checker.language.errors import DlprepError
from checker.grading.problem import from_expression
from derivations.catalog.problem import from_catalog
from dlprep.cli import cli

# (entry, part, how the first line starts, words of the rule that states the result)
PROOFS = [
    ("softmax-jacobian", "jacobian", "exp(z) / (1^T exp(z))", "d softmax(z) = (diag(a) − aaᵀ)"),
    ("sigmoid-derivative", "derivative", "sum(1 ./ (1 + exp(-z)))", "d f(X) = f′(X)∘dX"),
    ("sigmoid-derivative", "jacobian", "1 ./ (1 + exp(-z))", "d f(X) = f′(X)∘dX"),
    ("tanh-derivative", "derivative", "sum((exp(z) - exp(-z)) ./ (exp(z) + exp(-z)))", "d f(X) = f′(X)∘dX"),
    ("mlp-backprop", "delta", "tr(delta^(l+1)^T dz^(l+1))", "δ^(l+1)ᵀW^(l+1)f(z^(l))"),
    ("sparsemax-jacobian", "jacobian", "s .* (z - (s^T z - 1) / (1^T s) 1)", "∂p/∂z = diag(s)"),
]


def test_a_wrong_proof_step_is_not_shown_as_verified() -> None:
    """The softmax proof with the 1/(1ᵀexp z)² of the quotient rule replaced by 1/(1ᵀexp z) fails its check."""
    from dataclasses import replace

    from derivations.catalog import get
    from derivations.catalog.steps import part_steps

    entry = get("softmax-jacobian")
    part = entry.parts[0]
    broken = tuple((line.replace("(1^T exp(z))^2", "(1^T exp(z))"), rule) for line, rule in part.proof)
    found = part_steps(entry, replace(part, proof=broken))
    assert not found.verified and not found.lines[1]["verified"] and found.lines[0]["verified"]


def test_one_line_block_names_the_row() -> None:
    """Seed 000 writes its aligned block on one line: the wrong step is named by its row."""
    content = ("$$\\begin{aligned} df &= (Adx)^T (Ax - b) + (Ax - b)^T Adx \\\\ &= (dx)^T A (Ax - b) + (Ax - b)^T Adx "
               "\\\\ &= 2(Ax - b)^T Adx \\end{aligned}$$")
    verdict = check_steps(from_catalog("least-squares-gradient", "gradient"), content)
    assert verdict.verdict == "incorrect" and "line 1 (row 2)" in verdict.message


@pytest.mark.parametrize("entry, part, start, stated", PROOFS)
def test_show_proves_from_the_definition(entry: str, part: str, start: str, stated: str) -> None:
    data = json.loads(CliRunner().invoke(cli, ["show", entry, "--part", part, "--format", "json"]).stdout)
    derivation = next(p for p in data["parts"] if p["name"] == part)["derivation"]
    assert derivation["proof"] and derivation["verified"] and derivation["matches_answer"]
    assert derivation["steps"][0]["expr"] == start
    assert all(step["verified"] for step in derivation["steps"])
    rules = " ".join(step["rule"] for step in derivation["steps"])
    assert stated not in rules and "softmax(z) = (diag" not in rules
    # the rule that states the result is used by derivations that use it (the engine's shortcut stays)
    out = CliRunner().invoke(cli, ["show", "softmax-cross-entropy-gradient", "--steps", "all"]).stdout
    assert "derived by the engine" in out


def test_labelled_differentials_print_as_d_z_l() -> None:
    out = CliRunner().invoke(cli, ["show", "mlp-backprop", "--part", "delta"]).stdout
    assert "d z^(l+1)" in out and "(dz)^" not in out


def test_trace_with_a_thin_space_then_a_transposed_gradient_is_a_verdict() -> None:
    """Was 'internal error: operands could not be broadcast together'."""
    problem, f = from_expression("tr(B A X)", "X", "A: m x n, X: n x p, B: p x m")
    verdict = check_steps(problem, "df = \\operatorname{tr}(B A\\,dX)\ngrad = B A", function=f, wrt="X")
    assert verdict.verdict == "incorrect" and verdict.steps[1]["line"] == 2
    verdict = check_steps(problem, "df = \\operatorname{tr}(B A\\,dX)\ngrad = (B A)^T", function=f, wrt="X")
    assert verdict.verdict == "correct"


def test_derive_takes_json() -> None:
    result = CliRunner().invoke(cli, ["derive", "x^T A x", "--wrt", "x", "--shapes", "x: n, A: n x n", "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["gradient"] == "(A + A^T) x"
    assert CliRunner().invoke(cli, ["derive", "x^T A x", "--wrt", "x", "--shapes", "x: n, A: n x n", "--json",
                                    "--format", "latex"]).exit_code == 2


LABELS = ["", "df = ", "dJ = ", "J = ", "grad = ", "\\nabla_x f = ", "\\frac{\\partial f}{\\partial x} = ", "= ", "& = ",
          "d(x^T A x) = ", "∂f/∂x = ", "D[J; x] = "]
BODIES = ["2 A^T (A x - b)", "2(Ax - b)^T A dx", "(A dx)^T (A x - b)", "x^T A dx", "\\left(A x - b\\right)^T A",
          "\\operatorname{tr}(A\\,dx b^T)", "dx^T A^T", "A^T b", "||A x - b||^2", "\\mathrm{d}x", "b^T A dx, grad = A^T b"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(LABELS), st.sampled_from(BODIES)), min_size=1, max_size=4), st.booleans())
def test_random_step_files_never_crash(lines: list[tuple[str, str]], latex: bool) -> None:
    problem = from_catalog("least-squares-gradient", "gradient")
    rows = [label + body for label, body in lines]
    content = "$$\\begin{aligned}" + " \\\\\n".join(rows) + "\\end{aligned}$$" if latex else "\n".join(rows)
    try:
        verdict = check_steps(problem, content)
    except DlprepError:
        return  # one clear line, exit 2
    assert verdict.verdict in ("correct", "incorrect")
