"""`dlprep check q:<id>`: every blank of every family accepts its own answer key and rejects a wrong
one; matrix answers are diagnosed entry by entry; batches resolve q: ids too."""

from __future__ import annotations

import json

import numpy as np
import pytest

from checker.grading.answer import check_answer
from checker.language.errors import InputError
from dlprep.cli import main
from question_bank import all_families, generate
from question_bank.problems import problem_for

CHECKABLE = sorted(n for n in all_families() if generate(n, 0).blanks or generate(n, 1).blanks)


@pytest.mark.parametrize("name", CHECKABLE)
def test_every_blank_accepts_its_printed_answer(name: str) -> None:
    for seed in range(3):
        q = generate(name, seed)
        for blank in q.blanks:
            verdict = check_answer(problem_for(q.id, blank.label), blank.answer_text)
            assert verdict.verdict == "correct", f"q:{q.id} part {blank.label}: {blank.answer_text!r}: {verdict.message}"


def _perturbed(text: str) -> str:
    """The printed answer with its first number changed by 10% (and 1 added when it is 0)."""
    head, sep, tail = text.partition("[")
    body = tail if sep else head
    first = body.replace(";", ",").replace("]", "").split(",")[0].strip()
    value = float(first)
    changed = f"{value * 1.1 + (1 if value == 0 else 0):.6g}"
    return (head + sep if sep else "") + body.replace(first, changed, 1)


@pytest.mark.parametrize("name", ["softmax", "mlp-pass", "conv2d", "pooling", "sparsemax", "glorot", "dropout", "lstm-count"])
def test_a_wrong_number_is_incorrect(name: str) -> None:
    q = generate(name, 4)
    for blank in q.blanks:
        wrong = _perturbed(blank.answer_text)
        assert check_answer(problem_for(q.id, blank.label), wrong).verdict == "incorrect", (q.id, blank.label, wrong)


def test_wrong_matrix_entry_is_named_and_a_transpose_is_recognised() -> None:
    q = generate("conv2d", 3)
    blank = q.blanks[0]
    ref = np.array([[float(x) for x in row.split(",")] for row in blank.answer_text.strip("[]").split(";")])
    wrong = ref.copy()
    wrong[1, 2] += 5
    text = "[" + "; ".join(", ".join(f"{x:g}" for x in row) for row in wrong) + "]"
    verdict = check_answer(problem_for(q.id, "1"), text)
    assert verdict.verdict == "incorrect" and "wrong-entries" in verdict.diagnosis
    assert "(2,3)" in verdict.message
    if not np.allclose(ref, ref.T):
        text_t = "[" + "; ".join(", ".join(f"{x:g}" for x in row) for row in ref.T) + "]"
        assert "transpose" in check_answer(problem_for(q.id, "1"), text_t).diagnosis


def test_catalog_blank_accepts_an_equivalent_form() -> None:
    q = generate("identity", 3)  # least-squares gradient
    assert q.params["entry"] == "least-squares-gradient"
    assert check_answer(problem_for(q.id), "2 A^T A x - 2 A^T b").verdict == "correct"
    assert check_answer(problem_for(q.id), "2 A (A x - b)").verdict in ("incorrect", "invalid")


def test_unknown_part_and_question_without_blanks_are_input_errors() -> None:
    with pytest.raises(InputError, match="has no part '7'"):
        problem_for("q:softmax.1", "7")
    with pytest.raises(InputError, match="no checkable answer"):
        problem_for("q:worked-pooling-residual.1")


def _run(argv: list[str], capsys) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exc:
        main(argv)
    out = capsys.readouterr()
    return int(exc.value.code or 0), out.out, out.err


def test_cli_exit_codes(capsys) -> None:  # type: ignore[no-untyped-def]
    q = generate("softmax", 3)
    right = q.blanks[1].answer_text
    assert _run(["check", "q:softmax.3", "--part", "2", "--answer", right], capsys)[0] == 0
    assert _run(["check", "q:softmax.3", "--part", "2", "--answer", _perturbed(right)], capsys)[0] == 1
    code, _, err = _run(["check", "q:nosuch.3", "--answer", "1"], capsys)
    assert code == 2 and "unknown question family" in err and len(err.strip().splitlines()) == 1


def test_batch_lines_with_question_ids(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    q = generate("lstm-count", 5)
    lines = [{"id": "q:" + q.id, "answer": q.blanks[0].answer_text},
             {"id": "q:" + q.id, "answer": "1"},
             {"id": "least-squares-gradient", "answer": "2 A^T (A x - b)"},
             {"id": "q:softmax.2", "part": "1", "answer": generate("softmax", 2).blanks[0].answer_text}]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    code, out, _ = _run(["check", "--batch", str(path)], capsys)
    verdicts = [json.loads(line)["verdict"] for line in out.splitlines()]
    assert code == 1 and verdicts == ["correct", "incorrect", "correct", "correct"]  # 1: a line is incorrect (issue 13)
