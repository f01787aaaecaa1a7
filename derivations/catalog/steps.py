"""The derivation of a catalog part, every step checked, as the part declares (``Part.derivation``):
from the engine (``derivations.derive``), or the part's hand-written steps (convolutions, max, KKT),
checked line by line by the same step checker students use (``dlprep check ID --steps``).

The engine's result must also equal the part's stated answer on random instances: the catalog's
answers are computed, not only typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from checker.language import ast as A
from checker.language.errors import DlprepError, UnsupportedError
from derivations.catalog.model import Entry, Part


@dataclass
class PartSteps:
    part: str
    source: str  # "engine" | "hand-written" | "none"
    lines: list[dict[str, Any]] = field(default_factory=list)  # lhs, expr, latex, rule, verified
    verified: bool = False
    matches_answer: bool | None = None  # the derived result equals the part's answer
    note: str = ""
    proof: bool = False  # the course's proof from the definitions (never from a rule that states the result)

    def to_json(self) -> dict[str, Any]:
        return {"part": self.part, "source": self.source, "steps": self.lines, "verified": self.verified,
                "matches_answer": self.matches_answer, "note": self.note, "proof": self.proof}


def part_steps(entry: Entry, part: Part) -> PartSteps:
    """The derivation the part declares (``Part.derivation``): its proof from the definitions (softmax,
    σ, tanh, δ), the engine's, its hand-written steps, or none."""
    if part.derivation == "proof":
        found = _hand_written(entry, part, part.proof, source="proof")
        found.proof = True
        return found
    if part.derivation == "engine":
        try:
            return _from_engine(entry, part)
        except UnsupportedError as exc:
            return PartSteps(part.name, "none", note=f"the engine cannot derive it: {exc}")
    if part.derivation == "hand-written":
        return _hand_written(entry, part, part.steps)
    return PartSteps(part.name, "none", note="a value or a condition: see the entry's numeric checks")


def _from_engine(entry: Entry, part: Part) -> PartSteps:
    from checker.grading.answer import check_tree
    from checker.language.printing import to_latex, to_text
    from derivations.catalog.problem import from_catalog
    from derivations.engine import derive_once

    d = derive_once(part.function, part.wrt, entry.symbols, part.abbreviations)  # type: ignore[arg-type]
    lines = [{"lhs": s.lhs, "expr": to_text(s.expr), "latex": to_latex(s.expr), "rule": s.rule, "verified": s.verified}
             for s in d.steps]
    answer: A.Node = d.result_expanded
    if part.kind == "jacobian" and d.kind == "gradient":
        answer = A.Transpose(answer)
    elif part.kind == "differential":
        answer = A.Mul(A.Transpose(answer), A.Differential(A.Sym(part.wrt)))  # type: ignore[arg-type]
    verdict = check_tree(from_catalog(entry.id, part.name), answer)
    return PartSteps(part.name, "engine", lines, d.verified, verdict.verdict == "correct",
                     "" if verdict.verdict == "correct" else verdict.message)


def _hand_written(entry: Entry, part: Part, steps: tuple[tuple[str, str], ...], source: str = "hand-written") -> PartSteps:
    from checker.grading.steps import check_steps
    from checker.language.parser import parse
    from checker.language.printing import to_latex, to_unicode
    from derivations.catalog.problem import from_catalog

    content = "\n".join(line for line, _ in steps)
    try:
        problem = from_catalog(entry.id, part.name)
        verdict = check_steps(problem, content)
    except DlprepError as exc:
        return PartSteps(part.name, source, note=str(exc))
    lines = []
    for number, (line, rule) in enumerate(steps, start=1):
        lhs, _, expr = line.partition("=")
        reports = [r for r in verdict.steps or [] if r["line"] == number]
        try:
            tree = parse(expr, names=problem.names)
            latex, unicode = to_latex(tree), to_unicode(tree)
        except DlprepError:
            latex = unicode = None
        lines.append({"lhs": _lhs(lhs.strip(), problem.names), "expr": expr.strip(), "latex": latex, "unicode": unicode, "rule": rule,
                      "verified": bool(reports) and all(r["verdict"] == "correct" for r in reports)})
    ok = verdict.verdict == "correct"
    return PartSteps(part.name, source, lines, ok, ok, "" if ok else verdict.message)


def _lhs(lhs: str, names: set[str]) -> str:
    """A label as printed: δ^(l) for delta^(l); labels that are not expressions (df, grad) as written."""
    from checker.language.parser import parse
    from checker.language.printing import to_unicode

    if lhs in names:
        try:
            return to_unicode(parse(lhs, names=names))
        except DlprepError:
            return lhs
    return lhs
