"""Activations, output units, backpropagation, convolution, recurrent networks and training
(CATALOG B–G; lecture ch. 3–7). Numeric facts are measured on checker.networks when the sheet is built."""

from __future__ import annotations

import numpy as np

from question_bank.cheatsheet.content.matrix import f, note
from question_bank.cheatsheet.kinds import CatalogFact, CatalogIdentity, CatalogPart, Definition, EntryCheck
from question_bank.cheatsheet.model import Item, Section


def _net():  # type: ignore[no-untyped-def]
    import checker.networks as networks

    return networks


def _layer(cls: str, *args: float):  # type: ignore[no-untyped-def]
    return lambda z: getattr(_net(), cls)(*args).forward(z)


def row(plot: str, *specs) -> Item:  # type: ignore[no-untyped-def]
    return Item(plot=plot, row=specs)


ALPHA = 0.1  # leaky ReLU's slope and ELU's α in the definitions' checks and the plots

ACTIVATIONS = Section("activations", {"en": "Activations (solid f, dashed f′)", "zh": "激活函数（实线 f，虚线 f′）"}, (
    row("sigmoid",
        Definition("sigmoid-derivative", r"\sigma(z)", "1 / (1 + exp(-z))", "z: n", lambda z: _net().sigmoid(z), "checker.networks.sigmoid"),
        CatalogPart("sigmoid-derivative", "derivative", lhs=r"\sigma'(z)"),
        CatalogPart("sigmoid-derivative", "jacobian", lhs=r"\frac{\partial\sigma}{\partial z}")),
    row("tanh",
        Definition("tanh-derivative", r"\tanh z", "(exp(z) - exp(-z)) / (exp(z) + exp(-z))", "z: n", np.tanh, "checker.networks.Tanh"),
        CatalogPart("tanh-derivative", "derivative", lhs=r"\tanh'(z)")),
    row("relu",
        Definition("relu-derivative", r"\operatorname{relu}(z)", "max(z, 0)", "z: n", _layer("ReLU"), "checker.networks.ReLU"),
        CatalogPart("relu-derivative", "derivative", lhs=r"\operatorname{relu}'(z)")),
    row("leaky-relu",
        Definition("leaky-relu-derivative", r"f(z)", "max(alpha z, z)", "z: n, alpha: scalar", _layer("LeakyReLU", ALPHA),
                   "checker.networks.LeakyReLU", values={"alpha": ALPHA}),
        CatalogPart("leaky-relu-derivative", "derivative", lhs=r"f'(z)")),
    row("elu",
        Definition("elu-derivative", r"f(z)", "I(z >= 0) .* z + alpha I(z < 0) .* (exp(z) - 1)", "z: n, alpha: scalar",
                   _layer("ELU", ALPHA), "checker.networks.ELU", values={"alpha": ALPHA}),
        CatalogPart("elu-derivative", "derivative", lhs=r"f'(z)")),
    note("$\\sigma'\\le\\frac14$: deep sigmoid nets saturate; ReLU units die when $z<0$ always (leaky ReLU, ELU help).",
         "$\\sigma'\\le\\frac14$：深层 sigmoid 网络易饱和；ReLU 在 $z$ 恒为负时“死亡”（可用 leaky ReLU、ELU）。"),
))


def _sparse_values() -> dict[str, np.ndarray]:
    z = np.array([[1.2], [0.9], [-0.4], [0.3], [-1.1]])
    p = _net().sparsemax(z)
    return {"z": z, "s": (p > 0).astype(float), "tau": float((z - p)[p > 0][0]), "p": p}


