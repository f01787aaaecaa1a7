"""The questions the course's own exam singles out (seed 000: 填空题 5 and 推导题 1), multi-part:

* ``backprop`` — the four-part 推导题 of vector backpropagation (CATALOG C, mlp-backprop): (1) ∂J/∂W⁽ˡ⁾,
  (2) ∂J/∂b⁽ˡ⁾, (3) the δ recursion, (4) the (W, b) update; each part a catalog part (any equivalent
  expression is right), the model answer the engine's verified steps of the three derivations.
* ``sparsemax`` — sparsemax as an optimisation problem (CATALOG B, sparsemax-kkt): (1) the Lagrangian,
  (2) the stationarity line of the KKT conditions, (3) τ; the other four KKT lines in the marking scheme.
  The Lagrangian is checked on random vectors; the steps are the worked proof's, each claim checked.

The conv residual proof with its pooling → conv premise is ``derive-conv-residual`` (templates/questions/derive.*).
"""

from __future__ import annotations

import numpy as np

from question_bank.model import Check
from question_bank.templated import Answer, Variant

TOPIC = "C"
TOPICS = {"sparsemax": "B"}
VARIANTS = (
    Variant("backprop", "derivation", "mlp-backprop", ("derivation",), points=20),
    Variant("sparsemax", "fill-in", "sparsemax-kkt", ("conditions",), points=10),
)
LAGRANGIAN = ("1/2 ||p - z||^2 - mu^T p + tau (1^T p - 1)",
              "\\frac{1}{2}\\lVert p - z \\rVert^2 - \\mu^{\\top} p + \\tau(\\mathbf{1}^{\\top} p - 1)")
KKT_SHAPES = "z: K, p: K, mu: K, tau: scalar"


def draw(rng: np.random.Generator, variant: str) -> dict:
    if variant == "backprop":
        from question_bank.families.derive import verified_parts
        from question_bank.families.identities import DELTA, GRAD_W, UPDATE

        parts = dict(verified_parts("mlp-backprop"))
        steps = parts["grad-W"] + parts["grad-b"] + parts["delta"]
        answers = (Answer("1", None, catalog=("mlp-backprop", "grad-W"), typed=GRAD_W, points=5),
                   Answer("2", None, catalog=("mlp-backprop", "grad-b"), typed=("delta^(l)", "\\delta^{(l)}"), points=5),
                   Answer("3", None, catalog=("mlp-backprop", "delta"), typed=DELTA, points=5),
                   Answer("4", None, catalog=("mlp-backprop", "update-W"), typed=UPDATE, points=5))
        return {"answers": answers, "_steps": steps}
    from question_bank.families.worked import verified_steps

    answers = (Answer("1", None, check=Check(reference=LAGRANGIAN[0], shapes=KKT_SHAPES), typed=LAGRANGIAN, points=3),
               Answer("2", None, catalog=("sparsemax-kkt", "stationarity"), typed=("p - z - mu + tau 1", "p - z - \\mu + \\tau \\mathbf{1}"), points=4),
               Answer("3", None, catalog=("sparsemax-kkt", "tau"),
                      typed=("(s^T z - 1) / (1^T s)", "\\frac{s^{\\top} z - 1}{\\mathbf{1}^{\\top} s}"), points=3))
    return {"answers": answers, "_steps": verified_steps("sparsemax-kkt")}
