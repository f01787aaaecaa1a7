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
from checker.grading.problem import Problem, all_close
from checker.grading.verdict import Verdict

LABELS: dict[str, str] = {
    "f": "function", "J": "function", "L": "function", "l": "function", "ℓ": "function",
    "df": "differential", "dJ": "differential", "dL": "differential", "dl": "differential", "dℓ": "differential",
    "grad": "gradient", "gradient": "gradient", "g": "gradient", "G": "gradient",
    "jac": "jacobian", "jacobian": "jacobian",
}
_LABEL = re.compile(
    r"^\s*(?:&\s*)?(?P<label>\\mathrm\{d\}\s*[fJLl]|d\s*[fJLlℓ]|grad(?:ient)?|jac(?:obian)?|[fgGJLlℓ]"
    r"|∇\s*_?\{?\w*\}?\s*\w*|\\nabla\s*_?\{?[\w\\^{}()]*\}?\s*\w*|\\frac\{\\partial\s*\w+\}\{\\partial\s*[\w\\^{}()]+\}"
    r"|∂\w+\s*/\s*∂[\w^()]+)\s*(?:&\s*)?=(?P<rest>.*)$"
)


@dataclass
class Step:
    line: int
    text: str
    kind: str
    tree: A.Node | None = None


def read_steps(content: str, *, first_kind: str = "gradient") -> list[Step]:
    """Split a step file into steps with their kinds (labels as in :data:`LABELS`)."""
    if "$$" in content:
        pieces = [(content[: m.start()].count("\n") + 1, m.group(1)) for m in re.finditer(r"\$\$(.*?)\$\$", content, re.S)]
        lines = [(n, " ".join(p.split())) for n, p in pieces]
    else:
        lines = [(n, text) for n, text in enumerate(content.splitlines(), start=1)]
    steps: list[Step] = []
    kind: str | None = None
    for number, raw in lines:
        text = raw.strip().rstrip("\\").strip().rstrip(".,;").strip()
        if not text or text.startswith("#") or text.startswith("%"):
            continue
        m = _LABEL.match(text)
        if m:
            kind = _kind_of(m.group("label"))
            body = m.group("rest")
        elif text.lstrip("&").lstrip().startswith("="):
            body = text.lstrip("&").lstrip()[1:]
            if kind is None:
                raise InputError(f"line {number} continues a derivation that has not started", expected="a first line such as df = …")
        else:
            body = text
            kind = kind or ("differential" if re.search(r"(^|[^a-z])d[A-Za-z(\\]", text) else first_kind)
        for part in _split_chain(body):
            steps.append(Step(number, part.strip(), kind))
    if not steps:
        raise InputError("the step file has no steps", expected="one step a line, e.g. df = 2(Ax-b)^T A dx")
    return steps


def _kind_of(label: str) -> str:
    compact = label.replace(" ", "").replace("\\mathrm{d}", "d")
    if compact in LABELS:
        return LABELS[compact]
    if compact.startswith(("∇", "\\nabla", "\\frac", "∂")):
        return "gradient"
    return "function"


def _split_chain(body: str) -> list[str]:
    depth, start, parts = 0, 0, []
    for i, ch in enumerate(body):
        depth += ch in "([{"
        depth -= ch in ")]}"
        if ch == "=" and depth == 0 and body[i - 1 : i] not in ("<", ">", "!") and body[i + 1 : i + 2] != "=":
            parts.append(body[start:i])
            start = i + 1
    parts.append(body[start:])
    return [p for p in parts if p.strip()]