OUTPUT = Section("output", {"en": "Softmax, cross-entropy, sparsemax", "zh": "softmax、交叉熵、sparsemax"}, (
    f(Definition("softmax-jacobian", r"a = \operatorname{softmax}(z)", "exp(z) / (1^T exp(z))", "z: n",
                 lambda z: _net().softmax(z), "checker.networks.softmax")),
    f(CatalogPart("softmax-jacobian", "jacobian", lhs=r"\frac{\partial a}{\partial z}")),
    f(CatalogPart("softmax-cross-entropy-gradient", "gradient", lhs=r"\nabla_{z}(-\log a_y)")),
    f(CatalogPart("logistic-regression-gradient", "gradient", lhs=r"\nabla_{w}\ell_{\text{logistic}}")),
    note("sparsemax$(z)=\\operatorname{argmin}_{p\\in\\Delta}\\frac12\\lVert p-z\\rVert^2$, "
         "$L=\\frac12\\lVert p-z\\rVert^2-\\mu^{\\top}p+\\tau(\\mathbf 1^{\\top}p-1)$; KKT:",
         "sparsemax$(z)=\\operatorname{argmin}_{p\\in\\Delta}\\frac12\\lVert p-z\\rVert^2$，"
         "$L=\\frac12\\lVert p-z\\rVert^2-\\mu^{\\top}p+\\tau(\\mathbf 1^{\\top}p-1)$；KKT 条件："),
    f(EntryCheck("sparsemax-kkt", "check_kkt",
                 r"p-z-\mu+\tau\mathbf 1=0,\; \mathbf 1^{\top}p=1,\; p\ge 0,\; \mu\ge 0,\; \mu_i p_i=0")),
    f(CatalogFact("sparsemax-kkt", "tau", _sparse_values, lambda v: v["tau"], "checker.networks.sparsemax", r"\tau",
                  label={"en": "s: 0/1 indicator of the support S", "zh": "s：支撑集 S 的 0/1 指示向量"})),
    f(CatalogFact("sparsemax-kkt", "solution", _sparse_values, lambda v: v["p"], "checker.networks.sparsemax",
                  r"p = [z-\tau\mathbf 1]_{+}")),
    f(CatalogPart("sparsemax-jacobian", "jacobian", lhs=r"\frac{\partial p}{\partial z}")),
))

BACKPROP = Section("backprop", {"en": "MLP backpropagation", "zh": "多层感知机反向传播"}, (
    note("$z^{(l)}=W^{(l)}a^{(l-1)}+b^{(l)}$, $a^{(l)}=f(z^{(l)})$, $\\delta^{(l)}=\\partial J/\\partial z^{(l)}$:",
         "$z^{(l)}=W^{(l)}a^{(l-1)}+b^{(l)}$，$a^{(l)}=f(z^{(l)})$，$\\delta^{(l)}=\\partial J/\\partial z^{(l)}$："),
    f(CatalogPart("mlp-backprop", "delta", lhs=r"\delta^{(l)}")),
    f(CatalogPart("mlp-backprop", "grad-W", lhs=r"\frac{\partial J}{\partial W^{(l)}}")),
    f(CatalogPart("mlp-backprop", "grad-b", lhs=r"\frac{\partial J}{\partial b^{(l)}}")),
    f(CatalogPart("mlp-backprop", "output-delta-mse", lhs=r"\delta^{(L)}",
                  label={"en": "½‖a − y‖², sigmoid output", "zh": "½‖a − y‖²，sigmoid 输出"})),
    f(CatalogPart("mlp-backprop", "output-delta-ce", lhs=r"\delta^{(L)}",
                  label={"en": "softmax + cross-entropy", "zh": "softmax + 交叉熵"})),
    f(CatalogPart("mlp-backprop", "update-W", lhs=r"W^{(l)} \leftarrow",
                  label={"en": "SGD with L2 (b ← b − αδ)", "zh": "带 L2 的 SGD（b ← b − αδ）"},
                  check_as=("delta^(l)^T (W^(l) a^(l-1) + b^(l)) + lambda/2 ||W^(l)||_F^2", "W^(l)", "(W^(l) - ({ref})) / alpha"))),
    f(CatalogPart("mlp-batch-backprop", "grad-W", lhs=r"\frac{\partial J}{\partial W}",
                  label={"en": "batch as columns A, residuals Δ, mean over N", "zh": "批样本按列排成 A，残差 Δ，对 N 取平均"})),
))


def _count_positions(v) -> float:  # type: ignore[no-untyped-def]
    """Slide a K×K window over the M×M map padded by P with stride S, and count the positions in a row."""
    m, k, p, s = (int(v[n]) for n in "MKPS")
    padded = np.pad(np.ones((m, m)), p)
    return float(len([top for top in range(0, padded.shape[0] - k + 1, s)]))


def _conv_size(mode: str):  # type: ignore[no-untyped-def]
    return lambda v: float(_net().conv2d(np.ones((int(v["M"]),) * 2), np.ones((int(v["K"]),) * 2), mode).shape[0])


