"""Activation functions and their derivatives, maxout (CATALOG B, C; lecture ch. 3, 4).

An elementwise derivative f'(z) is the gradient of Σᵢ f(zᵢ), which is how each is verified."""

from __future__ import annotations

import numpy as np

from derivations.catalog.numeric import central_difference, rel
from derivations.catalog.model import Entry, Part


def _entry(id: str, title: dict[str, str], statement: dict[str, str], symbols: str, f: str, derivative: str, *,
           jacobian: str | None = None, why: str = "", proof: Proof | None = None) -> Entry:
    steps = ((f"f = sum({f})", "an elementwise derivative is the gradient of Σᵢ f(zᵢ)"),
             (f"df = sum(({derivative}) .* dz)", why), ("grad = " + derivative, "read off G")) if why else ()
    parts = [Part("derivative", "n", derivative, kind="gradient", function=f"sum({f})", wrt="z", kink_aware=True, steps=steps,
                  proof=_derivative_proof(proof, derivative) if proof else ())]
    if jacobian:
        parts.append(Part("jacobian", "n x n", jacobian, kind="jacobian", function=f, wrt="z",
                          proof=_jacobian_proof(proof, derivative, jacobian) if proof else ()))
    return Entry(id=id, topic="activations", title=title, statement=statement, asked=("derivative",), symbols=symbols, parts=tuple(parts))


# A proof from the definition: the definition, then differentials (expression, rule) down to f'(z) ∘ dz.
Proof = tuple[tuple[str, str], tuple[tuple[str, str], ...]]

SIGMOID_PROOF: Proof = (
    ("1 ./ (1 + exp(-z))", "definition: σ(z) = 1/(1 + e^{−z}), elementwise"),
    (("exp(-z) ./ (1 + exp(-z)).^2 .* dz", "d(1/u) = −du/u² with u = 1 + e^{−z}, du = −e^{−z} ∘ dz"),
     ("(1 ./ (1 + exp(-z))) .* (exp(-z) ./ (1 + exp(-z))) .* dz", "split the fraction"),
     ("sigmoid(z) .* (1 - sigmoid(z)) .* dz", "e^{−z}/(1 + e^{−z}) = 1 − 1/(1 + e^{−z}) = 1 − σ(z)")),
)
TANH_PROOF: Proof = (
    ("(exp(z) - exp(-z)) ./ (exp(z) + exp(-z))", "definition: tanh z = (e^z − e^{−z})/(e^z + e^{−z}), elementwise"),
    (("((exp(z) + exp(-z)).^2 - (exp(z) - exp(-z)).^2) ./ (exp(z) + exp(-z)).^2 .* dz",
      "quotient rule d(u/v) = (v du − u dv)/v², with du = (e^z + e^{−z}) ∘ dz, dv = (e^z − e^{−z}) ∘ dz"),
     ("(1 - ((exp(z) - exp(-z)) ./ (exp(z) + exp(-z))).^2) .* dz", "divide both terms by (e^z + e^{−z})²"),
     ("(1 - tanh(z).^2) .* dz", "the definition of tanh")),
)


def _derivative_proof(proof: Proof, derivative: str) -> tuple[tuple[str, str], ...]:
    (definition, why), steps = proof
    lines = [(f"f = sum({definition})", why + "; the elementwise derivative is the gradient of the sum")]
    lines += [(("df = " if k == 0 else "= ") + f"sum({expr})", rule) for k, (expr, rule) in enumerate(steps)]
    lines += [(f"= tr(({derivative})^T dz)", "sum(u ∘ v) = Tr(uᵀv)"), (f"grad = {derivative}", "read off G")]
    return tuple(lines)


def _jacobian_proof(proof: Proof, derivative: str, jacobian: str) -> tuple[tuple[str, str], ...]:
    (definition, why), steps = proof
    lines = [(f"f = {definition}", why)]
    lines += [(("df = " if k == 0 else "= ") + expr, rule) for k, (expr, rule) in enumerate(steps)]
    lines += [(f"= {jacobian} dz", "u ∘ v = diag(u) v"), (f"jac = {jacobian}", "read off J")]
    return tuple(lines)


def check_maxout_against_network() -> tuple[float, float]:
    """∇ₓh = Wᵀ e_{k*} for one maxout unit equals checker.networks.Maxout's backward."""
    from checker.networks import Maxout

    rng = np.random.default_rng(11)
    layer = Maxout(4, 1, pieces=3, rng=rng)
    x = rng.standard_normal((4, 1))
    layer.forward(x)
    W = layer.params["W"][:, 0, :]  # the pieces' rows w_kᵀ
    winner = int(layer.winner[0, 0])
    return rel(layer.backward(np.ones((1, 1))), W[winner].reshape(-1, 1)), 1e-12


