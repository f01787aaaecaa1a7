"""Checking for the page: an answer or a pasted derivation against a question's blank, and the live
preview of how a text is read (``dlprep parse``), each under the checker's own wall-clock deadline
(nestable, its alarm repeated once passed, so a time-out absorbed inside one derivation step still
ends the check).

Problems are cached per (question, blank, language): their random instances and reference values are
computed once, so a repeated check costs a parse and a few NumPy evaluations.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from checker.grading.messages import language, message
from checker.grading.problem import Problem
from checker.language.limits import DEFAULT_SECONDS, deadline
from question_bank.practice import source
from question_bank.practice.render import math


SECONDS = DEFAULT_SECONDS  # wall-clock bound of one check or preview (the checker's own)


@functools.lru_cache(maxsize=256)
def _problem(qid: str, label: str | None, lang: str) -> Problem:
    return source.problem_for(source.lookup(qid), label)


def problem(qid: str, label: str | None) -> Problem:
    """The checker's Problem of one part (cached; its random instances are drawn once)."""
    return _problem(qid, label, "en")


def check(qid: str, label: str | None, lang: str, *, answer: str | None = None, steps: str | None = None,
          reveal: bool = False) -> dict[str, Any]:
    """The verdict JSON of ``dlprep check --json`` for the page; bad input raises DlprepError.

    Added for the page: ``read_as_html``; in step mode every step numbered as the student sees it
    (``n``, aligned rows counted one by one), located (``where``) and typeset (``html``); sizes named as
    the problem names them (m×n, not the random stand-ins); a numeric answer's expected values only
    when ``reveal`` (the page asks on a second try or on request); a proof's result alone marked
    ``proof_incomplete``.
    """
    from checker.grading.answer import check_answer
    from checker.grading.steps import check_steps
    from checker.language.printing import to_latex, to_text

    question = source.lookup(qid)  # generated outside the bound: the student's time is the check's, not the question's
    if answer is not None and question.choices and not any(b.check.kind == "choice" for b in question.blanks):
        return _choice(question, answer, lang, reveal)
    with language(lang), deadline(SECONDS):
        problem = _problem(qid, label, lang)
        if steps is not None:
            verdict = check_steps(problem, steps)
        else:
            verdict = check_answer(problem, answer or "")  # the expected value is added below, in the page's language
        out = verdict.to_json()
        if reveal and answer is not None and out["verdict"] == "incorrect" and problem.reference is not None \
                and not out.get("wrong_entries"):
            out["message"] = (out.get("message") or "") + message("reveal", lang, answer=to_text(problem.reference))
            out["expected_html"] = math(to_latex(problem.reference))
            if problem.kind == "choice":  # the page marks the right option instead
                out["right_choice"] = to_text(problem.reference)
                del out["expected_html"]
        if out.get("wrong_entries") and answer is not None:
            out["answer_values"] = _values(problem, answer)
        sizes = _sizes(problem)
    out["message"] = _named(out.get("message") or "", sizes)
    if out.get("wrong_entries") and not reveal:
        out["wrong_entries"] = [[i, j, None, got] for i, j, _, got in out["wrong_entries"]]
        vector = "×" not in str(out.get("expected_shape") or "×")
        out["message"] = _entries_hint(out["wrong_entries"], out.get("wrong_entry_count", 0), lang, vector)
    if steps is not None:
        for n, step in enumerate(out["steps"], 1):
            step["n"] = step.get("n", n)
            step["where"] = message("practice.where_row" if step.get("row") else "practice.where", lang, **step)
            step["html"] = _typeset(step["text"], problem)
            step["message"] = _named(step.get("message") or "", sizes)
        out["message"] = _steps_summary(out, lang)
    if question.type == "proof" and out["verdict"] == "correct" and (steps is None or len(out["steps"]) < 2):
        out["proof_incomplete"] = True  # the result the question states is not its proof
        out["message"] = message("practice.proof_result" if steps is None else "practice.proof_short", lang)
    out["revealed"] = reveal
    out["read_as_html"] = math(verdict.read_as_latex) if verdict.read_as_latex else None
    return out