SIZES = {"M": 7, "K": 3, "P": 1, "S": 2}

CONV = Section("conv", {"en": "Convolution and pooling", "zh": "卷积与池化"}, (
    note("Convolution (kernel flipped, Matlab conv2): $z_{l+1}=\\operatorname{conv2}(a_l,\\omega,\\text{valid})+b\\mathbf 1\\mathbf 1^{\\top}$, $a_l=f(z_l)$.",
         "卷积（核翻转，同 Matlab conv2）：$z_{l+1}=\\operatorname{conv2}(a_l,\\omega,\\text{valid})+b\\mathbf 1\\mathbf 1^{\\top}$，$a_l=f(z_l)$。"),
    f(CatalogPart("conv-residual", "delta", lhs=r"\delta_{l}")),
    f(CatalogPart("conv-residual", "grad-kernel", lhs=r"\frac{\partial J}{\partial \omega}")),
    f(CatalogPart("conv-residual", "grad-bias", lhs=r"\frac{\partial J}{\partial b}")),
    f(EntryCheck("conv-residual", "check_other_convention",
                 r"\delta_{l}=\operatorname{conv2}(\delta_{l+1},\omega,\text{full})\circ f'(z_{l})",
                 label={"en": "cross-correlation forward: no flip back", "zh": "前向为互相关时：回传不翻转"})),
    f(EntryCheck("pooling-residual", "check_pooling",
                 r"\delta_{l}=\tfrac{1}{s^{2}}\operatorname{kron}(\delta_{l+1},\mathbf 1\mathbf 1^{\top})\circ f'(z_{l})",
                 label={"en": "s×s mean pooling; max pooling routes δ to the arg-max, 0 elsewhere",
                        "zh": "s×s 平均池化；最大池化把 δ 送回最大值位置，其余为 0"})),
    f(CatalogFact("conv-output-size", "narrow", lambda: SIZES, _conv_size("valid"), "checker.networks.conv2d (valid)", r"\text{valid}")),
    f(CatalogFact("conv-output-size", "wide", lambda: SIZES, _conv_size("full"), "checker.networks.conv2d (full)", r"\text{full}")),
    f(CatalogFact("conv-output-size", "same", lambda: SIZES, _conv_size("same"), "checker.networks.conv2d (same)",
                  r"\text{same }(P=\tfrac{K-1}{2})")),
    f(CatalogFact("conv-output-size", "general", lambda: SIZES, _count_positions, "window positions counted",
                  r"\text{pad }P,\text{ stride }S", example=r"M,K,P,S=7,3,1,2")),
))

RNN = Section("rnn", {"en": "RNN (BPTT) and LSTM", "zh": "RNN（BPTT）与 LSTM"}, (
    note("$z_t=Uh_{t-1}+Wx_t+b$, $h_t=f(z_t)$, $\\delta_{t,k}=\\partial L_t/\\partial z_k$:",
         "$z_t=Uh_{t-1}+Wx_t+b$，$h_t=f(z_t)$，$\\delta_{t,k}=\\partial L_t/\\partial z_k$："),
    f(CatalogPart("rnn-bptt", "delta", lhs=r"\delta_{t,k}")),
    f(EntryCheck("rnn-bptt", "check_against_network",
                 r"\frac{\partial L}{\partial U}=\sum_{t}\sum_{k\le t}\delta_{t,k}h_{k-1}^{\top}")),
    f(EntryCheck("rnn-bptt", "check_bptt_growth",
                 r"\lVert\delta_{t,k}\rVert\approx\gamma^{t-k}\lVert\delta_{t,t}\rVert,\; \gamma\approx\lVert\operatorname{diag}(f')U^{\top}\rVert",
                 label={"en": "γ > 1 explodes (clip), γ < 1 vanishes (LSTM gates)", "zh": "γ > 1 爆炸（梯度裁剪），γ < 1 消失（LSTM 门控）"})),
    f(CatalogFact("lstm-parameter-count", "count", lambda: {"d": 10, "h": 20}, lambda v: _net().LSTMCell(10, 20).count(),
                  "checker.networks.LSTMCell (parameters counted)", r"\#_{\text{LSTM}}", example=r"d=10,h=20",
                  label={"en": "4 gates × (input h×d, recurrent h×h, bias h)", "zh": "4 个门 ×（输入 h×d、循环 h×h、偏置 h）"})),
))


