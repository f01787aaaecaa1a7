"""The structured result of a gradient check: one ParamResult per parameter, and the Report."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Sequence

import numpy as np

from checker.gradcheck.bands import GOOD, verdict


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
    point: int = 0  # which of the checked points (0: the first) this result comes from

    @property
    def ok(self) -> bool:
        return self.verdict in GOOD

    @classmethod
    def failed(cls, name: str, shape: tuple[int, ...], text: str, *, checked: int = 0) -> "ParamResult":
        """A parameter that could not be compared at all (no gradient, wrong shape)."""
        return cls(name, shape, "full", checked, np.inf, np.inf, None, None, None, "fail", text)

    @classmethod
    def from_entries(cls, name: str, shape: tuple[int, ...], mode: str, checked: int, analytic: np.ndarray,
                     numeric: np.ndarray, rel: np.ndarray, kinks: np.ndarray, *, smooth: bool,
                     hint: Callable[[np.ndarray], str] = lambda kept: "", indices: Sequence[tuple[int, ...]] | None = None,
                     at_least: float = 0.0, fallback: str = "") -> "ParamResult":
        """The result of comparing entries: analytic, numeric, their relative errors and the kinks crossed
        (arrays alike, entries at ``indices`` of the parameter or the whole parameter). Crossed kinks
        are not counted; the verdict reads the worst counted error (at least ``at_least``, a failed
        probe's); ``hint(kept)`` explains a wrong one (else ``fallback``)."""
        counted = np.where(kinks, 0.0, rel)
        kept = ~kinks
        worst = np.unravel_index(int(np.argmax(counted)), counted.shape) if counted.size else None
        worst_rel = float(counted[worst]) if worst is not None else 0.0
        said = verdict(max(worst_rel, at_least), smooth=smooth and not kinks.any())
        text = (hint(kept) if kept.any() else "") or fallback if said not in GOOD else ""
        where = None if worst is None else tuple(int(i) for i in (indices[worst[0]] if indices is not None else worst))
        return cls(name, shape, mode, checked, float(np.max(np.abs(analytic - numeric)[kept], initial=0.0)), worst_rel, where,
                   float(numeric[worst]) if worst is not None else None, float(analytic[worst]) if worst is not None else None,
                   said, text, int(kinks.sum()))

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["shape"], out["ok"] = list(self.shape), self.ok
        out["worst_index"] = list(self.worst_index) if self.worst_index is not None else None
        return out


LOSS_RTOL = 1e-8


def loss_close(yours: Any, reference: float) -> bool:
    """|L − L_ref| ≤ 1e-8·max(1, |L_ref|), L real and finite."""
    value = complex(yours)
    return value.imag == 0 and bool(np.isfinite(value.real)) and \
        abs(value.real - reference) <= LOSS_RTOL * max(1.0, abs(reference))


@dataclass
class Report:
    params: list[ParamResult]
    loss: float
    smooth: bool
    reference_loss: float | None = None
    complex_step_agreement: float | None = None  # max relative difference, complex step vs central
    notes: list[str] = field(default_factory=list)
    basis: str = "own"  # "own": gradients against differences of the student's own loss; "reference": the network's
    points: int = 1  # points (θ, x, y) checked
    loss_evaluations: int = 0  # times the student's loss was compared with the reference loss
    loss_worst: tuple[Any, float] | None = None  # (yours, reference) at the evaluation that differed most

    @property
    def loss_ok(self) -> bool:
        if self.reference_loss is None:
            return True
        yours, reference = self.loss_worst or (self.loss, self.reference_loss)
        return loss_close(yours, reference)

    @property
    def ok(self) -> bool:
        return self.loss_ok and all(p.ok for p in self.params)

    @property
    def first_wrong(self) -> ParamResult | None:
        return next((p for p in self.params if not p.ok), None)

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "loss": self.loss, "reference_loss": self.reference_loss, "loss_ok": self.loss_ok,
                "smooth": self.smooth, "complex_step_agreement": self.complex_step_agreement, "notes": self.notes,
                "basis": self.basis, "points": self.points, "loss_evaluations": self.loss_evaluations,
                "loss_worst": None if self.loss_worst is None else {"yours": _number(self.loss_worst[0]),
                                                                      "reference": self.loss_worst[1]},
                "params": [p.to_json() for p in self.params],
                "first_wrong": self.first_wrong.name if self.first_wrong else None}


def _number(value: Any) -> Any:
    """A JSON-safe number: complex as its text."""
    return str(value) if isinstance(value, complex) else value
