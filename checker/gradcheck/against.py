"""A student's loss and gradients judged against a reference network, at several points.

At each point (θ, x, y), drawn by the network with distinct seeds:
* the student's gradient is compared entry by entry with central differences of the REFERENCE loss
  (probes for large parameters), and with the reference network's own backprop gradient over all
  entries; each parameter keeps its worst result over the points;
* every time the student's loss is evaluated (at the points and at every θ ± h of the finite
  differences) it is compared with the reference loss at the same parameters: |L − L_ref| ≤
  1e-8·max(1, |L_ref|). A loss that is right at the start and wrong elsewhere (linear, frozen) fails.
Without a reference, :func:`checker.gradcheck.check_gradients` checks only that the student's
gradients agree with differences of the student's own loss (consistency, not correctness).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from checker.gradcheck.bands import GOOD, VERDICTS, relative_error
from checker.gradcheck.check import LossAndGrads, as_gradient, check_gradients
from checker.gradcheck.hints import hint
from checker.gradcheck.numeric import Params
from checker.gradcheck.result import ParamResult, Report

Point = tuple[Params, Any, Any]


class LossWatch:
    """The student's loss beside the reference loss at every evaluation; keeps the worst pair."""

    def __init__(self, student: LossAndGrads, reference: LossAndGrads,
                 student_loss: Callable[[Params, Any, Any], Any] | None = None,
                 reference_loss: Callable[[Params, Any, Any], Any] | None = None) -> None:
        self.student, self.reference = student, reference
        self.reference_loss = reference_loss or (lambda p, x, y: reference(p, x, y)[0])
        self.student_loss = student_loss or (lambda p, x, y: student(p, x, y)[0])
        self.evaluations, self.worst, self.worst_gap = 0, None, -1.0  # worst: (yours, reference)

    def compare(self, yours: Any, reference: Any) -> None:
        self.evaluations += 1
        mine, theirs = complex(yours), float(np.real(reference))
        gap = abs(mine - theirs) / max(1.0, abs(theirs))
        gap = gap if np.isfinite(gap) else np.inf
        if gap > self.worst_gap:
            self.worst, self.worst_gap = (mine.real if mine.imag == 0 else mine, theirs), gap

    def loss_and_grads(self, params: Params, x: Any, y: Any) -> tuple[Any, Mapping[str, np.ndarray]]:
        loss, grads = self.student(params, x, y)
        if not any(np.iscomplexobj(v) for v in params.values()):  # complex-step probes are not loss checks
            self.compare(loss, self.reference_loss(params, x, y))
        return loss, grads

    def loss(self, x: Any, y: Any) -> Callable[[Params], float]:
        """L_ref(θ) for the finite differences; the student's loss at θ is compared on the way."""
        def at(params: Params) -> float:
            reference = float(np.real(self.reference_loss(params, x, y)))
            self.compare(self.student_loss(params, x, y), reference)
            return reference
        return at


def reference_comparison(name: str, analytic: np.ndarray, reference: np.ndarray, *, smooth: bool,
                         alt: Mapping[str, np.ndarray]) -> ParamResult:
    """Every entry of the student's gradient against the reference network's backprop gradient."""
    if analytic.shape != reference.shape:
        return ParamResult.failed(name, reference.shape, f"shape {analytic.shape}, but {name} is {reference.shape}",
                                  checked=reference.size)
    rel = relative_error(analytic, reference)
    return ParamResult.from_entries(name, reference.shape, "reference", reference.size, analytic, reference, rel,
                                    np.zeros(reference.shape, dtype=bool), smooth=smooth,
                                    hint=lambda kept: hint(analytic[kept], reference[kept], {k: v[kept] for k, v in alt.items()})
                                    or "differs from the reference network's gradient")


def _worse(a: ParamResult | None, b: ParamResult) -> ParamResult:
    if a is None:
        return b
    rank = {v: i for i, v in enumerate(VERDICTS)}
    return b if rank[b.verdict] > rank[a.verdict] else a  # on a tie the first point's (entry by entry) is shown


def check_against(student: LossAndGrads, reference: LossAndGrads, points: Sequence[Point], *,
                  state: Callable[[Params, Any], Any] | None = None, smooth: bool = True,
                  alternatives: Callable[[Params, Any, Any], Mapping[str, Mapping[str, np.ndarray]]] | None = None,
                  max_full: int = 1000, probes: int = 1, seed: int = 0, complex_step: bool = False,
                  student_loss: Callable[[Params, Any, Any], Any] | None = None,
                  reference_loss: Callable[[Params, Any, Any], Any] | None = None) -> Report:
    """One :class:`Report` over all ``points`` (see the module docstring); the first point is checked
    entry by entry up to ``max_full``, the others by probes plus the full comparison with the
    reference gradient."""
    watch = LossWatch(student, reference, student_loss, reference_loss)
    worst: dict[str, ParamResult] = {}
    first: Report | None = None
    for k, (params, x, y) in enumerate(points):
        reference_loss, reference_grads = reference(params, x, y)
        alt = alternatives(params, x, y) if alternatives else {}
        report = check_gradients(watch.loss_and_grads, params, x, y,
                                 state=(lambda p, x=x: state(p, x)) if state else None, smooth=smooth, alternatives=alt,
                                 reference_loss=reference_loss, max_full=max_full if k == 0 else 0, probes=probes,
                                 seed=seed + k, complex_step=complex_step and k == 0, loss=watch.loss(x, y))
        yours = watch.student(params, x, y)[1]
        watch.compare(report.loss, reference_loss)
        for result in report.params:
            got = worst.get(result.name)
            worst[result.name] = _worse(got, replace(result, point=k))
            analytic = yours.get(result.name) if hasattr(yours, "get") else None
            if analytic is not None and result.name in reference_grads:
                compared = reference_comparison(result.name, as_gradient(result.name, analytic),
                                                np.asarray(reference_grads[result.name], dtype=float), smooth=smooth,
                                                alt={n: v[result.name] for n, v in alt.items() if result.name in v})
                worst[result.name] = _worse(worst[result.name], replace(compared, point=k))
        first = first or report
    assert first is not None, "check_against needs at least one point"
    first.params = [worst[p.name] for p in first.params]
    first.basis, first.points, first.loss_evaluations = "reference", len(points), watch.evaluations
    first.loss_worst = watch.worst
    return first


__all__ = ["GOOD", "LossWatch", "check_against", "reference_comparison"]
