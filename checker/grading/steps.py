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
from dataclasses import replace
from typing import Any

import numpy as np

from checker.language import ast as A
from checker.language.dims import is_scalar
from checker.grading.answer import check_tree
from checker.language.errors import DlprepError, InputError, LimitExceeded
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
    try:
        return _check(problem, content, function, wrt)
    except InputError as exc:  # one line, in the student's own notation (never partial3, cut_…, dlift…)
        text = public(exc.text) if exc.text else exc.text
        raise replace(exc, message=public(exc.message), text=text, column=exc.column if text == exc.text else None,
                      expected=public(exc.expected) if exc.expected else exc.expected) from None
    except DlprepError as exc:
        if INTERNAL.search(str(exc)):
            raise type(exc)(public(str(exc))) from None
        raise


def _check(problem: Problem, content: str, function: A.Node | None, wrt: str | None) -> Verdict:
    parsed = reader.read_steps(content, reading=_reading(problem, function, wrt))
    steps = parsed.steps
    lifter = Lifter(problem, parsed.partials)
    lhs_trees: dict[int, A.Node] = {}
    for k, step in enumerate(steps):
        step.tree = _read(lifter, step.text, _where(step))
        if step.role == "definition" and step.lhs is not None:
            if step.lhs not in problem.names:  # a new name; an update of a given one (b ← b − αδ) changes nothing
                lifter.define(step.lhs, step.tree)
        elif step.role == "aside" and step.lhs is not None:
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
        if step.role == "definition":
            ok, finding = True, None
        elif step.role == "aside":
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
            note = message("steps.definition") if step.role == "definition" else ""
            reports.append({**report, "verdict": verdict, "diagnosis": [], "message": note})
            continue
        if first_wrong is None:
            first_wrong = k
        codes, text = finding if finding else (["unknown"], message("steps.not-following"))
        reports.append({**report, "verdict": "incorrect", "diagnosis": codes, "message": public(text, parsed.partials, lifter.shown)})
    final = _final(problem, last_chain, wrt) if last_chain is not None else None
    if first_wrong is None and final is not None and final.verdict != "correct":
        index = steps.index(last_chain)  # type: ignore[arg-type]
        reports[index].update(verdict="incorrect", diagnosis=final.diagnosis,
                              message=message("steps.last-not-answer", message=public(final.message, parsed.partials, lifter.shown)))
        first_wrong = index
    if first_wrong is None:
        return Verdict("correct", message=message("steps.correct", n=len(steps)), steps=reports,
                       read_as=public(to_text(steps[-1].tree), parsed.partials, lifter.shown) if steps[-1].tree is not None else None)  # type: ignore[arg-type]
    bad = reports[first_wrong]
    return Verdict("incorrect", message=message("steps.first-wrong", where=_where(steps[first_wrong]), message=bad["message"]),
                   diagnosis=bad["diagnosis"], steps=reports)


def _where(step: Step) -> str:
    """"line 3 (row 2)" in the current language."""
    return message("steps.where-row", line=step.line, row=step.row) if step.row else message("steps.where", line=step.line)


def _reading(problem: Problem, function: A.Node | None, wrt: str | None) -> reader.Reading:
    """What the reader needs to know of the problem (see :class:`checker.grading.step_reader.Reading`)."""
    names = frozenset(problem.names)
    first = problem.kind if problem.kind in ("gradient", "jacobian", "differential", "value") else "gradient"
    given = {n.name for root in (function, problem.reference) if root is not None for n in root.walk() if isinstance(n, A.Sym)}
    target = problem.expand(function) if function is not None else None
    # the derivative of an activation is asked as the gradient of sum(g(z)): d/dz g(z) names it too
    targets = {target} | ({target.args[0]} if isinstance(target, A.Func) and target.name == "sum" and len(target.args) == 1 else set())
    scalar = True
    if function is not None:
        try:
            scalar = is_scalar(problem.typed(function).shape)
        except DlprepError:
            pass

    def spelled(text: str) -> A.Node | None:
        try:
            return parse(text, names=set(names))
        except LimitExceeded:
            raise
        except DlprepError:
            return None

    def is_objective(text: str) -> bool:
        if not text.strip() or reader.is_loss(text, names):
            return True
        tree = spelled(text)
        return target is not None and tree is not None and problem.expand(tree) in targets

    def is_wrt(text: str) -> bool:
        tree = spelled(text)
        tree = problem.expand(tree) if tree is not None else None
        return wrt is None or (isinstance(tree, A.Sym) and tree.name == wrt)

    return reader.Reading(names=names, answers={name: (first,) for name in problem.answer_labels}, first_kind=first,
                          given=frozenset(given), network=frozenset(problem.definitions or {}) | frozenset(problem.where),
                          scalar=scalar, is_objective=is_objective, is_wrt=is_wrt)


