"""What the practice server's workers run (``question_bank.practice.pool``), by name, as data.

Each task takes and returns plain data (ids, strings, dicts), so it crosses the process boundary as a
small pickle; question generation, parsing and checking all happen here, never on the server's loop.

>>> run("question_by_id", "lstm-count.3")["topic"]
'G'
"""

from __future__ import annotations

import random
from typing import Any, Callable

from question_bank.practice import grading, source
from question_bank.practice.render import question_json, solution_json


def _question(topics: list[str] | None, types: list[str] | None, seed: int) -> dict[str, Any] | None:
    picked = source.pick(topics, types, random.Random(seed))
    return None if picked is None else _shaped(question_json(picked))


def _shaped(question: dict[str, Any]) -> dict[str, Any]:
    """Each part's expected shape ("2×3", "n_l"), for its label when the part does not say what it asks."""
    from checker.language.dims import format_shape

    for blank in question["blanks"]:
        try:
            shape = grading.problem(question["id"], blank["label"]).expected_shape
        except Exception:  # noqa: BLE001 - a part without a shape (a choice, a plain number)
            shape = None
        blank["shape"] = format_shape(shape) if shape is not None else None
    return question


TASKS: dict[str, Callable[..., Any]] = {
    "health": lambda: "ok",
    "question": _question,
    "question_by_id": lambda qid: _shaped(question_json(source.lookup(qid))),
    "solution": lambda qid: solution_json(source.lookup(qid)),
    "check": lambda qid, label, lang, answer, steps, reveal=False: grading.check(qid, label, lang, answer=answer, steps=steps,
                                                                                reveal=reveal),
    "parse": lambda *args: grading.preview(*args),  # grading.* looked up at call time (tests replace them)
}


def run(name: str, *args: Any) -> Any:
    """The task ``name`` applied to ``args``."""
    return TASKS[name](*args)
