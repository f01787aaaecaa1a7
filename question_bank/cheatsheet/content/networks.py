"""Activations, output units, backpropagation, convolution, recurrent networks and training
(CATALOG B–G; lecture ch. 3–7). Numeric facts are measured on checker.networks when the sheet is built."""

from __future__ import annotations

import numpy as np

from question_bank.cheatsheet.evaluate import evaluate_text

from question_bank.cheatsheet.content.matrix import f, note
from question_bank.cheatsheet.kinds import CatalogFact, CatalogPart, Definition, EntryCheck, Evaluated, Gradient
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
        Definition("elu-derivative", r"f(z)", "max(z, 0) + alpha min(0, exp(z) - 1)", "z: n, alpha: scalar",
                   _layer("ELU", ALPHA), "checker.networks.ELU", values={"alpha": ALPHA}),
        CatalogPart("elu-derivative", "derivative", lhs=r"f'(z)")),
    note("$\\sigma'\\le\\frac14$: deep sigmoid nets saturate; ReLU units die when $z<0$ always (leaky ReLU, ELU help).",
         "$\\sigma'\\le\\frac14$：深层 sigmoid 网络易饱和；ReLU 在 $z$ 恒为负时“死亡”（可用 Leaky ReLU、ELU）。"),
))


def _support_values() -> dict[str, np.ndarray]:
    """z, and the support s found by the sheet's rule (sort, grow S while 1 + k z_(k) > Σ_{j≤k} z_(j));
    τ as the reference network's sparsemax gives it, for the check."""
    z = np.array([[0.4], [1.5], [-0.7], [1.1], [0.8], [-0.2]])
    order = np.sort(z.ravel())[::-1]
    k = max(k for k in range(1, len(order) + 1) if 1 + k * order[k - 1] > order[:k].sum())
    s = (z >= order[k - 1]).astype(float)
    p = _net().sparsemax(z)
    return {"z": z, "s": s, "tau": float((z - p)[p > 0][0])}


def _sparse_values() -> dict[str, np.ndarray]:
    z = np.array([[1.2], [0.9], [-0.4], [0.3], [-1.1]])
    p = _net().sparsemax(z)
    return {"z": z, "s": (p > 0).astype(float), "tau": float((z - p)[p > 0][0]), "p": p}


