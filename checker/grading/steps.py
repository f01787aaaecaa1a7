"""Check a derivation line by line: each step against the one before it, the last against the answer.

A step file is plain text, one step a line (``f = …``, ``df = …``, ``= …``, ``J = …``,
``grad = …``; a line may chain ``df = a = b``), or Markdown whose ``$$…$$`` blocks are the steps.
Steps of one kind are compared by value. Across kinds, everything is brought to the differential
along the instance's random direction dX: f ↦ the directional derivative (finite differences),
df ↦ itself, a gradient G ↦ Tr(Gᵀ dX), a Jacobian J ↦ J·vec(dX). The first wrong step gets a
diagnosis; later steps are marked "follows" when they follow correctly from the step before them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from checker.language import ast as A
from checker.grading.answer import check_tree
from checker.language.errors import DlprepError, InputError
from checker.language.numeric import directional
from checker.language.parser import parse
from checker.language.printing import to_text
from checker.grading import step_reader as reader
from checker.grading.chain import Lifter
from checker.grading.problem import Problem, all_close
from checker.grading.step_reader import Step
from checker.grading.messages import message
from checker.grading.verdict import Verdict



def read_steps(content: str, *, first_kind: str = "gradient") -> list[Step]:
    """The steps of a step file (kept for callers of the old API; see :mod:`checker.grading.step_reader`)."""
    return reader.read_steps(content, first_kind=first_kind).steps


# ------------------------------------------------------------------ checking
def check_steps(problem: Problem, content: str, *, function: A.Node | None = None, wrt: str | None = None) -> Verdict:
    """Check every step; ``function`` (f) and ``wrt`` (X) let the first df step be checked too."""
    function = function if function is not None else problem.function
    wrt = wrt or problem.wrt
    problem = replace(problem, function=function, wrt=wrt)
    first = problem.kind if problem.kind in ("gradient", "jacobian", "differential") else "gradient"
    answers = {name: (first,) for name in problem.answer_labels}
    parsed = reader.read_steps(content, first_kind=first, names=frozenset(problem.names), answers=answers)
    steps = parsed.steps
    lifter = Lifter(problem, parsed.partials)
    lhs_trees: dict[int, A.Node] = {}
    for k, step in enumerate(steps):
        step.tree = _read(lifter, step.text, _where(step))
        if step.role == "aside" and step.lhs is not None:
            lhs_trees[k] = _read(lifter, step.lhs, _where(step))
    problem = lifter.result()
    direction = A.Differential(A.Sym(wrt)) if wrt else None
    extra = tuple(problem.typed(n) for n in (function, direction) if n is not None)
    problem = replace(problem, extra_nodes=problem.extra_nodes + extra)
    reports: list[dict[str, Any]] = []
    first_wrong: int | None = None
    previous: tuple[str, A.Node] | None = ("function", function) if function is not None else None
    last_chain: Step | None = None
    for k, step in enumerate(steps):
        if step.role == "aside":
            ok, finding = _aside(problem, lhs_trees[k], step.tree)  # type: ignore[arg-type]
        else:
            ok, finding, kind = _choose(problem, previous, step, wrt)
            step.kinds = (kind,)
            if _well_formed(problem, step.tree):  # type: ignore[arg-type]
                previous = (kind, step.tree)  # type: ignore[assignment]
            last_chain = step
        report = {"line": step.line, "text": reader.shown(step.text, parsed.partials), **({"row": step.row} if step.row else {})}
        if ok:
            verdict = "correct" if first_wrong is None else "follows"
            reports.append({**report, "verdict": verdict, "diagnosis": [], "message": ""})
            continue
        if first_wrong is None:
            first_wrong = k
        codes, text = finding if finding else (["unknown"], message("steps.not-following"))
        reports.append({**report, "verdict": "incorrect", "diagnosis": codes, "message": text})
    final = _final(problem, last_chain, wrt) if last_chain is not None else None
    if first_wrong is None and final is not None and final.verdict != "correct":
        index = steps.index(last_chain)  # type: ignore[arg-type]
        reports[index].update(verdict="incorrect", diagnosis=final.diagnosis, message=message("steps.last-not-answer", message=final.message))
        first_wrong = index
    if first_wrong is None:
        return Verdict("correct", message=message("steps.correct", n=len(steps)), steps=reports,
                       read_as=to_text(steps[-1].tree) if steps[-1].tree is not None else None)  # type: ignore[arg-type]
    bad = reports[first_wrong]
    return Verdict("incorrect", message=message("steps.first-wrong", where=_where(steps[first_wrong]), message=bad["message"]),
                   diagnosis=bad["diagnosis"], steps=reports)


def _where(step: Step) -> str:
    """"line 3 (row 2)" in the current language."""
    return message("steps.where-row", line=step.line, row=step.row) if step.row else message("steps.where", line=step.line)


def _read(lifter: Lifter, text: str, where: str) -> A.Node:
    try:
        return lifter.lift(lifter.parse(text))
    except InputError as exc:  # the line and the construct: "line 3: unexpected '∂' at column 11 …"
        raise InputError(message("label.where", where=where, message=exc.message), text=exc.text, column=exc.column, expected=exc.expected) from None
    except DlprepError as exc:
        raise InputError(message("label.where", where=where, message=exc)) from None


def _choose(problem: Problem, previous: tuple[str, A.Node] | None, step: Step,
            wrt: str | None) -> tuple[bool, tuple[list[str], str] | None, str]:
    """The first of the step's candidate kinds that follows from the previous step; else the likeliest."""
    if previous is None:
        return True, None, _by_shape(problem, step, wrt)
    findings = []
    for kind in step.kinds:
        ok, finding = _consistent(problem, previous, (kind, step.tree), wrt)  # type: ignore[arg-type]
        if ok:
            return True, None, kind
        findings.append((kind, finding))
    likely = _by_shape(problem, step, wrt)
    return False, dict(findings).get(likely, findings[0][1]), likely


