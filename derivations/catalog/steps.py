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

    def to_json(self) -> dict[str, Any]:
        return {"part": self.part, "source": self.source, "steps": self.lines, "verified": self.verified,
                "matches_answer": self.matches_answer, "note": self.note}


def part_steps(entry: Entry, part: Part) -> PartSteps:
    """The derivation the part declares (``Part.derivation``): the engine's, its hand-written steps, or none."""
    if part.derivation == "engine":
        try:
            return _from_engine(entry, part)
        except UnsupportedError as exc:
            return PartSteps(part.name, "none", note=f"the engine cannot derive it: {exc}")
    if part.derivation == "hand-written":
        return _hand_written(entry, part)
    return PartSteps(part.name, "none", note="a value or a condition: see the entry's numeric checks")


def _from_engine(entry: Entry, part: Part) -> PartSteps:
    from checker.grading.answer import check_tree
    from checker.language.printing import to_latex, to_text
    from derivations.catalog.problem import from_catalog
    from derivations.engine import derive

    d = derive(part.function, part.wrt, entry.symbols, part.where)  # type: ignore[arg-type]
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


def _hand_written(entry: Entry, part: Part) -> PartSteps:
    from derivations.catalog.problem import from_catalog
    from checker.grading.steps import check_steps

    content = "\n".join(line for line, _ in part.steps)
    try:
        verdict = check_steps(from_catalog(entry.id, part.name), content)
    except DlprepError as exc:
        return PartSteps(part.name, "hand-written", note=str(exc))
    lines = []
    for (line, rule), report in zip(part.steps, verdict.steps or []):
        lhs, _, expr = line.partition("=")
        lines.append({"lhs": lhs.strip(), "expr": expr.strip(), "latex": None, "rule": rule,
                      "verified": report["verdict"] == "correct"})
    ok = verdict.verdict == "correct"
    return PartSteps(part.name, "hand-written", lines, ok, ok, "" if ok else verdict.message)
