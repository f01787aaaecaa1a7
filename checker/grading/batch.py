"""Batch grading: one JSON request a line in, one JSON result a line out, in the same order.

A request has the fields of the command-line flags: ``{"id", "part", "answer"}``, or
``{"expr", "wrt", "shapes", "where", "kind", "answer"}``, or ``{"identity", "shapes"}``; ``steps``
may replace ``answer``; ``seed`` (a non-negative integer) and ``reveal`` (true/false) are optional.
Every line gets exactly one result, whatever it holds: a line that is not a JSON object, a field of
the wrong JSON type (named as such), an unknown field, a line over the length limit, 100,000
nested brackets, or a request that runs over its time limit gives an ``invalid`` result for that
line, and the batch goes on; a bug of ours gives an ``error`` result for that line.
Problems named by id come from ``resolve(id, part, seed)``, supplied by a higher layer (the
catalog, the question bank), so grading never imports them.
Problems are built once and reused, so their random instances and reference values are shared.

>>> [r["verdict"] for r in grade_lines(['{"identity": "tr(A B) = tr(B A)", "shapes": "A: m x n, B: n x m"}',
...                                     '{"identity": 5}', '[1, 2]'], resolve=None)]
['correct', 'invalid', 'invalid']
>>> exit_code(["correct", "incorrect", "invalid"])
2
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, Callable, Iterable, Iterator, Sequence

from checker.grading.answer import check_answer
from checker.grading.identity import check_identity
from checker.grading.problem import Problem
from checker.grading.problem import from_expression
from checker.grading.steps import check_steps
from checker.grading.verdict import Verdict
from checker.language.errors import DlprepError
from checker.language.limits import LIMITS, deadline, short

SECONDS_PER_REQUEST = LIMITS["seconds"].value

Resolve = Callable[[str, "str | None", int], Problem]

TEXT, OPTIONAL_TEXT = (str,), (str, type(None))
FIELDS: dict[str, tuple[type, ...]] = {  # field → accepted JSON types (bool is checked apart from int)
    "id": TEXT, "part": OPTIONAL_TEXT, "answer": TEXT, "steps": TEXT, "expr": TEXT, "wrt": TEXT,
    "shapes": TEXT, "where": OPTIONAL_TEXT, "kind": OPTIONAL_TEXT, "identity": TEXT, "seed": (int,), "reveal": (bool,),
}
KINDS = ("gradient", "jacobian", "differential")
FORMS = {"id": {"part", "answer", "steps"}, "expr": {"wrt", "shapes", "where", "kind", "answer", "steps"},
         "identity": {"shapes"}}
JSON_TYPES = {dict: "an object", list: "an array", str: "a string", int: "an integer", float: "a number",
              bool: "true/false", type(None): "null"}


def _described(value: Any) -> str:
    """How a JSON value is named in a message: its type (and a number's value)."""
    if isinstance(value, float):
        return f"the number {value!r}"
    return JSON_TYPES.get(type(value), type(value).__name__)
EXIT_CODES = {"correct": 0, "incorrect": 1, "invalid": 2, "error": 3}


@lru_cache(maxsize=256)
def _expression_problem(expr: str, wrt: str, shapes: str, where: str | None, kind: str | None, seed: int) -> tuple[Problem, Any]:
    return from_expression(expr, wrt, shapes, where=where, kind=kind, seed=seed)


def validate(request: Any) -> dict[str, Any]:
    """The request if its fields and their JSON types are right; else DlprepError naming the field and type."""
    if not isinstance(request, dict):
        raise DlprepError(f"a request is a JSON object, not {_described(request)}")
    unknown = sorted(set(request) - set(FIELDS))
    if unknown:
        raise DlprepError(f"unknown field '{short(unknown[0], 40)}'; the fields are: {', '.join(FIELDS)}")
    for name, value in request.items():
        accepted = FIELDS[name]
        if (isinstance(value, bool) and bool not in accepted) or not isinstance(value, accepted):
            wanted = " or ".join(dict.fromkeys(JSON_TYPES[t] for t in accepted))
            raise DlprepError(f"field '{name}' is {_described(value)}; expected {wanted}")
    forms = [form for form in FORMS if form in request]
    if len(forms) != 1:
        raise DlprepError("a request needs exactly one of 'id', 'expr', 'identity'" + (f" (got {', '.join(forms)})" if forms else ""))
    stray = sorted(set(request) - FORMS[forms[0]] - {forms[0], "seed", "reveal"})
    if stray:
        raise DlprepError(f"field '{stray[0]}' cannot be used with '{forms[0]}'")
    if forms[0] != "identity" and ("answer" in request) == ("steps" in request):
        raise DlprepError("a request needs exactly one of 'answer', 'steps'")
    if forms[0] == "expr" and "wrt" not in request:
        raise DlprepError("a request with 'expr' needs 'wrt'")
    if request.get("kind") is not None and request["kind"] not in KINDS:
        raise DlprepError(f"field 'kind' is '{short(request['kind'], 30)}'; expected one of {', '.join(KINDS)}")
    if not 0 <= request.get("seed", 0) < 2**32:
        raise DlprepError(f"field 'seed' is {short(str(request['seed']), 30)}; expected an integer from 0 to 2^32 - 1")
    for name in ("answer", "steps", "expr", "wrt", "shapes", "where", "identity", "id", "part"):
        if isinstance(request.get(name), str):
            limit = LIMITS["steps" if name == "steps" else "text_chars"]
            amount = request[name].count("\n") + 1 if name == "steps" else len(request[name])
            limit.check(amount, f"(field '{name}')")
    return request


def grade(request: dict[str, Any], resolve: Resolve) -> Verdict:
    """Grade one validated request (raises DlprepError on bad input)."""
    seed = request.get("seed", 0)
    if "identity" in request:
        return check_identity(request["identity"], request.get("shapes", ""), seed=seed)
    function = wrt = None
    if "id" in request:
        if resolve is None:
            raise DlprepError("requests by catalog id are not available here")
        problem = resolve(request["id"], request.get("part"), seed)
    else:
        problem, function = _expression_problem(request["expr"], request["wrt"], request.get("shapes", ""),
                                                request.get("where"), request.get("kind"), seed)
        wrt = request["wrt"]
    if "steps" in request:
        return check_steps(problem, request["steps"], function=function, wrt=wrt)
    return check_answer(problem, request["answer"], reveal=request.get("reveal", False))


def grade_line(number: int, line: str, resolve: Resolve) -> dict[str, Any]:
    """The one result of one line: never raises (a bug of ours is an ``error`` result for this line)."""
    try:
        LIMITS["batch_line_chars"].check(len(line), f"(line {number})")
        try:
            request = json.loads(line)
        except (ValueError, RecursionError) as exc:
            reason = "nested too deeply" if isinstance(exc, RecursionError) else short(str(exc), 80)
            raise DlprepError(f"line {number} is not a JSON object: {reason}") from None
        with deadline(SECONDS_PER_REQUEST):
            verdict = grade(validate(request), resolve)
    except DlprepError as exc:
        verdict = Verdict.invalid(str(exc))
    except RecursionError:
        verdict = Verdict.invalid(f"line {number} is nested too deeply")
    except MemoryError:
        verdict = Verdict.invalid(f"line {number} needs more memory than the limit")
    except Exception as exc:  # noqa: BLE001 - a bug of ours: reported on this line, the batch goes on
        verdict = Verdict("error", message=f"internal error (please report): {type(exc).__name__}: {short(str(exc), 200)}")
    return {"line": number, **verdict.to_json()}


def _numbered(lines: Iterable[str]) -> list[tuple[int, str]]:
    return [(number, line) for number, line in enumerate(lines, start=1) if line.strip()]


def grade_lines(lines: Iterable[str], resolve: Resolve) -> Iterator[dict[str, Any]]:
    """Results in order, in this process; every non-blank line gets exactly one."""
    cached = lru_cache(maxsize=256)(resolve) if resolve is not None else None
    for number, line in _numbered(lines):
        yield grade_line(number, line, cached)


def grade_lines_isolated(lines: Sequence[str], resolve: Resolve, seconds: float = SECONDS_PER_REQUEST) -> Iterator[dict[str, Any]]:
    """Like :func:`grade_lines`, in a worker process with a hard time limit per line (killed and
    replaced when a line runs over, so NumPy or SymPy work cannot hold the batch)."""
    from checker.language.worker import map_bounded

    cached = lru_cache(maxsize=256)(resolve) if resolve is not None else None
    numbered = _numbered(lines)
    return map_bounded(lambda i, item: grade_line(item[0], item[1], cached), numbered, seconds=seconds + 1.0,
                       on_failure=lambda i, item, exc: {"line": item[0], **Verdict.invalid(str(exc)).to_json()})


def exit_code(verdicts: Iterable[str]) -> int:
    """0 only if every result is correct, 1 if any is incorrect, 2 if any is invalid, 3 if any is a bug of ours."""
    return max((EXIT_CODES.get(v, 3) for v in verdicts), default=0)
