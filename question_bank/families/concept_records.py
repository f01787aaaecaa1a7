r"""The concept questions (概念题) of the bank, as data: one record per question, in our own words.

Each record: a stable ``key`` (Anki GUIDs and question params use it, so fixing a typo keeps review
history), the CATALOG.md section ``topic`` letter, the catalog id it relates to (or None), the concept
topics of CATALOG.md's "Concept questions" list it ``covers`` (:data:`CONCEPT_TOPICS`), the prompt and
model answer in both languages, 2–4 grading key points and, where the question suits a multiple-choice
form, one short correct ``choice`` and three plausible ``distractors``. Text is in the bank's markup
(prose, ``$…$``, ``$$…$$``; see :mod:`question_bank.markup`). The family is
:mod:`question_bank.families.concepts`.

>>> len(RECORDS) >= 24, sorted({r.topic for r in RECORDS})
(True, ['A', 'B', 'C', 'D', 'E', 'F', 'G'])
"""

from __future__ import annotations

from dataclasses import dataclass

Text = dict[str, str]

# The "Concept questions (概念题) the bank must cover" list of CATALOG.md, one key per item.
CONCEPT_TOPICS: dict[str, Text] = {
    "deep-learning-idea": {"en": "the basic idea of deep learning", "zh": "深度学习的基本思想"},
    "dropout": {"en": "dropout: purpose, advantages, test-time scaling", "zh": "Dropout 的目的、优点与测试时的缩放"},
    "autoencoder": {"en": "autoencoders and their sparse, stacked, contractive variants", "zh": "自编码器及其稀疏、栈式、收缩变体"},
    "receptive-field-sharing": {"en": "local receptive fields and shared parameters", "zh": "局部感受野与共享参数"},
    "pooling-invariance": {"en": "pooling and translation invariance", "zh": "池化与平移不变性"},
    "sigmoid-saturation": {"en": "sigmoid saturation", "zh": "Sigmoid 饱和"},
    "output-units": {"en": "output units", "zh": "输出单元"},
    "regularization": {"en": "what regularization does", "zh": "正则化的作用"},
    "manifold-hypothesis": {"en": "the manifold hypothesis", "zh": "流形假设"},
    "dying-relu": {"en": "the dying-ReLU problem", "zh": "死亡 ReLU 问题"},
    "zero-init": {"en": "why weights are not initialised to zero", "zh": "为何不把权重初始化为零"},
    "lr-vanishing": {"en": "whether a larger learning rate cures vanishing gradients", "zh": "增大学习率能否缓解梯度消失"},
    "dbn-pretraining": {"en": "layer-wise pre-training of deep belief networks", "zh": "深度信念网络的逐层预训练"},
    "tdnn-cnn-rnn": {"en": "time-delay vs. convolutional vs. recurrent networks", "zh": "延时、卷积与循环神经网络"},
    "rnn-gradients-lstm": {"en": "exploding gradients in RNNs and LSTM gates", "zh": "RNN 梯度爆炸与 LSTM 门控"},
    "lr-batch-size": {"en": "why the learning rate scales with batch size", "zh": "学习率为何与批量大小成正比"},
    "batchnorm": {"en": "scale and shift of batch normalisation", "zh": "批量归一化的缩放与平移"},
    "conv-kinds": {"en": "narrow, wide and same convolutions", "zh": "窄卷积、宽卷积与等宽卷积"},
    "xor": {"en": "XOR and one linear layer", "zh": "XOR 与单个线性层"},
    "universal-approximation": {"en": "universal approximation by two layers", "zh": "两层网络的通用近似"},
}


@dataclass(frozen=True)
class Concept:
    key: str  # stable: never change it once published (Anki review history hangs on it)
    topic: str  # CATALOG.md section letter
    catalog: str | None  # the catalog id the question relates to
    covers: tuple[str, ...]  # keys of CONCEPT_TOPICS
    prompt: Text
    answer: Text
    key_points: tuple[Text, ...]
    choice: Text | None = None  # the short correct option of the multiple-choice form
    distractors: tuple[Text, ...] = ()


def _t(en: str, zh: str) -> Text:
    return {"en": en, "zh": zh}


