"""A derivation: its steps, each with the rule it applied and the error of its numerical check.

Renders as plain text (a worked solution), LaTeX (``aligned``), Markdown and JSON; in Jupyter it
shows as typeset math through ``_repr_latex_`` / ``_repr_markdown_``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from checker.language import ast as A
from checker.language.printing import to_latex, to_text, to_unicode
from derivations.check import TOLERANCE

@dataclass
class Step:
    """``lhs = expr`` by ``rule``; ``error`` is the worst relative error of its check (None: not checked)."""

    lhs: str
    expr: A.Node
    rule: str
    error: float | None
    checked_against: str = ""

    @property
    def verified(self) -> bool:
        return self.error is not None and self.error <= TOLERANCE

    def to_json(self) -> dict[str, Any]:
        return {"lhs": self.lhs, "expr": to_text(self.expr), "latex": to_latex(self.expr), "rule": self.rule,
                "verified": self.verified, "max_rel_error": self.error, "checked_against": self.checked_against}


@dataclass
class Derivation:
    """The result of :func:`derivations.derive`."""

    expr: str
    wrt: str
    kind: str  # gradient | jacobian | derivative
    steps: list[Step]
    result: A.Node  # as a person writes it, with the abbreviations of ``where``
    result_expanded: A.Node  # in the declared symbols only
    numpy: str | None
    instances: int
    sizes: list[dict[str, int]] = field(default_factory=list)
    sympy: Any = None
    numpy_inputs: dict[str, str] = field(default_factory=dict)  # symbol → its Python name in ``numpy``
    checker: Any = None  # the StepChecker of the steps (derivations.check), to check a rewritten line the same way

    @property
    def verified(self) -> bool:
        return all(s.verified for s in self.steps if s.error is not None) and self.steps[-1].verified

    @property
    def max_rel_error(self) -> float:
        return max((s.error for s in self.steps if s.error is not None), default=0.0)

    # ------------------------------------------------------------------ renderers
    def to_text(self) -> str:
        rows = []
        last = None
        for step in self.steps:
            lhs = step.lhs if step.lhs != last else ""
            last = step.lhs
            mark = "✓" if step.verified else ("✗" if step.error is not None else " ")
            rows.append((lhs, to_unicode(step.expr), step.rule, mark))
        width_l = max(len(r[0]) for r in rows)
        width_e = min(max(len(r[1]) for r in rows), 70)
        lines = []
        for lhs, expr, rule, mark in rows:
            eq = "=" if expr else ""
            lines.append(f"{lhs.rjust(width_l)} {eq} {expr.ljust(width_e)}  {mark} {rule}".rstrip())
        lines.append("")
        lines.append(self.summary())
        return "\n".join(lines)

    def summary(self) -> str:
        if self.verified:
            return (f"verified: every step agrees with finite differences of f on {self.instances} random instances "
                    f"(max relative error {self.max_rel_error:.1e})")
        bad = [s for s in self.steps if s.error is not None and not s.verified]
        return f"NOT VERIFIED: {len(bad)} step(s) disagree with finite differences (max relative error {self.max_rel_error:.1e})"

    def to_latex(self) -> str:
        lines = []
        last = None
        for step in self.steps:
            lhs = _latex_lhs(step.lhs) if step.lhs != last else ""
            last = step.lhs
            rule = f"&& \\text{{{_latex_text(step.rule)}}}" if step.rule else ""
            lines.append(f"{lhs} &= {to_latex(step.expr)} {rule}".strip())
        return "\\begin{aligned}\n" + " \\\\\n".join(lines) + "\n\\end{aligned}"

    def to_markdown(self) -> str:
        return f"$$\n{self.to_latex()}\n$$\n\n{self.summary()}\n"

    def _repr_latex_(self) -> str:
        return f"$$ {self.to_latex()} $$"

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def to_json(self) -> dict[str, Any]:
        return {"expr": self.expr, "wrt": self.wrt, "kind": self.kind, self.kind: to_text(self.result),
                "gradient": to_text(self.result), "expanded": to_text(self.result_expanded),
                "latex": to_latex(self.result), "numpy": self.numpy, "numpy_inputs": self.numpy_inputs, "steps": [s.to_json() for s in self.steps],
                "verified": self.verified, "max_rel_error": self.max_rel_error, "instances": self.instances,
                "sizes": self.sizes}

    def __str__(self) -> str:
        return self.to_text()


def _latex_lhs(lhs: str) -> str:
    if lhs.startswith("∇_"):
        return f"\\nabla_{{{lhs[2:].split()[0]}}} f"
    if lhs.startswith("∂f/∂"):
        return f"\\frac{{\\partial f}}{{\\partial {lhs[4:].rstrip('ᵀ')}^{{T}}}}"
    if lhs.startswith("df/d"):
        return f"\\frac{{df}}{{d{lhs[4:]}}}"
    return lhs


_TEXT_ESCAPES = {"∘": "$\\circ$", "ᵀ": "$^T$", "⁻¹": "$^{-1}$", "·": "$\\cdot$", "′": "$'$", "−": "-",
                 "ᵖ": "$^p$", "⁽ᵖ⁻¹⁾": "$^{(p-1)}$", "Σ": "$\\Sigma$", "₁": "$_1$", "₂": "$_2$", "‖": "$\\|$", "²": "$^2$", "×": "$\\times$", "∇": "$\\nabla$",
                 "σ": "$\\sigma$", "δ": "$\\delta$", "ω": "$\\omega$", "λ": "$\\lambda$", "⟨": "$\\langle$", "⟩": "$\\rangle$", "&": "\\&", "_": "\\_"}


def _latex_text(text: str) -> str:
    for k in sorted(_TEXT_ESCAPES, key=len, reverse=True):
        text = text.replace(k, _TEXT_ESCAPES[k])
    return text
