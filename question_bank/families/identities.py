"""Fill-in questions from the course's identities and formulas; each blank is a catalog part, so any
equivalent expression is accepted by `dlprep check q:<id>` (decided on random matrices).

One row per fill-in: (catalog entry, part, prompt en, prompt zh); the seed picks the row. The answer's
LaTeX is printed from the part's reference expression, so it is the expression the checker holds.
"""

from __future__ import annotations

import numpy as np

from question_bank.build import catalog_blank, question
from question_bank.model import Question
from question_bank.topics import SECTION

BLANK = "\\underline{\\qquad}"

ROWS: tuple[tuple[str, str, str, str], ...] = (
    ("trace-cyclic", "equal",
     f"For $A \\in \\mathbb{{R}}^{{m \\times n}}$, $B \\in \\mathbb{{R}}^{{n \\times p}}$, $C \\in \\mathbb{{R}}^{{p \\times q}}$, "
     f"$D \\in \\mathbb{{R}}^{{q \\times m}}$: $\\operatorname{{tr}}(ABCD) = \\operatorname{{tr}}(D\\,{BLANK})$ = (1), a trace "
     "starting with $D$. Write (1) as the whole trace.",
     f"设 $A \\in \\mathbb{{R}}^{{m \\times n}}$，$B \\in \\mathbb{{R}}^{{n \\times p}}$，$C \\in \\mathbb{{R}}^{{p \\times q}}$，"
     f"$D \\in \\mathbb{{R}}^{{q \\times m}}$：$\\operatorname{{tr}}(ABCD) = \\operatorname{{tr}}(D\\,{BLANK})$，记为 (1)。"
     "请写出以 $D$ 开头的整个迹。"),
    ("trace-hadamard", "equal",
     f"For $A, B, C \\in \\mathbb{{R}}^{{m \\times n}}$: $\\operatorname{{tr}}(A^{{\\top}}(B \\circ C)) = "
     f"\\operatorname{{tr}}(({BLANK})^{{\\top}} C)$. Write the right side (1) in full.",
     f"设 $A, B, C \\in \\mathbb{{R}}^{{m \\times n}}$：$\\operatorname{{tr}}(A^{{\\top}}(B \\circ C)) = "
     f"\\operatorname{{tr}}(({BLANK})^{{\\top}} C)$。写出完整的右边 (1)。"),
    ("least-squares-gradient", "gradient",
     f"For $f(x) = \\lVert Ax - b \\rVert_2^2$: $\\nabla_x f = {BLANK}$ (1).",
     f"对 $f(x) = \\lVert Ax - b \\rVert_2^2$：$\\nabla_x f = {BLANK}$ (1)。"),
    ("least-squares-gradient", "differential",
     f"For $f(x) = \\lVert Ax - b \\rVert_2^2$: $\\mathrm{{d}}f = {BLANK}$ (1), in terms of $\\mathrm{{d}}x$.",
     f"对 $f(x) = \\lVert Ax - b \\rVert_2^2$：$\\mathrm{{d}}f = {BLANK}$ (1)（用 $\\mathrm{{d}}x$ 表示）。"),
    ("softmax-jacobian", "jacobian",
     f"With $a = \\operatorname{{softmax}}(z)$: $\\partial a / \\partial z = {BLANK}$ (1), in terms of $a$.",
     f"设 $a = \\operatorname{{softmax}}(z)$：$\\partial a / \\partial z = {BLANK}$ (1)（用 $a$ 表示）。"),
    ("sparsemax-kkt", "tau",
     "Sparsemax: $p = [z - \\tau \\mathbf{1}]_+$. With $s$ the indicator of the support, the KKT conditions give "
     f"$\\tau = {BLANK}$ (1), in terms of $z$ and $s$.",
     "Sparsemax：$p = [z - \\tau \\mathbf{1}]_+$。设 $s$ 为支撑集的指示向量，由 KKT 条件得 "
     f"$\\tau = {BLANK}$ (1)（用 $z$ 和 $s$ 表示）。"),
    ("sparsemax-kkt", "stationarity",
     "Sparsemax minimises $\\frac{1}{2}\\lVert p - z \\rVert^2$ over the simplex, with Lagrangian "
     "$L = \\frac{1}{2}\\lVert p - z \\rVert^2 - \\mu^{\\top} p + \\tau(\\mathbf{1}^{\\top} p - 1)$. "
     f"Stationarity: $\\nabla_p L = {BLANK} = 0$ (1).",
     "Sparsemax 在单纯形上最小化 $\\frac{1}{2}\\lVert p - z \\rVert^2$，拉格朗日函数 "
     "$L = \\frac{1}{2}\\lVert p - z \\rVert^2 - \\mu^{\\top} p + \\tau(\\mathbf{1}^{\\top} p - 1)$。"
     f"平稳性条件：$\\nabla_p L = {BLANK} = 0$ (1)。"),
    ("sigmoid-derivative", "derivative",
     f"Elementwise, $\\sigma'(z) = {BLANK}$ (1), in terms of $\\sigma(z)$.",
     f"逐元素地，$\\sigma'(z) = {BLANK}$ (1)（用 $\\sigma(z)$ 表示）。"),
    ("conv-output-size", "general",
     f"A convolution of an $M \\times M$ map with a $K \\times K$ kernel, zero padding $P$ and stride $S$ has output side "
     f"${BLANK}$ (1).",
     f"$M \\times M$ 的特征图与 $K \\times K$ 的卷积核卷积，补零 $P$、步长 $S$，输出边长为 ${BLANK}$ (1)。"),
    ("lstm-parameter-count", "count",
     f"An LSTM layer with input size $d$ and $h$ hidden units has ${BLANK}$ (1) parameters.",
     f"输入维度为 $d$、隐藏单元数为 $h$ 的 LSTM 层共有 ${BLANK}$ (1) 个参数。"),
    ("glorot-init", "variance",
     f"Glorot's uniform initialisation gives $\\operatorname{{Var}}(W_{{ij}}) = {BLANK}$ (1), in terms of "
     "$n_{in}$ = fan_in and $n_{out}$ = fan_out.",
     f"Glorot 均匀初始化使 $\\operatorname{{Var}}(W_{{ij}}) = {BLANK}$ (1)（用 fan_in 与 fan_out 表示）。"),
    ("minibatch-gradient-variance", "variance",
     f"If one sample's gradient has variance $\\sigma^2$, a minibatch mean over $B$ independent samples has variance "
     f"${BLANK}$ (1).",
     f"若单个样本梯度的方差为 $\\sigma^2$，$B$ 个独立样本的小批量平均梯度方差为 ${BLANK}$ (1)。"),
    ("dropout-scaling", "expectation",
     f"Dropout with drop probability $p$: $E[m \\circ a] = {BLANK}$ (1).",
     f"丢弃概率为 $p$ 的 dropout：$E[m \\circ a] = {BLANK}$ (1)。"),
    ("linear-network-collapse", "collapsed",
     f"Two linear layers without activation: $W_2(W_1 x + b_1) + b_2 = {BLANK}$ (1), written as one affine map of $x$.",
     f"两层没有激活函数的线性层：$W_2(W_1 x + b_1) + b_2 = {BLANK}$ (1)，写成 $x$ 的一个仿射映射。"),
)