RECORDS: tuple[Concept, ...] = (
    # ---- A. Matrix differentials -------------------------------------------------------------
    Concept(
        key="linear-collapse", topic="A", catalog="linear-network-collapse", covers=("xor",),
        prompt=_t(
            r"Why does stacking two linear layers $W_2(W_1x+b_1)+b_2$ without an activation function "
            r"add no expressive power?",
            r"为什么不加激活函数地堆叠两个线性层 $W_2(W_1x+b_1)+b_2$ 不会增加网络的表达能力？"),
        answer=_t(
            r"Multiplying out gives $W_2(W_1x+b_1)+b_2 = (W_2W_1)x + (W_2b_1+b_2) = Wx + b$ with "
            r"$W = W_2W_1$ and $b = W_2b_1+b_2$: the composition of affine maps is one affine map, so any "
            r"number of stacked linear layers computes what a single layer can. Only a nonlinear "
            r"activation between the layers lets depth represent more functions (e.g. XOR).",
            r"展开得 $W_2(W_1x+b_1)+b_2 = (W_2W_1)x + (W_2b_1+b_2) = Wx + b$，其中 $W = W_2W_1$，"
            r"$b = W_2b_1+b_2$。仿射变换的复合仍是仿射变换，所以任意多层线性层的堆叠与单个线性层等价；"
            r"只有在层间加入非线性激活函数，加深网络才能表示更多的函数（例如 XOR）。"),
        key_points=(
            _t(r"Expands to $(W_2W_1)x + (W_2b_1+b_2)$", r"展开为 $(W_2W_1)x + (W_2b_1+b_2)$"),
            _t("A composition of affine maps is affine: one layer suffices", "仿射变换的复合仍是仿射变换，一层即可"),
            _t("Nonlinear activations are what make depth useful", "非线性激活函数才使深度有意义"),
        ),
        choice=_t(r"The product is again one affine map $Wx+b$ with $W = W_2W_1$",
                  r"复合结果仍是一个仿射变换 $Wx+b$，$W = W_2W_1$"),
        distractors=(
            _t("The second layer doubles the number of representable functions", "第二层使可表示的函数数量翻倍"),
            _t("Without activations the gradients explode, so training fails", "没有激活函数时梯度爆炸，无法训练"),
            _t(r"The biases $b_1, b_2$ cancel and the network becomes $W_2W_1x$", r"偏置 $b_1, b_2$ 相互抵消，网络变为 $W_2W_1x$"),
        ),
    ),
    Concept(
        key="differential-form", topic="A", catalog="least-squares-gradient", covers=(),
        prompt=_t(
            r"Explain how the gradient $\nabla_X f$ of a scalar $f$ is read off the differential, and "
            r"how the gradient differs from the Jacobian for $f = \|Ax-b\|_2^2$.",
            r"说明如何由微分读出标量函数 $f$ 的梯度 $\nabla_X f$，并以 $f = \|Ax-b\|_2^2$ 为例说明梯度与 "
            r"Jacobian 的区别。"),
        answer=_t(
            r"Since $df = \sum_{ij} \frac{\partial f}{\partial X_{ij}} dX_{ij} = \mathrm{Tr}(G^T dX)$, once the "
            r"differential is brought into the form $df = \mathrm{Tr}(G^T dX)$ (trace rules, cyclic shifts) "
            r"the gradient is $\nabla_X f = G$, with the shape of $X$. For $f = \|Ax-b\|_2^2$: "
            r"$df = 2(Ax-b)^T A\,dx$, so the Jacobian (a $1 \times n$ row) is $J = 2(Ax-b)^T A$ and the "
            r"gradient (an $n$-column) is its transpose $\nabla_x f = 2A^T(Ax-b)$.",
            r"因为 $df = \sum_{ij} \frac{\partial f}{\partial X_{ij}} dX_{ij} = \mathrm{Tr}(G^T dX)$，"
            r"只要用迹的运算规则（如循环移位）把微分化成 $df = \mathrm{Tr}(G^T dX)$ 的形式，就有 "
            r"$\nabla_X f = G$，且梯度与 $X$ 同形。对 $f = \|Ax-b\|_2^2$，$df = 2(Ax-b)^T A\,dx$，"
            r"故 Jacobian（$1 \times n$ 行向量）为 $J = 2(Ax-b)^T A$，梯度（$n$ 维列向量）为其转置 "
            r"$\nabla_x f = 2A^T(Ax-b)$。"),
        key_points=(
            _t(r"$df = \mathrm{Tr}(G^T dX)$ identifies $\nabla_X f = G$", r"$df = \mathrm{Tr}(G^T dX)$ 给出 $\nabla_X f = G$"),
            _t("The gradient has the shape of $X$", "梯度与 $X$ 同形"),
            _t(r"$J = 2(Ax-b)^T A$ is a row; $\nabla_x f = 2A^T(Ax-b) = J^T$",
               r"$J = 2(Ax-b)^T A$ 为行向量；$\nabla_x f = 2A^T(Ax-b) = J^T$"),
        ),
    ),
    Concept(
        key="hadamard-trace-transpose", topic="A", catalog="trace-hadamard", covers=(),
        prompt=_t(
            r"Some notes write $\mathrm{Tr}(A(B \circ C)) = \mathrm{Tr}((A \circ B)^T C)$. Which correct identity "
            r"is meant, and when does the misprinted version hold?",
            r"有的讲义写成 $\mathrm{Tr}(A(B \circ C)) = \mathrm{Tr}((A \circ B)^T C)$。正确的恒等式是什么？"
            r"错误写法在什么情况下成立？"),
        answer=_t(
            r"For $A, B, C$ of the same size, $\mathrm{Tr}(A^T(B \circ C)) = \sum_{ij} A_{ij}B_{ij}C_{ij} = "
            r"\mathrm{Tr}((A \circ B)^T C)$: both sides are the sum of the entrywise product. Without the "
            r"transpose, $\mathrm{Tr}(A(B \circ C)) = \sum_{ij} A_{ji}B_{ij}C_{ij}$ (which needs $A$ square), "
            r"so it equals the right side for every $B, C$ only when $A = A^T$.",
            r"对同形矩阵 $A, B, C$，$\mathrm{Tr}(A^T(B \circ C)) = \sum_{ij} A_{ij}B_{ij}C_{ij} = "
            r"\mathrm{Tr}((A \circ B)^T C)$，两边都是三者逐元素乘积之和。去掉转置后 "
            r"$\mathrm{Tr}(A(B \circ C)) = \sum_{ij} A_{ji}B_{ij}C_{ij}$（要求 $A$ 为方阵），"
            r"只有当 $A = A^T$（对称）时才对所有 $B, C$ 与右边相等。"),
        key_points=(
            _t(r"Correct form has $A^T$: $\mathrm{Tr}(A^T(B \circ C)) = \mathrm{Tr}((A \circ B)^T C)$",
               r"正确形式带 $A^T$：$\mathrm{Tr}(A^T(B \circ C)) = \mathrm{Tr}((A \circ B)^T C)$"),
            _t(r"Both sides equal $\sum_{ij} A_{ij}B_{ij}C_{ij}$", r"两边都等于 $\sum_{ij} A_{ij}B_{ij}C_{ij}$"),
            _t("The version without transpose holds only for symmetric $A$", "不带转置的写法仅在 $A$ 对称时成立"),
        ),
        choice=_t(r"$\mathrm{Tr}(A^T(B \circ C))$; the misprint holds only for symmetric $A$",
                  r"$\mathrm{Tr}(A^T(B \circ C))$；错误写法仅在 $A$ 对称时成立"),
        distractors=(
            _t(r"$\mathrm{Tr}(A(B \circ C)^T)$; the misprint holds for every square $A$",
               r"$\mathrm{Tr}(A(B \circ C)^T)$；错误写法对任意方阵 $A$ 成立"),
            _t(r"$\mathrm{Tr}(A)\,\mathrm{Tr}(B \circ C)$; the misprint holds when $A$ is diagonal",
               r"$\mathrm{Tr}(A)\,\mathrm{Tr}(B \circ C)$；错误写法在 $A$ 为对角阵时成立"),
            _t(r"The misprint is correct: the Hadamard product commutes with transposition, so no $A^T$ is needed",
               r"错误写法本身正确：Hadamard 积与转置可交换，无需 $A^T$"),
        ),
    ),
    Concept(
        key="trace-cyclic-which", topic="A", catalog="trace-cyclic", covers=(),
        prompt=_t(
            r"For square $n \times n$ matrices $A, B, C, D$, which rearrangements of $\mathrm{Tr}(ABCD)$ are "
            r"always equal to it, and why?",
            r"设 $A, B, C, D$ 均为 $n \times n$ 方阵，$\mathrm{Tr}(ABCD)$ 的哪些重排总与之相等？为什么？"),
        answer=_t(
            r"Only cyclic shifts: $\mathrm{Tr}(ABCD) = \mathrm{Tr}(BCDA) = \mathrm{Tr}(CDAB) = \mathrm{Tr}(DABC)$, "
            r"because $\mathrm{Tr}(XY) = \sum_{ij} X_{ij}Y_{ji} = \mathrm{Tr}(YX)$ applied to $X = A$, "
            r"$Y = BCD$ and so on. The trace of the transpose, $\mathrm{Tr}(D^TC^TB^TA^T)$, is also equal. "
            r"A non-cyclic reordering such as $\mathrm{Tr}(BACD)$ differs in general.",
            r"只有循环移位：$\mathrm{Tr}(ABCD) = \mathrm{Tr}(BCDA) = \mathrm{Tr}(CDAB) = \mathrm{Tr}(DABC)$，"
            r"因为 $\mathrm{Tr}(XY) = \sum_{ij} X_{ij}Y_{ji} = \mathrm{Tr}(YX)$，依次取 $X = A$、$Y = BCD$ 等即可。"
            r"转置的迹 $\mathrm{Tr}(D^TC^TB^TA^T)$ 也相等；非循环的重排（如 $\mathrm{Tr}(BACD)$）一般不相等。"),
        key_points=(
            _t(r"$\mathrm{Tr}(XY) = \mathrm{Tr}(YX)$ gives every cyclic shift", r"由 $\mathrm{Tr}(XY) = \mathrm{Tr}(YX)$ 得到所有循环移位"),
            _t("Trace of the transpose is also equal", "转置的迹也相等"),
            _t("Non-cyclic orders (e.g. $BACD$) are not equal in general", "非循环顺序（如 $BACD$）一般不等"),
        ),
        choice=_t(r"$\mathrm{Tr}(CDAB)$", r"$\mathrm{Tr}(CDAB)$"),
        distractors=(
            _t(r"$\mathrm{Tr}(BACD)$", r"$\mathrm{Tr}(BACD)$"),
            _t(r"$\mathrm{Tr}(DCBA)$", r"$\mathrm{Tr}(DCBA)$"),
            _t(r"$\mathrm{Tr}(ACBD)$", r"$\mathrm{Tr}(ACBD)$"),
        ),
    ),
    # ---- B. Output units -----------------------------------------------------------------------
    Concept(
        key="output-units", topic="B", catalog=None, covers=("output-units",),
        prompt=_t(
            "What does the output layer do, and which output unit goes with which output distribution?",
            "输出层的作用是什么？常用的输出单元分别对应什么输出分布？"),
        answer=_t(
            r"The output layer applies a final transformation to the features computed by the hidden layers "
            r"so that the network's output fits the task. A linear unit $\hat y = W^Th + b$ gives the mean of a "
            r"Gaussian (regression; maximum likelihood is mean squared error); a sigmoid unit gives the "
            r"parameter of a Bernoulli (binary classification); a softmax unit gives a multinoulli "
            r"distribution over $K$ classes; sparsemax also maps to the probability simplex but can give "
            r"exact zeros (sparse probabilities).",
            r"输出层对隐藏层提取的特征再做一次变换，使网络输出符合任务的要求。线性单元 $\hat y = W^Th + b$ "
            r"给出高斯分布的均值（回归，最大似然即均方误差）；Sigmoid 单元给出 Bernoulli 分布的参数（二分类）；"
            r"Softmax 单元给出 $K$ 类上的 Multinoulli 分布；Sparsemax 同样输出概率单纯形上的点，但可以有"
            r"恰好为零的分量（稀疏概率）。"),
        key_points=(
            _t("Transforms hidden features into the task's output", "把隐藏层特征变换为任务所需的输出"),
            _t("Linear $\\leftrightarrow$ Gaussian, sigmoid $\\leftrightarrow$ Bernoulli", "线性 $\\leftrightarrow$ 高斯，Sigmoid $\\leftrightarrow$ Bernoulli"),
            _t("Softmax $\\leftrightarrow$ multinoulli; sparsemax gives sparse probabilities", "Softmax $\\leftrightarrow$ Multinoulli；Sparsemax 给出稀疏概率"),
        ),
        choice=_t("Sigmoid $\\leftrightarrow$ Bernoulli, softmax $\\leftrightarrow$ multinoulli, linear $\\leftrightarrow$ Gaussian mean",
                  "Sigmoid $\\leftrightarrow$ Bernoulli，Softmax $\\leftrightarrow$ Multinoulli，线性 $\\leftrightarrow$ 高斯均值"),
        distractors=(
            _t("Sigmoid $\\leftrightarrow$ Gaussian, softmax $\\leftrightarrow$ Bernoulli, linear $\\leftrightarrow$ multinoulli",
               "Sigmoid $\\leftrightarrow$ 高斯，Softmax $\\leftrightarrow$ Bernoulli，线性 $\\leftrightarrow$ Multinoulli"),
            _t("Softmax $\\leftrightarrow$ Gaussian mean, sigmoid $\\leftrightarrow$ multinoulli, linear $\\leftrightarrow$ Bernoulli",
               "Softmax $\\leftrightarrow$ 高斯均值，Sigmoid $\\leftrightarrow$ Multinoulli，线性 $\\leftrightarrow$ Bernoulli"),
            _t("All three model a Gaussian; they differ only in the range of the output",
               "三者都对应高斯分布，只是输出取值范围不同"),
        ),
    ),
    Concept(
        key="softmax-cross-entropy", topic="B", catalog="softmax-cross-entropy-gradient", covers=("output-units",),
        prompt=_t(
            r"Show why softmax with the cross-entropy loss $\ell = -\log a_y$ gives the error signal "
            r"$\nabla_z \ell = a - e_y$, and why this pairing trains well.",
            r"说明为什么 Softmax 配合交叉熵损失 $\ell = -\log a_y$ 时误差信号为 $\nabla_z \ell = a - e_y$，"
            r"以及这种搭配为什么易于训练。"),
        answer=_t(
            r"With $a = \mathrm{softmax}(z)$, $\ell = -z_y + \log \mathbf{1}^T\exp(z)$, so "
            r"$\nabla_z \ell = -e_y + \exp(z)/\mathbf{1}^T\exp(z) = a - e_y$. The log of the loss undoes the "
            r"exponential of the softmax: the gradient is the difference between prediction and target, it is "
            r"large when the prediction is badly wrong and it has no saturating factor such as "
            r"$\sigma'(z)$ that would shrink it (unlike squared error after a sigmoid).",
            r"令 $a = \mathrm{softmax}(z)$，则 $\ell = -z_y + \log \mathbf{1}^T\exp(z)$，故 "
            r"$\nabla_z \ell = -e_y + \exp(z)/\mathbf{1}^T\exp(z) = a - e_y$。损失中的对数抵消了 Softmax "
            r"中的指数：梯度就是预测与目标之差，预测错得越多梯度越大，且不含 $\sigma'(z)$ 之类会饱和的因子"
            r"（不同于 Sigmoid 之后接平方误差）。"),
        key_points=(
            _t(r"$\ell = -z_y + \log \mathbf{1}^T\exp(z)$", r"$\ell = -z_y + \log \mathbf{1}^T\exp(z)$"),
            _t(r"Gradient $a - e_y$: prediction minus target", r"梯度 $a - e_y$：预测减目标"),
            _t("The log cancels the exp: no saturating factor, strong signal when wrong", "对数抵消指数：没有饱和因子，预测错误时信号强"),
        ),
        choice=_t(r"$a - e_y$: the log cancels the exponential, so the gradient does not saturate when wrong",
                  r"$a - e_y$：对数抵消指数，预测错误时梯度不会饱和"),
        distractors=(
            _t(r"$(a - e_y) \circ a \circ (1 - a)$: the softmax derivative scales the error",
               r"$(a - e_y) \circ a \circ (1 - a)$：误差要乘以 Softmax 的导数"),
            _t(r"$e_y - a$: gradient descent then moves $z$ away from the target",
               r"$e_y - a$：梯度下降使 $z$ 远离目标"),
            _t(r"$-1/a_y$: only the true class's logit receives a gradient",
               r"$-1/a_y$：只有真实类别的 logit 得到梯度"),
        ),
    ),
    Concept(
        key="sparsemax-vs-softmax", topic="B", catalog="sparsemax-kkt", covers=("output-units",),
        prompt=_t(
            r"Why can sparsemax output exact zeros while softmax never does?",
            r"为什么 Sparsemax 的输出可以有恰好为零的分量，而 Softmax 永远不会？"),
        answer=_t(
            r"Softmax $a_i = \exp(z_i)/\mathbf{1}^T\exp(z)$ is strictly positive for every finite $z$. Sparsemax is "
            r"the Euclidean projection of $z$ onto the probability simplex, "
            r"$\arg\min_{p \ge 0,\ \mathbf{1}^Tp = 1} \tfrac12\|p-z\|^2$; its KKT conditions give "
            r"$p = [z - \tau\mathbf{1}]_+$ with $\tau = (\sum_{j \in S} z_j - 1)/|S|$ on the support $S$, so "
            r"every $z_i \le \tau$ is cut to exactly $0$ (the constraint $p_i \ge 0$ is active, $\mu_i > 0$ allowed). "
            r"Its Jacobian $\mathrm{diag}(s) - ss^T/(\mathbf{1}^Ts)$ is zero outside the support.",
            r"Softmax $a_i = \exp(z_i)/\mathbf{1}^T\exp(z)$ 对任意有限的 $z$ 都严格为正。Sparsemax 是 $z$ 到概率"
            r"单纯形上的欧氏投影 $\arg\min_{p \ge 0,\ \mathbf{1}^Tp = 1} \tfrac12\|p-z\|^2$；由 KKT 条件得 "
            r"$p = [z - \tau\mathbf{1}]_+$，其中 $\tau = (\sum_{j \in S} z_j - 1)/|S|$，$S$ 为支撑集，"
            r"于是所有 $z_i \le \tau$ 的分量被截为恰好 $0$（约束 $p_i \ge 0$ 起作用）。其 Jacobian "
            r"$\mathrm{diag}(s) - ss^T/(\mathbf{1}^Ts)$ 在支撑集之外为零。"),
        key_points=(
            _t("Softmax is strictly positive (exp > 0)", "Softmax 严格为正（指数大于零）"),
            _t("Sparsemax is the Euclidean projection onto the simplex", "Sparsemax 是到单纯形的欧氏投影"),
            _t(r"$p = [z - \tau\mathbf{1}]_+$: entries with $z_i \le \tau$ are exactly zero",
               r"$p = [z - \tau\mathbf{1}]_+$：$z_i \le \tau$ 的分量恰为零"),
        ),
        choice=_t(r"It is the projection onto the simplex, $p = [z - \tau\mathbf{1}]_+$, which clips small scores to 0",
                  r"它是到单纯形的投影 $p = [z - \tau\mathbf{1}]_+$，会把较小的分数截为 0"),
        distractors=(
            _t("It rounds softmax probabilities below a fixed threshold of 0.01 to zero",
               "它把低于固定阈值 0.01 的 Softmax 概率舍为零"),
            _t(r"It uses $\exp(z - \max z)$, which underflows to zero for small scores",
               r"它使用 $\exp(z - \max z)$，较小分数下溢为零"),
            _t("It applies a ReLU to $z$ and then normalises by the sum", "它先对 $z$ 做 ReLU，再除以总和归一化"),
        ),
    ),
    Concept(
        key="softmax-shift", topic="B", catalog="softmax-jacobian", covers=("output-units",),
        prompt=_t(
            r"Show that $\mathrm{softmax}(z + c\mathbf{1}) = \mathrm{softmax}(z)$ for every scalar $c$. What "
            r"follows for the computation of softmax and for its Jacobian $\mathrm{diag}(a) - aa^T$?",
            r"证明对任意标量 $c$ 有 $\mathrm{softmax}(z + c\mathbf{1}) = \mathrm{softmax}(z)$。由此对 Softmax 的计算及其 "
            r"Jacobian $\mathrm{diag}(a) - aa^T$ 能得出什么结论？"),
        answer=_t(
            r"$\exp(z + c\mathbf{1}) = e^c\exp(z)$, and the factor $e^c$ cancels between numerator and denominator "
            r"$\mathbf{1}^T\exp(z + c\mathbf{1}) = e^c\,\mathbf{1}^T\exp(z)$. So only the differences of the scores "
            r"matter. In practice one computes $\mathrm{softmax}(z - \max_i z_i\,\mathbf{1})$: the largest exponent "
            r"is 0, so nothing overflows. The Jacobian has $\mathbf{1}$ in its null space: "
            r"$(\mathrm{diag}(a) - aa^T)\mathbf{1} = a - a(a^T\mathbf{1}) = 0$ because $a^T\mathbf{1} = 1$, so it is "
            r"singular (moving all scores together changes nothing).",
            r"$\exp(z + c\mathbf{1}) = e^c\exp(z)$，分母 $\mathbf{1}^T\exp(z + c\mathbf{1}) = e^c\,\mathbf{1}^T\exp(z)$，"
            r"因子 $e^c$ 在分子分母间约去。因此只有打分之间的差有意义。实际计算时用 "
            r"$\mathrm{softmax}(z - \max_i z_i\,\mathbf{1})$：最大的指数为 0，不会溢出。Jacobian 的零空间包含 "
            r"$\mathbf{1}$：因为 $a^T\mathbf{1} = 1$，$(\mathrm{diag}(a) - aa^T)\mathbf{1} = a - a(a^T\mathbf{1}) = 0$，"
            r"所以它是奇异的（所有打分同时平移不改变输出）。"),
        key_points=(
            _t(r"The factor $e^c$ cancels: only score differences matter", r"因子 $e^c$ 约去：只有打分差有意义"),
            _t(r"Subtract $\max_i z_i$ before exponentiating to avoid overflow", r"取指数前减去 $\max_i z_i$ 以防溢出"),
            _t(r"$(\mathrm{diag}(a) - aa^T)\mathbf{1} = 0$: the Jacobian is singular", r"$(\mathrm{diag}(a) - aa^T)\mathbf{1} = 0$：Jacobian 奇异"),
        ),
        choice=_t(r"Only differences of scores matter, so computing $\mathrm{softmax}(z - \max_i z_i\mathbf{1})$ is exact and safe",
                  r"只有打分之差有意义，故计算 $\mathrm{softmax}(z - \max_i z_i\mathbf{1})$ 结果不变且不溢出"),
        distractors=(
            _t(r"$\mathrm{softmax}(z + c\mathbf{1}) = e^c\,\mathrm{softmax}(z)$, so the outputs no longer sum to 1",
               r"$\mathrm{softmax}(z + c\mathbf{1}) = e^c\,\mathrm{softmax}(z)$，输出之和不再为 1"),
            _t(r"Softmax is also scale invariant: $\mathrm{softmax}(cz) = \mathrm{softmax}(z)$ for $c > 0$",
               r"Softmax 也具有尺度不变性：$c > 0$ 时 $\mathrm{softmax}(cz) = \mathrm{softmax}(z)$"),
            _t(r"The Jacobian $\mathrm{diag}(a) - aa^T$ is always invertible, so the shift can be undone",
               r"Jacobian $\mathrm{diag}(a) - aa^T$ 总是可逆的，平移可以还原"),
        ),
    ),
    Concept(
        key="sigmoid-saturation", topic="B", catalog="sigmoid-derivative", covers=("sigmoid-saturation",),
        prompt=_t(
            "What is the saturation of a sigmoid unit, and why does it hurt learning in hidden layers?",
            "什么是 Sigmoid 单元的饱和？为什么它会妨碍隐藏层的学习？"),
        answer=_t(
            r"For large positive $z$ the sigmoid saturates near 1, for large negative $z$ near 0; it is "
            r"sensitive to its input only near $z = 0$. Its derivative $\sigma'(z) = \sigma(z)(1-\sigma(z)) \le "
            r"\tfrac14$ is then almost 0, and backpropagation multiplies the residual by it, "
            r"$\delta^{(l)} = f'(z^{(l)}) \circ (W^{(l+1)T}\delta^{(l+1)})$, so saturated units pass back almost no "
            r"gradient and learn very slowly. As an output unit it is fine with the log-likelihood loss, whose "
            r"log undoes the saturation.",
            r"当 $z$ 为很大的正数时 Sigmoid 饱和到接近 1，为很大的负数时饱和到接近 0，只有在 $z = 0$ 附近"
            r"才对输入敏感。此时导数 $\sigma'(z) = \sigma(z)(1-\sigma(z)) \le \tfrac14$ 几乎为 0，而反向传播"
            r"$\delta^{(l)} = f'(z^{(l)}) \circ (W^{(l+1)T}\delta^{(l+1)})$ 要乘以这个导数，所以饱和单元几乎不回传"
            r"梯度，学习很慢。作为输出单元配合对数似然损失时则无妨，因为对数抵消了饱和。"),
        key_points=(
            _t(r"Saturates to 1 / 0 for large $|z|$; sensitive only near $z=0$", r"$|z|$ 很大时饱和到 1 或 0；仅在 0 附近敏感"),
            _t(r"$\sigma'(z) = \sigma(1-\sigma) \approx 0$ there", r"此时 $\sigma'(z) = \sigma(1-\sigma) \approx 0$"),
            _t(r"Residual is multiplied by $f'$: vanishing gradient, slow learning", r"残差乘以 $f'$：梯度消失、学习缓慢"),
        ),
    ),
    # ---- C. Hidden units and backpropagation -------------------------------------------------------
    Concept(
        key="deep-learning-idea", topic="C", catalog=None, covers=("deep-learning-idea",),
        prompt=_t("State the basic idea of deep learning.", "简述深度学习的基本思想。"),
        answer=_t(
            "Deep learning stacks many layers of processing: the output of each layer is the input of the next. "
            "Like the layered processing observed in the brain, higher layers combine the features of lower "
            "ones, so the representation becomes more abstract and closer to meaning from layer to layer; the "
            "features are learned from data rather than designed by hand.",
            "深度学习由多层处理单元堆叠而成，每一层的输出作为下一层的输入。借鉴大脑分层处理信息的方式，"
            "高层特征是低层特征的组合，由低到高表示越来越抽象、越来越接近语义；这些特征从数据中学得，而不是人工设计。"),
        key_points=(
            _t("Many layers; each layer's output is the next layer's input", "多层结构，每层输出作为下一层输入"),
            _t("Hierarchical features, increasingly abstract", "分层特征，越往上越抽象"),
            _t("Features learned from data (inspired by the brain's layered processing)", "特征从数据中学习（借鉴大脑的分层处理）"),
        ),
    ),
    Concept(
        key="relu-vs-sigmoid", topic="C", catalog="relu-derivative", covers=("sigmoid-saturation",),
        prompt=_t(
            "Why do deep networks usually use ReLU rather than sigmoid in their hidden layers?",
            "为什么深层网络的隐藏层通常使用 ReLU 而不是 Sigmoid？"),
        answer=_t(
            r"Backpropagation multiplies one factor $f'(z^{(l)})$ per layer. For the sigmoid "
            r"$\sigma' \le \tfrac14$ and it is near 0 when the unit saturates, so the residual shrinks roughly "
            r"geometrically with depth (vanishing gradients). ReLU has derivative $\mathrm{I}(z > 0)$: exactly 1 "
            r"on active units, so the gradient passes through unchanged. ReLU is also cheap (no exponential) "
            r"and gives sparse activations. Its weakness is the dying ReLU (zero gradient for $z < 0$).",
            r"反向传播每经过一层要乘一个 $f'(z^{(l)})$。Sigmoid 的 $\sigma' \le \tfrac14$，饱和时接近 0，"
            r"残差随深度近似按几何级数衰减（梯度消失）。ReLU 的导数是 $\mathrm{I}(z > 0)$，激活单元上恰为 1，"
            r"梯度原样通过。ReLU 计算也便宜（无指数运算），且激活稀疏。其缺点是死亡 ReLU（$z < 0$ 时梯度为零）。"),
        key_points=(
            _t(r"Each layer multiplies the residual by $f'$; $\sigma' \le 1/4$ vanishes with depth",
               r"每层残差乘以 $f'$；$\sigma' \le 1/4$，随深度消失"),
            _t(r"ReLU' $= 1$ on active units: gradient passes unchanged", r"ReLU 在激活单元上导数为 1，梯度不衰减"),
            _t("Cheap to compute, sparse activations (but can die)", "计算简单、激活稀疏（但可能死亡）"),
        ),
        choice=_t(r"Its derivative is 1 on active units, so residuals do not shrink by a factor $\le 1/4$ per layer",
                  r"它在激活单元上导数为 1，残差不会每层缩小为原来的 $1/4$ 以下"),
        distractors=(
            _t("It is bounded, so activations can never explode", "它有界，因此激活值不会爆炸"),
            _t("It is differentiable everywhere, unlike the sigmoid", "它处处可导，而 Sigmoid 不是"),
            _t("Its outputs are probabilities, which suits the cross-entropy loss", "它的输出是概率，适合交叉熵损失"),
        ),
    ),
    Concept(
        key="dying-relu", topic="C", catalog="leaky-relu-derivative", covers=("dying-relu",),
        prompt=_t("Explain the dying-ReLU problem and give remedies.", "说明死亡 ReLU 问题并给出解决办法。"),
        answer=_t(
            r"If, after a bad update (e.g. a large learning rate pushing the bias very negative), a ReLU unit "
            r"has $z \le 0$ for every training input, its output and its derivative are 0 everywhere, so no "
            r"gradient ever reaches its weights and it stays inactive for good. Remedies: activations with a "
            r"non-zero slope for $z<0$ — leaky ReLU $\max(\alpha z, z)$, PReLU (learned $\alpha$), ELU — and a "
            r"smaller learning rate or careful initialisation (e.g. a small positive bias).",
            r"若某次不恰当的更新（例如学习率过大把偏置推得很负）之后，某个 ReLU 单元对所有训练样本都有 "
            r"$z \le 0$，则它的输出和导数处处为 0，梯度再也传不到它的权重，该神经元永久不再激活。解决办法："
            r"使用 $z<0$ 时斜率不为零的激活函数——Leaky ReLU $\max(\alpha z, z)$、PReLU（$\alpha$ 可学习）、ELU；"
            r"以及较小的学习率或合适的初始化（如较小的正偏置）。"),
        key_points=(
            _t(r"Unit with $z \le 0$ on all inputs: output and gradient 0", r"单元对所有输入都有 $z \le 0$：输出和梯度为 0"),
            _t("Its weights never update again: permanently dead", "其权重不再更新，永久死亡"),
            _t("Remedy: leaky ReLU / PReLU / ELU, smaller learning rate", "办法：Leaky ReLU / PReLU / ELU，减小学习率"),
        ),
        choice=_t(r"A unit with $z \le 0$ on all inputs gets zero gradient forever; use leaky ReLU or ELU",
                  r"对所有输入 $z \le 0$ 的单元梯度永远为零；改用 Leaky ReLU 或 ELU"),
        distractors=(
            _t("ReLU outputs grow without bound and overflow; use a sigmoid instead",
               "ReLU 输出无界而溢出；应改用 Sigmoid"),
            _t("ReLU is not differentiable at 0, so training stops; use a larger learning rate",
               "ReLU 在 0 处不可导导致训练停止；应增大学习率"),
            _t("Too many units are active at once; add dropout to switch them off",
               "同时激活的单元太多；加 Dropout 把它们关掉"),
        ),
    ),
    Concept(
        key="relu-variants", topic="C", catalog="elu-derivative", covers=("dying-relu",),
        prompt=_t("Compare leaky ReLU, ELU and maxout as alternatives to ReLU.",
                  "比较 Leaky ReLU、ELU 和 Maxout 这几种 ReLU 的替代激活函数。"),
        answer=_t(
            r"Leaky ReLU $f = \max(\alpha z, z)$ with $0 < \alpha < 1$ keeps a small slope $\alpha$ for $z < 0$, so "
            r"the gradient is never exactly zero (PReLU learns $\alpha$). ELU is $z$ for $z \ge 0$ and "
            r"$\alpha(e^z - 1)$ for $z < 0$: a smooth negative part that saturates at $-\alpha$, derivative "
            r"$\alpha e^z = f(z) + \alpha$ there, mean activations closer to 0, at the cost of an exponential. Maxout "
            r"$h = \max_k(w_k^Tx + b_k)$ learns a piecewise-linear convex activation (ReLU, leaky ReLU and $|z|$ are "
            r"special cases); the gradient goes to the winning piece, $\nabla_x h = w_{k^*}$, so the unit cannot die "
            r"as a whole, but it has $k$ times the parameters.",
            r"Leaky ReLU $f = \max(\alpha z, z)$（$0 < \alpha < 1$）在 $z < 0$ 时保留较小的斜率 $\alpha$，梯度不会恰为零"
            r"（PReLU 中 $\alpha$ 可学习）。ELU 在 $z \ge 0$ 时为 $z$，在 $z < 0$ 时为 $\alpha(e^z - 1)$：负半轴光滑并饱和于 "
            r"$-\alpha$，此处导数为 $\alpha e^z = f(z) + \alpha$，激活均值更接近 0，代价是要算指数。Maxout "
            r"$h = \max_k(w_k^Tx + b_k)$ 学习一个分段线性的凸激活函数（ReLU、Leaky ReLU 和 $|z|$ 都是其特例）；梯度只传给"
            r"取得最大值的那一段，$\nabla_x h = w_{k^*}$，单元不会整体死亡，但参数量是原来的 $k$ 倍。"),
        key_points=(
            _t(r"Leaky ReLU: slope $\alpha$ for $z<0$, gradient never zero (PReLU: learned $\alpha$)",
               r"Leaky ReLU：$z<0$ 时斜率为 $\alpha$，梯度不为零（PReLU：$\alpha$ 可学习）"),
            _t(r"ELU: smooth, saturates at $-\alpha$, $f' = f + \alpha$ for $z<0$", r"ELU：光滑，饱和于 $-\alpha$，$z<0$ 时 $f' = f + \alpha$"),
            _t(r"Maxout: learned piecewise-linear convex function, gradient to the winner, $k\times$ parameters",
               r"Maxout：学习分段线性凸函数，梯度传给最大的一段，参数为 $k$ 倍"),
        ),
        choice=_t(r"Maxout learns a piecewise-linear convex activation and needs $k$ times the parameters",
                  r"Maxout 学习分段线性的凸激活函数，参数量为 $k$ 倍"),
        distractors=(
            _t(r"ELU is piecewise linear with slope $\alpha$ for $z < 0$", r"ELU 是分段线性的，$z < 0$ 时斜率为 $\alpha$"),
            _t(r"Leaky ReLU has zero gradient for $z < 0$, exactly like ReLU", r"Leaky ReLU 在 $z < 0$ 时梯度为零，与 ReLU 完全相同"),
            _t("Maxout shares its gradient equally among all $k$ pieces", "Maxout 把梯度平均分给全部 $k$ 段"),
        ),
    ),
    Concept(
        key="zero-init", topic="C", catalog="mlp-backprop", covers=("zero-init",),
        prompt=_t(
            r"Why are the weights initialised randomly rather than with $W = 0$, $b = 0$ when training with "
            r"backpropagation?",
            r"用反向传播训练时，为什么要随机初始化参数，而不是直接令 $W = 0$，$b = 0$？"),
        answer=_t(
            r"With equal (e.g. zero) weights every hidden unit of a layer computes the same value in the forward "
            r"pass and receives the same residual in the backward pass, so all of them get identical updates and "
            r"stay identical: the layer behaves like a single unit (symmetry is never broken). With $W = 0$ "
            r"exactly, $W^{(l+1)T}\delta^{(l+1)} = 0$, so the hidden residuals and the gradients of the earlier "
            r"layers are zero as well. Random initialisation breaks the symmetry so units learn different features.",
            r"若权重相同（例如全为零），同一层的每个隐藏单元在前向传播中算出相同的值，在反向传播中得到相同的残差，"
            r"因而更新完全相同并始终保持一致，整层相当于一个单元（对称性无法打破）。若恰好 $W = 0$，则 "
            r"$W^{(l+1)T}\delta^{(l+1)} = 0$，隐藏层残差及前面各层的梯度也都为零。随机初始化打破对称性，"
            r"使不同单元学到不同特征。"),
        key_points=(
            _t("Same forward value and same residual for all units of a layer", "同层单元前向输出与残差都相同"),
            _t("Identical updates: symmetry never broken, layer acts as one unit", "更新相同，对称性无法打破，整层如同一个单元"),
            _t("Random initialisation breaks the symmetry", "随机初始化打破对称性"),
        ),
        choice=_t("All units of a layer would compute and update identically, so they could never differ",
                  "同层所有单元的计算与更新完全相同，永远无法区分"),
        distractors=(
            _t("Zero weights make the loss undefined because of a division by zero",
               "零权重会导致损失中出现除以零，无定义"),
            _t("Zero weights cause exploding gradients in the first iteration",
               "零权重会在第一次迭代就导致梯度爆炸"),
            _t("Random weights act as regularisation, which zero weights lack",
               "随机权重起正则化作用，零权重没有"),
        ),
    ),
    Concept(
        key="lr-vanishing", topic="C", catalog="mlp-backprop", covers=("lr-vanishing",),
        prompt=_t(
            "Can the vanishing-gradient problem be cured by increasing the learning rate?",
            "梯度消失问题能否通过增大学习率来缓解？"),
        answer=_t(
            r"No. The residual $\delta^{(l)} = f'(z^{(l)}) \circ (W^{(l+1)T}\delta^{(l+1)})$ shrinks by a factor "
            r"per layer, so the gradients of early layers are orders of magnitude smaller than those of late "
            r"layers. One learning rate scales all layers alike: large enough to move the early layers, it makes "
            r"the updates of the late layers oscillate or diverge (even explode). Remedies act on the ratio "
            r"itself: ReLU-type activations, careful initialisation (Glorot/He), batch normalisation, residual "
            r"connections, layer-wise pre-training.",
            r"不能。残差 $\delta^{(l)} = f'(z^{(l)}) \circ (W^{(l+1)T}\delta^{(l+1)})$ 每层缩小一个因子，"
            r"前面层的梯度比后面层小几个数量级。学习率对所有层一视同仁：大到足以推动前面的层时，后面层的更新"
            r"会剧烈震荡甚至发散（梯度爆炸）。应从比例本身入手：ReLU 类激活函数、合适的初始化（Glorot/He）、"
            r"批量归一化、残差连接、逐层预训练。"),
        key_points=(
            _t("Vanishing = gradients shrink geometrically layer to layer", "梯度消失是梯度逐层按几何级数缩小"),
            _t("A global learning rate scales every layer equally: late layers oscillate or diverge",
               "全局学习率对各层同等放大：后面的层震荡或发散"),
            _t("Better: ReLU, good initialisation, batch norm, residual connections", "更好：ReLU、良好初始化、批量归一化、残差连接"),
        ),
        choice=_t("No: it scales all layers alike, so late layers diverge before early ones learn",
                  "不能：它对各层同等放大，前面的层还没学会后面的层已发散"),
        distractors=(
            _t("Yes: multiplying by a larger rate exactly compensates the factor $f'$ of each layer",
               "能：更大的学习率正好抵消每层的因子 $f'$"),
            _t("Yes, provided the learning rate grows linearly with the depth of the network",
               "能，只要学习率随网络深度线性增大"),
            _t("No, because the learning rate does not appear in the weight update",
               "不能，因为学习率不出现在权重更新公式中"),
        ),
    ),
    Concept(
        key="backprop-efficiency", topic="C", catalog="mlp-backprop", covers=(),
        prompt=_t(
            "Why is backpropagation used to compute the gradient of a network instead of finite differences, "
            "and what are finite differences still good for?",
            "为什么用反向传播而不是有限差分来计算网络的梯度？有限差分还有什么用处？"),
        answer=_t(
            r"Backpropagation applies the chain rule from the output backwards and reuses each residual: "
            r"$\delta^{(l)} = f'(z^{(l)}) \circ (W^{(l+1)T}\delta^{(l+1)})$ is computed once from $\delta^{(l+1)}$ and gives "
            r"all the gradients of layer $l$, $\partial J/\partial W^{(l)} = \delta^{(l)}a^{(l-1)T}$. One backward pass "
            r"costs about as much as a forward pass, whatever the number of parameters $P$, and the result is "
            r"exact up to rounding. Finite differences need one or two forward passes per parameter ($O(P)$ "
            r"passes, millions for a real network) and are only approximate (truncation and cancellation "
            r"errors). They remain the reference for gradient checking: comparing a few entries of the "
            r"backpropagated gradient with central differences catches bugs in hand-written backward code.",
            r"反向传播从输出端向后应用链式法则，并复用每一层的残差：$\delta^{(l)} = f'(z^{(l)}) \circ (W^{(l+1)T}\delta^{(l+1)})$ "
            r"由 $\delta^{(l+1)}$ 一次算出，并给出第 $l$ 层的全部梯度 $\partial J/\partial W^{(l)} = \delta^{(l)}a^{(l-1)T}$。"
            r"一次反向传播的代价与一次前向传播相当，与参数个数 $P$ 无关，且结果除舍入误差外是精确的。有限差分每个参数"
            r"需要一到两次前向传播（共 $O(P)$ 次，实际网络达数百万次），而且只是近似值（截断误差与相消误差）。有限差分"
            r"仍是梯度检验的基准：把反向传播得到的梯度的若干分量与中心差分比较，可以发现手写反向传播代码中的错误。"),
        key_points=(
            _t(r"Residuals are reused layer to layer: $\delta^{(l)}$ from $\delta^{(l+1)}$", r"残差逐层复用：由 $\delta^{(l+1)}$ 得 $\delta^{(l)}$"),
            _t("One backward pass costs about one forward pass; exact", "一次反向传播约等于一次前向传播的代价，且精确"),
            _t("Finite differences: $O(P)$ passes and approximate; used for gradient checking",
               "有限差分：$O(P)$ 次前向传播且为近似；用于梯度检验"),
        ),
    ),
    Concept(
        key="xor-linear", topic="C", catalog=None, covers=("xor",),
        prompt=_t(
            r"Why can no single linear layer (with a threshold) compute XOR on $\{0,1\}^2$, and how does one "
            r"hidden layer fix it?",
            r"为什么单个线性层（加阈值）无法在 $\{0,1\}^2$ 上实现 XOR？一个隐藏层如何解决这个问题？"),
        answer=_t(
            r"XOR needs $w^Tx + b > t$ at $(0,1), (1,0)$ and $< t$ at $(0,0), (1,1)$: $b < t$, $w_1 + b > t$, "
            r"$w_2 + b > t$, $w_1 + w_2 + b < t$. Adding the middle two gives $w_1 + w_2 + b > 2t - b > t$, a "
            r"contradiction: the classes are not linearly separable. A hidden layer $h = \mathrm{ReLU}(Wx + c)$ "
            r"with $W = \begin{bmatrix}1 & 1\\ 1 & 1\end{bmatrix}$, $c = (0, -1)^T$ and output $(1, -2)h$ maps "
            r"the four points to $0, 1, 1, 0$: the nonlinear hidden layer makes the data separable.",
            r"XOR 要求 $(0,1), (1,0)$ 处 $w^Tx + b > t$，$(0,0), (1,1)$ 处 $< t$：$b < t$，$w_1 + b > t$，"
            r"$w_2 + b > t$，$w_1 + w_2 + b < t$。中间两式相加得 $w_1 + w_2 + b > 2t - b > t$，矛盾：两类线性"
            r"不可分。取隐藏层 $h = \mathrm{ReLU}(Wx + c)$，$W = \begin{bmatrix}1 & 1\\ 1 & 1\end{bmatrix}$，"
            r"$c = (0, -1)^T$，输出 $(1, -2)h$，四个点依次映射为 $0, 1, 1, 0$：非线性隐藏层使数据变得可分。"),
        key_points=(
            _t("The four inequalities are contradictory: not linearly separable", "四个不等式矛盾：线性不可分"),
            _t("A nonlinear hidden layer remaps the inputs so they become separable", "非线性隐藏层把输入变换为可分的表示"),
            _t(r"Explicit network, e.g. ReLU with $c = (0,-1)^T$, output $(1,-2)h$", r"给出具体网络，如 ReLU、$c = (0,-1)^T$、输出 $(1,-2)h$"),
        ),
    ),
    Concept(
        key="universal-approximation", topic="C", catalog=None, covers=("universal-approximation",),
        prompt=_t(
            "What does the universal approximation theorem say about two-layer networks, and what does it not say?",
            "通用近似定理对两层网络说了什么？没有说什么？"),
        answer=_t(
            "A feedforward network with one hidden layer of enough units and a suitable nonlinear activation "
            "(a squashing function such as the sigmoid, or ReLU) followed by a linear output can approximate "
            "any continuous function on a compact subset of $\\mathbb{R}^n$ to any accuracy. It does not say how "
            "many hidden units are needed (possibly exponentially many), nor that training will find the "
            "weights, nor that the network generalises; deeper networks can represent many functions far more "
            "economically.",
            "含一个隐藏层（单元足够多、激活函数为 Sigmoid 这类挤压函数或 ReLU 等非线性函数）、输出为线性的"
            "前馈网络，可以以任意精度逼近 $\\mathbb{R}^n$ 紧子集上的任意连续函数。定理没有说需要多少隐藏单元"
            "（可能指数多），也不保证训练算法能找到这些权重或网络能泛化；更深的网络往往能用少得多的参数表示同样的函数。"),
        key_points=(
            _t("One hidden layer with enough units and a nonlinear activation", "一个隐藏层、足够多单元、非线性激活"),
            _t("Approximates any continuous function on a compact set arbitrarily well", "以任意精度逼近紧集上的连续函数"),
            _t("Says nothing about size, learnability or generalisation; depth is more efficient",
               "不涉及规模、可学习性与泛化；深度更高效"),
        ),
        choice=_t("It can approximate any continuous function on a compact set, given enough hidden units",
                  "只要隐藏单元足够多，就能逼近紧集上的任意连续函数"),
        distractors=(
            _t("Gradient descent always finds the approximating weights in polynomial time",
               "梯度下降总能在多项式时间内找到这些权重"),
            _t("A network with a linear hidden layer can represent any function exactly",
               "隐藏层为线性的网络能精确表示任意函数"),
            _t("Two layers always generalise better than deeper networks", "两层网络总比更深的网络泛化得好"),
        ),
    ),
    # ---- D. Regularization ------------------------------------------------------------------------
    Concept(
        key="regularization-role", topic="D", catalog=None, covers=("regularization",),
        prompt=_t("What is regularization for in machine learning? Name common methods.",
                  "机器学习中正则化的作用是什么？列举常用方法。"),
        answer=_t(
            "Regularization is any change to the learning algorithm meant to reduce the generalization (test) "
            "error rather than the training error: it limits the effective capacity of the model to prevent "
            "overfitting, trading a little bias for less variance. Common methods: parameter norm penalties "
            "($L^2$ weight decay, $L^1$), dropout, early stopping, data augmentation, sparsity constraints.",
            "正则化是对学习算法的修改，目的是减小泛化（测试）误差而不是训练误差：它限制模型的有效容量以防止过拟合，"
            "以少量偏差换取较小的方差。常用方法：参数范数惩罚（$L^2$ 权重衰减、$L^1$）、Dropout、提前停止、"
            "数据增强、稀疏约束。"),
        key_points=(
            _t("Aims at generalization error, not training error", "目标是泛化误差而非训练误差"),
            _t("Limits model capacity to prevent overfitting", "限制模型容量，防止过拟合"),
            _t(r"Methods: $L^2$/$L^1$ penalties, dropout, early stopping, data augmentation",
               r"方法：$L^2$/$L^1$ 惩罚、Dropout、提前停止、数据增强"),
        ),
    ),
    Concept(
        key="l2-vs-l1", topic="D", catalog="l2-penalty-gradient", covers=("regularization",),
        prompt=_t(
            r"Compare the effect of an $L^2$ penalty $\lambda\|W\|_F^2$ and an $L^1$ penalty $\lambda\|W\|_1$ on "
            r"the weights. Why are biases usually not penalised?",
            r"比较 $L^2$ 惩罚 $\lambda\|W\|_F^2$ 与 $L^1$ 惩罚 $\lambda\|W\|_1$ 对权重的作用。为什么通常不惩罚偏置？"),
        answer=_t(
            r"The $L^2$ gradient is $2\lambda W$: each step shrinks every weight in proportion to its size "
            r"(weight decay), so weights become small but rarely exactly zero (a Gaussian prior in MAP terms). "
            r"The $L^1$ (sub)gradient is $\lambda\,\mathrm{sign}(W)$: a constant pull toward zero whatever the "
            r"size, which drives many weights to exactly 0 — sparse weights, feature selection (a Laplace prior). "
            r"Biases are few and each controls only one unit's offset; penalising them adds little against "
            r"overfitting and can cause underfitting.",
            r"$L^2$ 的梯度为 $2\lambda W$：每一步按比例缩小每个权重（权重衰减），权重变小但很少恰好为零"
            r"（对应 MAP 中的高斯先验）。$L^1$ 的（次）梯度为 $\lambda\,\mathrm{sign}(W)$：无论大小都以恒定力度"
            r"拉向零，使许多权重恰为 0——权重稀疏、起特征选择作用（拉普拉斯先验）。偏置数量少，每个只控制一个单元"
            r"的偏移，惩罚它们对防止过拟合帮助不大，反而可能导致欠拟合。"),
        key_points=(
            _t(r"$L^2$: gradient $2\lambda W$, proportional shrinkage, few exact zeros", r"$L^2$：梯度 $2\lambda W$，按比例收缩，很少恰为零"),
            _t(r"$L^1$: gradient $\lambda\,\mathrm{sign}(W)$, sparse weights", r"$L^1$：梯度 $\lambda\,\mathrm{sign}(W)$，权重稀疏"),
            _t("Biases are not penalised (few, penalty risks underfitting)", "不惩罚偏置（数量少，惩罚易欠拟合）"),
        ),
        choice=_t(r"$L^2$ shrinks weights proportionally; $L^1$ sets many weights exactly to zero",
                  r"$L^2$ 按比例缩小权重；$L^1$ 使许多权重恰为零"),
        distractors=(
            _t(r"$L^2$ sets many weights exactly to zero; $L^1$ shrinks them proportionally",
               r"$L^2$ 使许多权重恰为零；$L^1$ 按比例缩小权重"),
            _t("Both have the same effect; $L^1$ is only cheaper to compute", "两者效果相同，只是 $L^1$ 计算更便宜"),
            _t(r"$L^2$ increases the weights to speed up training; $L^1$ keeps them fixed",
               r"$L^2$ 增大权重以加速训练；$L^1$ 使权重保持不变"),
        ),
    ),
    Concept(
        key="dropout-purpose", topic="D", catalog="dropout-scaling", covers=("dropout", "regularization"),
        prompt=_t("What is the purpose of dropout, and what are its advantages?", "Dropout 的目的是什么？有哪些优点？"),
        answer=_t(
            "During training, each unit is dropped (its output set to 0) with probability $p$, independently at "
            "every iteration. The purpose is to reduce overfitting: units cannot rely on specific other units "
            "(no co-adaptation), and training effectively averages an exponential number of thinned subnetworks "
            "that share weights, like a cheap ensemble (it also acts like noise-based data augmentation). "
            "Advantages: more effective than many other regularizers at low computational cost, applicable to "
            "almost any architecture, and combinable with other regularizers such as weight decay.",
            "训练时每个单元以概率 $p$ 被丢弃（输出置 0），每次迭代独立重新采样。目的是减少过拟合：单元不能依赖"
            "特定的其他单元（避免共适应），训练相当于对指数多个共享权重的子网络取平均，是一种廉价的集成"
            "（也相当于加噪声的数据增强）。优点：比许多其他正则化方法更有效且计算开销小，几乎适用于任何网络结构，"
            "还可与权重衰减等其他正则化方法合用。"),
        key_points=(
            _t("Units dropped at random with probability $p$ during training", "训练时以概率 $p$ 随机丢弃单元"),
            _t("Prevents co-adaptation / overfitting; an implicit ensemble of subnetworks", "防止共适应与过拟合；隐式集成子网络"),
            _t("Cheap, effective, combinable with other regularizers", "开销小、有效，可与其他正则化合用"),
        ),
    ),
    Concept(
        key="dropout-test-time", topic="D", catalog="dropout-scaling", covers=("dropout",),
        prompt=_t(
            r"A network is trained with dropout, each unit dropped with probability $p$. Why must the weights be "
            r"scaled at test time, and by what?",
            r"网络训练时使用 Dropout，每个单元以概率 $p$ 被丢弃。为什么测试时要对权重进行缩放？缩放多少？"),
        answer=_t(
            r"With mask $m_i \sim \mathrm{Bernoulli}(1-p)$, the expected input a unit receives in training is "
            r"$E[m \circ a] = (1-p)a$. At test time every unit is kept, so without correction the inputs would "
            r"be $1/(1-p)$ times larger than what the next layer was trained on. Multiplying the outgoing weights "
            r"by $1-p$ restores the training expectation (the weight-scaling rule, which approximates averaging "
            r"all subnetworks). Equivalently, inverted dropout divides by $1-p$ during training and leaves the "
            r"test network unchanged.",
            r"设掩码 $m_i \sim \mathrm{Bernoulli}(1-p)$，训练时单元收到的输入期望为 $E[m \circ a] = (1-p)a$。"
            r"测试时保留全部单元，若不修正，输入会比训练时大 $1/(1-p)$ 倍。把输出权重乘以 $1-p$ 即恢复训练时的"
            r"期望（权重比例推断规则，近似于对所有子网络取平均）。等价地，反向 Dropout 在训练时除以 $1-p$，测试时网络不变。"),
        key_points=(
            _t(r"$E[m \circ a] = (1-p)a$ in training", r"训练时 $E[m \circ a] = (1-p)a$"),
            _t(r"At test all units are on: multiply weights by $1-p$ to match the expectation",
               r"测试时全部单元参与：权重乘以 $1-p$ 以匹配期望"),
            _t(r"Or inverted dropout: divide by $1-p$ during training", r"或反向 Dropout：训练时除以 $1-p$"),
        ),
        choice=_t(r"Multiply the weights by $1-p$, so the expected input matches training",
                  r"权重乘以 $1-p$，使输入期望与训练时一致"),
        distractors=(
            _t(r"Multiply the weights by $p$, the drop probability", r"权重乘以丢弃概率 $p$"),
            _t(r"Divide the weights by $1-p$ at test time", r"测试时权重除以 $1-p$"),
            _t("No scaling: dropout is switched off, so the network is unchanged", "不需缩放：测试时关掉 Dropout，网络不变"),
        ),
    ),
    # ---- E. Autoencoders, RBM/DBN, manifolds -----------------------------------------------------------
    Concept(
        key="autoencoder-structure", topic="E", catalog=None, covers=("autoencoder",),
        prompt=_t("Describe the structure and the basic idea of an autoencoder.", "简述自编码器的结构与基本思想。"),
        answer=_t(
            r"An autoencoder has an encoder $h = f(x)$ that maps the input to a code (the hidden layer) and a "
            r"decoder $r = g(h)$ that produces a reconstruction; it is trained to make $r$ close to $x$, e.g. "
            r"minimising $\|g(f(x)) - x\|^2$. The aim is not the copy itself: because the code is constrained "
            r"(fewer units than the input, sparsity, noise, contraction), the network cannot learn the identity "
            r"and must capture the most salient structure of the data — used for dimensionality reduction, "
            r"feature learning and pre-training.",
            r"自编码器由编码器 $h = f(x)$（把输入映射为隐藏层的编码）和解码器 $r = g(h)$（给出重构）组成，训练目标是"
            r"使 $r$ 接近 $x$，如最小化 $\|g(f(x)) - x\|^2$。目的不在于复制本身：由于编码受到约束（单元少于输入、"
            r"稀疏、加噪、收缩），网络无法学成恒等映射，只能抓住数据中最重要的结构——用于降维、特征学习和预训练。"),
        key_points=(
            _t(r"Encoder $h = f(x)$ and decoder $r = g(h)$", r"编码器 $h = f(x)$ 与解码器 $r = g(h)$"),
            _t("Trained to reconstruct the input", "训练目标是重构输入"),
            _t("Constrained code forces useful features (not the identity)", "受约束的编码迫使学到有用特征，而非恒等映射"),
        ),
    ),
    Concept(
        key="autoencoder-variants", topic="E", catalog="sparse-autoencoder-penalty", covers=("autoencoder",),
        prompt=_t("State the idea of sparse, stacked and contractive autoencoders.", "简述稀疏自编码器、栈式自编码器和收缩自编码器的基本思想。"),
        answer=_t(
            r"Sparse: add a penalty that keeps each hidden unit's mean activation $\hat\rho_j$ near a small "
            r"target $\rho$, e.g. $\beta\sum_j \mathrm{KL}(\rho\|\hat\rho_j)$, so only a few units are active for "
            r"any input, even with many hidden units. Stacked: train autoencoders greedily, each on the codes of "
            r"the previous one, stack the encoders into a deep network and fine-tune it with backpropagation. "
            r"Contractive: penalise $\lambda\|\partial h/\partial x\|_F^2$, the Jacobian of the code, so the "
            r"encoding is insensitive to small input perturbations and varies only along the data manifold.",
            r"稀疏自编码器：加入惩罚项使每个隐藏单元的平均激活 $\hat\rho_j$ 接近较小的目标 $\rho$，如 "
            r"$\beta\sum_j \mathrm{KL}(\rho\|\hat\rho_j)$，即使隐藏单元很多，对每个输入也只有少数单元激活。栈式自编码器："
            r"逐层贪婪地训练自编码器，每个以前一个的编码为输入，再把编码器堆叠成深层网络并用反向传播微调。收缩自编码器："
            r"惩罚编码的 Jacobian $\lambda\|\partial h/\partial x\|_F^2$，使编码对输入的微小扰动不敏感，只沿数据流形变化。"),
        key_points=(
            _t(r"Sparse: KL penalty keeps mean activation near $\rho$", r"稀疏：KL 惩罚使平均激活接近 $\rho$"),
            _t("Stacked: greedy layer-wise training, then fine-tuning", "栈式：逐层贪婪训练，再整体微调"),
            _t(r"Contractive: penalty $\|\partial h/\partial x\|_F^2$, robust to small perturbations",
               r"收缩：惩罚 $\|\partial h/\partial x\|_F^2$，对小扰动鲁棒"),
        ),
        choice=_t(r"The contractive one penalises $\|\partial h/\partial x\|_F^2$ so the code ignores small input changes",
                  r"收缩自编码器惩罚 $\|\partial h/\partial x\|_F^2$，使编码忽略输入的微小变化"),
        distractors=(
            _t("The sparse one limits the number of weights that may be non-zero", "稀疏自编码器限制非零权重的个数"),
            _t("The stacked one trains all layers jointly from a random start, with no pre-training",
               "栈式自编码器从随机初始值开始联合训练所有层，不做预训练"),
            _t("The contractive one shrinks the number of hidden units after every epoch",
               "收缩自编码器每个周期后减少隐藏单元的个数"),
        ),
    ),
    Concept(
        key="tied-weights", topic="E", catalog="tied-autoencoder-gradient", covers=("autoencoder",),
        prompt=_t(
            r"An autoencoder with tied weights uses $W^T$ as decoder: $J = \tfrac12\|W^T\sigma(Wx+b) + c - x\|^2$. "
            r"Why tie the weights, and why does $\nabla_W J$ have two terms?",
            r"权重绑定的自编码器以 $W^T$ 作解码器：$J = \tfrac12\|W^T\sigma(Wx+b) + c - x\|^2$。为什么要绑定权重？"
            r"为什么 $\nabla_W J$ 有两项？"),
        answer=_t(
            r"Tying halves the number of weight parameters and acts as a regulariser: the decoder cannot "
            r"compensate freely for the encoder (for a linear autoencoder the optimum spans the principal subspace, "
            r"as in PCA). Since $W$ appears twice — in the encoder $Wx+b$ and in the decoder $W^T$ — the gradient is "
            r"the sum of both contributions: with $h = \sigma(Wx+b)$ and $r = W^Th + c - x$, "
            r"$\nabla_W J = hr^T + (\sigma'(Wx+b) \circ Wr)x^T$ (decoder term plus encoder term).",
            r"绑定权重使权重参数减半并起正则化作用：解码器不能任意补偿编码器（线性自编码器的最优解张成主子空间，"
            r"与 PCA 相同）。由于 $W$ 出现两次——编码器 $Wx+b$ 和解码器 $W^T$——梯度是两部分贡献之和：令 "
            r"$h = \sigma(Wx+b)$，$r = W^Th + c - x$，则 $\nabla_W J = hr^T + (\sigma'(Wx+b) \circ Wr)x^T$（解码项加编码项）。"),
        key_points=(
            _t("Halves the parameters; regularises (linear case ~ PCA)", "参数减半，起正则化作用（线性情形类似 PCA）"),
            _t("$W$ occurs in encoder and decoder: gradient is a sum of two terms", "$W$ 同时出现在编码器和解码器中：梯度为两项之和"),
            _t(r"$\nabla_W J = hr^T + (\sigma'(Wx+b) \circ Wr)x^T$", r"$\nabla_W J = hr^T + (\sigma'(Wx+b) \circ Wr)x^T$"),
        ),
    ),
    Concept(
        key="manifold-hypothesis", topic="E", catalog=None, covers=("manifold-hypothesis",),
        prompt=_t("State the manifold hypothesis for high-dimensional data.", "简述高维数据的流形假设。"),
        answer=_t(
            r"Real data $x$ in a high-dimensional ambient space (e.g. images) lie on or near a low-dimensional "
            r"manifold, and the probability density $p(x)$ drops quickly to almost zero as $x$ moves away from it. "
            r"Learning can therefore focus on the few directions along the manifold; autoencoders (especially "
            r"contractive and denoising ones) learn such manifold coordinates.",
            r"高维外围空间中的真实数据 $x$（如图像）位于或接近某个低维流形，当 $x$ 离开该流形时概率密度 $p(x)$ 迅速"
            r"降到几乎为零。因此学习可以集中在沿流形的少数方向上；自编码器（特别是收缩、去噪自编码器）学到的正是这样的流形坐标。"),
        key_points=(
            _t("Data concentrate near a low-dimensional manifold", "数据集中在低维流形附近"),
            _t(r"$p(x)$ falls quickly to 0 away from the manifold", r"远离流形时 $p(x)$ 迅速降为 0"),
            _t("Learning focuses on directions along the manifold", "学习集中于沿流形的方向"),
        ),
    ),
    Concept(
        key="dbn-pretraining", topic="G", catalog="rbm-gradient", covers=("dbn-pretraining",),
        prompt=_t(
            "Why are deep belief networks trained layer by layer, and how does the pre-training proceed?",
            "深度信念网络为什么逐层训练？预训练如何进行？"),
        answer=_t(
            r"Train an RBM on the data (contrastive divergence, e.g. CD-1 $W \leftarrow W + \alpha(vh^T - v'h'^T)$), "
            r"then use its hidden activations $p(h=1|v) = \sigma(W^Tv + b)$ as the data for the next RBM, and so "
            r"on. With a suitable initialisation of the new layer, each layer added this way improves a "
            r"variational lower bound on the log-likelihood of the data (Hinton et al., 2006), so the greedy "
            r"procedure is principled. Each layer "
            r"is a shallow, easy problem, and the result is a good initialisation that avoids poor regions and "
            r"eases vanishing gradients; the whole network is then fine-tuned (backpropagation or wake-sleep).",
            r"先在数据上训练一个 RBM（对比散度，如 CD-1：$W \leftarrow W + \alpha(vh^T - v'h'^T)$），再把它的隐藏层激活 "
            r"$p(h=1|v) = \sigma(W^Tv + b)$ 作为下一个 RBM 的数据，依此类推。在新层适当初始化的条件下，每这样加一层，"
            r"数据对数似然的变分下界都会提高（Hinton 等，2006），因此贪婪逐层训练有理论依据。每层都是浅层的、易于求解的问题，得到的参数是良好的"
            r"初始化，避开不好的区域并缓解梯度消失；最后整体微调（反向传播或 wake-sleep 算法）。"),
        key_points=(
            _t("Greedy: each RBM is trained on the previous layer's hidden activations", "贪婪：每个 RBM 以前一层的隐藏激活为数据训练"),
            _t("Each layer improves a variational lower bound on the log-likelihood", "每加一层提高对数似然的变分下界"),
            _t("Gives a good initialisation; then fine-tune the whole network", "提供良好初始化，再整体微调"),
        ),
    ),
    # ---- F. Convolutional networks -------------------------------------------------------------------
    Concept(
        key="receptive-field-sharing", topic="F", catalog="conv-residual", covers=("receptive-field-sharing",),
        prompt=_t(
            "Explain local receptive fields and shared parameters in a convolutional layer, and why weights are shared.",
            "解释卷积层中的局部感受野与参数共享，并说明为什么要共享权重。"),
        answer=_t(
            r"Local receptive field: each hidden unit is connected only to a small $K \times K$ region of the "
            r"input, its receptive field, instead of to every pixel. Shared parameters: all units of one feature "
            r"map use the same kernel $\omega$ and bias, so the map detects the same feature at every position. "
            r"Sharing cuts the parameters from about $M^2 \times (M-K+1)^2$ for a dense layer to $K^2 + 1$ per "
            r"map, independent of the image size (less memory, less overfitting), and makes the layer equivariant "
            r"to translation: a shifted input gives a shifted feature map.",
            r"局部感受野：每个隐藏单元只与输入中一个小的 $K \times K$ 区域（其感受野）相连，而不是与所有像素相连。"
            r"参数共享：同一特征图的所有单元使用同一个卷积核 $\omega$ 和偏置，因而在每个位置检测同一种特征。共享使参数量"
            r"从全连接的约 $M^2 \times (M-K+1)^2$ 降到每个特征图 $K^2 + 1$，与图像大小无关（省内存、减少过拟合），"
            r"并使该层对平移等变：输入平移，特征图随之平移。"),
        key_points=(
            _t("Each unit sees only a small local region", "每个单元只连接一个局部区域"),
            _t("One kernel and bias shared by all positions of a feature map", "同一特征图的所有位置共享一个卷积核和偏置"),
            _t(r"Far fewer parameters ($K^2+1$ per map); translation equivariance", r"参数大为减少（每图 $K^2+1$）；平移等变"),
        ),
        choice=_t("The same feature is useful everywhere: far fewer parameters and translation equivariance",
                  "同一特征在各处都有用：参数大为减少，且具有平移等变性"),
        distractors=(
            _t("Sharing makes each unit see the whole image", "共享使每个单元都能看到整幅图像"),
            _t("Sharing is required for the max-pooling layer to be differentiable", "池化层要可导就必须共享权重"),
            _t("Shared weights make the layer invariant to rotations by construction", "共享权重使该层天然具有旋转不变性"),
        ),
    ),
    Concept(
        key="pooling-invariance", topic="F", catalog="pooling-residual", covers=("pooling-invariance",),
        prompt=_t(
            "Why does pooling give (approximate) translation invariance, and how does the residual pass back "
            "through a max- or mean-pooling layer?",
            "池化为什么带来（近似的）平移不变性？残差如何反向通过最大池化层和平均池化层？"),
        answer=_t(
            r"Pooling summarises a contiguous $s \times s$ region of one feature map by its max or mean. A small "
            r"shift, rotation or distortion of the input mostly moves the feature within the region, so the "
            r"pooled value hardly changes; pooling also reduces the size. Backward: max pooling routes each "
            r"$\delta_{l+1}$ entry to the arg-max position of its region (zeros elsewhere); mean pooling spreads "
            r"it evenly, $\delta_l = (\mathrm{kron}(\delta_{l+1}, \mathbf{1}\mathbf{1}^T)/s^2) \circ f'(z_l)$.",
            r"池化用最大值或平均值概括同一特征图中连续的 $s \times s$ 区域。输入的小平移、旋转或形变大多只让特征在区域内"
            r"移动，池化值几乎不变；池化还缩小了尺寸。反向：最大池化把 $\delta_{l+1}$ 的每个元素传给其区域中最大值所在的"
            r"位置（其余为零）；平均池化均匀分摊，$\delta_l = (\mathrm{kron}(\delta_{l+1}, \mathbf{1}\mathbf{1}^T)/s^2) \circ f'(z_l)$。"),
        key_points=(
            _t("Max/mean over a contiguous region of the same feature map", "在同一特征图的连续区域上取最大值或平均值"),
            _t("Small shifts leave the pooled value almost unchanged", "小平移几乎不改变池化结果"),
            _t(r"Backward: max routes to arg-max; mean spreads $\delta/s^2$", r"反向：最大池化传给最大值位置；平均池化均分 $\delta/s^2$"),
        ),
    ),
    Concept(
        key="conv-kinds", topic="F", catalog="conv-output-size", covers=("conv-kinds",),
        prompt=_t(
            r"Define narrow, wide and same convolution of an $M$-length input with a $K$-length kernel and give "
            r"the output sizes.",
            r"给出长度为 $M$ 的输入与长度为 $K$ 的卷积核的窄卷积、宽卷积和等宽卷积的定义及输出长度。"),
        answer=_t(
            r"Narrow (valid): no padding, the kernel stays inside the input, output $M-K+1$. Wide (full): pad "
            r"$K-1$ zeros at each end so every partial overlap counts, output $M+K-1$. Same: pad $(K-1)/2$ zeros at "
            r"each end (odd $K$), output $M$. In general, with padding $P$ and stride $S$, the output size is "
            r"$\lfloor (M + 2P - K)/S \rfloor + 1$.",
            r"窄卷积（valid）：不补零，卷积核始终在输入内部，输出长度 $M-K+1$。宽卷积（full）：两端各补 $K-1$ 个零，"
            r"部分重叠也计入，输出长度 $M+K-1$。等宽卷积（same）：两端各补 $(K-1)/2$ 个零（$K$ 为奇数），输出长度 $M$。"
            r"一般地，补零 $P$、步长 $S$ 时输出长度为 $\lfloor (M + 2P - K)/S \rfloor + 1$。"),
        key_points=(
            _t(r"Narrow: $M-K+1$ (no padding)", r"窄卷积：$M-K+1$（不补零）"),
            _t(r"Wide: $M+K-1$ (pad $K-1$)", r"宽卷积：$M+K-1$（补 $K-1$）"),
            _t(r"Same: $M$ (pad $(K-1)/2$); general $\lfloor (M+2P-K)/S \rfloor + 1$",
               r"等宽：$M$（补 $(K-1)/2$）；一般 $\lfloor (M+2P-K)/S \rfloor + 1$"),
        ),
        choice=_t(r"Narrow $M-K+1$, wide $M+K-1$, same $M$", r"窄 $M-K+1$，宽 $M+K-1$，等宽 $M$"),
        distractors=(
            _t(r"Narrow $M-K$, wide $M+K$, same $M$", r"窄 $M-K$，宽 $M+K$，等宽 $M$"),
            _t(r"Narrow $M+K-1$, wide $M-K+1$, same $M$", r"窄 $M+K-1$，宽 $M-K+1$，等宽 $M$"),
            _t(r"Narrow $M-K+1$, wide $M+K-1$, same $M-1$", r"窄 $M-K+1$，宽 $M+K-1$，等宽 $M-1$"),
        ),
    ),
    Concept(
        key="conv-rot180", topic="F", catalog="conv-residual", covers=(),
        prompt=_t(
            r"In the course, $z_{l+1} = \mathrm{conv2}(a_l, \omega, \text{'valid'}) + b$. Why does the residual "
            r"$\delta_l = \mathrm{conv2}(\delta_{l+1}, \mathrm{rot180}(\omega), \text{'full'}) \circ f'(z_l)$ use a "
            r"full convolution and a flipped kernel, and what changes if the forward pass is a cross-correlation?",
            r"课程中 $z_{l+1} = \mathrm{conv2}(a_l, \omega, \text{'valid'}) + b$。为什么残差 "
            r"$\delta_l = \mathrm{conv2}(\delta_{l+1}, \mathrm{rot180}(\omega), \text{'full'}) \circ f'(z_l)$ 用的是"
            r"宽（full）卷积和翻转的卷积核？若前向是互相关，结果有何变化？"),
        answer=_t(
            r"Each entry of $a_l$ contributes to every output of $z_{l+1}$ whose window covers it — up to $K^2$ "
            r"of them, fewer at the border — so $\partial J/\partial a_l$ sums $\delta_{l+1}$ times the matching "
            r"kernel weight over all those windows: a 'full' operation whose output has the input's size "
            r"$(M-K+1)+K-1 = M$. The forward convolution flips the kernel; the backward sum is a cross-correlation "
            r"with $\omega$, i.e. a convolution with $\mathrm{rot180}(\omega)$; the chain rule through "
            r"$a_l = f(z_l)$ adds $\circ f'(z_l)$. If the forward pass is a cross-correlation (as in most "
            r"frameworks), the residual is a full convolution with $\omega$ itself. A formula must state which "
            r"convention it assumes.",
            r"$a_l$ 的每个元素参与 $z_{l+1}$ 中所有覆盖它的窗口（最多 $K^2$ 个，边界处更少），所以 $\partial J/\partial a_l$ "
            r"要对这些窗口把 $\delta_{l+1}$ 乘以对应的核权重求和：这是一个 full 运算，输出尺寸为 $(M-K+1)+K-1 = M$，"
            r"与输入相同。前向卷积翻转了卷积核，反向求和是与 $\omega$ 的互相关，即与 $\mathrm{rot180}(\omega)$ 的卷积；"
            r"经过 $a_l = f(z_l)$ 的链式法则再乘上 $\circ f'(z_l)$。若前向是互相关（多数框架如此），残差就是与 $\omega$ "
            r"本身的 full 卷积。公式必须说明采用哪种约定。"),
        key_points=(
            _t("Each input entry feeds up to $K^2$ outputs: summing them is a 'full' operation of size $M$",
               "每个输入元素影响至多 $K^2$ 个输出：求和为 full 运算，尺寸为 $M$"),
            _t(r"Forward convolution flips the kernel, so backward uses $\mathrm{rot180}(\omega)$",
               r"前向卷积翻转了核，故反向用 $\mathrm{rot180}(\omega)$"),
            _t(r"Times $f'(z_l)$; with forward cross-correlation use $\omega$ unflipped",
               r"再乘 $f'(z_l)$；前向为互相关时用未翻转的 $\omega$"),
        ),
    ),
    Concept(
        key="tdnn-cnn-rnn", topic="F", catalog=None, covers=("tdnn-cnn-rnn",),
        prompt=_t("Compare time-delay, convolutional and recurrent neural networks.", "分析延时神经网络、卷积神经网络和循环神经网络的异同。"),
        answer=_t(
            "All three are trained by backpropagation and share weights to exploit structure in the data. A "
            "time-delay network adds delay units that keep the last few inputs, so each layer sees a fixed "
            "sliding window over time with the same weights at every step — effectively a 1-D convolution over "
            "time. A convolutional network slides shared local kernels over space (images), with pooling, giving "
            "translation equivariance and a fixed, local receptive field. A recurrent network feeds its hidden "
            r"state back, $h_t = f(Uh_{t-1} + Wx_t + b)$, so it handles sequences of any length and can in "
            "principle keep information for unbounded time, at the price of vanishing/exploding gradients "
            "through time.",
            "三者都用反向传播训练，都通过共享权重利用数据的结构。延时神经网络增加延时单元保存最近几个时刻的输入，"
            "每层在时间上看一个固定长度的滑动窗口，各时刻权重相同——相当于沿时间的一维卷积。卷积神经网络在空间上（图像）"
            "滑动共享的局部卷积核并配合池化，具有平移等变性，感受野固定且局部。循环神经网络把隐藏状态反馈回来，"
            r"$h_t = f(Uh_{t-1} + Wx_t + b)$，能处理任意长度的序列，理论上可记住任意久的信息，代价是随时间的梯度消失或爆炸。"),
        key_points=(
            _t("Common: backpropagation, weight sharing", "共同点：反向传播训练、权重共享"),
            _t("TDNN: fixed window over time (1-D convolution in time); CNN: local kernels over space",
               "延时网络：时间上的固定窗口（时间维一维卷积）；CNN：空间上的局部卷积核"),
            _t("RNN: recurrent state, any length, long-term memory; gradient problems",
               "RNN：循环状态、任意长度、长期记忆；存在梯度问题"),
        ),
    ),
    # ---- G. Sequence models, normalisation and training ----------------------------------------------
    Concept(
        key="rnn-exploding-vanishing", topic="G", catalog="rnn-bptt", covers=("rnn-gradients-lstm",),
        prompt=_t(
            r"With $z_t = Uh_{t-1} + Wx_t + b$, $h_t = f(z_t)$, explain why RNN gradients explode or vanish "
            r"over long time spans, and give remedies.",
            r"设 $z_t = Uh_{t-1} + Wx_t + b$，$h_t = f(z_t)$。解释 RNN 的梯度在长时间间隔上为何会爆炸或消失，并给出解决办法。"),
        answer=_t(
            r"Backpropagation through time gives $\delta_{t,k} = \partial L_t/\partial z_k = "
            r"\mathrm{diag}(f'(z_k))U^T\delta_{t,k+1} = \prod_{\tau=k}^{t-1}(\mathrm{diag}(f'(z_\tau))U^T)\,\delta_{t,t}$. "
            r"With $\gamma \approx \|\mathrm{diag}(f')U^T\|$, $\delta_{t,k} \approx \gamma^{t-k}\delta_{t,t}$: for "
            r"$\gamma > 1$ it grows exponentially in the gap $t-k$ (exploding), for $\gamma < 1$ it decays "
            r"(vanishing), so only short-range dependencies are learned. Remedies: gradient clipping, smaller "
            r"learning rate and weight regularisation against explosion; gated units (LSTM, GRU) with an additive "
            r"memory path against vanishing.",
            r"随时间反向传播得 $\delta_{t,k} = \partial L_t/\partial z_k = \mathrm{diag}(f'(z_k))U^T\delta_{t,k+1} = "
            r"\prod_{\tau=k}^{t-1}(\mathrm{diag}(f'(z_\tau))U^T)\,\delta_{t,t}$。记 $\gamma \approx \|\mathrm{diag}(f')U^T\|$，"
            r"则 $\delta_{t,k} \approx \gamma^{t-k}\delta_{t,t}$：$\gamma > 1$ 时随间隔 $t-k$ 指数增长（梯度爆炸），"
            r"$\gamma < 1$ 时指数衰减（梯度消失），因而只能学到短程依赖。办法：梯度截断、减小学习率、权重正则化以防爆炸；"
            r"用带加性记忆通路的门控单元（LSTM、GRU）防止消失。"),
        key_points=(
            _t(r"$\delta_{t,k} = \prod (\mathrm{diag}(f')U^T)\,\delta_{t,t} \approx \gamma^{t-k}\delta_{t,t}$",
               r"$\delta_{t,k} = \prod (\mathrm{diag}(f')U^T)\,\delta_{t,t} \approx \gamma^{t-k}\delta_{t,t}$"),
            _t(r"$\gamma > 1$ explodes, $\gamma < 1$ vanishes: long-range dependency problem",
               r"$\gamma > 1$ 爆炸，$\gamma < 1$ 消失：长程依赖问题"),
            _t("Clipping / regularisation for explosion; LSTM/GRU gates for vanishing",
               "梯度截断/正则化应对爆炸；LSTM/GRU 门控应对消失"),
        ),
        choice=_t(r"$\delta_{t,k} \approx \gamma^{t-k}\delta_{t,t}$ with $\gamma \approx \|\mathrm{diag}(f')U^T\|$",
                  r"$\delta_{t,k} \approx \gamma^{t-k}\delta_{t,t}$，其中 $\gamma \approx \|\mathrm{diag}(f')U^T\|$"),
        distractors=(
            _t(r"$\delta_{t,k} \approx (t-k)\,\gamma\,\delta_{t,t}$: the gradient grows linearly in the gap",
               r"$\delta_{t,k} \approx (t-k)\,\gamma\,\delta_{t,t}$：梯度随间隔线性增长"),
            _t(r"$\delta_{t,k} \approx \gamma^{k}\delta_{t,t}$: only the absolute time $k$ matters",
               r"$\delta_{t,k} \approx \gamma^{k}\delta_{t,t}$：只与绝对时刻 $k$ 有关"),
            _t(r"$\delta_{t,k} \approx \|W\|^{t-k}\delta_{t,t}$: the input weights $W$ cause it",
               r"$\delta_{t,k} \approx \|W\|^{t-k}\delta_{t,t}$：由输入权重 $W$ 引起"),
        ),
    ),
    Concept(
        key="lstm-gates", topic="G", catalog="lstm-parameter-count", covers=("rnn-gradients-lstm",),
        prompt=_t(
            "What do the three gates of an LSTM do, and why does its cell state ease vanishing gradients? How "
            r"many parameters does an LSTM layer with input size $d$ and $h$ hidden units have?",
            r"LSTM 的三个门各起什么作用？为什么记忆单元能缓解梯度消失？输入维数为 $d$、隐藏单元数为 $h$ 的 LSTM 层有多少参数？"),
        answer=_t(
            r"The forget gate $f_t$ decides how much of the old cell $c_{t-1}$ to keep, the input gate $i_t$ how "
            r"much of the candidate $\tilde c_t$ to write, the output gate $o_t$ how much of the cell to expose: "
            r"$c_t = f_t \circ c_{t-1} + i_t \circ \tilde c_t$, $h_t = o_t \circ \tanh(c_t)$, each gate a sigmoid of "
            r"$W x_t + U h_{t-1} + b$. The cell is updated additively, so along the cell path "
            r"$\partial c_t/\partial c_{t-1} = \mathrm{diag}(f_t)$ (no repeated factor $U^T\mathrm{diag}(f')$); with "
            r"the forget gate near 1 the gradient flows over many steps. Parameters: four blocks (three gates and "
            r"the candidate) of $h \times d$ input weights, $h \times h$ recurrent weights and $h$ biases: "
            r"$4h(d + h + 1)$, quadratic in $h$.",
            r"遗忘门 $f_t$ 决定保留多少旧记忆 $c_{t-1}$，输入门 $i_t$ 决定写入多少候选状态 $\tilde c_t$，输出门 $o_t$ 决定输出"
            r"多少记忆：$c_t = f_t \circ c_{t-1} + i_t \circ \tilde c_t$，$h_t = o_t \circ \tanh(c_t)$，每个门都是 "
            r"$W x_t + U h_{t-1} + b$ 的 Sigmoid。记忆单元按加法更新，沿记忆通路 $\partial c_t/\partial c_{t-1} = "
            r"\mathrm{diag}(f_t)$（没有反复相乘的 $U^T\mathrm{diag}(f')$），遗忘门接近 1 时梯度可跨越很多步。参数量：四组"
            r"（三个门加候选状态），每组有 $h \times d$ 输入权重、$h \times h$ 循环权重和 $h$ 个偏置，共 $4h(d + h + 1)$，"
            r"与 $h$ 成二次关系。"),
        key_points=(
            _t("Forget / input / output gates control keep, write, expose", "遗忘门、输入门、输出门分别控制保留、写入、输出"),
            _t(r"Additive cell $c_t = f_t \circ c_{t-1} + i_t \circ \tilde c_t$: gradient factor $\mathrm{diag}(f_t)$",
               r"加性记忆 $c_t = f_t \circ c_{t-1} + i_t \circ \tilde c_t$：梯度因子为 $\mathrm{diag}(f_t)$"),
            _t(r"Parameters $4h(d + h + 1)$", r"参数量 $4h(d + h + 1)$"),
        ),
        choice=_t(r"The cell is updated additively, so $\partial c_t/\partial c_{t-1} = \mathrm{diag}(f_t)$",
                  r"记忆单元按加法更新，故 $\partial c_t/\partial c_{t-1} = \mathrm{diag}(f_t)$"),
        distractors=(
            _t("The output gate clips gradients that are larger than 1", "输出门会截断大于 1 的梯度"),
            _t("The LSTM uses ReLU gates, whose derivative is always 1", "LSTM 的门使用 ReLU，其导数恒为 1"),
            _t("The cell state is recomputed from scratch at every step, so no gradient is multiplied over time",
               "记忆单元每步从头重新计算，梯度不会随时间相乘"),
        ),
    ),
    Concept(
        key="batchnorm-scale-shift", topic="G", catalog="batchnorm-backward", covers=("batchnorm",),
        prompt=_t(
            r"Batch normalisation computes $\hat x = (x - \mu_B)/\sqrt{\sigma_B^2 + \epsilon}$ and outputs "
            r"$y = \gamma \circ \hat x + \beta$. Explain the meaning of the scale $\gamma$ and shift $\beta$ from "
            r"the reparameterisation point of view, and how the layer works at inference.",
            r"批量归一化计算 $\hat x = (x - \mu_B)/\sqrt{\sigma_B^2 + \epsilon}$ 并输出 $y = \gamma \circ \hat x + \beta$。"
            r"从再参数化的角度说明缩放 $\gamma$ 与平移 $\beta$ 的意义，并说明推断时该层如何工作。"),
        answer=_t(
            r"Standardising concentrates the net inputs around 0 with unit variance; for a sigmoid that is its "
            r"nearly linear range, which would weaken the network's nonlinearity and restrict what it represents. "
            r"The learned $\gamma, \beta$ restore any mean and scale — with $\gamma = \sqrt{\sigma_B^2 + \epsilon}$ "
            r"and $\beta = \mu_B$ the layer is the identity — so no representational power is lost. As a "
            r"reparameterisation, the distribution's mean and scale are now set directly by two parameters instead "
            r"of by the interplay of all earlier weights, which makes optimisation easier. At inference there is "
            r"no batch: $\mu_B, \sigma_B^2$ are replaced by running averages collected in training, so the output "
            r"is deterministic and the layer is a fixed affine map (it can be folded into the previous layer).",
            r"标准化使净输入集中在 0 附近、方差为 1；对 Sigmoid 而言这恰是近似线性的区间，会削弱网络的非线性、限制其表示"
            r"能力。可学习的 $\gamma, \beta$ 能恢复任意均值和尺度——取 $\gamma = \sqrt{\sigma_B^2 + \epsilon}$、$\beta = \mu_B$ "
            r"时该层即为恒等变换——因此不损失表示能力。从再参数化角度看，分布的均值和尺度改由两个参数直接决定，而不是由之前"
            r"所有权重的复杂相互作用决定，优化更容易。推断时没有批量：用训练中累计的滑动平均代替 $\mu_B, \sigma_B^2$，输出"
            r"是确定的，该层成为固定的仿射变换（可并入前一层）。"),
        key_points=(
            _t("Normalisation alone limits the range (e.g. sigmoid's linear region)", "仅归一化会限制取值区间（如 Sigmoid 的线性区）"),
            _t(r"$\gamma, \beta$ restore any mean/scale; $\gamma = \sqrt{\sigma_B^2+\epsilon}$, $\beta = \mu_B$ gives the identity",
               r"$\gamma, \beta$ 恢复任意均值与尺度；$\gamma = \sqrt{\sigma_B^2+\epsilon}$、$\beta = \mu_B$ 时为恒等变换"),
            _t("Reparameterisation: two parameters set mean and scale, easier optimisation", "再参数化：两个参数决定均值与尺度，易于优化"),
            _t("Inference uses running averages of mean and variance", "推断时使用均值与方差的滑动平均"),
        ),
        choice=_t(r"They let the layer recover any mean and scale, even the identity, so normalising loses no power",
                  r"它们使该层能恢复任意均值和尺度（甚至恒等变换），归一化不损失表示能力"),
        distractors=(
            _t("They are fixed to 1 and 0 and only exist for numerical stability", "它们固定为 1 和 0，只为数值稳定而设"),
            _t("They store the batch mean and variance for use at inference", "它们保存批量均值和方差供推断使用"),
            _t("They add noise to the activations, which is the main source of regularisation",
               "它们给激活值加噪声，这是正则化的主要来源"),
        ),
    ),
    Concept(
        key="batchnorm-inference", topic="G", catalog="batchnorm-backward", covers=("batchnorm",),
        prompt=_t(
            "How does a batch-normalisation layer compute its output at inference (test) time, and why not "
            "with the statistics of the test batch?",
            "批量归一化层在推断（测试）时如何计算输出？为什么不用测试批量的统计量？"),
        answer=_t(
            r"It uses population estimates of the mean and variance of each unit, usually moving averages of "
            r"$\mu_B$ and $\sigma_B^2$ accumulated during training: $y = \gamma \circ (x - \mu)/\sqrt{\sigma^2 + \epsilon} "
            r"+ \beta$. The prediction for one example must be deterministic and must not depend on which other "
            r"examples share its batch; a batch of one would even give $\sigma_B^2 = 0$ and $\hat x = 0$. With "
            r"fixed statistics the layer is a fixed affine map per unit, which can be folded into the preceding "
            r"linear layer (scale its rows by $\gamma/\sqrt{\sigma^2 + \epsilon}$ and adjust the bias).",
            r"使用各单元均值和方差的总体估计，通常是训练时累计的 $\mu_B$、$\sigma_B^2$ 的滑动平均："
            r"$y = \gamma \circ (x - \mu)/\sqrt{\sigma^2 + \epsilon} + \beta$。单个样本的预测必须是确定的，不能取决于与它"
            r"同批的其他样本；批量为 1 时甚至有 $\sigma_B^2 = 0$、$\hat x = 0$。统计量固定后，该层对每个单元是固定的仿射变换，"
            r"可以并入前面的线性层（其各行乘以 $\gamma/\sqrt{\sigma^2 + \epsilon}$ 并调整偏置）。"),
        key_points=(
            _t("Use running (population) mean and variance from training", "使用训练中累计的（总体）均值和方差"),
            _t("Output must be deterministic, independent of the other examples in the batch", "输出须确定，不依赖同批的其他样本"),
            _t("The layer becomes a fixed affine map, foldable into the previous layer", "该层成为固定的仿射变换，可并入前一层"),
        ),
        choice=_t("With running averages of the training means and variances, so the output is deterministic",
                  "用训练时均值与方差的滑动平均，使输出确定"),
        distractors=(
            _t("With the mean and variance of the current test batch, exactly as in training",
               "与训练时完全一样，用当前测试批量的均值和方差"),
            _t(r"It is removed: at test time $y = x$", r"测试时去掉该层：$y = x$"),
            _t(r"$\gamma$ and $\beta$ are re-estimated on the test set before predicting",
               r"预测前先在测试集上重新估计 $\gamma$ 和 $\beta$"),
        ),
    ),
    Concept(
        key="lr-batch-size", topic="G", catalog="minibatch-gradient-variance", covers=("lr-batch-size",),
        prompt=_t(
            "In mini-batch gradient descent, why is the learning rate usually chosen in proportion to the batch size?",
            "在小批量梯度下降中，为什么学习率通常与批量大小成正比？"),
        answer=_t(
            r"The mini-batch gradient is an unbiased estimate of the full gradient whatever the batch size $B$; "
            r"only its variance depends on $B$: $\mathrm{Var} = \sigma^2/B$ for per-sample variance $\sigma^2$. A "
            r"larger batch gives less noisy gradients, so larger steps are safe; a small batch needs a small "
            r"learning rate or training does not converge. Roughly, $B$ steps of size $\eta$ on single samples "
            r"move as far as one step of size $B\eta$ on their mean, hence the linear scaling rule.",
            r"无论批量大小 $B$ 为多少，小批量梯度都是全梯度的无偏估计，只有方差与 $B$ 有关：单样本梯度方差为 $\sigma^2$ 时 "
            r"$\mathrm{Var} = \sigma^2/B$。批量越大，梯度噪声越小，可以安全地迈更大的步；批量小时需要较小的学习率，否则不收敛。"
            r"粗略地说，对单个样本走 $B$ 步步长 $\eta$，与对它们的平均梯度走一步步长 $B\eta$ 相当，这就是线性缩放规则。"),
        key_points=(
            _t("Expectation independent of $B$ (unbiased)", "期望与 $B$ 无关（无偏）"),
            _t(r"$\mathrm{Var} = \sigma^2/B$: larger batch, less noise", r"$\mathrm{Var} = \sigma^2/B$：批量越大，噪声越小"),
            _t("Less noise allows a larger learning rate (linear scaling)", "噪声小允许更大的学习率（线性缩放）"),
        ),
        choice=_t(r"The gradient variance is $\sigma^2/B$: larger batches are less noisy and allow larger steps",
                  r"梯度方差为 $\sigma^2/B$：批量越大噪声越小，可用更大步长"),
        distractors=(
            _t(r"The expected gradient grows linearly with $B$, so the step must grow too",
               r"梯度期望随 $B$ 线性增长，因此步长也要增大"),
            _t(r"The gradient variance is $\sigma^2 B$, so larger batches need larger steps to escape the noise",
               r"梯度方差为 $\sigma^2 B$，批量越大越需要大步长来摆脱噪声"),
            _t("Larger batches take longer to compute, so the learning rate compensates the time",
               "批量越大计算越慢，学习率用来补偿时间"),
        ),
    ),
    Concept(
        key="minibatch-why", topic="G", catalog="minibatch-gradient-variance", covers=(),
        prompt=_t(
            "Why is a network usually trained with mini-batches rather than with the full training set or with "
            "single examples?",
            "为什么通常用小批量训练网络，而不是每次用全部训练集或单个样本？"),
        answer=_t(
            r"The mini-batch gradient $\frac{1}{B}\sum_{i \in \mathcal{B}} \nabla \ell_i$ is an unbiased estimate of "
            r"the full gradient with variance $\sigma^2/B$. Its error falls only like $1/\sqrt{B}$ while its cost "
            r"grows like $B$, so a full pass over all $N$ examples per step is wasteful (the data are redundant): "
            r"many cheaper, slightly noisy steps make faster progress. Single examples give very noisy steps that "
            r"need a small learning rate and leave parallel hardware idle. A batch of tens to hundreds turns the "
            r"work into matrix–matrix products that hardware runs efficiently, keeps the noise moderate (which "
            r"can even help escape saddle points and acts as a mild regulariser), and fits in memory.",
            r"小批量梯度 $\frac{1}{B}\sum_{i \in \mathcal{B}} \nabla \ell_i$ 是全梯度的无偏估计，方差为 $\sigma^2/B$。"
            r"其误差只按 $1/\sqrt{B}$ 减小，而计算量按 $B$ 增长，所以每步都遍历全部 $N$ 个样本很浪费（数据有冗余）："
            r"多走几步便宜、略带噪声的步子进展更快。单个样本的梯度噪声很大，需要很小的学习率，也无法发挥并行硬件的能力。"
            r"几十到几百的批量把计算变成硬件高效执行的矩阵乘矩阵，噪声适中（甚至有助于逃离鞍点，起轻微的正则化作用），"
            r"且能放入内存。"),
        key_points=(
            _t(r"Unbiased estimate, variance $\sigma^2/B$", r"无偏估计，方差 $\sigma^2/B$"),
            _t(r"Error falls like $1/\sqrt{B}$, cost grows like $B$: full batch is wasteful",
               r"误差按 $1/\sqrt{B}$ 减小、代价按 $B$ 增长：全批量不划算"),
            _t("Vectorised hardware efficiency; moderate, mildly regularising noise", "发挥向量化硬件效率；噪声适中，有轻微正则化作用"),
        ),
        choice=_t(r"Its gradient is unbiased with variance $\sigma^2/B$ and uses vectorised hardware well at a fraction of the full cost",
                  r"其梯度无偏、方差为 $\sigma^2/B$，能高效利用向量化硬件，代价只是全量的一小部分"),
        distractors=(
            _t("The mini-batch gradient equals the full gradient exactly, so it has no noise",
               "小批量梯度与全梯度完全相等，因此没有噪声"),
            _t("The mini-batch gradient is biased, but the bias cancels over an epoch",
               "小批量梯度是有偏的，但偏差在一个周期内相互抵消"),
            _t("Backpropagation cannot be applied to a single example", "反向传播无法用于单个样本"),
        ),
    ),
    Concept(
        key="scaled-dot-product", topic="G", catalog="scaled-dot-product", covers=(),
        prompt=_t(
            r"Why does scaled dot-product attention divide the score $x^Tq$ by $\sqrt{D}$ before the softmax?",
            r"为什么缩放点积注意力在 Softmax 之前要把打分 $x^Tq$ 除以 $\sqrt{D}$？"),
        answer=_t(
            r"If the entries of $x, q \in \mathbb{R}^D$ are independent with mean 0 and variance 1, then "
            r"$\mathrm{Var}(x^Tq) = \sum_i \mathrm{Var}(x_iq_i) = D$: the scores grow in spread with $D$. Large "
            r"scores push the softmax towards one-hot, where its Jacobian $\partial\alpha_i/\partial z_j = "
            r"\alpha_i(\delta_{ij} - \alpha_j)$ is nearly zero, so the gradients vanish. Dividing by $\sqrt{D}$ "
            r"restores unit variance and keeps the softmax out of saturation.",
            r"若 $x, q \in \mathbb{R}^D$ 的各分量独立、均值为 0、方差为 1，则 $\mathrm{Var}(x^Tq) = \sum_i \mathrm{Var}(x_iq_i) = D$，"
            r"打分的离散程度随 $D$ 增大。打分很大时 Softmax 趋于 one-hot，其 Jacobian $\partial\alpha_i/\partial z_j = "
            r"\alpha_i(\delta_{ij} - \alpha_j)$ 几乎为零，梯度消失。除以 $\sqrt{D}$ 使方差恢复为 1，让 Softmax 远离饱和区。"),
        key_points=(
            _t(r"$\mathrm{Var}(x^Tq) = D$ for unit-variance entries", r"单位方差分量下 $\mathrm{Var}(x^Tq) = D$"),
            _t(r"Large scores saturate softmax: $\alpha_i(\delta_{ij} - \alpha_j) \approx 0$", r"打分过大使 Softmax 饱和：$\alpha_i(\delta_{ij} - \alpha_j) \approx 0$"),
            _t(r"Dividing by $\sqrt{D}$ restores variance 1", r"除以 $\sqrt{D}$ 使方差回到 1"),
        ),
        choice=_t(r"$\mathrm{Var}(x^Tq) = D$; scaling restores variance 1 and keeps the softmax from saturating",
                  r"$\mathrm{Var}(x^Tq) = D$；缩放使方差回到 1，避免 Softmax 饱和"),
        distractors=(
            _t(r"$\mathrm{Var}(x^Tq) = \sqrt{D}$; scaling makes the scores sum to 1",
               r"$\mathrm{Var}(x^Tq) = \sqrt{D}$；缩放使打分之和为 1"),
            _t("It makes the attention weights sparse, as sparsemax would", "它使注意力权重像 Sparsemax 那样稀疏"),
            _t(r"It avoids overflow of $\exp$ only; the gradients are unaffected", r"它只为避免 $\exp$ 溢出，对梯度无影响"),
        ),
    ),
    Concept(
        key="glorot-init", topic="G", catalog="glorot-init", covers=("zero-init",),
        prompt=_t(
            r"Explain the reasoning behind Glorot (Xavier) initialisation $W_{ij} \sim U[-r, r]$ with "
            r"$r = \sqrt{6}/\sqrt{n_{in} + n_{out}}$.",
            r"说明 Glorot（Xavier）初始化 $W_{ij} \sim U[-r, r]$，$r = \sqrt{6}/\sqrt{n_{in} + n_{out}}$ 背后的道理。"),
        answer=_t(
            r"For a layer $z = Wa$ with independent zero-mean inputs and weights (and an activation that is "
            r"near-linear around 0), $\mathrm{Var}(z_i) = n_{in}\mathrm{Var}(W)\mathrm{Var}(a)$, so the forward "
            r"signal keeps its variance if $n_{in}\mathrm{Var}(W) = 1$; backwards, $\delta = W^T\delta'$ keeps its "
            r"variance if $n_{out}\mathrm{Var}(W) = 1$. Both cannot hold unless $n_{in} = n_{out}$; the compromise "
            r"is $\mathrm{Var}(W) = 2/(n_{in} + n_{out})$. A uniform $U[-r, r]$ has variance $r^2/3$, hence "
            r"$r = \sqrt{6/(n_{in} + n_{out})}$. This keeps activations and gradients from shrinking or growing "
            r"layer by layer.",
            r"对 $z = Wa$，若输入与权重独立且均值为零（激活函数在 0 附近近似线性），则 $\mathrm{Var}(z_i) = n_{in}\mathrm{Var}(W)"
            r"\mathrm{Var}(a)$，前向信号方差保持不变需 $n_{in}\mathrm{Var}(W) = 1$；反向 $\delta = W^T\delta'$ 方差不变需 "
            r"$n_{out}\mathrm{Var}(W) = 1$。除非 $n_{in} = n_{out}$ 两者不能同时成立，折中取 $\mathrm{Var}(W) = 2/(n_{in} + n_{out})$。"
            r"均匀分布 $U[-r, r]$ 的方差为 $r^2/3$，故 $r = \sqrt{6/(n_{in} + n_{out})}$。这样激活和梯度不会逐层缩小或放大。"),
        key_points=(
            _t(r"Forward: $n_{in}\mathrm{Var}(W) = 1$; backward: $n_{out}\mathrm{Var}(W) = 1$",
               r"前向：$n_{in}\mathrm{Var}(W) = 1$；反向：$n_{out}\mathrm{Var}(W) = 1$"),
            _t(r"Compromise $\mathrm{Var}(W) = 2/(n_{in} + n_{out})$", r"折中 $\mathrm{Var}(W) = 2/(n_{in} + n_{out})$"),
            _t(r"$U[-r, r]$ has variance $r^2/3$, so $r = \sqrt{6/(n_{in} + n_{out})}$", r"$U[-r, r]$ 方差为 $r^2/3$，故 $r = \sqrt{6/(n_{in} + n_{out})}$"),
        ),
        choice=_t(r"Keep forward and backward variances: $\mathrm{Var}(W) = 2/(n_{in} + n_{out}) = r^2/3$",
                  r"保持前向与反向方差：$\mathrm{Var}(W) = 2/(n_{in} + n_{out}) = r^2/3$"),
        distractors=(
            _t(r"Make every weight have variance 1, so $r = \sqrt{3}$", r"使每个权重方差为 1，故 $r = \sqrt{3}$"),
            _t(r"Keep the sum of the weights zero: $r = 1/(n_{in} + n_{out})$", r"使权重之和为零：$r = 1/(n_{in} + n_{out})$"),
            _t(r"Match only the forward pass: $\mathrm{Var}(W) = 1/n_{out}$", r"只匹配前向传播：$\mathrm{Var}(W) = 1/n_{out}$"),
        ),
    ),
)