OUTPUT = Section("output", {"en": "Softmax, cross-entropy, Sparsemax", "zh": "Softmax、交叉熵、Sparsemax"}, (
    f(Definition("softmax-jacobian", r"a = \operatorname{softmax}(z)", "exp(z) / (1^T exp(z))", "z: n",
                 lambda z: _net().softmax(z), "checker.networks.softmax")),
    f(CatalogPart("softmax-jacobian", "jacobian", lhs=r"\frac{\partial a}{\partial z}")),
    f(CatalogPart("softmax-cross-entropy-gradient", "gradient", lhs=r"\nabla_{z}(-\log a_y)")),
    f(CatalogPart("logistic-regression-gradient", "gradient", lhs=r"\nabla_{w}\ell_{\text{logistic}}")),
    note("sparsemax$(z)=\\operatorname{argmin}_{p\\in\\Delta}\\frac12\\lVert p-z\\rVert^2$, "
         "$L=\\frac12\\lVert p-z\\rVert^2-\\mu^{\\top}p+\\tau(\\mathbf{1}^{\\top}p-1)$; KKT:",
         "sparsemax$(z)=\\operatorname{argmin}_{p\\in\\Delta}\\frac12\\lVert p-z\\rVert^2$，"
         "$L=\\frac12\\lVert p-z\\rVert^2-\\mu^{\\top}p+\\tau(\\mathbf{1}^{\\top}p-1)$；KKT 条件："),
    f(EntryCheck("sparsemax-kkt", "check_kkt",
                 r"p-z-\mu+\tau\mathbf{1}=0,\; \mathbf{1}^{\top}p=1,\; p\ge 0,\; \mu\ge 0,\; \mu_i p_i=0")),
    f(CatalogFact("sparsemax-kkt", "tau", _sparse_values, lambda v: v["tau"], "checker.networks.sparsemax", r"\tau",
                  label={"en": "s: 0/1 indicator of the support S", "zh": "s：支撑集 S 的 0/1 指示向量"})),
    f(CatalogFact("sparsemax-kkt", "solution", _sparse_values, lambda v: v["p"], "checker.networks.sparsemax",
                  r"p = [z-\tau\mathbf{1}]_{+}")),
    f(Evaluated("sparsemax-kkt", "support", r"\tau", "(1^T (s .* z) - 1) / (1^T s)", "z: n, s: n", _support_values,
                lambda v: v["tau"], "checker.networks.sparsemax",
                label={"en": "support: sort $z_{(1)}\\ge z_{(2)}\\ge\\dots$, grow $S$ while $1+k\\,z_{(k)}>\\sum_{j\\le k}z_{(j)}$",
                       "zh": "支撑集：将 $z$ 降序排列 $z_{(1)}\\ge z_{(2)}\\ge\\dots$，当 $1+k\\,z_{(k)}>\\sum_{j\\le k}z_{(j)}$ 时把第 $k$ 个放入 $S$"})),
    f(CatalogPart("sparsemax-jacobian", "jacobian", lhs=r"\frac{\partial p}{\partial z}")),
    note("Output unit, its distribution and loss: always $\\delta^{(L)}=\\nabla_z J=a-y$:",
         "输出单元、对应分布与损失：三者都有 $\\delta^{(L)}=\\nabla_z J=a-y$："),
    f(Gradient("softmax-cross-entropy-gradient", "linear-gaussian", "1/2 ||z - y||^2", "z", "z: n, y: n", "z - y",
               r"J=\tfrac12\lVert z-y\rVert^2\;\Rightarrow\;\delta^{(L)}",
               label={"en": "linear $a=z$ · Gaussian", "zh": "线性 $a=z$ · 高斯分布"})),
    f(Gradient("logistic-regression-gradient", "sigmoid-bernoulli", "-(y log(sigmoid(z)) + (1 - y) log(1 - sigmoid(z)))", "z",
               "z: scalar, y: scalar", "sigmoid(z) - y", r"J=-y\log a-(1-y)\log(1-a)\;\Rightarrow\;\delta^{(L)}",
               label={"en": "sigmoid $a=\\sigma(z)$ · Bernoulli", "zh": "sigmoid $a=\\sigma(z)$ · 伯努利分布"})),
    f(Gradient("softmax-cross-entropy-gradient", "softmax-categorical", "-e_y^T log(softmax(z))", "z", "z: n",
               "softmax(z) - e_y", r"J=-\log a_y\;\Rightarrow\;\delta^{(L)}",
               label={"en": "softmax · categorical, $y=e_y$ one-hot", "zh": "Softmax · 类别分布，$y=e_y$ 为独热向量"})),
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


CONV_SYMBOLS = "omega: k x k, delta_{l+1}: p x p, z_l: (p+k-1) x (p+k-1)"


def _conv_values() -> dict[str, np.ndarray]:
    rng = np.random.default_rng(3)
    return {"omega": rng.standard_normal((2, 2)), "delta_{l+1}": rng.standard_normal((3, 3)), "z_l": rng.standard_normal((4, 4))}

CONV = Section("conv", {"en": "Convolution and pooling", "zh": "卷积与池化"}, (
    note("Convolution (kernel flipped, $\\operatorname{conv2}$): $z_{l+1}=\\operatorname{conv2}(a_l,\\omega,\\text{valid})+b\\mathbf{1}\\mathbf{1}^{\\top}$, $a_l=f(z_l)$.",
         "卷积（核翻转，即 $\\operatorname{conv2}$）：$z_{l+1}=\\operatorname{conv2}(a_l,\\omega,\\text{valid})+b\\mathbf{1}\\mathbf{1}^{\\top}$，$a_l=f(z_l)$。"),
    f(CatalogPart("conv-residual", "delta", lhs=r"\delta_{l}")),
    f(CatalogPart("conv-residual", "grad-kernel", lhs=r"\frac{\partial J}{\partial \omega}")),
    f(CatalogPart("conv-residual", "grad-bias", lhs=r"\frac{\partial J}{\partial b}")),
    f(Evaluated("conv-residual", "course-form", r"\delta_{l}=(\tilde\omega*\delta_{l+1})\circ f'(z_{l})",
                "conv2(rot180(omega), delta_{l+1}, 'full') .* f'(z_l)", CONV_SYMBOLS, _conv_values,
                lambda v: evaluate_text("conv2(delta_{l+1}, rot180(omega), 'full') .* f'(z_l)", CONV_SYMBOLS, v),
                "the catalog's δ (itself checked by finite differences), kernel second",
                label={"en": "as the notes write it, $\\tilde\\omega$ = rot90(ω, 2): r1 = conv2(rot90(w,2), r2, 'full') .* f'(z1)",
                       "zh": "讲义写法，$\\tilde\\omega$ 即 rot90(ω, 2)：r1 = conv2(rot90(w,2), r2, 'full') .* f'(z1)"})),
    f(EntryCheck("conv-residual", "check_other_convention",
                 r"\delta_{l}=\operatorname{conv2}(\delta_{l+1},\omega,\text{full})\circ f'(z_{l})",
                 label={"en": "cross-correlation forward: no flip back", "zh": "前向为互相关时：回传不翻转"})),
    f(EntryCheck("pooling-residual", "check_pooling",
                 r"\delta_{l}=\tfrac{1}{s^{2}}\operatorname{kron}(\delta_{l+1},\mathbf{1}\mathbf{1}^{\top})\circ f'(z_{l})",
                 label={"en": "s×s mean pooling; max pooling routes δ to the arg-max, 0 elsewhere",
                        "zh": "s×s 平均池化；最大池化把 δ 送回最大值位置，其余为 0"})),
    f(CatalogFact("conv-output-size", "narrow", lambda: SIZES, _conv_size("valid"), "checker.networks.conv2d (valid)", r"\text{valid}")),
    f(CatalogFact("conv-output-size", "wide", lambda: SIZES, _conv_size("full"), "checker.networks.conv2d (full)", r"\text{full}")),
    f(CatalogFact("conv-output-size", "same", lambda: SIZES, _conv_size("same"), "checker.networks.conv2d (same)",
                  r"\text{same }(P=\tfrac{K-1}{2})")),
    f(CatalogFact("conv-output-size", "general", lambda: SIZES, _count_positions, "window positions counted",
                  r"\text{pad }P,\text{ stride }S", example=r"M,K,P,S=7,3,1,2")),
))

LSTM_SYMBOLS = ", ".join([f"W_{g}: n x d, U_{g}: n x n, b_{g}: n" for g in "ifoc"]
                         + ["x_t: d, h_{t-1}: n, c_{t-1}: n, i_t: n, f_t: n, o_t: n, c_tilde: n, c_t: n"])


def _lstm_run() -> tuple[dict[str, np.ndarray], tuple]:  # type: ignore[type-arg]
    """One step of checker.networks.LSTMCell (rows of W, U, b: gates i, f, o, then the candidate c̃)."""
    rng = np.random.default_rng(5)
    cell = _net().LSTMCell(3, 2, rng)
    x, h_prev, c_prev = rng.standard_normal((3, 1)), rng.standard_normal((2, 1)), rng.standard_normal((2, 1))
    h_t, _ = cell.forward(x, h_prev, c_prev)
    values = {"x_t": x, "h_{t-1}": h_prev, "c_{t-1}": c_prev}
    for k, g in enumerate("ifoc"):
        for name in "WUb":
            values[f"{name}_{g}"] = cell.params[name][2 * k:2 * k + 2]
    _, _, _, i, f_gate, o, g, c = cell.cache
    values |= {"i_t": i, "f_t": f_gate, "o_t": o, "c_tilde": g, "c_t": c}
    return values, (*cell.cache, h_t)


def _lstm_values() -> dict[str, np.ndarray]:
    return _lstm_run()[0]


def _lstm_measure(index: int):  # type: ignore[no-untyped-def]
    """The cell's own value: its cache (x, h, c, i, f, o, c̃, c) and then h_t."""
    return lambda v: _lstm_run()[1][index]


RNN = Section("rnn", {"en": "RNN (BPTT) and LSTM", "zh": "RNN（BPTT）与 LSTM"}, (
    note("$z_t=Uh_{t-1}+Wx_t+b$, $h_t=f(z_t)$, $\\delta_{t,k}=\\partial L_t/\\partial z_k$:",
         "$z_t=Uh_{t-1}+Wx_t+b$，$h_t=f(z_t)$，$\\delta_{t,k}=\\partial L_t/\\partial z_k$："),
    f(CatalogPart("rnn-bptt", "delta", lhs=r"\delta_{t,k}")),
    f(EntryCheck("rnn-bptt", "check_against_network",
                 r"\frac{\partial L}{\partial U}=\sum_{t}\sum_{k\le t}\delta_{t,k}h_{k-1}^{\top}")),
    f(EntryCheck("rnn-bptt", "check_bptt_growth",
                 r"\lVert\delta_{t,k}\rVert\approx\gamma^{t-k}\lVert\delta_{t,t}\rVert,\; \gamma\approx\lVert\operatorname{diag}(f')U^{\top}\rVert",
                 label={"en": "γ > 1 explodes (clip), γ < 1 vanishes (LSTM gates)", "zh": "γ > 1 爆炸（梯度裁剪），γ < 1 消失（LSTM 门控）"})),
    note("LSTM (gates $i_t, f_t, o_t$; $\\sigma$ the sigmoid):", "LSTM（输入门 $i_t$、遗忘门 $f_t$、输出门 $o_t$）："),
    *(f(Evaluated("lstm-parameter-count", f"gate-{g}", f"{g}_t", f"sigmoid(W_{g} x_t + U_{g} h_{{t-1}} + b_{g})", LSTM_SYMBOLS,
                  _lstm_values, _lstm_measure(k), "checker.networks.LSTMCell (forward)")) for g, k in (("i", 3), ("f", 4), ("o", 5))),
    f(Evaluated("lstm-parameter-count", "candidate", r"\tilde c_t", "tanh(W_c x_t + U_c h_{t-1} + b_c)", LSTM_SYMBOLS,
                _lstm_values, _lstm_measure(6), "checker.networks.LSTMCell (forward)")),
    f(Evaluated("lstm-parameter-count", "cell", "c_t", "f_t .* c_{t-1} + i_t .* c_tilde", LSTM_SYMBOLS, _lstm_values,
                _lstm_measure(7), "checker.networks.LSTMCell (forward)")),
    f(Evaluated("lstm-parameter-count", "hidden", "h_t", "o_t .* tanh(c_t)", LSTM_SYMBOLS, _lstm_values, _lstm_measure(8),
                "checker.networks.LSTMCell (forward)")),
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
                 label={"en": "batch norm can undo itself", "zh": "批归一化可以还原输入"})),
    f(CatalogFact("dropout-scaling", "expectation", lambda: {"p": 0.2, "a": np.array([[0.5], [-1.0], [2.0]])}, _monte_carlo_dropout,
                  "Monte Carlo, 200,000 Bernoulli masks", r"\mathbb{E}[m\circ a]", rtol=0.02,
                  label={"en": "drop with prob. $p$: $\\times(1-p)$ at test, or $\\div(1-p)$ in training (inverted dropout)",
                         "zh": "以概率 $p$ 丢弃：测试时乘 $1-p$，或训练时除以 $1-p$（反向 Dropout）"})),
    f(CatalogFact("glorot-init", "variance", lambda: {"fan_in": 784.0, "fan_out": 500.0}, _monte_carlo_glorot,
                  "Monte Carlo, 400,000 draws of U(−a, a)", r"\operatorname{Var}(W)", rtol=0.02,
                  label={"en": "Glorot: $W\\sim U(-a,a)$, $a=\\sqrt6/\\sqrt{\\mathrm{fan}_{\\mathrm{in}}+\\mathrm{fan}_{\\mathrm{out}}}$",
                         "zh": "Glorot 初始化：$W\\sim U(-a,a)$，$a=\\sqrt6/\\sqrt{\\mathrm{fan}_{\\mathrm{in}}+\\mathrm{fan}_{\\mathrm{out}}}$"})),
    f(CatalogFact("minibatch-gradient-variance", "variance", lambda: {"sigma2": 2.0, "B": 4.0}, _monte_carlo_batch,
                  "Monte Carlo, 40,000 batches", r"\operatorname{Var}(\bar g_B)", rtol=0.05,
                  label={"en": "mean of B per-sample gradients", "zh": "B 个样本梯度的平均"})),
    f(CatalogPart("l2-penalty-gradient", "gradient", label={"en": "L2 on weights, not biases", "zh": "L2 只加在权重上，不加偏置"})),
))