def _monte_carlo_dropout(v) -> np.ndarray:  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(0)
    masks = rng.random((200_000, 3)) >= v["p"]
    return (masks * np.asarray(v["a"]).ravel()).mean(axis=0)


def _monte_carlo_glorot(v) -> float:  # type: ignore[no-untyped-def]
    bound = np.sqrt(6.0) / np.sqrt(v["fan_in"] + v["fan_out"])
    return float(np.random.default_rng(0).uniform(-bound, bound, 400_000).var())


def _monte_carlo_batch(v) -> float:  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(1)
    return float(rng.normal(0.0, np.sqrt(v["sigma2"]), size=(40_000, int(v["B"]))).mean(axis=1).var())


TRAINING = Section("training", {"en": "Batch norm, dropout, initialisation", "zh": "批归一化、Dropout、初始化"}, (
    note("$\\hat x=(x-\\mu_B)/\\sqrt{\\sigma_B^2+\\epsilon}$, $y=\\gamma\\hat x+\\beta$, $g=\\partial L/\\partial y$ over a batch of $N$:",
         "$\\hat x=(x-\\mu_B)/\\sqrt{\\sigma_B^2+\\epsilon}$，$y=\\gamma\\hat x+\\beta$，$g=\\partial L/\\partial y$，批大小 $N$："),
    f(EntryCheck("batchnorm-backward", "check_against_network",
                 r"\frac{\partial L}{\partial x}=\frac{\gamma}{N\sqrt{\sigma_B^2+\epsilon}}\Bigl(Ng-\sum g-\hat x\sum(g\circ\hat x)\Bigr)")),
    f(EntryCheck("batchnorm-backward", "check_batchnorm", r"\gamma=\sqrt{\sigma_B^2},\; \beta=\mu_B\; (\epsilon=0)\Rightarrow y=x",
                 label={"en": "BN can undo itself", "zh": "BN 可以还原输入"})),
    f(CatalogFact("dropout-scaling", "expectation", lambda: {"p": 0.2, "a": np.array([[0.5], [-1.0], [2.0]])}, _monte_carlo_dropout,
                  "Monte Carlo, 200,000 Bernoulli masks", r"\mathbb E[m\circ a]", rtol=0.02,
                  label={"en": "drop with prob. p: × (1 − p) at test, or ÷ (1 − p) in training (inverted)",
                         "zh": "以概率 p 丢弃：测试时 × (1 − p)，或训练时 ÷ (1 − p)（inverted）"})),
    f(CatalogFact("glorot-init", "variance", lambda: {"fan_in": 784.0, "fan_out": 500.0}, _monte_carlo_glorot,
                  "Monte Carlo, 400,000 draws of U(−a, a)", r"\operatorname{Var}(W)", rtol=0.02,
                  label={"en": "Glorot: W ~ U(−a, a), a = √6/√(fan_in + fan_out)", "zh": "Glorot：W ~ U(−a, a)，a = √6/√(fan_in + fan_out)"})),
    f(CatalogFact("minibatch-gradient-variance", "variance", lambda: {"sigma2": 2.0, "B": 4.0}, _monte_carlo_batch,
                  "Monte Carlo, 40,000 batches", r"\operatorname{Var}(\bar g_B)", rtol=0.05,
                  label={"en": "mean of B per-sample gradients", "zh": "B 个样本梯度的平均"})),
    f(CatalogPart("l2-penalty-gradient", "gradient", label={"en": "L2 on weights, not biases", "zh": "L2 只加在权重上，不加偏置"})),
))



