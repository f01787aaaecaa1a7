"""Derivations checked step by step, and batch grading (issue 6 §4, §6)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from checker.grading.batch import grade_lines
from derivations.catalog.problem import from_catalog
from checker.grading.problem import from_expression
from checker.grading.steps import check_steps, read_steps

LSQ = ("||A x - b||^2", "x", "A: m x n, x: n, b: m")

RIGHT = """f = (Ax-b)^T (Ax-b)
df = d(x)^T A^T (A x - b) + (A x - b)^T A dx
= 2 (A x - b)^T A dx
grad = 2 A^T (A x - b)
"""

WRONG_MIDDLE = """df = 2 (A x - b)^T A dx
= 2 (A x - b)^T dx' A
"""

WRONG_SECOND = """df = 2 (A x - b)^T A dx
= (A x - b)^T A dx
grad = A^T (A x - b)
"""

MARKDOWN = r"""The differential:
$$\mathrm{d}f = 2(\mathbf{A}\mathbf{x}-\mathbf{b})^\top \mathbf{A}\,\mathrm{d}\mathbf{x}$$
so the gradient is
$$\nabla_x f = 2\mathbf{A}^\top(\mathbf{A}\mathbf{x}-\mathbf{b})$$
"""


def test_read_steps_kinds() -> None:
    steps = read_steps(RIGHT)
    assert [s.kind for s in steps] == ["function", "differential", "differential", "gradient"]
    assert steps[2].line == 3


def test_a_right_derivation_is_all_ticks() -> None:
    problem, f = from_expression(*LSQ)
    verdict = check_steps(problem, RIGHT, function=f, wrt="x")
    assert verdict.verdict == "correct", verdict.steps
    assert [s["verdict"] for s in verdict.steps] == ["correct"] * 4


def test_the_first_wrong_step_is_located_and_later_steps_follow() -> None:
    """Line 2 drops the factor 2; line 3 follows correctly from line 2 but is not the answer."""
    problem, f = from_expression(*LSQ)
    verdict = check_steps(problem, WRONG_SECOND, function=f, wrt="x")
    assert verdict.verdict == "incorrect"
    marks = [s["verdict"] for s in verdict.steps]
    assert marks == ["correct", "incorrect", "follows"]
    assert verdict.steps[1]["diagnosis"] == ["scale"]
    assert "line 2" in verdict.message


def test_markdown_steps() -> None:
    problem, f = from_expression(*LSQ)
    verdict = check_steps(problem, MARKDOWN, function=f, wrt="x")
    assert verdict.verdict == "correct", verdict.steps


def test_shape_error_in_a_step() -> None:
    problem, f = from_expression(*LSQ)
    verdict = check_steps(problem, WRONG_MIDDLE, function=f, wrt="x")
    assert verdict.verdict == "incorrect"
    assert verdict.steps[1]["verdict"] == "incorrect"


def test_batch_keeps_order_and_survives_bad_lines() -> None:
    lines = [
        json.dumps({"expr": LSQ[0], "wrt": "x", "shapes": LSQ[2], "answer": "2A^T(Ax-b)"}),
        "this is not json",
        json.dumps({"expr": LSQ[0], "wrt": "x", "shapes": LSQ[2], "answer": "A^T(Ax-b)"}),
        json.dumps({"identity": "tr(A B) = tr(B A)", "shapes": "A: m x n, B: n x m"}),
        json.dumps({"expr": LSQ[0], "wrt": "x", "shapes": LSQ[2], "answer": "2A^T(Ax-b"}),
    ]
    results = list(grade_lines(lines, lambda entry, part, seed: from_catalog(entry, part, seed=seed)))
    assert [r["verdict"] for r in results] == ["correct", "invalid", "incorrect", "correct", "invalid"]
    assert results[2]["diagnosis"] == ["scale"]
    assert [r["line"] for r in results] == [1, 2, 3, 4, 5]


def test_batch_cli(tmp_path) -> None:  # type: ignore[no-untyped-def]
    requests = tmp_path / "answers.jsonl"
    requests.write_text("\n".join(json.dumps({"expr": "x^T A x", "wrt": "x", "shapes": "A: n x n, x: n", "answer": a})
                                  for a in ["(A + A^T) x", "2 A x", "x^T (A + A')"]) + "\n")
    out = tmp_path / "results.jsonl"
    done = subprocess.run([sys.executable, "-m", "dlprep", "check", "--batch", str(requests), "--out", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    results = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["verdict"] for r in results] == ["correct", "incorrect", "incorrect"]
    assert results[2]["diagnosis"] == ["jacobian-for-gradient"]
    assert "correct: 1" in done.stderr


@pytest.mark.parametrize(("answer", "code", "exit_code"), [("(A + A^T) x", None, 0), ("2 A x", "unknown", 1), ("(A+A^T x", None, 2)])
def test_expr_cli_exit_codes(answer: str, code: str | None, exit_code: int) -> None:
    done = subprocess.run([sys.executable, "-m", "dlprep", "check", "--expr", "x^T A x", "--wrt", "x",
                           "--shapes", "A: n x n, x: n", "--answer", answer, "--json"], capture_output=True, text=True, timeout=60)
    assert done.returncode == exit_code, done.stderr
    data = json.loads(done.stdout)
    if code:
        assert data["diagnosis"] == [code]


def test_catalog_steps_from_the_command_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`dlprep check ID --steps FILE`: the catalog part knows f and x, so df lines are checked too."""
    steps = tmp_path / "steps.txt"
    steps.write_text("f = ||Ax - b||^2\ndf = 2 (A x - b)^T A dx\n= 2 (A x - b)^T dx\ngrad = 2 A^T (A x - b)\n")
    done = subprocess.run([sys.executable, "-m", "dlprep", "check", "least-squares-gradient", "--steps", str(steps), "--json"],
                          capture_output=True, text=True, timeout=60)
    data = json.loads(done.stdout)
    assert done.returncode == 1
    assert [s["verdict"] for s in data["steps"]] == ["correct", "correct", "incorrect", "follows"]
    assert data["steps"][2]["line"] == 3