def _ae_values(samples: int = 5) -> dict[str, np.ndarray | float]:
    ae = _net().TiedAutoencoder(4, 3, beta=0.1, rho=0.05, rng=np.random.default_rng(2))
    rng = np.random.default_rng(4)
    params = {"W": ae.params["W"], "b": rng.standard_normal((3, 1)) * 0.3, "c": rng.standard_normal((4, 1)) * 0.3}
    X = rng.standard_normal((4, samples))
    rho_hat = _net().sigmoid(params["W"] @ X + params["b"]).mean(axis=1, keepdims=True)
    return {**params, "X": X, "x": X[:, :1], "beta": 0.1, "rho": 0.05, "rho_hat": rho_hat}


def _ae_loss(beta: float):  # type: ignore[no-untyped-def]
    def measure(v) -> float:  # type: ignore[no-untyped-def]
        ae = _net().TiedAutoencoder(4, 3, beta=beta, rho=0.05)
        return ae.loss_and_grads({k: v[k] for k in "Wbc"}, v["X"])[0]  # the mean over the columns of X
    return measure


def _kl_measured(v) -> float:  # type: ignore[no-untyped-def]
    """Σⱼ KL(ρ‖ρ̂ⱼ) as the autoencoder's penalty: (J with β − J with β = 0) / β."""
    return (_ae_loss(v["beta"])(v) - _ae_loss(0.0)(v)) / v["beta"]


