"""Check a multiple-choice answer: one option letter (A–D), case, brackets and full width ignored.

A choice problem is a :class:`checker.grading.problem.Problem` of kind ``"choice"`` whose declared
symbols are the option letters and whose reference is the right one (``question_bank.problems``
builds it from a question's choice blank).

>>> from checker.grading.problem import from_reference
>>> p = from_reference("B", "A: scalar, B: scalar, C: scalar, D: scalar", kind="choice")
>>> check_choice(p, " (b) ").verdict, check_choice(p, "Ｃ").verdict
('correct', 'incorrect')
"""

from __future__ import annotations

import unicodedata

from checker.grading.messages import LANG, message
from checker.grading.problem import Problem
from checker.grading.verdict import Verdict
from checker.language.errors import InputError
from checker.language.limits import short
from checker.language.printing import to_text

STRIP = " \t()[]（）【】.。、"


def check_choice(problem: Problem, text: str, *, reveal: bool = False) -> Verdict:
    """Verdict on a letter; anything that is not one of the options raises an InputError (exit 2)."""
    options = sorted(problem.decls)
    letter = unicodedata.normalize("NFKC", text).strip(STRIP).upper()
    if letter not in options:
        raise InputError(message("choice-invalid", got=short(text, 20), options="、".join(options) if LANG.get() == "zh" else ", ".join(options)))
    right = to_text(problem.reference) if problem.reference is not None else ""
    if letter == right:
        return Verdict("correct", message=message("choice-correct", letter=letter), read_as=letter)
    verdict = Verdict("incorrect", message=message("choice-incorrect", letter=letter), read_as=letter, diagnosis=["choice"])
    if reveal:
        verdict.message += message("choice-reveal", letter=right)
    return verdict