MORE = Section("more", {"en": "Maxout, autoencoders, attention, RBM", "zh": "Maxout、自编码器、注意力、RBM"}, (
    f(CatalogPart("maxout-gradient", "gradient", lhs=r"\nabla_{x}\max_k(w_k^{\top}x+b_k)",
                  label={"en": "the w of the winning piece k*", "zh": "即获胜一路 k* 的 w"})),
    f(CatalogPart("tied-autoencoder-gradient", "gradient", lhs=r"\nabla_{W} J",
                  label={"en": "tied weights, J = ½‖Wᵀσ(Wx + b) + c − x‖²: decoder + encoder term",
                         "zh": "权重共享，J = ½‖Wᵀσ(Wx + b) + c − x‖²：解码项 + 编码项"})),
    f(CatalogPart("sparse-autoencoder-penalty", "derivative", lhs=r"\frac{\partial\,\beta\,\mathrm{KL}(\rho\Vert\hat\rho)}{\partial\hat\rho}")),
    f(EntryCheck("scaled-dot-product", "check_attention_variance",
                 {"en": r"\operatorname{Var}(x^{\top}q)=D\; \Rightarrow\; \text{scores}/\sqrt{D}",
                  "zh": r"\operatorname{Var}(x^{\top}q)=D\; \Rightarrow\; \text{得分除以}\sqrt{D}"},
                 label={"en": "x, q ∈ ℝᴰ, unit-variance entries: keeps softmax unsaturated", "zh": "x, q ∈ ℝᴰ 各分量方差为 1：避免 softmax 饱和"})),
    f(EntryCheck("rbm-gradient", "check_against_network",
                 r"\frac{\partial\log p(v)}{\partial W}=v\,\sigma(W^{\top}v+b)^{\top}-\mathbb{E}_{\text{model}}[vh^{\top}]",
                 label={"en": "RBM, p(h=1|v) = σ(Wᵀv + b); CD-1: W ← W + α(vhᵀ − v′h′ᵀ)",
                        "zh": "RBM，p(h=1|v) = σ(Wᵀv + b)；CD-1：W ← W + α(vhᵀ − v′h′ᵀ)"})),
))



Z3 = (1.0, 2.0, 3.0)


def _softmax_jacobian_measured(v) -> np.ndarray:  # type: ignore[no-untyped-def]
    """∂a/∂z measured on checker.networks.Softmax: its backward of e_i is row i of the Jacobian."""
    layer = _net().Softmax()
    layer.forward(np.array(Z3).reshape(-1, 1))
    return np.hstack([layer.backward(e.reshape(-1, 1)) for e in np.eye(3)]).T


def _slope_at_zero(cls: str):  # type: ignore[no-untyped-def]
    def measure(v) -> float:  # type: ignore[no-untyped-def]
        layer = getattr(_net(), cls)()
        layer.forward(np.zeros((1, 1)))
        return float(layer.backward(np.ones((1, 1)))[0, 0])
    return measure


WORKED = Section("worked", {"en": "Worked numbers (measured on checker.networks)", "zh": "算例（在 checker.networks 上实测）"}, (
    f(Definition("softmax-jacobian", r"a = \operatorname{softmax}((1,2,3)^{\top})", "exp(z) / (1^T exp(z))", "z: n",
                 lambda z: _net().softmax(z), "checker.networks.softmax", at=Z3)),
    f(CatalogFact("softmax-jacobian", "jacobian", lambda: {"a": _net().softmax(np.array(Z3).reshape(-1, 1))},
                  _softmax_jacobian_measured, "checker.networks.Softmax (backward of each e_i)",
                  r"\frac{\partial a}{\partial z}", symbols="a: K", worked=True)),
    f(CatalogFact("sigmoid-derivative", "derivative", lambda: {"z": np.zeros((1, 1))}, _slope_at_zero("Sigmoid"),
                  "checker.networks.Sigmoid (backward)", r"\max_z\sigma'(z)=\sigma'(0)", worked=True,
                  label={"en": "why sigmoid gradients shrink layer by layer", "zh": "sigmoid 梯度逐层变小的原因"})),
    f(CatalogFact("tanh-derivative", "derivative", lambda: {"z": np.zeros((1, 1))}, _slope_at_zero("Tanh"),
                  "checker.networks.Tanh (backward)", r"\tanh'(0)", worked=True)),
    f(CatalogFact("sparsemax-kkt", "tau", _sparse_values, lambda v: v["tau"], "checker.networks.sparsemax",
                  r"z=(1.2, 0.9, -0.4, 0.3, -1.1)^{\top}:\; \tau", worked=True)),
    f(CatalogFact("sparsemax-kkt", "solution", _sparse_values, lambda v: v["p"], "checker.networks.sparsemax",
                  r"p=\operatorname{sparsemax}(z)", worked=True)),
))

SECTIONS = (ACTIVATIONS, OUTPUT, BACKPROP, CONV, RNN, TRAINING, MORE, WORKED)
