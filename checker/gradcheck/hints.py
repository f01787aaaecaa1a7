"""What a wrong gradient most likely is, read off the analytic and numeric arrays.

Each hint is a plain function (analytic, numeric, alternatives) → text or None, tried in order
(like SymPy's rule tuples). ``alternatives`` maps a named slip to the gradient that slip would give,
computed by the reference network (e.g. "missing activation derivative": backprop with f′ ≡ 1).
"""

from __future__ import annotations

from typing import Callable, Mapping

import numpy as np

from checker.gradcheck.bands import OK_KINKS

Hint = Callable[[np.ndarray, np.ndarray, Mapping[str, np.ndarray]], "str | None"]


def _close(a: np.ndarray, b: np.ndarray, rtol: float = OK_KINKS) -> bool:
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=rtol * (float(np.max(np.abs(b), initial=0.0)) + 1e-12)))


def not_finite(a: np.ndarray, n: np.ndarray, alt: Mapping[str, np.ndarray]) -> str | None:
    if not np.all(np.isfinite(a)):
        return "your gradient has NaN or inf entries"
    if not np.all(np.isfinite(n)):
        return "the loss is not finite (NaN or inf) next to these parameters"
    return None


def zeros(a: np.ndarray, n: np.ndarray, alt: Mapping[str, np.ndarray]) -> str | None:
    if not np.any(a) and np.any(n):
        return "your gradient is all zeros (is the upstream gradient used?)"
    return None


def sign(a: np.ndarray, n: np.ndarray, alt: Mapping[str, np.ndarray]) -> str | None:
    return "sign flipped (×−1.00)" if _close(-a, n) else None


def factor(a: np.ndarray, n: np.ndarray, alt: Mapping[str, np.ndarray]) -> str | None:
    nn = float(np.vdot(n, n)) if a.shape == n.shape else 0.0
    if nn == 0:
        return None
    c = float(np.vdot(a, n)) / nn
    if abs(c - 1) > 1e-3 and abs(c) > 1e-12 and _close(a, c * n, 1e-6):
        return f"×{c:.2f}"
    return None


def transposed(a: np.ndarray, n: np.ndarray, alt: Mapping[str, np.ndarray]) -> str | None:
    if a.ndim == 2 and a.shape == n.T.shape and _close(a, n.T) and not _close(a, n):
        shapes = f": yours is {a.shape[0]}×{a.shape[1]}, the parameter {n.shape[0]}×{n.shape[1]}" if a.shape != n.shape else ""
        return "transposed (yours is the numerical gradient transposed" + shapes + ")"
    if a.ndim == 2 and a.size == n.size and a.shape != n.shape and _close(a.reshape(n.shape[::-1]).T, n):
        return f"transposed: shape {a.shape} where {n.shape} is needed"
    return None


def known_slip(a: np.ndarray, n: np.ndarray, alt: Mapping[str, np.ndarray]) -> str | None:
    for name, wrong in alt.items():
        if _close(a, wrong, 1e-6):
            return name
    return None


HINTS: tuple[Hint, ...] = (not_finite, zeros, sign, transposed, known_slip, factor)


def hint(analytic: np.ndarray, numeric: np.ndarray, alternatives: Mapping[str, np.ndarray] | None = None) -> str:
    """The first hint that explains the difference, or '' when none does."""
    alt = alternatives or {}
    for rule in HINTS:
        found = rule(np.asarray(analytic, float), np.asarray(numeric, float), alt)
        if found:
            return found
    return ""
