"""Batch grading: one JSON request a line in, one JSON result a line out, in the same order.

A request has the fields of the command-line flags: ``{"id", "part", "answer"}``, or
``{"expr", "wrt", "shapes", "where", "kind", "answer"}``, or ``{"identity", "shapes"}``; ``steps``
may replace ``answer``. A bad line gives an ``invalid`` result for that line and the batch goes on.
Problems named by id come from ``resolve(id, part, seed)``, supplied by a higher layer (the
catalog, the question bank), so grading never imports them.
Problems are built once and reused, so their random instances and reference values are shared.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, Callable, Iterable, Iterator

from checker.grading.answer import check_answer
from checker.language.errors import DlprepError
from checker.grading.identity import check_identity
from checker.language.limits import deadline
from checker.grading.problem import Problem
from checker.grading.problem import from_expression
from checker.grading.steps import check_steps
from checker.grading.verdict import Verdict

SECONDS_PER_REQUEST = 5.0


Resolve = Callable[[str, "str | None", int], Problem]


@lru_cache(maxsize=256)
def _expression_problem(expr: str, wrt: str, shapes: str, where: str | None, kind: str | None, seed: int) -> tuple[Problem, Any]:
    return from_expression(expr, wrt, shapes, where=where, kind=kind, seed=seed)


def grade(request: dict[str, Any], resolve: Resolve) -> Verdict:
    """Grade one request (raises DlprepError on bad input)."""
    seed = int(request.get("seed", 0))
    reveal = bool(request.get("reveal", False))
    if "identity" in request:
        return check_identity(request["identity"], request.get("shapes", ""), seed=seed)
    function = wrt = None
    if "id" in request:
        problem = resolve(str(request["id"]), request.get("part"), seed)
    elif "expr" in request:
        problem, function = _expression_problem(request["expr"], request["wrt"], request.get("shapes", ""),
                                                request.get("where"), request.get("kind"), seed)
        wrt = request["wrt"]
    else:
        raise DlprepError("a request needs 'id', 'expr' or 'identity'")
    if "steps" in request:
        return check_steps(problem, request["steps"], function=function, wrt=wrt)
    if "answer" not in request:
        raise DlprepError("a request needs 'answer' (or 'steps')")
    return check_answer(problem, str(request["answer"]), reveal=reveal)


def grade_lines(lines: Iterable[str], resolve: Resolve) -> Iterator[dict[str, Any]]:
    """Results in order; every line gets one, a bad line an `invalid` one."""
    resolve = lru_cache(maxsize=256)(resolve)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            request = json.loads(line)
            if not isinstance(request, dict):
                raise ValueError("not a JSON object")
        except ValueError as exc:
            yield {"line": number, **Verdict.invalid(f"line {number} is not a JSON object: {exc}").to_json()}
            continue
        try:
            with deadline(SECONDS_PER_REQUEST):
                verdict = grade(request, resolve)
        except DlprepError as exc:
            verdict = Verdict.invalid(str(exc))
        except KeyError as exc:
            verdict = Verdict.invalid(f"missing field {exc}")
        yield {"line": number, **verdict.to_json()}
