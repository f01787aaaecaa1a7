"""Relative error and its verdict bands (cs231n's rule of thumb, made explicit).

rel = |a − n| / max(|a| + |n|, tiny); per parameter the worst entry counts.
pass ≤ 1e-7 (smooth model) · ok with kinks ≤ 1e-4 (ReLU, max, sparsemax present) · fail > 1e-2 ·
suspicious in between.

>>> verdict(3e-9, smooth=True), verdict(5e-6, smooth=False), verdict(5e-6, smooth=True), verdict(0.3, smooth=True)
('pass', 'ok with kinks', 'suspicious', 'fail')
"""

from __future__ import annotations

import numpy as np

PASS, OK_KINKS, FAIL = 1e-7, 1e-4, 1e-2
VERDICTS = ("pass", "ok with kinks", "suspicious", "fail")
GOOD = ("pass", "ok with kinks")


def relative_error(analytic: np.ndarray, numeric: np.ndarray, noise: float = 0.0) -> np.ndarray:
    """Entrywise |a − n| / max(|a| + |n|, tiny). ``noise`` is the round-off of the finite difference,
    about ε·|L|/h: an entry that small cannot be resolved, so tiny = noise/1e-7 keeps round-off from
    reading as an error; tiny is also at least 1e-6 of the parameter's largest gradient entry."""
    a, n = np.asarray(analytic, dtype=float), np.asarray(numeric, dtype=float)
    scale = max(float(np.max(np.abs(n), initial=0.0)), float(np.max(np.abs(a), initial=0.0)))
    tiny = max(1e-6 * scale, noise / PASS, 1e-12)
    return np.abs(a - n) / np.maximum(np.abs(a) + np.abs(n), tiny)


def round_off(loss: float, h: float) -> float:
    """The round-off of a central difference of L with step h: ε·max(|L|, 1)/h."""
    return float(np.finfo(float).eps) * max(abs(loss), 1.0) / h


def verdict(rel: float, *, smooth: bool) -> str:
    if not np.isfinite(rel):  # NaN or inf in the gradient or the loss
        return "fail"
    if rel <= PASS:
        return "pass"
    if rel <= OK_KINKS and not smooth:
        return "ok with kinks"
    if rel > FAIL:
        return "fail"
    return "suspicious"
