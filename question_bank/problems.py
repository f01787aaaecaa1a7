"""`dlprep check q:<id>`: the question regenerated from its id, its blank's Check made a gradable Problem.

    >>> from question_bank.problems import problem_for
    >>> problem_for("q:lstm-count.5").reference_values()[0].shape
    (1, 1)

A blank that is a catalog part is checked as that part (steps can then be checked too); a numeric
blank against its literal with the question's stated relative tolerance.
"""

from __future__ import annotations

from checker.grading.problem import Problem
from checker.language.errors import InputError
from question_bank.model import Blank, Question
from question_bank.registry import lookup

CHOICES = "A: scalar, B: scalar, C: scalar, D: scalar"  # the option letters of a choice question


def blank_for(question: Question, part: str | None) -> Blank:
    """The blank labelled ``part`` (default: the first one)."""
    if not question.blanks:
        raise InputError(f"q:{question.id} has no checkable answer (a {question.type} question: see its model answer)")
    if part is None:
        return question.blanks[0]
    for blank in question.blanks:
        if blank.label == str(part).strip().strip("()"):
            return blank
    raise InputError(f"q:{question.id} has no part '{part}'", expected="one of: " + ", ".join(b.label for b in question.blanks))


def problem_for(qid: str, part: str | None = None, seed: int = 0) -> Problem:
    """The Problem of blank ``part`` of question ``qid`` ("q:<family>.<seed>" or "<family>.<seed>")."""
    check = blank_for(lookup(qid), part).check
    if check.kind == "choice":  # a letter among the options: checker.grading.choice
        from checker.grading.problem import from_reference

        return from_reference(check.reference, CHOICES, kind="choice", seed=seed)
    if check.catalog is not None:
        from derivations.catalog.problem import from_catalog

        return from_catalog(check.catalog[0], check.catalog[1], seed=seed)
    from checker.grading.problem import from_reference

    return from_reference(check.reference, check.shapes, kind=check.kind, where=check.where, rtol=check.rtol, seed=seed)


def resolve(problem_id: str, part: str | None, seed: int) -> Problem:
    """The batch resolver: ``q:…`` ids are questions, other ids catalog entries."""
    if problem_id.startswith("q:"):
        return problem_for(problem_id, part, seed)
    from derivations.catalog.problem import from_catalog

    return from_catalog(problem_id, part, seed=seed)
