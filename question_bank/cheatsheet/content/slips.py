"""The common-slips box: one line per mal-rule of the catalog (read from the catalog when built)."""

from __future__ import annotations

from question_bank.cheatsheet.model import Item, Section
from question_bank.cheatsheet.slips import Slip

# What each slipped part computes, as the sheet names it (the catalog stores the function, not a name).
LHS: dict[tuple[str, str], str] = {
    ("trace-hadamard", "equal"): r"\operatorname{Tr}((A\circ B)^{\top}C)",
    ("mlp-backprop", "grad-W"): r"\frac{\partial J}{\partial W^{(l)}}",
    ("mlp-backprop", "delta"): r"\delta^{(l)}",
    ("quadratic-form-gradient", "gradient"): r"\nabla_x x^{\top}Ax",
    ("least-squares-gradient", "gradient"): r"\nabla_x\lVert Ax-b\rVert^2",
    ("softmax-jacobian", "jacobian"): r"\frac{\partial a}{\partial z}",
    ("conv-residual", "delta"): r"\delta_l",
}


# The catalog's message where it writes a formula in plain text (the CLI prints it so); the sheet sets it as math.
MESSAGES: dict[tuple[str, str], dict[str, str]] = {
    ("conv-residual", "delta"): {
        "en": "The kernel is not flipped. With true convolution in the forward pass, "
              "$z_{l+1}=\\operatorname{conv2}(a_l,\\omega,\\text{valid})$, the residual goes back through a "
              "full convolution with $\\operatorname{rot180}(\\omega)$.",
        "zh": "卷积核没有翻转。前向传播用真正的卷积 $z_{l+1}=\\operatorname{conv2}(a_l,\\omega,\\text{valid})$ 时，"
              "残差要通过与 $\\operatorname{rot180}(\\omega)$ 的 full 卷积回传。"},
}


def _slips() -> tuple[Item, ...]:
    from derivations.catalog import all_entries

    items = [Item(spec=Slip(entry.id, part.name, rule.code, LHS.get((entry.id, part.name), ""),
                            markup=MESSAGES.get((entry.id, part.name))))
             for entry in all_entries() for part in entry.parts for rule in part.malrules]
    order = ["trace-hadamard", "mlp-backprop", "quadratic-form-gradient", "least-squares-gradient"]
    return tuple(sorted(items, key=lambda i: order.index(i.spec.source) if i.spec.source in order else len(order)))


def slips_section() -> Section:
    """The box, read from the catalog now (so a new mal-rule shows up on the next build)."""
    return Section("slips", {"en": "Common slips ✗ (each rejected by dlprep check)",
                             "zh": "常见错误 ✗（均被 dlprep 判错）"}, _slips(), boxed=True)