AE_SYMBOLS = "W: k x n, b: k, c: n, x: n, beta: scalar, rho: scalar, rho_hat: k"
AE_TEXT = "1/2 ||W^T sigmoid(W x + b) + c - x||^2"
KL_TEXT = "1^T (rho log(rho / rho_hat) + (1 - rho) log((1 - rho) / (1 - rho_hat)))"


def _attention_values() -> dict[str, np.ndarray]:
    rng = np.random.default_rng(6)
    return {"X": rng.standard_normal((4, 5)), "q": rng.standard_normal((4, 1)), "D": 4.0}


def _rbm_values() -> dict[str, np.ndarray | float]:
    """One CD-1 step of checker.networks.RBM on one sample (α = 1): the sample v, the hidden
    probabilities h = p(h=1|v), the reconstruction ṽ and h̃ = p(h=1|ṽ), drawn as the network draws them."""
    rbm = _net().RBM(4, 3, np.random.default_rng(7))
    v = np.array([[1.0], [0.0], [1.0], [1.0]])
    W, a, b = (rbm.params[k].copy() for k in "Wab")
    rng = np.random.default_rng(8)
    h0 = _net().sigmoid(W.T @ v + b)
    sample = (rng.random(h0.shape) < h0).astype(float)
    v1 = (rng.random(v.shape) < _net().sigmoid(W @ sample + a)).astype(float)
    step = rbm.cd_update(v, k=1, lr=1.0, rng=np.random.default_rng(8))
    return {"W": W, "a": a, "b": b, "v": v, "h": h0, "v_tilde": v1, "h_tilde": _net().sigmoid(W.T @ v1 + b),
            "alpha": 1.0, "step": step}  # type: ignore[dict-item]


