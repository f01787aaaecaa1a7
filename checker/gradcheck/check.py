"""Check analytic gradients of a scalar loss against finite differences, parameter by parameter.

Small parameters are checked entry by entry; large ones by seeded directional probes ⟨∇L, u⟩ versus
(L(θ + hu) − L(θ − hu))/2h, and a parameter whose probe fails is rechecked entry by entry on its
largest and on random entries. With ``state`` (the discrete state of the forward pass: ReLU masks,
arg-maxes) an entry whose ±h evaluations differ in state is a crossed kink, not a wrong derivative.
"""

from __future__ import annotations

import warnings
import zlib
from typing import Any, Callable, Mapping

import numpy as np

from checker.language.errors import DlprepError, InputError
from checker.gradcheck.bands import GOOD, PASS, relative_error, round_off, verdict
from checker.gradcheck.hints import hint
from checker.gradcheck.numeric import STEP, Params, central_entry, complex_step_entry, crossed_kink, directional, probe_scale
from checker.gradcheck.result import ParamResult, Report

LossAndGrads = Callable[[Params, Any, Any], tuple[float, Mapping[str, np.ndarray]]]
RECHECK_ENTRIES = 200


def require_float64(params: Mapping[str, Any], x: Any = None, y: Any = None) -> None:
    """float32 round-off (≈1e-7) would swamp the 1e-7 pass band: refuse it with the reason."""
    named = [*params.items(), ("x", x), ("y", y)]
    for name, value in named:
        if isinstance(value, np.ndarray) and value.dtype in (np.float32, np.float16):
            raise InputError(f"{name} is {value.dtype}: gradient checking needs float64 (float32 round-off, about 1e-7, "
                             "is as large as the errors being measured)", expected=f"{name}.astype(np.float64)")
    for name, value in params.items():
        if not isinstance(value, np.ndarray) or value.dtype.kind != "f":
            raise InputError(f"parameter {name} is not a float64 NumPy array", expected="dict[str, np.ndarray] of float64")


def as_gradient(name: str, value: Any) -> np.ndarray:
    """The returned gradient of ``name`` as float64, or one clear InputError (text, None inside, float32).

    >>> as_gradient("b", [[1.0], [2.0]]).dtype
    dtype('float64')
    >>> as_gradient("W", np.zeros((2, 2), np.float32))
    Traceback (most recent call last):
    ...
    checker.language.errors.InputError: the gradient returned for W is float32: gradient checking needs float64 ...
    """
    try:
        array = np.asarray(value)
    except (TypeError, ValueError):
        array = np.asarray(None)
    if array.dtype.kind not in "fiu":
        raise InputError(f"the gradient returned for {name} is {type(value).__name__}"
                         + (f" of {array.dtype}" if isinstance(value, np.ndarray) else ""),
                         expected="a float64 NumPy array shaped like the parameter")
    if array.dtype.kind == "f" and array.dtype.itemsize < 8:
        raise InputError(f"the gradient returned for {name} is {array.dtype}: gradient checking needs float64 "
                         "(float32 round-off, about 1e-7, is as large as the errors being measured)",
                         expected="float64 arithmetic throughout")
    return array.astype(np.float64)


def check_gradients(loss_and_grads: LossAndGrads, params: Params, x: Any, y: Any, *,
                    state: Callable[[Params], Any] | None = None, smooth: bool = True,
                    alternatives: Mapping[str, Mapping[str, np.ndarray]] | None = None,
                    reference_loss: float | None = None, max_full: int = 1000, probes: int = 1, seed: int = 0,
                    complex_step: bool = False, loss: Callable[[Params], float] | None = None) -> Report:
    """A :class:`Report` with one result per parameter (see the module docstring). ``loss``: a
    forward-only L(params) for the finite differences (default: the first output of loss_and_grads)."""
    require_float64(params, x, y)
    loss_value, grads = loss_and_grads(params, x, y)
    loss_fn = loss or (lambda p: loss_and_grads(p, x, y)[0])
    noise = round_off(float(np.real(loss_value)), STEP)
    results = []
    for name, value in params.items():
        analytic = grads.get(name) if hasattr(grads, "get") else None
        alt = {k: v[name] for k, v in (alternatives or {}).items() if name in v}
        if analytic is None:
            results.append(ParamResult.failed(name, value.shape, f"no gradient returned for {name}"))
            continue
        analytic = as_gradient(name, analytic)
        if value.size <= max_full or analytic.shape != value.shape:
            results.append(_full(loss_fn, params, name, analytic, state, smooth, alt, noise))
        else:
            results.append(_probes(loss_fn, params, name, analytic, state, smooth, alt, probes, seed, noise))
    report = Report(results, float(np.real(loss_value)), smooth, reference_loss)
    if complex_step and not smooth:
        report.notes.append("complex step skipped: this model has kinks (ReLU, max, sparsemax), where a complex "
                            "perturbation has no meaning; the verdicts use central differences")
    elif complex_step:
        report.complex_step_agreement = _complex_step(lambda p: loss_and_grads(p, x, y)[0], loss_fn, params, max_full, report)
    return report