def _by_shape(problem: Problem, step: Step, wrt: str | None) -> str:
    """``J = …`` is the loss when it has the loss's shape, else the Jacobian (and ∂f/∂x the gradient
    when it has x's shape): decided by shape, never by the letter alone."""
    if len(step.kinds) == 1:
        return step.kinds[0]
    try:
        shape = problem.typed(step.tree).shape  # type: ignore[arg-type]
    except DlprepError:
        return step.kinds[0]
    if "function" in step.kinds and problem.function is not None and problem.typed(problem.function).shape == shape:
        return "function"
    if "gradient" in step.kinds and wrt and problem.decls[wrt].shape == shape:
        return "gradient"
    return "jacobian" if "jacobian" in step.kinds else step.kinds[0]


def _aside(problem: Problem, lhs: A.Node, rhs: A.Node) -> tuple[bool, tuple[list[str], str] | None]:
    """A side equation (``∂z^(l+1)/∂a^(l) = W^(l+1)``): both sides must have the same value."""
    sub = Problem(problem.decls, reference=lhs, where=problem.where, kind="value", kink_aware=problem.kink_aware,
                  seed=problem.seed, extra_nodes=problem.extra_nodes, derived=problem.derived)
    verdict = check_tree(sub, rhs)
    return verdict.verdict == "correct", (verdict.diagnosis, verdict.message)


def _well_formed(problem: Problem, tree: A.Node | None) -> bool:
    try:
        problem.typed(tree)  # type: ignore[arg-type]
    except DlprepError:
        return False
    return True


def _consistent(problem: Problem, prev: tuple[str, A.Node], cur: tuple[str, A.Node], wrt: str | None) -> tuple[bool, tuple[list[str], str] | None]:
    (prev_kind, prev_tree), (cur_kind, cur_tree) = prev, cur
    if prev_kind == cur_kind:
        sub = Problem(problem.decls, reference=prev_tree, where=problem.where, kind=cur_kind,
                      kink_aware=problem.kink_aware, seed=problem.seed, extra_nodes=problem.extra_nodes, derived=problem.derived)
        verdict = check_tree(sub, cur_tree)
        return verdict.verdict == "correct", (verdict.diagnosis, verdict.message)
    if wrt is None:
        raise InputError(message("steps.needs-wrt", prev=message(f"kind.{prev_kind}"), cur=message(f"kind.{cur_kind}")))
    try:
        prev_d = [_as_differential(problem, prev_kind, prev_tree, inst, wrt) for inst in problem.instances()]
        cur_d = [_as_differential(problem, cur_kind, cur_tree, inst, wrt) for inst in problem.instances()]
    except DlprepError as exc:
        return False, (["shape"], str(exc))
    if all_close(prev_d, cur_d, rtol=1e-7):
        return True, None
    if cur_kind == "differential":
        numeric = Problem(problem.decls, numeric_reference=lambda inst: _as_differential(problem, prev_kind, prev_tree, inst, wrt),
                          where=problem.where, kind="differential", seed=problem.seed, extra_nodes=problem.extra_nodes,
                          derived=problem.derived)
        verdict = check_tree(numeric, cur_tree)
        return False, (verdict.diagnosis or ["unknown"], verdict.message)
    verdict = check_tree(problem, cur_tree) if problem.kind == cur_kind else None
    if verdict is not None and verdict.verdict == "incorrect":
        return False, (verdict.diagnosis, verdict.message)
    return False, (["unknown"], message("steps.kind-mismatch", cur=message(f"kind.{cur_kind}"), prev=message(f"kind.{prev_kind}")))


def _as_differential(problem: Problem, kind: str, tree: A.Node, inst: Any, wrt: str) -> np.ndarray:
    from checker.language.evaluate import evaluate

    typed = problem.typed(tree)
    direction = inst.values["d" + wrt]
    if kind == "function":
        return directional(typed, inst, wrt, direction)
    value = evaluate(typed, inst)
    if kind == "differential":
        return value
    if kind == "gradient":
        if value.shape != direction.shape:
            raise InputError(message("steps.gradient-shape", wrt=wrt, shape=f"{value.shape[0]}×{value.shape[1]}"))
        return np.array([[float(np.sum(value * direction))]])
    if kind == "jacobian":
        if value.shape[1] != direction.size:
            raise InputError(message("steps.jacobian-columns", wrt=wrt, n=value.shape[1]))
        return (value @ direction.reshape(-1, 1)).reshape(-1, 1)
    raise InputError(f"cannot compare a {kind} step")


def _final(problem: Problem, last: Step, wrt: str | None) -> Verdict | None:  # noqa: ARG001
    if last.tree is None or (problem.reference is None and problem.numeric_reference is None):
        return None
    if last.kind != problem.kind:
        return None
    return check_tree(problem, last.tree)
