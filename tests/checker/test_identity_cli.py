"""`dlprep check --identity` and `dlprep parse` from the command line (issue 2 §7–8)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HADAMARD = "A, B, C: m x n"
SQUARE = "A, B, C: n x n"
CYCLIC = "A: m x n, B: n x p, C: p x q, D: q x m"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dlprep", *args], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(
    ("identity", "shapes", "code"),
    [
        ("tr(A B C D) = tr(D A B C) = tr(C D A B) = tr(B C D A)", CYCLIC, 0),  # CATALOG A trace-cyclic
        ("tr(A B C D) = tr((A B C D)^T)", CYCLIC, 0),
        ("tr(A B C) = tr(A C B)", SQUARE, 1),  # a non-cyclic reorder
        ("tr(A'*(B.*C)) = tr((A.*B)'*C)", HADAMARD, 0),  # CATALOG A trace-hadamard
        ("tr(A (B .* C)) = tr((A .* B) C)", SQUARE, 1),  # the misprint without the transpose
        ("\\operatorname{Tr}\\left(\\mathbf{A}^\\top(\\mathbf{B}\\circ\\mathbf{C})\\right) = \\operatorname{Tr}\\left((\\mathbf{A}\\circ\\mathbf{B})^\\top\\mathbf{C}\\right)", HADAMARD, 0),
    ],
)
def test_identity_exit_codes(identity: str, shapes: str, code: int) -> None:
    result = run("check", "--identity", identity, "--shapes", shapes)
    assert result.returncode == code, result.stdout + result.stderr


def test_identity_json_has_counterexample() -> None:
    result = run("check", "--identity", "tr(A (B .* C)) = tr((A .* B) C)", "--shapes", SQUARE, "--json")
    data = json.loads(result.stdout)
    assert data["verdict"] == "incorrect"
    assert data["counterexample"]
    assert data["read_as"] == "tr(A (B .* C)) = tr((A .* B) C)"


def test_misprint_is_a_shape_error_for_non_square() -> None:
    result = run("check", "--identity", "tr(A (B .* C)) = tr((A .* B) C)", "--shapes", HADAMARD)
    assert result.returncode == 2
    assert "cannot multiply" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 3


@pytest.mark.parametrize(
    "args",
    [
        ("check", "--identity", "tr(A B) = ", "--shapes", "A: m x n, B: n x m"),
        ("check", "--identity", "tr(A Q) = tr(Q A)", "--shapes", "A: m x n"),
        ("check", "--identity", "tr(A B)", "--shapes", "A: m x n, B: n x m"),
        ("check", "--identity", "x = x", "--shapes", "x: n bogus"),
        ("check",),
        ("parse", "2A^T(Ax-b", "--shapes", "A: m x n, x: n, b: m"),
    ],
)
def test_bad_input_exits_2_with_one_line(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip()


def test_unknown_symbol_lists_declared_ones() -> None:
    result = run("check", "--identity", "tr(A Q) = tr(Q A)", "--shapes", "A: m x n")
    assert "Q" in result.stderr and "A" in result.stderr


def test_parse_json_reports_shapes() -> None:
    result = run("parse", "2A^T(Ax-b)", "--shapes", "A: m x n, x: n, b: m", "--json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["plain"] == "2 A^T (A x - b)"
    assert data["shape"] == "n"
    assert data["latex"].startswith("2 A^{\\top}")


def test_misprint_without_transpose_holds_only_for_symmetric_a() -> None:
    """CATALOG trace-hadamard: Tr(A(B∘C)) = Tr((A∘B)ᵀC) is the misprint; true only for symmetric A."""
    result = run("check", "--identity", "tr(A (B .* C)) = tr((A .* B)' C)", "--shapes", SQUARE)
    assert result.returncode == 1
    assert "only when A is symmetric" in result.stdout
    assert "counterexample" in result.stdout
