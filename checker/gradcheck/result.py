"""The structured result of a gradient check: one ParamResult per parameter, and the Report."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from checker.gradcheck.bands import GOOD


@dataclass
class ParamResult:
    name: str
    shape: tuple[int, ...]
    mode: str  # "full" (every entry) | "probes" (directional, with a partial recheck when one fails)
    checked: int  # entries (full) or probes
    max_abs_error: float
    max_rel_error: float
    worst_index: tuple[int, ...] | None
    numeric: float | None  # at the worst index (or the worst probe's directional derivative)
    analytic: float | None
    verdict: str
    hint: str = ""
    kinks: int = 0  # entries whose finite difference crossed a kink (excluded from the verdict)

    @property
    def ok(self) -> bool:
        return self.verdict in GOOD

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["shape"], out["ok"] = list(self.shape), self.ok
        out["worst_index"] = list(self.worst_index) if self.worst_index is not None else None
        return out


@dataclass
class Report:
    params: list[ParamResult]
    loss: float
    smooth: bool
    reference_loss: float | None = None
    complex_step_agreement: float | None = None  # max relative difference, complex step vs central
    notes: list[str] = field(default_factory=list)

    @property
    def loss_ok(self) -> bool:
        if self.reference_loss is None:
            return True
        return abs(self.loss - self.reference_loss) <= 1e-8 * max(1.0, abs(self.reference_loss))

    @property
    def ok(self) -> bool:
        return self.loss_ok and all(p.ok for p in self.params)

    @property
    def first_wrong(self) -> ParamResult | None:
        return next((p for p in self.params if not p.ok), None)

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "loss": self.loss, "reference_loss": self.reference_loss, "loss_ok": self.loss_ok,
                "smooth": self.smooth, "complex_step_agreement": self.complex_step_agreement, "notes": self.notes,
                "params": [p.to_json() for p in self.params],
                "first_wrong": self.first_wrong.name if self.first_wrong else None}
