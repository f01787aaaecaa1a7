"""Checking for the page: an answer or a pasted derivation against a question's blank, and the live
preview of how a text is read (``dlprep parse``), each under the checker's own wall-clock deadline
(nestable, its alarm repeated once passed, so a time-out absorbed inside one derivation step still
ends the check).

Problems are cached per (question, blank, language): their random instances and reference values are
computed once, so a repeated check costs a parse and a few NumPy evaluations.
"""

from __future__ import annotations

import functools
from typing import Any

from checker.grading.messages import language
from checker.grading.problem import Problem
from checker.language.limits import DEFAULT_SECONDS, deadline
from question_bank.practice import source
from question_bank.practice.render import math


SECONDS = DEFAULT_SECONDS  # wall-clock bound of one check or preview (the checker's own)


@functools.lru_cache(maxsize=256)
def _problem(qid: str, label: str | None, lang: str) -> Problem:
    return source.problem_for(source.lookup(qid), label)


def check(qid: str, label: str | None, lang: str, *, answer: str | None = None, steps: str | None = None) -> dict[str, Any]:
    """The verdict JSON of ``dlprep check --json`` (plus ``read_as_html``); bad input raises DlprepError."""
    from checker.grading.answer import check_answer
    from checker.grading.steps import check_steps

    source.lookup(qid)  # generated outside the bound: the student's time is the check's, not the question's
    with language(lang), deadline(SECONDS):
        problem = _problem(qid, label, lang)
        verdict = check_steps(problem, steps) if steps is not None else check_answer(problem, answer or "")
        out = verdict.to_json()
        if out.get("wrong_entries") and answer is not None:
            out["answer_values"] = _values(problem, answer)
    if steps is not None:
        out["message"] = _steps_summary(out, lang)
    out["read_as_html"] = math(verdict.read_as_latex) if verdict.read_as_latex else None
    return out


def _values(problem: Problem, answer: str) -> list[list[float]] | None:
    """The student's matrix (the page draws it with the wrong entries marked); None when it is large."""
    from checker.language.parser import parse

    values = problem.values(problem.typed(parse(answer, names=problem.names)))
    if not values or values[0].size > 400:
        return None
    return values[0].tolist()


SUMMARY = {
    "correct": {"en": "all {n} steps check out.", "zh": "全部 {n} 步都正确。"},
    "incorrect": {"en": "The first wrong step is on line {line}: {message}", "zh": "第一处错误在第 {line} 行：{message}"},
}


def _steps_summary(verdict: dict[str, Any], lang: str) -> str:
    """The step checker's summary line in the page's language (its per-line messages are already localized)."""
    steps = verdict["steps"]
    if verdict["verdict"] == "correct":
        return SUMMARY["correct"][lang].format(n=len(steps))
    bad = next((s for s in steps if s["verdict"] == "incorrect"), None)
    if bad is None:
        return verdict["message"]
    return SUMMARY["incorrect"][lang].format(line=bad["line"], message=bad["message"])


def preview(text: str, qid: str | None, label: str | None, lang: str) -> dict[str, Any]:
    """How ``text`` is read: plain, LaTeX, MathML, and its shape against the question's symbols."""
    from checker.language.dims import format_shape
    from checker.language.parser import parse
    from checker.language.printing import to_latex, to_text

    if qid:
        source.lookup(qid)  # outside the bound, as in check()
    with language(lang), deadline(SECONDS):
        problem = _problem(qid, label, lang) if qid else None
        tree = parse(text, names=problem.names if problem else None)
        shape = expected = None
        if problem is not None:
            typed = problem.typed(tree)
            shape = format_shape(typed.shape) if typed.shape is not None else None
            expected = format_shape(problem.expected_shape) if problem.expected_shape is not None else None
    latex = to_latex(tree)
    return {"plain": to_text(tree), "latex": latex, "html": math(latex), "shape": shape, "expected_shape": expected}