def _full(loss_fn: Callable[[Params], float], params: Params, name: str, analytic: np.ndarray,
          state: Callable[[Params], Any] | None, smooth: bool, alt: Mapping[str, np.ndarray], noise: float) -> ParamResult:
    value = params[name]
    numeric = np.zeros_like(value)
    for index in np.ndindex(value.shape):
        numeric[index] = central_entry(loss_fn, params, name, index)[0]
    if analytic.shape != value.shape:
        text = hint(analytic, numeric, alt) or f"shape {analytic.shape}, but {name} is {value.shape}"
        return ParamResult.failed(name, value.shape, text, checked=value.size)
    rel = relative_error(analytic, numeric, noise)
    kinks = np.zeros(value.shape, dtype=bool)
    if state is not None:  # only entries that look wrong are asked whether they crossed a kink
        for index in zip(*np.nonzero(rel > PASS)):
            _, p_plus, p_minus = central_entry(loss_fn, params, name, index)
            kinks[index] = crossed_kink(state, p_plus, p_minus)
    return ParamResult.from_entries(name, value.shape, "full", value.size, analytic, numeric, rel, kinks, smooth=smooth,
                                    hint=lambda kept: hint(analytic[kept], numeric[kept], {k: v[kept] for k, v in alt.items()}))


def _probes(loss_fn: Callable[[Params], float], params: Params, name: str, analytic: np.ndarray,
            state: Callable[[Params], Any] | None, smooth: bool, alt: Mapping[str, np.ndarray], probes: int, seed: int,
            noise: float) -> ParamResult:
    rng = np.random.default_rng([seed, zlib.crc32(name.encode())])
    worst_rel, worst_pair, kinks, done = 0.0, (0.0, 0.0), 0, 0
    while done < probes and kinks < 3 * probes:
        # Gaussian (±1 directions can cancel an error exactly); drawn in float32 for speed, used in float64
        u = rng.standard_normal(analytic.shape, dtype=np.float32).astype(np.float64)
        numeric = directional(loss_fn, params, name, u)
        predicted = float(np.vdot(analytic, u))
        rel = float(relative_error(np.array([predicted]), np.array([numeric]), noise)[0])
        rel = rel if np.isfinite(rel) else np.inf  # NaN in the gradient or the loss must not compare as small
        if rel > PASS and state is not None and _probecrossed_kink(state, params, name, u):
            kinks += 1  # this direction crossed a kink: draw another one
            continue
        done += 1
        if rel >= worst_rel:
            worst_rel, worst_pair = rel, (numeric, predicted)
    if verdict(worst_rel, smooth=smooth) in GOOD:
        return ParamResult(name, analytic.shape, "probes", probes, abs(worst_pair[0] - worst_pair[1]), worst_rel, None,
                           worst_pair[0], worst_pair[1], verdict(worst_rel, smooth=smooth), kinks=kinks)
    return _recheck(loss_fn, params, name, analytic, state, smooth, alt, rng, probes, worst_rel, noise)


def _probecrossed_kink(state: Callable[[Params], Any], params: Params, name: str, u: np.ndarray) -> bool:
    scale = probe_scale(u)
    return crossed_kink(state, {**params, name: params[name] + scale * u}, {**params, name: params[name] - scale * u})


def _recheck(loss_fn: Callable[[Params], float], params: Params, name: str, analytic: np.ndarray,
             state: Callable[[Params], Any] | None, smooth: bool, alt: Mapping[str, np.ndarray],
             rng: np.random.Generator, probes: int, probe_rel: float, noise: float) -> ParamResult:
    """A probe failed: check the largest entries of the analytic gradient and random ones, one by one."""
    flat = np.abs(analytic).ravel()
    count = min(RECHECK_ENTRIES // 2, flat.size)
    chosen = set(np.argsort(flat)[-count:].tolist()) | set(rng.choice(flat.size, size=count, replace=False).tolist())
    indices = [np.unravel_index(i, analytic.shape) for i in sorted(chosen)]
    numeric, kinks = np.zeros(len(indices)), np.zeros(len(indices), dtype=bool)
    for k, index in enumerate(indices):
        numeric[k], p_plus, p_minus = central_entry(loss_fn, params, name, index)
        kinks[k] = crossed_kink(state, p_plus, p_minus)
    got = np.array([analytic[i] for i in indices])
    rel = relative_error(got, numeric, noise)
    chosen_alt = {n: np.array([v[i] for i in indices]) for n, v in alt.items()}
    return ParamResult.from_entries(name, analytic.shape, "probes", probes, got, numeric, rel, kinks, smooth=smooth,
                                    hint=lambda kept: hint(got[kept], numeric[kept], {n: v[kept] for n, v in chosen_alt.items()}),
                                    indices=indices, at_least=probe_rel,
                                    fallback="a directional probe failed; the entries listed are the worst of those rechecked")


COMPLEX_STEP_AGREES = 1e-6  # complex step is exact to round-off; central differences to about 1e-9


def _complex_step(own_loss: Callable[[Params], Any], loss_fn: Callable[[Params], float], params: Params, max_full: int,
                  report: Report) -> float | None:
    """Complex-step derivatives of the small parameters (of the student's own loss), compared with the
    central differences (of ``loss_fn``: the reference loss when there is one).
    Code that is not complex-safe (astype(float), float(), math.exp, np.real) raises or drops the
    imaginary part: that is a note about the cross-check, never a verdict on the gradient."""
    worst = 0.0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", np.exceptions.ComplexWarning)
            for name, value in params.items():
                if value.size > max_full:
                    continue
                for index in np.ndindex(value.shape):
                    cs = complex_step_entry(own_loss, params, name, index)
                    cd, _, _ = central_entry(loss_fn, params, name, index)
                    worst = max(worst, abs(cs - cd) / max(abs(cs) + abs(cd), 1e-12))
    except (TypeError, ValueError, DlprepError) as exc:
        report.notes.append(f"complex step not possible: the loss does not accept complex parameters ({exc})")
        return None
    if worst > COMPLEX_STEP_AGREES:
        report.notes.append("complex step disagrees with central differences: the loss probably drops imaginary parts "
                            "(astype(float), float(), math functions, np.real); the verdicts use central differences")
    return worst