INTERNAL = re.compile(r"\b(?:cut_)?partial\d+\b|\bdlift\d+\b")


def public(text: str, partials: dict[str, reader.Partial] | None = None, lifted: dict[str, str] | None = None) -> str:
    """A message without the reader's internal names: ``partial3`` as the student wrote it, ``cut_partial3``
    as its variable, ``dlift2`` as a differential; a list of declared names loses them."""
    if not text:
        return text
    text = re.sub(r"(?<=[(:,]) (?:cut_partial\d+|partial\d+|dlift\d+),|, (?:cut_partial\d+|partial\d+|dlift\d+)(?=[,)])", "", text)
    table = partials or {}

    def name(m: re.Match[str]) -> str:
        word = m.group(0)
        key = word.removeprefix("cut_")
        if key in table:
            return table[key].den if word.startswith("cut_") else table[key].source or f"∂{table[key].num}/∂{table[key].den}"
        if word in (lifted or {}):
            return (lifted or {})[word]
        return "the derivative" if "partial" in word else "a differential"
    return INTERNAL.sub(name, text)


def _read(lifter: Lifter, text: str, where: str) -> A.Node:
    try:
        return lifter.lift(lifter.parse(text))
    except LimitExceeded:  # the check's deadline passed while reading this line: it ends the check, as itself
        raise
    except InputError as exc:  # the line and the construct: "line 3: unexpected '∂' at column 11 …"
        raise InputError(message("label.where", where=where, message=exc.message), text=exc.text, column=exc.column, expected=exc.expected) from None
    except LimitExceeded:  # the time limit ends the whole check, not this line
        raise
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
    except LimitExceeded:
        raise
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
    except DlprepError as exc:  # a row where a column belongs: judged as the single answer would be (a transpose)
        try:
            verdict = check_tree(problem, cur_tree) if _final_kind(problem, cur_kind) else None
        except LimitExceeded:
            raise
        except DlprepError:
            verdict = None
        if verdict is not None and verdict.verdict == "incorrect" and verdict.diagnosis:
            return False, (verdict.diagnosis, verdict.message)
        other = {"gradient": "jacobian", "jacobian": "gradient"}.get(cur_kind)
        if other is not None and prev_kind != cur_kind and _matches(problem, prev_kind, prev_tree, (other, cur_tree), wrt):
            return False, (["transpose"], message("steps.jacobian-for-gradient" if cur_kind == "gradient" else "steps.gradient-for-jacobian", x=wrt))
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


def _matches(problem: Problem, prev_kind: str, prev_tree: A.Node, cur: tuple[str, A.Node], wrt: str) -> bool:
    try:
        return all_close([_as_differential(problem, prev_kind, prev_tree, inst, wrt) for inst in problem.instances()],
                         [_as_differential(problem, cur[0], cur[1], inst, wrt) for inst in problem.instances()], rtol=1e-7)
    except LimitExceeded:
        raise
    except DlprepError:
        return False


def _typed(problem: Problem, tree: A.Node) -> A.Node:
    """The step typed once per problem (a step is compared on every instance, before and after)."""
    cache: dict[int, tuple[A.Node, A.Node]] = problem.__dict__.setdefault("_typed_steps", {})
    hit = cache.get(id(tree))
    if hit is None or hit[0] is not tree:
        hit = cache[id(tree)] = (tree, problem.typed(tree))
    return hit[1]


def _final_kind(problem: Problem, kind: str) -> bool:
    """Whether a step of this kind can be judged as the problem's answer (it has a reference)."""
    return problem.kind == kind and (problem.reference is not None or problem.numeric_reference is not None)


def _as_differential(problem: Problem, kind: str, tree: A.Node, inst: Any, wrt: str) -> np.ndarray:
    from checker.language.evaluate import evaluate

    typed = _typed(problem, tree)
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
        if min(direction.shape) > 1 and value.shape == direction.shape[::-1]:  # D[J; W]: the course's transposed gradient
            return np.array([[float(np.sum(value.T * direction))]])
        if value.shape[1] != direction.size:
            raise InputError(message("steps.jacobian-columns", wrt=wrt, n=value.shape[1]))
        return (value @ direction.reshape(-1, 1)).reshape(-1, 1)
    raise InputError(f"cannot compare a {kind} step")


def _final(problem: Problem, last: Step, wrt: str | None) -> Verdict | None:  # noqa: ARG001
    if last.tree is None or (problem.reference is None and problem.numeric_reference is None):
        return None
    if last.kind != problem.kind:
        return None
    try:
        return check_tree(problem, last.tree)
    except InputError as exc:
        raise InputError(message("label.where", where=_where(last), message=exc.message), text=exc.text, column=exc.column, expected=exc.expected) from None
