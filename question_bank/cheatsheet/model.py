"""The cheat sheet as plain data: sections of formulas, each formula with its catalog source, its
LaTeX and the result of its check (made when the sheet is built, never stored).

A *spec* (a formula kind of :mod:`question_bank.cheatsheet.kinds`) says where a formula comes from
and how to re-check it; :func:`question_bank.cheatsheet.build.build` turns specs into
:class:`Formula` records, each verified, or stops at the first that fails.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

Text = dict[str, str]  # {"en": ..., "zh": ...}


@dataclass(frozen=True)
class Verification:
    ok: bool
    method: str  # how it was checked, e.g. "finite differences", "random matrices", "checker.networks.LSTMCell"
    detail: str = ""  # a failure's reason, or a note (the counterexample of a slip)
    max_rel_error: float | None = None


class Spec(Protocol):
    """Where a formula comes from and how it is re-checked."""

    source: str  # a CATALOG.md id
    label: Text | None

    @property
    def key(self) -> str: ...
    @property
    def origin(self) -> str: ...
    def latex(self, lang: str = "en") -> str: ...
    def check(self) -> Verification: ...


@dataclass(frozen=True)
class Formula:
    key: str  # unique on the sheet: "<source>/<what>"
    source: str
    origin: str  # catalog part | catalog identity | engine | catalog check | reference network | slip
    latex: Text  # per language (equal, unless the formula holds words)
    label: Text | None
    verification: Verification
    message: Text | None = None  # a slip's explanation
    counterexample: str | None = None  # LaTeX, for the misprinted Hadamard identity

    def to_json(self) -> dict[str, Any]:
        v = self.verification
        return {"key": self.key, "source": self.source, "origin": self.origin, "latex": self.latex["en"],
                "label": self.label, "verified": bool(v.ok), "method": v.method, "detail": v.detail,
                "max_rel_error": None if v.max_rel_error is None else float(v.max_rel_error), "message": self.message, "counterexample": self.counterexample}


@dataclass(frozen=True)
class Item:
    """One line of a section: a formula (``spec``) or a note in prose (``note``, bank markup)."""

    spec: Spec | None = None
    note: Text | None = None
    plot: str | None = None  # an activation's plot, drawn beside the formulas that follow it in ``row``
    row: tuple[Spec, ...] = ()


@dataclass(frozen=True)
class Section:
    key: str  # --topics name
    title: Text
    items: tuple[Item, ...]
    boxed: bool = False  # the common-slips box


@dataclass(frozen=True)
class Line:
    """A built line: a verified formula, or a note."""

    formula: Formula | None = None
    note: Text | None = None
    plot: str | None = None
    row: tuple[Formula, ...] = ()


@dataclass(frozen=True)
class BuiltSection:
    key: str
    title: Text
    lines: tuple[Line, ...]
    boxed: bool = False

    @property
    def formulas(self) -> list[Formula]:
        return [f for line in self.lines for f in ((line.formula,) if line.formula else line.row)]


@dataclass(frozen=True)
class Sheet:
    sections: tuple[BuiltSection, ...]
    convention: Text
    seconds: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def formulas(self) -> list[Formula]:
        return [f for s in self.sections for f in s.formulas]

    def to_json(self) -> dict[str, Any]:
        return {"convention": self.convention, "sections": [
            {"key": s.key, "title": s.title, "formulas": [f.to_json() for f in s.formulas]}
            for s in self.sections], "count": len(self.formulas),
            "all_verified": bool(all(f.verification.ok for f in self.formulas))}
