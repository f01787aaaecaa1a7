"""Fill-in questions from the course's identities and formulas (填空题); each blank is a catalog part, so
any equivalent expression is accepted by `dlprep check q:<id>` (decided on random matrices).

One variant per fill-in: the catalog entry and part, and the model answer's form when it is not the
part's reference. Besides the formulas themselves: "find the error" variants built from the catalog's
mal-rules (a student's line is shown, the correct one is asked), and lines of the course's derivations
(the δ recursion, ∂J/∂W, the update). The text is in ``templates/questions/identity.<lang>.md.j2``.
"""

from __future__ import annotations

import numpy as np

from question_bank.templated import Answer, Variant
from question_bank.topics import SECTION

DELTA = ("f'(z^(l)) .* (W^(l+1)^T delta^(l+1))", "f'(z^{(l)}) \\circ (W^{(l+1)\\top} \\delta^{(l+1)})")
GRAD_W = ("delta^(l) a^(l-1)^T", "\\delta^{(l)} a^{(l-1)\\top}")
UPDATE = ("W^(l) - alpha (delta^(l) a^(l-1)^T + lambda W^(l))", "W^{(l)} - \\alpha (\\delta^{(l)} a^{(l-1)\\top} + \\lambda W^{(l)})")
# variant key → (catalog entry, part, model answer (text, LaTeX) when not the reference, asked kinds)
ROWS: dict[str, tuple[str, str, tuple[str, str] | None, tuple[str, ...]]] = {
    "trace-cyclic": ("trace-cyclic", "equal", ("tr(D A B C)", "\\operatorname{tr}(DABC)"), ("identity", "fill-in")),
    "trace-hadamard": ("trace-hadamard", "equal", ("tr((A .* B)^T C)", "\\operatorname{tr}((A \\circ B)^{\\top} C)"), ("identity", "fill-in")),
    "trace-hadamard-error": ("trace-hadamard", "equal", ("tr((A .* B)^T C)", "\\operatorname{tr}((A \\circ B)^{\\top} C)"), ("identity", "fill-in")),
    "least-squares-gradient": ("least-squares-gradient", "gradient", None, ("gradient",)),
    "least-squares-differential": ("least-squares-gradient", "differential", ("2 (A x - b)^T A dx", "2 (A x - b)^{\\top} A\\, \\mathrm{d}x"), ("differential",)),
    "least-squares-jacobian": ("least-squares-gradient", "jacobian", None, ("jacobian",)),
    "least-squares-error": ("least-squares-gradient", "gradient", None, ("gradient",)),
    "quadratic-form": ("quadratic-form-gradient", "gradient", None, ("gradient",)),
    "quadratic-form-error": ("quadratic-form-gradient", "gradient", None, ("gradient",)),
    "trace-linear": ("trace-linear-gradient", "gradient", None, ("gradient",)),
    "logdet": ("logdet-gradient", "gradient", None, ("gradient",)),
    "softmax-jacobian": ("softmax-jacobian", "jacobian", None, ("jacobian",)),
    "softmax-cross-entropy": ("softmax-cross-entropy-gradient", "gradient", None, ("gradient",)),
    "sparsemax-tau": ("sparsemax-kkt", "tau", ("(s^T z - 1) / (1^T s)", "\\frac{s^{\\top} z - 1}{\\mathbf{1}^{\\top} s}"), ("conditions",)),
    "sparsemax-stationarity": ("sparsemax-kkt", "stationarity", ("p - z - mu + tau 1", "p - z - \\mu + \\tau \\mathbf{1}"), ("conditions",)),
    "sparsemax-solution": ("sparsemax-kkt", "solution", ("max(z - tau 1, 0)", "[z - \\tau \\mathbf{1}]_+"), ("conditions",)),
    "sparsemax-jacobian": ("sparsemax-jacobian", "jacobian", ("diag(s) - s s^T / (1^T s)", "\\operatorname{diag}(s) - \\frac{s s^{\\top}}{\\mathbf{1}^{\\top} s}"), ("jacobian",)),
    "sigmoid-derivative": ("sigmoid-derivative", "derivative", None, ("derivative",)),
    "sigmoid-jacobian": ("sigmoid-derivative", "jacobian", None, ("jacobian",)),
    "tanh-derivative": ("tanh-derivative", "derivative", None, ("derivative",)),
    "relu-derivative": ("relu-derivative", "derivative", None, ("derivative",)),
    "logistic-regression": ("logistic-regression-gradient", "gradient", None, ("gradient",)),
    "mlp-delta": ("mlp-backprop", "delta", DELTA, ("derivation",)),
    "mlp-delta-error": ("mlp-backprop", "delta", DELTA, ("derivation",)),
    "mlp-grad-W": ("mlp-backprop", "grad-W", GRAD_W, ("derivation",)),
    "mlp-grad-W-error": ("mlp-backprop", "grad-W", GRAD_W, ("derivation",)),
    "mlp-update": ("mlp-backprop", "update-W", UPDATE, ("derivation",)),
    "mlp-batch": ("mlp-batch-backprop", "grad-W", None, ("derivation",)),
    "conv-delta": ("conv-residual", "delta", None, ("derivation",)),
    "conv-delta-error": ("conv-residual", "delta", None, ("derivation",)),
    "conv-kernel": ("conv-residual", "grad-kernel", None, ("derivation",)),
    "rnn-delta": ("rnn-bptt", "delta", None, ("derivation",)),
    "l2-penalty": ("l2-penalty-gradient", "gradient", None, ("gradient",)),
    "conv-output-size": ("conv-output-size", "general",
                         ("floor((M + 2P - K) / S) + 1", "\\left\\lfloor \\frac{M + 2P - K}{S} \\right\\rfloor + 1"), ("value", "fill-in")),
    "lstm-parameter-count": ("lstm-parameter-count", "count", None, ("value",)),
    "glorot-variance": ("glorot-init", "variance", ("2 / (fan_in + fan_out)", "\\frac{2}{n_{in} + n_{out}}"), ("value",)),
    "minibatch-variance": ("minibatch-gradient-variance", "variance", ("sigma2 / B", "\\sigma^2 / B"), ("value",)),
    "dropout-expectation": ("dropout-scaling", "expectation", None, ("value",)),
    "linear-collapse": ("linear-network-collapse", "collapsed", None, ("proof",)),
}
VARIANTS = tuple(Variant(key, "fill-in", entry, asked) for key, (entry, _, _, asked) in ROWS.items())
TOPIC = "A"
TOPICS = {key: SECTION[entry] for key, (entry, _, _, _) in ROWS.items()}


def draw(rng: np.random.Generator, variant: str) -> dict:
    entry, part, typed, _ = ROWS[variant]
    return {"entry": entry, "part": part, "answers": (Answer("1", None, catalog=(entry, part), typed=typed),)}