# rows whose model answer is another form than the catalog's reference: row → (text, LaTeX)
ANSWERS: dict[int, tuple[str, str]] = {
    0: ("tr(D A B C)", "\\operatorname{tr}(DABC)"),
    1: ("tr((A .* B)^T C)", "\\operatorname{tr}((A \\circ B)^{\\top} C)"),
    8: ("floor((M + 2P - K) / S) + 1", "\\left\\lfloor \\frac{M + 2P - K}{S} \\right\\rfloor + 1"),
    10: ("2 / (fan_in + fan_out)", "\\frac{2}{n_{in} + n_{out}}"),
    11: ("sigma2 / B", "\\sigma^2 / B"),
}

# the asked kinds each row's entry can be asked through this family (coverage test)
ASKS: dict[str, tuple[str, ...]] = {
    "trace-cyclic": ("identity", "fill-in"), "trace-hadamard": ("identity", "fill-in"),
    "sparsemax-kkt": ("conditions",), "conv-output-size": ("value", "fill-in"), "lstm-parameter-count": ("value",),
    "glorot-init": ("value",), "minibatch-gradient-variance": ("value",), "dropout-scaling": ("value",),
}


def make(rng: np.random.Generator, seed: int) -> Question:
    row = seed % len(ROWS)  # the seed walks the rows, so 14 seeds ask them all
    entry, part, en, zh = ROWS[row]
    blank = catalog_blank("1", entry, part, ANSWERS.get(row))
    return question("identity", seed, SECTION[entry], "fill-in", {"en": en, "zh": zh}, (blank,), numeric=False,
                    params={"entry": entry, "part": part}, catalog_id=entry)
