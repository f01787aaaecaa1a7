"""Numeric answers against a literal reference (issue 11, item 3): relative tolerance stated on the
problem, one instance, and a wrong matrix diagnosed entry by entry or as a whole (negated, transposed,
scaled), in English and Chinese, in the Verdict JSON and in `dlprep check`'s text output."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from checker.grading.answer import check_answer
from checker.grading.messages import language
from checker.grading.problem import from_reference
from dlprep.cli import cli

R = "[1/4, 1/2; 1/2, 3/4]"  # a 2×2 key; its transpose differs from it
RS = "[1/4, 1/2; 1/2, 1/4]"  # a symmetric key: its transpose is itself

DIAGNOSES = [
    # (label, reference, answer, code, wrong entries (row, col, expected, got), words of the English message)
    ("one wrong entry", R, "[0.25, 0.52; 0.5, 0.75]", "wrong-entries", [[1, 2, 0.5, 0.52]],
     "Entry (1,2) is wrong: expected 0.5, got 0.52. The other entries are right."),
    ("two wrong entries", R, "[0.25, 0.52; 0.1, 0.75]", "wrong-entries", [[1, 2, 0.5, 0.52], [2, 1, 0.5, 0.1]],
     "Entries (1,2) and (2,1) are wrong: (1,2) expected 0.5, got 0.52; (2,1) expected 0.5, got 0.1."),
    ("transposed matrix", R.replace("1/2; 1/2", "1/3; 1/2"), "[1/4, 1/2; 1/3, 3/4]", "transpose",
     [[1, 2, 1 / 3, 0.5], [2, 1, 0.5, 1 / 3]], "the transpose of the right one"),
    ("negated matrix", R, "-[1/4, 1/2; 1/2, 3/4]", "sign", None, "the negative of the right one"),
    ("scaled ×2", R, "[0.5, 1; 1, 1.5]", "scale", None, "Your answer is 2 times the right one"),
    ("scaled ×1/2", R, "[1/8, 1/4; 1/4, 3/8]", "scale", None, "Your answer is 1/2 times the right one"),
    ("row for a column", "[1; 2; 3]", "[1, 2, 3]", "transpose", None, "You gave a row (1×3) where a column (3×1) is asked"),
    ("column for a row", "[1, 2, 3]", "[1; 2; 3]", "transpose", None, "You gave a column (3×1) where a row (1×3) is asked"),
    ("vector entry", "[1; 2; 3]", "[1; 2; 4]", "wrong-entries", [[3, 1, 3.0, 4.0]], "Entry 3 is wrong: expected 3, got 4."),
    ("a scalar", "1/3", "0.3", "wrong-entries", [[1, 1, 1 / 3, 0.3]], "The value is wrong: expected 0.3333, got 0.3."),
    ("not finite", "[1; 2]", "[1; log(0)]", "not-finite", None, "not a finite number"),
    ("wrong shape", "[1; 2; 3]", "[1; 2]", "shape", None, "Your answer has shape 2, but the answer must have shape 3."),
    ("a row with wrong entries for a column", "[1; 2; 3]", "[1, 2, 4]", "shape", None, "shape 1×3"),
]


@pytest.mark.parametrize("label,reference,answer,code,entries,words", DIAGNOSES, ids=[d[0] for d in DIAGNOSES])
def test_numeric_diagnosis(label: str, reference: str, answer: str, code: str, entries: list | None, words: str) -> None:
    verdict = check_answer(from_reference(reference, rtol=1e-3), answer)
    assert verdict.verdict == "incorrect"
    assert verdict.diagnosis == [code]
    assert words in verdict.message
    if entries is not None:
        got = verdict.to_json()["wrong_entries"]
        assert len(got) == len(entries) and verdict.to_json()["wrong_entry_count"] == len(entries)
        for row, want in zip(got, entries):
            assert row[:2] == want[:2] and row[2:] == pytest.approx(want[2:])


def test_whole_matrix_diagnosis_still_lists_the_entries() -> None:
    data = check_answer(from_reference(R, rtol=1e-3), "[1/4, 1/2; 1/2, 3/4] * 2").to_json()
    assert data["diagnosis"] == ["scale"] and data["wrong_entry_count"] == 4


def test_a_big_matrix_names_the_first_few_and_counts_the_rest() -> None:
    reference = "[" + "; ".join(", ".join(str(6 * i + j) for j in range(6)) for i in range(6)) + "]"
    answer = "[" + "; ".join(", ".join(str(6 * i + j + (i == j) * 0.5 + (i == 0 and j == 5) * 0.5) for j in range(6)) for i in range(6)) + "]"
    verdict = check_answer(from_reference(reference, rtol=1e-6), answer)
    assert verdict.diagnosis == ["wrong-entries"]
    assert verdict.message.startswith("7 of 36 entries are wrong; the first 5: (1,1) expected 0, got 0.5; (1,6) expected 5, got 5.5;")
    assert verdict.message.count("expected") == 5
    assert verdict.extra["wrong_entry_count"] == 7 and len(verdict.extra["wrong_entries"]) == 7


TOLERANCE = [
    # (label, reference, answer, rtol, correct?)
    ("inside rtol", "[0.5, 1]", "[0.5004, 1]", 1e-3, True),
    ("outside rtol", "[0.5, 1]", "[0.5006, 1]", 1e-3, False),
    ("relative to each entry, not the largest", "[0.001, 1000]", "[0.0011, 1000]", 1e-3, False),
    ("rounded to 4 digits, rtol 1e-3", "[1/3, 2/3]", "[0.3333, 0.6667]", 1e-3, True),
    ("rounded to 4 digits, default rtol 1e-8", "[1/3, 2/3]", "[0.3333, 0.6667]", 1e-8, False),
    ("zero entry, rounding noise", "[0, 1]", "[1e-13, 1]", 1e-3, True),
    ("zero entry, a real error", "[0, 1]", "[1e-6, 1]", 1e-3, False),
    ("symmetric key, transposed answer", RS, RS + "^T", 1e-8, True),
    ("negative entries", "[-0.25, 0.5]", "[-0.2501, 0.5]", 1e-3, True),
    ("scientific notation", "[0.001, 250]", "[1e-3, 2.5E+2]", 1e-12, True),
    ("bmatrix answer, fraction key", "[1/4, 1/2; 1/2, 3/4]", r"\begin{bmatrix} 0.25 & 0.5 \\ 0.5 & 0.75 \end{bmatrix}", 1e-12, True),
    ("constant expressions", "[sqrt(2)/2, e^{-1}]", "[0.70711, 0.36788]", 1e-4, True),
]


@pytest.mark.parametrize("label,reference,answer,rtol,correct", TOLERANCE, ids=[t[0] for t in TOLERANCE])
def test_tolerance(label: str, reference: str, answer: str, rtol: float, correct: bool) -> None:
    assert check_answer(from_reference(reference, rtol=rtol), answer).verdict == ("correct" if correct else "incorrect")


def test_a_literal_reference_needs_one_instance_and_a_symbolic_one_keeps_five() -> None:
    numeric, symbolic = from_reference(R), from_reference("A^T", "A: m x n")
    assert (numeric.numeric, numeric.n, len(numeric.instances())) == (True, 1, 1)
    assert (symbolic.numeric, symbolic.n) == (False, 5)


def test_symbolic_diagnosis_is_unchanged() -> None:
    problem = from_reference("2 A^T (A x - b)", "A: m x n, x: n, b: m")
    verdict = check_answer(problem, "-2 A^T (A x - b)")
    assert verdict.diagnosis == ["sign"] and "wrong_entries" not in verdict.to_json()
    assert "d(X⁻¹)" in verdict.message  # the symbolic message, not the numeric one


ZH = [
    ("one wrong entry", R, "[0.25, 0.52; 0.5, 0.75]", "元素 (1,2) 错了：应为 0.5，你写的是 0.52。其余元素都对。"),
    ("two wrong entries", R, "[0.25, 0.52; 0.1, 0.75]", "元素 (1,2)、(2,1) 错了：(1,2) 应为 0.5，你写的是 0.52；(2,1) 应为 0.5，你写的是 0.1。"),
    ("transposed", "[1, 2; 3, 4]", "[1, 3; 2, 4]", "你的矩阵是正确答案的转置"),
    ("negated", R, "-" + R, "你的答案是正确答案的相反数"),
    ("scaled", R, "2" + R, "你的答案是正确答案的 2 倍"),
    ("row for a column", "[1; 2; 3]", "[1, 2, 3]", "题目要的是列向量（3×1），你给的是行向量（1×3）"),
    ("correct", R, "[0.25, 0.5; 0.5, 0.75]", "每个元素都在相对误差 0.001 以内与参考答案一致"),
]


@pytest.mark.parametrize("label,reference,answer,words", ZH, ids=[z[0] for z in ZH])
def test_chinese_messages(label: str, reference: str, answer: str, words: str) -> None:
    with language("zh"):
        assert words in check_answer(from_reference(reference, rtol=1e-3), answer).message


# ------------------------------------------------------------------ the CLI
def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


@pytest.mark.parametrize("label,args,code,words", [
    ("correct", ["--reference", R, "--rtol", "1e-3", "--answer", "[0.25, 0.5; 0.5, 0.7502]"], 0, "✓ correct"),
    ("wrong entries", ["--reference", R, "--answer", "[0.25, 0.52; 0.1, 0.75]"], 1,
     "✗ incorrect [wrong entries]: Entries (1,2) and (2,1) are wrong"),
    ("row for column, Chinese", ["--reference", "[1; 2]", "--answer", "[1, 2]", "--lang", "zh"], 1, "✗ 错误（转置错误）：题目要的是列向量"),
    ("ragged answer", ["--reference", R, "--answer", "[1, 2; 3]"], 2, "error: row 2 of the matrix has 1 entry"),
    ("rtol without reference", ["--identity", "[1, 2]^T = [1; 2]", "--rtol", "1e-3"], 2, "--rtol cannot be used with --identity"),
    ("identity with literals", ["--identity", "[1, 2; 3, 4]^T = [1, 3; 2, 4]"], 0, "✓ correct"),
    ("identity with literals, false", ["--identity", "[1, 2; 3, 4]^T = [1, 2; 3, 4]"], 1, "✗ incorrect"),
    ("expr with a literal", ["--expr", "x^T [1, 2; 3, 4] x", "--wrt", "x", "--shapes", "x: 2", "--answer", "[2, 5; 5, 8] x"], 0, "✓ correct"),
    ("where with a literal", ["--expr", "x^T M x", "--where", "M = [2, 1; 1, 3]; v = M x", "--wrt", "x", "--shapes", "x: 2",
                              "--answer", "2 M x"], 0, "✓ correct"),
    ("expr with a literal, wrong", ["--expr", "x^T [1, 2; 3, 4] x", "--wrt", "x", "--shapes", "x: 2", "--answer", "[1, 2; 3, 4] x"], 1, "✗ incorrect"),
])
def test_check_cli(label: str, args: list[str], code: int, words: str) -> None:
    exit_code, output = _run("check", *args)
    assert exit_code == code, output
    assert words in output


def test_check_cli_json_lists_wrong_entries() -> None:
    exit_code, output = _run("check", "--reference", R, "--rtol", "1e-3", "--answer", "[0.25, 0.52; 0.5, 0.75]", "--json")
    data = json.loads(output)
    assert exit_code == 1 and data["diagnosis"] == ["wrong-entries"]
    assert data["wrong_entries"] == [[1, 2, 0.5, 0.52]] and data["wrong_entry_count"] == 1


@pytest.mark.parametrize("text,shape", [("[1, 2; 3, 4]", "2×2"), ("[1; 2; 3]", "3"), ("[1, 2, 3]", "1×3"),
                                         (r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \\ 5 & 6 \end{pmatrix}", "3×2")])
def test_parse_cli_shows_the_shape(text: str, shape: str) -> None:
    exit_code, output = _run("parse", text)
    assert exit_code == 0 and f"shape:   {shape}\n" in output
    exit_code, output = _run("parse", text, "--json")
    assert json.loads(output)["shape"] == shape


def test_verdict_values_are_plain_floats() -> None:
    data = check_answer(from_reference(R, rtol=1e-3), "[0.25, 0.52; 0.5, 0.75]").to_json()
    assert all(type(x) in (int, float) for row in data["wrong_entries"] for x in row)
    assert np.isfinite(data["wrong_entries"][0][3])