LETTERS = "ABCDEFGH"


def _choice(question: Any, answer: str, lang: str, reveal: bool) -> dict[str, Any]:
    """A choice question without a checkable blank: the letter against the question's own options."""
    from checker.language.errors import InputError

    options = LETTERS[: len(question.choices)]
    letter = answer.strip().strip("()（）").upper()
    if len(letter) != 1 or letter not in options:
        raise InputError(message("practice.choice_invalid", lang, options=", ".join(options)))
    right = options[next(k for k, c in enumerate(question.choices) if c.correct)]
    if letter == right:
        return {"verdict": "correct", "diagnosis": [], "message": message("practice.choice_right", lang, letter=letter),
                "read_as": letter, "choice": letter, "revealed": reveal}
    text = message("practice.choice_wrong", lang, letter=letter) + (message("practice.choice_reveal", lang, letter=right) if reveal else "")
    return {"verdict": "incorrect", "diagnosis": ["choice"], "message": text, "read_as": letter, "choice": letter,
            "right_choice": right if reveal else None, "revealed": reveal}


def _sizes(problem: Problem) -> dict[int, str]:
    """The random stand-in sizes of the problem's first instance → the names the problem gives them."""
    try:
        sizes = problem.instances()[0].sizes  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - no instance: nothing to rename
        return {}
    by_value: dict[int, list[str]] = {}
    for name, value in sizes.items():
        if not str(name).isdigit():
            by_value.setdefault(int(value), []).append(str(name))
    return {value: names[0] for value, names in by_value.items() if len(names) == 1 and value > 1}


_SIZE = re.compile(r"\b(\d+)×(\d+)\b")


def _named(text: str, sizes: dict[int, str]) -> str:
    """``"this step's value is 8×6"`` → ``"… n×m"`` when 8 and 6 are the stand-ins of n and m."""
    if not sizes:
        return text
    return _SIZE.sub(lambda m: "×".join(sizes.get(int(g), g) for g in m.groups()), text)


def _entries_hint(entries: list[list[Any]], count: int, lang: str, vector: bool = False) -> str:
    """Where the wrong entries are (1-based; a vector's by one index), without their expected values."""
    if len(entries) == 1 and count <= 1 and entries[0][:2] == [1, 1]:
        return message("practice.value", lang)
    sep = "、" if lang == "zh" else ", "
    wheres = sep.join(str(i) if vector else f"({i},{j})" for i, j, *_ in entries[:5])
    key = "entry" if max(count, len(entries)) == 1 else "entries" if count <= 5 else "entries_many"
    return message("practice." + key, lang, wheres=wheres, count=count)


def _typeset(text: str, problem: Problem) -> str:
    """One step as MathML: read by the checker's parser and printed as LaTeX, else the text as LaTeX."""
    from checker.language.parser import parse
    from checker.language.printing import to_latex

    sides = []
    for side in text.split("="):
        try:
            sides.append(to_latex(parse(side, names=problem.names)) if side.strip() else "")
        except Exception:  # noqa: BLE001 - shown as the student wrote it
            sides.append(side)
    return math(" = ".join(sides))


def _values(problem: Problem, answer: str) -> list[list[float]] | None:
    """The student's matrix (the page draws it with the wrong entries marked); None when it is large."""
    from checker.language.parser import parse

    values = problem.values(problem.typed(parse(answer, names=problem.names)))
    if not values or values[0].size > 400:
        return None
    return values[0].tolist()


def _steps_summary(verdict: dict[str, Any], lang: str) -> str:
    """The step checker's summary line in the page's language (its per-step messages are already localized)."""
    steps = verdict["steps"]
    if verdict["verdict"] == "correct":
        return message("practice.correct", lang, n=len(steps))
    bad = next((s for s in steps if s["verdict"] == "incorrect"), None)
    if bad is None:
        return verdict["message"]
    return message("practice.incorrect", lang, **bad)


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
