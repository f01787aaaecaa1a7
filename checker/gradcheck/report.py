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
    where = _index(p.worst_index) if p.mode == "full" or p.worst_index is not None else " (directional probe)"
    hint = f" ({p.hint})" if p.hint else ""
    return f"d{p.name}{where}: numerical {p.numeric:.6g}, yours {p.analytic:.6g}{hint}"


def render(report: Report) -> str:
    lines = []
    if report.reference_loss is not None:
        mark = "✓" if report.loss_ok else "✗"
        lines.append(f"{mark} loss: yours {report.loss:.10g}, reference {report.reference_loss:.10g}"
                     + ("" if report.loss_ok else "  (the forward pass differs from the reference network)"))
    width = max((len(p.name) for p in report.params), default=1)
    for p in report.params:
        how = f"{p.checked} entr{'y' if p.checked == 1 else 'ies'}" if p.mode == "full" else \
            f"{p.checked} probe{'' if p.checked == 1 else 's'}"
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
    lines.append("all gradients are right" if report.ok else "some gradients are wrong" if wrong else "the loss is wrong")
    return "\n".join(lines)
