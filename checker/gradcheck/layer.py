"""Check one layer's backward: ⟨g, f(x + h e)⟩ differences against backward(g) for a random upstream
gradient g (never all ones: a softmax backward that returns zeros passes an all-ones test, since
Σᵢ softmax(z)ᵢ = 1), and backward(0) = 0.

A backward that ignores its upstream gradient returns the same thing for every g; it is caught by
comparing backward(g) with backward(1) when g ≠ 1.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from checker.gradcheck.bands import relative_error, round_off
from checker.gradcheck.hints import hint
from checker.gradcheck.numeric import STEP, central_entry, crossed_kink
from checker.gradcheck.result import ParamResult, Report


def check_layer(layer: Any, x: np.ndarray, *, seed: int = 0) -> Report:
    """Every input and parameter gradient of ``layer`` (forward/backward/params/grads/state)."""
    rng = np.random.default_rng(seed)
    out = layer.forward(x)
    g = rng.standard_normal(out.shape)
    smooth = getattr(layer, "smooth", True)
    has_state = hasattr(layer, "state")

    def with_params(p: dict[str, np.ndarray]) -> np.ndarray:
        saved = dict(layer.params)
        layer.params = {k: p[k] for k in saved}
        try:
            return layer.forward(p["x"])
        finally:
            layer.params = saved

    states: dict[int, Any] = {}  # the state of each shifted forward pass, read by the kink check

    def loss(p: dict[str, np.ndarray]) -> float:
        value = float(np.sum(g * with_params(p)))
        if has_state:
            states[id(p)] = (layer.state(),)
        return value

    def state(p: dict[str, np.ndarray]) -> Any:
        return states.pop(id(p))

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
    inputs = {"x": x, **layer.params}
    results = []
    for name in analytic:
        base = inputs[name]
        numeric = np.zeros_like(base)
        kinks = np.zeros(base.shape, dtype=bool)
        for index in np.ndindex(base.shape):
            numeric[index], p_plus, p_minus = central_entry(loss, inputs, name, index, STEP)
            kinks[index] = has_state and crossed_kink(state, p_plus, p_minus)
        alt = {"ignores the upstream gradient (same result for every g)": ones[name]}
        if name == "x" and not layer.params and out.shape == x.shape:  # elementwise: f′ ≡ 1 leaves g unchanged
            alt["missing activation derivative (yours is the upstream gradient, f′ left out)"] = g
        results.append(ParamResult.from_entries(
            name, base.shape, "full", base.size, analytic[name], numeric, relative_error(analytic[name], numeric, noise),
            kinks, smooth=smooth, hint=lambda kept, a=analytic[name], n=numeric, alt=alt: hint(a, n, alt)))
    layer.forward(x)
    report = Report(results, float(np.sum(g * out)), smooth, notes=notes)
    if notes:
        for r in report.params:
            if r.ok:
                r.verdict, r.hint = "fail", notes[0]
                break
    return report
