"""Fully connected networks: backpropagation, batches, why linear layers collapse (CATALOG A, C; lecture ch. 2, 4)."""

from __future__ import annotations

import numpy as np

from derivations.catalog.numeric import central_difference, rel
from derivations.catalog.model import Entry, MalRule, Part


def check_against_network() -> tuple[float, float]:
    """δ⁽ˡ⁾ = f'(z⁽ˡ⁾) ∘ W⁽ˡ⁺¹⁾ᵀδ⁽ˡ⁺¹⁾, ∂J/∂W⁽ˡ⁾ = δ⁽ˡ⁾a⁽ˡ⁻¹⁾ᵀ and δ⁽ᴸ⁾ = (a − y) ∘ σ'(z) on one example equal
    checker.networks.MLP's backpropagation (3 layers, sigmoid, ½‖a − y‖²)."""
    from checker.networks import MLP

    net = MLP([4, 5, 3, 2], "sigmoid", "mse", seed=7)
    params, x, y = net.example(batch=1)
    _, grads = net.loss_and_grads(params, x, y)
    sig = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    a, zs = [x], []
    for i in (1, 2, 3):
        zs.append(params[f"W{i}"] @ a[-1] + params[f"b{i}"])
        a.append(sig(zs[-1]))
    delta = (a[3] - y) * a[3] * (1 - a[3])
    worst = 0.0
    for i in (3, 2, 1):
        worst = max(worst, rel(delta @ a[i - 1].T, grads[f"W{i}"]), rel(delta, grads[f"b{i}"]))
        if i > 1:
            delta = a[i - 1] * (1 - a[i - 1]) * (params[f"W{i}"].T @ delta)
    return worst, 1e-12


# the network around layer l, as the course writes it (lecture ch. 2; seed 004)
LAYER_L1 = ("a^(l) = f(z^(l))", "z^(l+1) = W^(l+1) a^(l) + b^(l+1)")
# layer l's own pre-activation, through which ∂J/∂W^(l) and ∂J/∂b^(l) are derived (dz^(l) = dW^(l) a^(l-1) + db^(l))
LAYER_L = ("z^(l) = W^(l) a^(l-1) + b^(l)",)
# J changes through z^(l+1) only, by dJ = Tr(δ^(l+1)ᵀ dz^(l+1)): that is what δ^(l+1) = ∂J/∂z^(l+1) means,
# so the function of the step checker is J ≈ δ^(l+1)ᵀ z^(l+1) with the network substituted.
DELTA_PROOF = (
    ("dJ = tr(delta^(l+1)^T dz^(l+1))", "definition of the residual: δ^(l+1) = ∂J/∂z^(l+1), so dJ = Tr(δ^(l+1)ᵀ dz^(l+1))"),
    ("= tr(delta^(l+1)^T W^(l+1) da^(l))", "chain rule through z^(l+1) = W^(l+1)a^(l) + b^(l+1): dz^(l+1) = W^(l+1) da^(l)"),
    ("= tr(delta^(l+1)^T W^(l+1) (f'(z^(l)) .* dz^(l)))", "chain rule through a^(l) = f(z^(l)): da^(l) = f'(z^(l)) ∘ dz^(l)"),
    ("= tr((W^(l+1)^T delta^(l+1) .* f'(z^(l)))^T dz^(l))", "Tr(Aᵀ(B∘C)) = Tr((A∘B)ᵀC)"),
    ("delta^(l) = f'(z^(l)) .* (W^(l+1)^T delta^(l+1))", "read off δ^(l) = ∂J/∂z^(l) from dJ = Tr(δ^(l)ᵀ dz^(l))"),
)

