"""One gradient check of a student's file, start to end: the sandboxed child, the points, the verdict.

``run_file(target, settings)`` is what ``dlprep gradcheck FILE.py`` does for each file: with a
reference network (``settings.net``), the student's loss and gradients are judged against it at
``settings.points`` points (against.py); without one, against differences of the student's own loss
at the point example() gives (consistency only). The answers are read with a bound derived from the
size of the parameters and inputs (wire.bound).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Callable

from checker.gradcheck import wire
from checker.gradcheck.against import check_against
from checker.gradcheck.check import check_gradients
from checker.gradcheck.result import Report
from checker.gradcheck.student import StudentProcess

FULL_CHECK_BUDGET = 2.0  # seconds of the student's code per parameter checked entry by entry
DEFAULT_MAX_FULL = 1000


@dataclass(frozen=True)
class Settings:
    net: str | None = None
    batch: int = 4
    seed: int = 0
    probes: int = 1
    max_full: int | None = None
    complex_step: bool = False
    timeout: float = 120.0
    points: int = 3
    confined: bool = True


def affordable_entries(student: Callable[..., Any], params: dict, x: Any, y: Any) -> int:
    """How many entries one parameter may have to be checked one by one (2 calls each) within the budget;
    the fastest of three calls counts (the first one warms up, a busy machine delays some)."""
    seconds = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        student(params, x, y)
        seconds = min(seconds, time.perf_counter() - start)
    return int(min(DEFAULT_MAX_FULL, FULL_CHECK_BUDGET / max(2 * seconds, 1e-9)))


def _points(net: Any, settings: Settings) -> list[tuple[dict, Any, Any]]:
    mlp = hasattr(net, "dense")
    return [net.example(batch=settings.batch, seed=settings.seed + 1 + k) if mlp else net.example(seed=settings.seed + 1 + k)
            for k in range(max(1, settings.points))]


def run_file(target: str, settings: Settings) -> Report:
    """The report of one file (InputError and its kin for a file that cannot be checked). BLAS runs on
    one thread meanwhile: the check is thousands of small products, where BLAS threads only contend."""
    with _one_blas_thread():
        return _run_file(target, settings)


def _one_blas_thread() -> Any:
    from threadpoolctl import threadpool_limits

    return threadpool_limits(1)


def _run_file(target: str, settings: Settings) -> Report:
    net = None
    if settings.net:
        from checker.networks import build

        net = build(settings.net, seed=settings.seed)
    with StudentProcess.start(target, timeout=settings.timeout, needs=() if net else ("example",),
                              confined=settings.confined) as student:
        if net is None:
            params, x, y = student.example()
            student.reply_limit = wire.bound(params, x, y)
            max_full = settings.max_full if settings.max_full is not None else \
                affordable_entries(student.loss_and_grads, params, x, y)
            return check_gradients(student.loss_and_grads, params, x, y, seed=settings.seed,
                                   loss=lambda p: student.loss(p, x, y),
                                   complex_step=settings.complex_step, probes=settings.probes, max_full=max_full)
        points = _points(net, settings)
        student.reply_limit = max(wire.bound(*p) for p in points)
        slips = hasattr(net, "dense") and len(net.dense) > 1

        def alternatives(p: dict, x: Any, y: Any) -> dict:
            return {"missing activation derivative f′(z) in the hidden layers":
                    net.loss_and_grads(p, x, y, without_derivative=True)[1]} if slips else {}
        params, x, y = points[0]
        max_full = settings.max_full if settings.max_full is not None else \
            affordable_entries(student.loss_and_grads, params, x, y)
        return check_against(student.loss_and_grads, net.loss_and_grads, points, state=net.state, smooth=net.smooth,
                             alternatives=alternatives, max_full=max_full, probes=settings.probes, seed=settings.seed,
                             complex_step=settings.complex_step, student_loss=student.loss,
                             reference_loss=getattr(net, "loss_value", None))
