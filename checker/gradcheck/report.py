"""The report as text: one line per parameter; the first wrong one with both values and a hint.

    dW1[2,3]: numerical 0.1234, yours 0.2468 (×2.00)
"""

from __future__ import annotations

from checker.gradcheck.result import ParamResult, Report

MARK = {"pass": "✓", "ok with kinks": "✓", "suspicious": "?", "fail": "✗"}


def _index(index: tuple[int, ...] | None) -> str:
    return "" if index is None else "[" + ",".join(str(i) for i in index) + "]"


def describe(p: ParamResult) -> str:
    """`dW1[2,3]: numerical 0.1234, yours 0.2468 (×2.00)`."""
    if p.numeric is None or p.analytic is None:
        return f"d{p.name}: {p.hint}"
    where = _index(p.worst_index) if p.mode != "probes" or p.worst_index is not None else " (directional probe)"
    hint = f" ({p.hint})" if p.hint else ""
    other = "reference" if p.mode == "reference" else "numerical"
    return f"d{p.name}{where}: {other} {p.numeric:.6g}, yours {p.analytic:.6g}{hint}"


BASIS = {
    "own": "checked: your gradients against central differences of YOUR OWN loss, at the point example() gives "
           "(consistency of your gradients with your loss; the loss itself is not checked: use --net SPEC to check "
           "against a reference network)",
    "reference": "checked against the reference network at {points} points: your gradients against its gradients and "
                 "central differences of its loss; your loss against its loss wherever it was evaluated",
}


def _number(value: complex | float) -> str:
    return f"{value:.10g}" if not isinstance(value, complex) else f"{value}"


def render(report: Report) -> str:
    lines = [BASIS[report.basis].format(points=report.points, evaluations=report.loss_evaluations), ""]
    if report.reference_loss is not None:
        mark = "✓" if report.loss_ok else "✗"
        yours, reference = report.loss_worst if report.loss_worst and not report.loss_ok else (report.loss, report.reference_loss)
        lines.append(f"{mark} loss: yours {_number(yours)}, reference {reference:.10g}"
                     + ("" if report.loss_ok else "  (the forward pass differs from the reference network)"))
    width = max((len(p.name) for p in report.params), default=1)
    for p in report.params:
        how = f"{p.checked} entr{'y' if p.checked == 1 else 'ies'}" if p.mode in ("full", "reference") else \
            f"{p.checked} probe{'' if p.checked == 1 else 's'}"
        how += " vs the reference gradient" if p.mode == "reference" else ""
        how += f", point {p.point + 1}" if report.points > 1 and not p.ok else ""
        kinks = f", {p.kinks} kink(s) crossed, not counted" if p.kinks else ""
        lines.append(f"{MARK[p.verdict]} d{p.name:<{width}}  {p.verdict:<13} max rel. error {p.max_rel_error:.1e}  ({how}{kinks})")
    wrong = report.first_wrong
    if wrong is not None:
        lines.append("")
        lines.append("first wrong: " + describe(wrong))
    if report.complex_step_agreement is not None:
        agrees = "agrees with central differences to" if report.complex_step_agreement <= 1e-6 else \
            "differs from central differences by"
        lines.append(f"complex step {agrees} {report.complex_step_agreement:.1e} (max rel.)")
    lines.extend(f"note: {n}" for n in report.notes)
    lines.append("")
    right = "all gradients are right" if report.basis == "reference" else \
        "your gradients are consistent with your loss (not checked against a reference network)"
    lines.append(right if report.ok else "some gradients are wrong" if wrong else "the loss is wrong")
    return "\n".join(lines)