RBM_SYMBOLS = "W: m x n, a: m, b: n, v: m, h: n, v_tilde: m, h_tilde: n, alpha: scalar"

MORE = Section("more", {"en": "Maxout, autoencoders, attention, RBM", "zh": "Maxout、自编码器、注意力、RBM"}, (
    f(CatalogPart("maxout-gradient", "gradient", lhs=r"\nabla_{x}\max_k(w_k^{\top}x+b_k)",
                  label={"en": "the $w$ of the winning piece $k^*$", "zh": "即获胜一路 $k^*$ 的 $w$"})),
    note("Autoencoder (tied weights): encode $h=\\sigma(Wx+b)$, decode $\\hat x=W^{\\top}h+c$:",
         "自编码器（权重共享）：编码 $h=\\sigma(Wx+b)$，解码 $\\hat x=W^{\\top}h+c$："),
    f(Evaluated("tied-autoencoder-gradient", "objective", "J", AE_TEXT, AE_SYMBOLS, lambda: _ae_values(1), _ae_loss(0.0),
                "checker.networks.TiedAutoencoder (loss)", label={"en": "one sample", "zh": "单个样本"})),
    f(CatalogPart("tied-autoencoder-gradient", "gradient", lhs=r"\nabla_{W} J",
                  label={"en": "decoder term + encoder term", "zh": "解码项 + 编码项"})),
    f(Evaluated("sparse-autoencoder-penalty", "kl", r"\sum_j\mathrm{KL}(\rho\Vert\hat\rho_j)", KL_TEXT, AE_SYMBOLS,
                _ae_values, _kl_measured, "checker.networks.TiedAutoencoder (penalty)", rtol=1e-9,
                label={"en": "sparse autoencoder: $J_{\\text{sparse}}=J+\\beta\\sum_j\\mathrm{KL}(\\rho\\Vert\\hat\\rho_j)$, $\\hat\\rho=\\frac1N\\sum_i h(x_i)$ over $N$ samples",
                       "zh": "稀疏自编码器：$J_{\\text{sparse}}=J+\\beta\\sum_j\\mathrm{KL}(\\rho\\Vert\\hat\\rho_j)$，$N$ 个样本上 $\\hat\\rho=\\frac1N\\sum_i h(x_i)$"})),
    f(CatalogPart("sparse-autoencoder-penalty", "derivative", lhs=r"\frac{\partial\,\beta\,\mathrm{KL}(\rho\Vert\hat\rho)}{\partial\hat\rho}")),
    note("Attention, keys and values the columns $x_n$ of $X\\in\\mathbb{R}^{D\\times N}$, query $q$:",
         "注意力：键和值为 $X\\in\\mathbb{R}^{D\\times N}$ 的列 $x_n$，查询为 $q$："),
    f(Evaluated("scaled-dot-product", "weights", r"\alpha", "softmax(X^T q / sqrt(D))", "X: d x s, q: d, D: scalar",
                _attention_values, lambda v: _net().attention(v["X"], v["q"])[0], "checker.networks.attention")),
    f(Evaluated("scaled-dot-product", "output", r"\operatorname{att}(X,q)=\sum_n\alpha_n x_n", "X softmax(X^T q / sqrt(D))",
                "X: d x s, q: d, D: scalar", _attention_values, lambda v: _net().attention(v["X"], v["q"])[1],
                "checker.networks.attention")),
    f(EntryCheck("scaled-dot-product", "check_attention_variance",
                 {"en": r"\operatorname{Var}(x^{\top}q)=D\; \Rightarrow\; \text{scores}/\sqrt{D}",
                  "zh": r"\operatorname{Var}(x^{\top}q)=D\; \Rightarrow\; \text{得分除以}\sqrt{D}"},
                 label={"en": "$x, q\\in\\mathbb{R}^D$, unit-variance entries: keeps Softmax unsaturated",
                        "zh": "$x, q\\in\\mathbb{R}^D$ 各分量方差为 1：避免 Softmax 饱和"})),
    f(EntryCheck("rbm-gradient", "check_against_network",
                 r"\frac{\partial\log p(v)}{\partial W}=v\,\sigma(W^{\top}v+b)^{\top}-\mathbb{E}_{\text{model}}[vh^{\top}]",
                 label={"en": "RBM, $p(h=1\\mid v)=\\sigma(W^{\\top}v+b)$, $p(v=1\\mid h)=\\sigma(Wh+a)$",
                        "zh": "RBM，$p(h=1\\mid v)=\\sigma(W^{\\top}v+b)$，$p(v=1\\mid h)=\\sigma(Wh+a)$"})),
    note("CD-1: $h=p(h=1\\mid v)$, sample $\\tilde v$ from $h$, $\\tilde h=p(h=1\\mid\\tilde v)$:",
         "CD-1（单步对比散度）：$h=p(h=1\\mid v)$，由 $h$ 采样重构 $\\tilde v$，$\\tilde h=p(h=1\\mid\\tilde v)$："),
    *(f(Evaluated("rbm-gradient", f"cd1-{name}", name, text, RBM_SYMBOLS, _rbm_values,
                  (lambda name: lambda v: v[name] + v["alpha"] * v["step"][name])(name),
                  "checker.networks.RBM.cd_update", relation=r"\leftarrow"))
      for name, text in (("W", "W + alpha (v h^T - v_tilde h_tilde^T)"), ("a", "a + alpha (v - v_tilde)"),
                         ("b", "b + alpha (h - h_tilde)"))),
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
