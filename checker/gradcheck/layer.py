"""Check one layer's backward: ⟨g, f(x + h e)⟩ differences against backward(g) for a random upstream
gradient g (never all ones: a softmax backward that returns zeros passes an all-ones test, since
Σᵢ softmax(z)ᵢ = 1), and backward(0) = 0.

A backward that ignores its upstream gradient returns the same thing for every g; it is caught by
comparing backward(g) with backward(1) when g ≠ 1.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from checker.gradcheck.bands import relative_error, round_off, verdict
from checker.gradcheck.hints import hint
from checker.gradcheck.result import ParamResult, Report

STEP = 1e-5


def check_layer(layer: Any, x: np.ndarray, *, seed: int = 0) -> Report:
    """Every input and parameter gradient of ``layer`` (forward/backward/params/grads/state)."""
    rng = np.random.default_rng(seed)
    out = layer.forward(x)
    g = rng.standard_normal(out.shape)
    smooth = getattr(layer, "smooth", True)
    base_state = layer.state() if hasattr(layer, "state") else None

    def scalar(values: dict[str, np.ndarray], xx: np.ndarray) -> tuple[float, Any]:
        saved = dict(layer.params)
        layer.params = {**saved, **values}
        value = float(np.sum(g * layer.forward(xx)))
        s = layer.state() if hasattr(layer, "state") else None
        layer.params = saved
        return value, s

    layer.forward(x)
    dx = layer.backward(g)
    analytic = {"x": dx, **{k: v.copy() for k, v in layer.grads.items()}}
    layer.forward(x)
    ones_dx = layer.backward(np.ones_like(out))
    ones = {"x": ones_dx, **{k: v.copy() for k, v in layer.grads.items()}}
    layer.forward(x)
    zero_dx = layer.backward(np.zeros_like(out))
    notes = []
    if np.any(zero_dx) or any(np.any(v) for v in layer.grads.values()):
        notes.append("backward(0) is not 0: the gradient does not scale with the upstream gradient")
    noise = round_off(float(np.sum(np.abs(g * out))), STEP)  # what ⟨g, f(x ± h)⟩ differences cannot resolve
    results = []
    for name in analytic:
        base = x if name == "x" else layer.params[name]
        numeric = np.zeros_like(base)
        kinks = np.zeros(base.shape, dtype=bool)
        for index in np.ndindex(base.shape):
            shifted = []
            for sign in (1, -1):
                moved = base.copy()
                moved[index] += sign * STEP
                shifted.append(scalar({}, moved) if name == "x" else scalar({name: moved}, x))
            numeric[index] = (shifted[0][0] - shifted[1][0]) / (2 * STEP)
            if base_state is not None:
                kinks[index] = not np.array_equal(shifted[0][1], shifted[1][1])
        rel = np.where(kinks, 0.0, relative_error(analytic[name], numeric, noise))
        worst = np.unravel_index(int(np.argmax(rel)), base.shape)
        worst_rel = float(rel[worst])
        alt = {"ignores the upstream gradient (same result for every g)": ones[name]}
        if name == "x" and not layer.params and out.shape == x.shape:  # elementwise: f′ ≡ 1 leaves g unchanged
            alt["missing activation derivative (yours is the upstream gradient, f′ left out)"] = g
        ok = verdict(worst_rel, smooth=smooth) in ("pass", "ok with kinks")
        results.append(ParamResult(name, base.shape, "full", base.size, float(np.max(np.abs(analytic[name] - numeric))),
                                   worst_rel, tuple(int(i) for i in worst), float(numeric[worst]), float(analytic[name][worst]),
                                   verdict(worst_rel, smooth=smooth), "" if ok else hint(analytic[name], numeric, alt),
                                   int(kinks.sum())))
    report = Report(results, float(np.sum(g * out)), smooth, notes=notes)
    if notes:
        for r in report.params:
            if r.ok:
                r.verdict, r.hint = "fail", notes[0]
                break
    return report
