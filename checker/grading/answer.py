"""Check one typed answer against a :class:`checker.grading.problem.Problem`: verdict and diagnosis.

text → parse (declared names + abbreviations) → shapes → values on the problem's instances →
equal to the reference? If not, :func:`checker.grading.diagnosis.diagnose` names the mistake.
"""

from __future__ import annotations

from checker.language import ast as A
from checker.grading.diagnosis import Finding, diagnose
from checker.language.dims import format_shape
from checker.language.errors import ShapeError, UnknownSymbolError
from checker.grading.messages import message, number, shape_words
from checker.language.parser import parse
from checker.language.printing import to_latex, to_text
from checker.grading.problem import Problem, common_factor
from checker.grading.verdict import Verdict

MAX_LISTED = 100  # wrong entries listed in the verdict's JSON (the count says how many there are)


def check_answer(problem: Problem, text: str, *, reveal: bool = False) -> Verdict:
    """Verdict on ``text``; bad input raises a DlprepError (the caller renders it as `invalid`)."""
    if problem.kind == "choice":
        from checker.grading.choice import check_choice

        return check_choice(problem, text, reveal=reveal)
    tree = parse(text, names=problem.names)
    return check_tree(problem, tree, reveal=reveal)


def check_tree(problem: Problem, tree: A.Node, *, reveal: bool = False) -> Verdict:
    expected = format_shape(problem.expected_shape) if problem.expected_shape is not None else None
    verdict = Verdict("incorrect", read_as=to_text(tree), read_as_latex=to_latex(tree), expected_shape=expected)
    try:
        typed = problem.typed_answer(tree)
    except UnknownSymbolError:
        raise
    except ShapeError as exc:
        finding = diagnose(problem, tree, None)
        if finding.code == "unknown":
            finding = Finding("shape", message("shape", detail=str(exc)))
        return _incorrect(verdict, finding, problem, reveal)
    if problem.expected_shape is not None and typed.shape != problem.expected_shape:
        got = format_shape(typed.shape)
        values = problem.values(typed) if typed.shape == problem.expected_shape[::-1] else None
        finding = diagnose(problem, tree, values) if values is not None else None
        if finding is None or finding.code == "unknown":
            finding = Finding("shape", message("wrong-shape", got=shape_words(got), expected=shape_words(expected or "")))
        return _incorrect(verdict, finding, problem, reveal)
    values = problem.values(typed)
    reference = problem.reference_values()
    if values is None and problem.numeric:  # log(0), 1/0 in an entry
        return _incorrect(verdict, Finding("not-finite", message("not-finite")), problem, reveal)
    if values is not None and problem.agrees(values, reference):
        verdict.verdict = "correct"
        verdict.message = message("numeric-correct", rtol=number(problem.rtol)) if problem.numeric else message("correct", n=len(reference))
        return verdict
    if values is not None and problem.up_to_factor:
        factor = common_factor(values, reference)
        if factor is not None:
            verdict.verdict = "correct"
            verdict.message = message("up-to-factor", factor=number(factor))
            return verdict
    return _incorrect(verdict, diagnose(problem, tree, values), problem, reveal)


def _incorrect(verdict: Verdict, finding: Finding, problem: Problem, reveal: bool) -> Verdict:
    verdict.diagnosis = [finding.code]
    verdict.message = finding.message
    if finding.entries:
        verdict.extra["wrong_entries"] = [list(e) for e in finding.entries[:MAX_LISTED]]
        verdict.extra["wrong_entry_count"] = len(finding.entries)
    if reveal and problem.reference is not None:
        verdict.message += message("reveal", answer=to_text(problem.reference))
    return verdict
