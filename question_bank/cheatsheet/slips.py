"""The "common slips" box: every mal-rule of the catalog, shown as ``lhs = right ≠ wrong`` with the
catalog's message, each re-checked: the checker must reject the wrong form (`dlprep check` on the
entry's part), and the misprinted Hadamard identity gets a small integer counterexample, computed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from question_bank.cheatsheet.kinds import _entry, _names, _part
from question_bank.cheatsheet.latex import tex
from question_bank.cheatsheet.model import Text, Verification

MISPRINT = "tr(A (B .* C)) = tr((A .* B)^T C)"  # the course notes' version, A, B, C square


@dataclass(frozen=True)
class Slip:
    source: str
    part: str
    code: str  # the mal-rule's code
    lhs: str = ""  # LaTeX of what is computed, shown before "="
    label: Text | None = None
    markup: Text | None = None  # the sheet's wording of the catalog's message, with its formulas as math
    origin = "slip"

    @property
    def key(self) -> str:
        return f"{self.source}/{self.part}/{self.code}"

    def _rule(self):  # type: ignore[no-untyped-def]
        p = _part(_entry(self.source), self.part)
        for rule in p.malrules:
            if rule.code == self.code:
                return p, rule
        raise KeyError(f"{self.source}/{self.part} has no mal-rule {self.code}")

    def message(self, lang: str) -> str:
        """The explanation in bank markup (the catalog's plain text escapes as prose)."""
        return self.markup[lang] if self.markup else self._rule()[1].message[lang]

    def latex(self, lang: str = "en") -> str:
        entry = _entry(self.source)
        p, rule = self._rule()
        names = _names(entry, p)
        lhs = f"{self.lhs} = " if self.lhs else ""
        return rf"{lhs}{tex(p.reference, names)} \neq {tex(rule.expr, names)}"

    def counterexample(self) -> str | None:
        """LaTeX of a small integer counterexample to the misprint, for the Hadamard slip."""
        return hadamard_counterexample()[0] if self.source == "trace-hadamard" else None

    def check(self) -> Verification:
        from checker.grading.answer import check_answer
        from derivations.catalog.problem import from_catalog

        p, rule = self._rule()
        verdict = check_answer(from_catalog(self.source, self.part), rule.expr)
        if verdict.verdict == "correct":
            return Verification(False, "dlprep check", f"the checker accepts the slip {rule.expr}")
        detail = verdict.message
        if self.source == "trace-hadamard":
            shown, lhs, rhs = hadamard_counterexample()
            if lhs == rhs:
                return Verification(False, "counterexample", "the counterexample does not separate the sides")
            from checker.grading.identity import check_identity

            misprint = check_identity(MISPRINT, "A, B, C: n x n")
            if misprint.verdict == "correct":
                return Verification(False, "random matrices", "the misprint holds on random square matrices")
            detail = f"{misprint.message}; counterexample {shown}"
        return Verification(True, "dlprep check rejects it" + (" (and a counterexample)" if self.source == "trace-hadamard" else ""), detail)


def hadamard_counterexample(seed: int = 0) -> tuple[str, float, float]:
    """The first small integer 2×2 (A, B, C) on which the misprint's sides differ, evaluated by the
    checker: (LaTeX, left side, right side)."""
    from question_bank.cheatsheet.evaluate import evaluate_text

    left, right = (s.strip() for s in MISPRINT.split("="))
    rng = np.random.default_rng(seed)
    for _ in range(1000):
        A, C = rng.integers(-1, 3, size=(2, 2)), rng.integers(-1, 3, size=(2, 2))
        B = np.ones((2, 2), dtype=int)  # B = 11ᵀ: then B∘C = C and the misprint says Tr(AC) = Tr(AᵀC)
        values = {"A": A, "B": B, "C": C}
        lv = float(evaluate_text(left, "A, B, C: n x n", values)[0, 0])
        rv = float(evaluate_text(right, "A, B, C: n x n", values)[0, 0])
        if lv != rv and np.count_nonzero(A) <= 2:
            mats = ", ".join(f"{n} = {_matrix(m)}" for n, m in values.items())
            return rf"{mats}:\; \operatorname{{Tr}}(A(B\circ C)) = {lv:g},\; \operatorname{{Tr}}((A\circ B)^{{\top}}C) = {rv:g}", lv, rv
    raise RuntimeError("no counterexample found")  # pragma: no cover - the misprint is false


def _matrix(m: np.ndarray) -> str:
    rows = r" \\ ".join(" & ".join(str(int(v)) for v in row) for row in m)
    return rf"\bigl(\begin{{smallmatrix}}{rows}\end{{smallmatrix}}\bigr)"