# ------------------------------------------------------------------ checking
def check_steps(problem: Problem, content: str, *, function: A.Node | None = None, wrt: str | None = None) -> Verdict:
    """Check every step; ``function`` (f) and ``wrt`` (X) let the first df step be checked too."""
    function = function if function is not None else problem.function
    wrt = wrt or problem.wrt
    steps = read_steps(content, first_kind=problem.kind if problem.kind in ("gradient", "jacobian", "differential") else "gradient")
    for step in steps:
        step.tree = parse(step.text, names=problem.names)
    direction = A.Differential(A.Sym(wrt)) if wrt else None
    extra = tuple(problem.typed(n) for n in (function, direction) if n is not None)
    problem = replace(problem, extra_nodes=problem.extra_nodes + extra)
    chain: list[tuple[str, A.Node]] = [("function", function)] if function is not None else []
    chain += [(s.kind, s.tree) for s in steps]  # type: ignore[misc]
    offset = len(chain) - len(steps)
    reports: list[dict[str, Any]] = []
    first_wrong: int | None = None
    previous: int | None = None if offset == 0 else 0  # the last step that type-checks
    for k, step in enumerate(steps):
        j = k + offset
        if previous is None:
            ok, finding = True, None
        else:
            ok, finding = _consistent(problem, chain[previous], chain[j], wrt)
        if _well_formed(problem, step.tree):
            previous = j
        if ok:
            verdict = "correct" if first_wrong is None else "follows"
            reports.append({"line": step.line, "text": step.text, "verdict": verdict, "diagnosis": [], "message": ""})
            continue
        if first_wrong is None:
            first_wrong = k
        codes, text = finding if finding else (["unknown"], "this step does not follow from the previous one")
        reports.append({"line": step.line, "text": step.text, "verdict": "incorrect", "diagnosis": codes, "message": text})
    final = _final(problem, steps[-1], wrt)
    if first_wrong is None and final is not None and final.verdict != "correct":
        reports[-1].update(verdict="incorrect", diagnosis=final.diagnosis, message="the last step is not the answer: " + final.message)
        first_wrong = len(steps) - 1
    if first_wrong is None:
        return Verdict("correct", message=f"all {len(steps)} steps check out", steps=reports,
                       read_as=to_text(steps[-1].tree) if steps[-1].tree is not None else None)
    bad = reports[first_wrong]
    return Verdict("incorrect", message=f"the first wrong step is on line {bad['line']}: {bad['message']}",
                   diagnosis=bad["diagnosis"], steps=reports)


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
                      kink_aware=problem.kink_aware, seed=problem.seed, extra_nodes=problem.extra_nodes)
        verdict = check_tree(sub, cur_tree)
        return verdict.verdict == "correct", (verdict.diagnosis, verdict.message)
    if wrt is None:
        raise InputError(f"a step changes from a {prev_kind} to a {cur_kind}; name the variable with --wrt")
    try:
        prev_d = [_as_differential(problem, prev_kind, prev_tree, inst, wrt) for inst in problem.instances()]
        cur_d = [_as_differential(problem, cur_kind, cur_tree, inst, wrt) for inst in problem.instances()]
    except DlprepError as exc:
        return False, (["shape"], str(exc))
    if all_close(prev_d, cur_d, rtol=1e-7):
        return True, None
    if cur_kind == "differential":
        numeric = Problem(problem.decls, numeric_reference=lambda inst: _as_differential(problem, prev_kind, prev_tree, inst, wrt),
                          where=problem.where, kind="differential", seed=problem.seed, extra_nodes=problem.extra_nodes)
        verdict = check_tree(numeric, cur_tree)
        return False, (verdict.diagnosis or ["unknown"], verdict.message)
    verdict = check_tree(problem, cur_tree) if problem.kind == cur_kind else None
    if verdict is not None and verdict.verdict == "incorrect":
        return False, (verdict.diagnosis, verdict.message)
    return False, (["unknown"], f"this {cur_kind} does not match the previous {prev_kind}")


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
        return np.array([[float(np.sum(value * direction))]])
    if kind == "jacobian":
        return (value @ direction.reshape(-1, 1)).reshape(-1, 1)
    raise InputError(f"cannot compare a {kind} step")


def _final(problem: Problem, last: Step, wrt: str | None) -> Verdict | None:
    if last.tree is None or (problem.reference is None and problem.numeric_reference is None):
        return None
    if last.kind != problem.kind:
        return None
    return check_tree(problem, last.tree)