ENTRIES = (
    _entry("sigmoid-derivative", {"en": "Derivative of the sigmoid", "zh": "Sigmoid 的导数"},
           {"en": "σ(z) = 1/(1 + e^{−z}) has σ'(z) = σ(z)(1 − σ(z)); applied elementwise to a vector its Jacobian is diag(σ(z) ∘ (1 − σ(z))). It is at most 1/4, which is why deep sigmoid networks saturate.",
            "zh": "σ(z) = 1/(1 + e^{−z}) 的导数为 σ'(z) = σ(z)(1 − σ(z))；逐元素作用于向量时雅可比矩阵为 diag(σ(z) ∘ (1 − σ(z)))。导数最大为 1/4，这也是深层 Sigmoid 网络容易饱和的原因。"},
           "z: n", "sigmoid(z)", "sigmoid(z) .* (1 - sigmoid(z))", jacobian="diag(sigmoid(z) .* (1 - sigmoid(z)))",
           proof=SIGMOID_PROOF),
    _entry("tanh-derivative", {"en": "Derivative of tanh", "zh": "tanh 的导数"},
           {"en": "tanh'(z) = 1 − tanh²(z), elementwise.", "zh": "tanh'(z) = 1 − tanh²(z)，逐元素成立。"},
           "z: n", "tanh(z)", "1 - tanh(z).^2", jacobian="diag(1 - tanh(z).^2)", proof=TANH_PROOF),
    _entry("relu-derivative", {"en": "Derivative of ReLU", "zh": "ReLU 的导数"},
           {"en": "relu(z) = max(0, z) has derivative I(z > 0); at z = 0 any value in [0, 1] is a subgradient (the lecture's I(z ≥ 0) is accepted).",
            "zh": "relu(z) = max(0, z) 的导数为 I(z > 0)；在 z = 0 处 [0, 1] 中任意值都是次梯度（讲义中的 I(z ≥ 0) 也算对）。"},
           "z: n", "relu(z)", "I(z > 0)",
           why="away from 0, max(0, z) is z where z > 0 and 0 where z < 0"),  # a case split, not relu's own rule
    _entry("leaky-relu-derivative", {"en": "Derivative of leaky ReLU", "zh": "Leaky ReLU 的导数"},
           {"en": "For 0 < α < 1, f(z) = max(αz, z) has f'(z) = 1 where z > 0 and α where z < 0.",
            "zh": "当 0 < α < 1 时，f(z) = max(αz, z) 在 z > 0 处导数为 1，在 z < 0 处为 α。"},
           "z: n, alpha: scalar fraction", "max(alpha z, z)", "I(z > 0) + alpha I(z < 0)",
           why="away from 0, max(αz, z) is z where z > 0 and αz where z < 0"),
    _entry("elu-derivative", {"en": "Derivative of ELU", "zh": "ELU 的导数"},
           {"en": "f(z) = z for z ≥ 0 and α(e^z − 1) for z < 0; f'(z) = 1 for z ≥ 0 and αe^z = f(z) + α for z < 0.",
            "zh": "f(z) 在 z ≥ 0 时为 z，在 z < 0 时为 α(e^z − 1)；f'(z) 在 z ≥ 0 时为 1，在 z < 0 时为 αe^z = f(z) + α。"},
           "z: n, alpha: scalar positive", "I(z >= 0) .* z + alpha I(z < 0) .* (exp(z) - 1)", "I(z >= 0) + alpha I(z < 0) .* exp(z)",
           why="the indicators are constant away from 0; d(α(e^z − 1)) = αe^z dz"),
    Entry(
        id="maxout-gradient", topic="activations",
        title={"en": "Gradient of a maxout unit", "zh": "maxout 单元的梯度"},
        statement={"en": "h = max_k(w_kᵀx + b_k); with the rows w_kᵀ stacked in W, ∇ₓh = w_{k*} for the winning k*, i.e. Wᵀ times the one-hot of the winner.",
                   "zh": "h = max_k(w_kᵀx + b_k)；把各 w_kᵀ 作为 W 的行，则 ∇ₓh = w_{k*}（k* 为取得最大值的那一路），即 Wᵀ 乘以获胜者的 one-hot 向量。"},
        asked=("gradient",), symbols="W: k x n, b: k, x: n",
        parts=(Part("gradient", "n", "W^T I(W x + b >= max(W x + b))", kind="gradient", function="max(W x + b)", wrt="x", kink_aware=True, steps=(
            ("f = max(W x + b)", "h is the largest of the k affine pieces"),
            ("df = I(W x + b >= max(W x + b))^T W dx", "away from ties one piece k* wins: d max(u) = e_{k*}ᵀ du, du = W dx"),
            ("df = tr((W^T I(W x + b >= max(W x + b)))^T dx)", "a scalar is its own trace; (e_{k*}ᵀW)ᵀ = Wᵀe_{k*}"),
            ("grad = W^T I(W x + b >= max(W x + b))", "read off G: the winning row w_{k*}"),
        )),),
        checks=(check_maxout_against_network,),
        verified_against="checker.networks.Maxout (backward)",
    ),
)