ENTRIES = (
    Entry(
        id="mlp-backprop",
        topic="mlp",
        title={"en": "Backpropagation in a multilayer network", "zh": "多层网络的反向传播"},
        statement={
            "en": "With z⁽ˡ⁾ = W⁽ˡ⁾a⁽ˡ⁻¹⁾ + b⁽ˡ⁾, a⁽ˡ⁾ = f(z⁽ˡ⁾) and δ⁽ˡ⁾ = ∂J/∂z⁽ˡ⁾: δ⁽ˡ⁾ = f'(z⁽ˡ⁾) ∘ (W⁽ˡ⁺¹⁾ᵀδ⁽ˡ⁺¹⁾), ∂J/∂W⁽ˡ⁾ = δ⁽ˡ⁾a⁽ˡ⁻¹⁾ᵀ, ∂J/∂b⁽ˡ⁾ = δ⁽ˡ⁾. At the output, δ⁽ᴸ⁾ = (a⁽ᴸ⁾ − y) ∘ σ'(z⁽ᴸ⁾) for ½‖a − y‖² with sigmoid, and a⁽ᴸ⁾ − y for softmax with cross-entropy. An SGD step with L2 weight decay: W ← W − α(δaᵀ + λW).",
            "zh": "设 z⁽ˡ⁾ = W⁽ˡ⁾a⁽ˡ⁻¹⁾ + b⁽ˡ⁾，a⁽ˡ⁾ = f(z⁽ˡ⁾)，δ⁽ˡ⁾ = ∂J/∂z⁽ˡ⁾，则 δ⁽ˡ⁾ = f'(z⁽ˡ⁾) ∘ (W⁽ˡ⁺¹⁾ᵀδ⁽ˡ⁺¹⁾)，∂J/∂W⁽ˡ⁾ = δ⁽ˡ⁾a⁽ˡ⁻¹⁾ᵀ，∂J/∂b⁽ˡ⁾ = δ⁽ˡ⁾。输出层：对 Sigmoid 加 ½‖a − y‖²，δ⁽ᴸ⁾ = (a⁽ᴸ⁾ − y) ∘ σ'(z⁽ᴸ⁾)；对 Softmax 加交叉熵，δ⁽ᴸ⁾ = a⁽ᴸ⁾ − y。带 L2 权重衰减的 SGD：W ← W − α(δaᵀ + λW)。",
        },
        asked=("derivation", "proof"),
        symbols=("W^(l): n_l x n_{l-1}, W^(l+1): n_{l+1} x n_l, b^(l): n_l, z^(l): n_l, a^(l-1): n_{l-1}, "
                 "delta^(l): n_l, delta^(l+1): n_{l+1}, b^(l+1): n_{l+1}, a^(L): n_L, z^(L): n_L, y: n_L probability, alpha: scalar, lambda: scalar"),
        parts=(
            Part("delta", "n_l", "f'(z^(l)) .* (W^(l+1)^T delta^(l+1))", kind="gradient",
                 function="delta^(l+1)^T z^(l+1)", wrt="z^(l)", network=LAYER_L1, labels=("delta^(l)",), proof=DELTA_PROOF, malrules=(
                MalRule("missing-term", "W^(l+1)^T delta^(l+1)", {
                    "en": "The factor f'(z⁽ˡ⁾) is missing: the residual passes through the activation a⁽ˡ⁾ = f(z⁽ˡ⁾), so the chain rule multiplies elementwise by f'(z⁽ˡ⁾).",
                    "zh": "少了因子 f'(z⁽ˡ⁾)：残差要经过激活 a⁽ˡ⁾ = f(z⁽ˡ⁾)，链式法则要逐元素乘以 f'(z⁽ˡ⁾)。"}),
            )),
            Part("grad-W", "n_l x n_{l-1}", "delta^(l) a^(l-1)^T", kind="gradient", function="delta^(l)^T (W^(l) a^(l-1) + b^(l))", wrt="W^(l)", network=LAYER_L, malrules=(
                MalRule("missing-transpose", "delta^(l) a^(l-1)", {
                    "en": "δa (as the course notes print it) multiplies two columns and is undefined; the outer product δaᵀ has the shape of W.",
                    "zh": "δa（讲义的印法）是两个列向量相乘，没有定义；外积 δaᵀ 才与 W 同形。"}),
            )),
            Part("grad-b", "n_l", "delta^(l)", kind="gradient", function="delta^(l)^T (W^(l) a^(l-1) + b^(l))", wrt="b^(l)", network=LAYER_L),
            Part("output-delta-mse", "n_L", "(a^(L) - y) .* sigmoid'(z^(L))", where="a^(L) = sigmoid(z^(L))", kind="gradient",
                 function="1/2 ||sigmoid(z^(L)) - y||^2", wrt="z^(L)", labels=("delta^(L)",)),
            Part("output-delta-ce", "n_L", "a^(L) - y", where="a^(L) = softmax(z^(L))", kind="gradient",
                 function="-y^T log(softmax(z^(L)))", wrt="z^(L)", labels=("delta^(L)",)),
            Part("update-W", "n_l x n_{l-1}", "W^(l) - alpha (delta^(l) a^(l-1)^T + lambda W^(l))", labels=("W^(l)",)),
        ),
        core=True,
        checks=(check_against_network,),
        verified_against="checker.networks.MLP (backpropagation)",
    ),
    Entry(
        id="mlp-batch-backprop",
        topic="mlp",
        title={"en": "Backpropagation for a mini-batch in matrix form", "zh": "小批量反向传播的矩阵形式"},
        statement={
            "en": "With the batch as columns, Z = WA + b1ᵀ (A is n_{l−1}×N) and the loss the mean over the N examples, the residuals form a matrix Δ (n_l×N) and ∂J/∂W = (1/N)ΔAᵀ, ∂J/∂b = (1/N)Δ1: the per-example formulas summed over columns.",
            "zh": "把一批样本按列排成矩阵，Z = WA + b1ᵀ（A 为 n_{l−1}×N），损失取 N 个样本的平均，则残差构成矩阵 Δ（n_l×N），∂J/∂W = (1/N)ΔAᵀ，∂J/∂b = (1/N)Δ1：即逐样本公式按列求和。",
        },
        asked=("derivation",),
        symbols="W: n_l x n_{l-1}, b: n_l, A: n_{l-1} x N, Delta: n_l x N, N: scalar positive",
        parts=(
            Part("grad-W", "n_l x n_{l-1}", "Delta A^T / N", kind="gradient", function="tr(Delta^T (W A + b 1^T)) / N", wrt="W",
                 network=("Z = W A + b 1^T",)),
            Part("grad-b", "n_l", "Delta 1 / N", kind="gradient", function="tr(Delta^T (W A + b 1^T)) / N", wrt="b",
                 network=("Z = W A + b 1^T",)),
        ),
    ),
    Entry(
        id="linear-network-collapse", topic="mlp",
        title={"en": "Stacked linear layers are one linear layer", "zh": "堆叠的线性层等价于一个线性层"},
        statement={"en": "W2(W1x + b1) + b2 = (W2W1)x + (W2b1 + b2): without a nonlinearity, depth adds no expressive power.",
                   "zh": "W2(W1x + b1) + b2 = (W2W1)x + (W2b1 + b2)：没有非线性激活，加深网络并不增加表达能力。"},
        asked=("proof",), symbols="W1: h x n, b1: h, W2: m x h, b2: m, x: n",
        parts=(Part("collapsed", "m", "(W2 W1) x + (W2 b1 + b2)"),),
        identities=("W2 (W1 x + b1) + b2 = (W2 W1) x + (W2 b1 + b2)",),
    ),
)
