"""Verify catalog entries numerically: each part's reference against finite differences of its f,
each identity on random matrices, each entry's own numeric checks. Nothing is shown as verified
that did not pass here."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from checker.language.errors import DlprepError
from derivations.catalog.model import Entry

TOLERANCE = 1e-6


@dataclass
class Report:
    id: str
    checks: int = 0
    failures: list[str] = field(default_factory=list)
    max_rel_error: float = 0.0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failures


def verify(entry: Entry) -> Report:
    from checker.language.numeric import relative_error
    from checker.grading.identity import check_identity
    from checker.grading.problem import KINDS, from_expression

    report = Report(entry.id)
    start = time.perf_counter()
    for part in entry.parts:
        if not part.function or not part.wrt:
            continue
        report.checks += 1
        try:
            problem, _ = from_expression(part.function, part.wrt, entry.symbols, where=part.where,
                                         kind=part.kind if part.kind in KINDS else None)
            expected = problem.reference_values()
            got = problem.values(problem.typed(_parse(part.reference, problem)))
            error = max(relative_error(a, b) for a, b in zip(got or [], expected)) if got else float("inf")
        except DlprepError as exc:
            report.failures.append(f"{part.name}: {exc}")
            continue
        report.max_rel_error = max(report.max_rel_error, error)
        if error > TOLERANCE:
            report.failures.append(f"{part.name}: differs from finite differences (relative error {error:.2g})")
    for part in entry.parts:
        if not (part.function or part.steps):
            continue
        from derivations.catalog.steps import part_steps

        report.checks += 1
        found = part_steps(entry, part)
        if found.source != "none" and not (found.verified and found.matches_answer):
            report.failures.append(f"{part.name}: the {found.source} derivation does not check out: {found.note}")
    for identity in entry.identities:
        report.checks += 1
        verdict = check_identity(identity, entry.symbols)
        if verdict.verdict != "correct":
            report.failures.append(f"identity {identity}: {verdict.message}")
    for check in entry.checks:
        report.checks += 1
        error, tolerance = check()
        report.max_rel_error = max(report.max_rel_error, error)
        if error > tolerance:
            report.failures.append(f"{check.__name__}: error {error:.2g} above its tolerance {tolerance:.2g}")
    report.seconds = time.perf_counter() - start
    return report


def _parse(text: str, problem):  # type: ignore[no-untyped-def]
    from checker.language.parser import parse

    return parse(text, names=problem.names)
