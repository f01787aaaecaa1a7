"""Conventions, differential rules, trace identities and the gradient table (CATALOG A; lecture ch. 2)."""

from __future__ import annotations

from question_bank.cheatsheet.kinds import CatalogIdentity, CatalogPart, Differential, Engine
from question_bank.cheatsheet.model import Item, Section


def note(en: str, zh: str) -> Item:
    return Item(note={"en": en, "zh": zh})


def f(spec) -> Item:  # type: ignore[no-untyped-def]
    return Item(spec=spec)


CONVENTIONS = Section("conventions", {"en": "Conventions", "zh": "约定"}, (
    note("Vectors are columns; $\\mathbf{1}$ all ones, $e_y$ one-hot. The gradient has the shape of the variable:",
         "向量为列向量；$\\mathbf{1}$ 为全 1 向量，$e_y$ 为第 $y$ 类的独热向量。梯度与自变量同形："),
    f(CatalogPart("least-squares-gradient", "gradient")),
    note("The Jacobian of $y\\in\\mathbb{R}^m$ in $x\\in\\mathbb{R}^n$ is $m\\times n$, $(\\partial y/\\partial x)_{ij}=\\partial y_i/\\partial x_j$; for a scalar it is the row $(\\nabla f)^{\\top}$:",
         "$y\\in\\mathbb{R}^m$ 对 $x\\in\\mathbb{R}^n$ 的雅可比矩阵为 $m\\times n$，$(\\partial y/\\partial x)_{ij}=\\partial y_i/\\partial x_j$；标量时为行向量 $(\\nabla f)^{\\top}$："),
    f(CatalogPart("least-squares-gradient", "jacobian", lhs=r"\frac{\partial f}{\partial x}")),
    note("Method: write $\\mathrm df=\\operatorname{Tr}(G^{\\top}\\mathrm dX)$, read off $\\nabla_X f=G$:",
         "方法：写成 $\\mathrm df=\\operatorname{Tr}(G^{\\top}\\mathrm dX)$，读出 $\\nabla_X f=G$："),
    f(CatalogPart("least-squares-gradient", "differential")),
    note("$\\circ$ is the Hadamard (entrywise) product, $*$ 2-D convolution with the kernel flipped "
         "($\\operatorname{conv2}$); $\\operatorname{rot180}(\\omega)$ flips a kernel: cross-correlation with $\\omega$ is convolution with $\\operatorname{rot180}(\\omega)$. "
         "Superscripts in parentheses are labels: $W^{(l)}$, $\\delta_{t,k}$.",
         "$\\circ$ 为哈达玛积（逐元素相乘），$*$ 为核翻转的二维卷积（即 $\\operatorname{conv2}$）；$\\operatorname{rot180}(\\omega)$ 翻转卷积核：与 $\\omega$ 的互相关即与 $\\operatorname{rot180}(\\omega)$ 的卷积。"
         "带括号的上标是层或时刻的标号：$W^{(l)}$、$\\delta_{t,k}$。"),
))

DIFFERENTIALS = Section("differentials", {"en": "Differential rules", "zh": "微分法则"}, (
    f(Differential("trace-linear-gradient", "A X B", "X", "A dX B", "A: p x m, X: m x n, B: n x q")),
    f(Differential("least-squares-gradient", "X Y", "X, Y", "dX Y + X dY", "X: m x n, Y: n x p",
                   label={"en": "product rule (X and Y both vary)", "zh": "乘积法则（X、Y 都变化）"})),
    f(Differential("least-squares-gradient", "X^T", "X", "dX^T", "X: m x n")),
    f(Differential("trace-hadamard", "X .* Y", "X, Y", "dX .* Y + X .* dY", "X: m x n, Y: m x n")),
    f(Differential("trace-linear-gradient", "tr(X)", "X", "tr(dX)", "X: n x n")),
    f(Differential("logdet-gradient", "inv(X)", "X", "-inv(X) dX inv(X)", "X: n x n invertible")),
    f(Differential("logdet-gradient", "det(X)", "X", "det(X) tr(inv(X) dX)", "X: n x n invertible")),
    f(Differential("logdet-gradient", "log(det(X))", "X", "tr(inv(X) dX)", "X: n x n invertible")),
    f(Differential("sigmoid-derivative", "sigmoid(X)", "X", "sigmoid'(X) .* dX", "X: m x n",
                   label={"en": "elementwise f", "zh": "逐元素函数"})),
))

TRACES = Section("traces", {"en": "Trace identities", "zh": "迹的恒等式"}, (
    f(CatalogIdentity("trace-cyclic", label={"en": "cyclic shifts and transpose (A m×n, B n×p, C p×q, D q×m)",
                                             "zh": "循环移位与转置（A m×n，B n×p，C p×q，D q×m）"})),
    f(CatalogIdentity("trace-hadamard", text="tr(A^T B) = sum(A .* B) = tr(B A^T)", symbols="A, B: m x n",
                      label={"en": "inner product of matrices", "zh": "矩阵内积"})),
    f(CatalogIdentity("trace-hadamard", label={"en": "Hadamard: the transpose on A matters (A, B, C m×n)",
                                               "zh": "哈达玛积：A 上的转置不能丢（A、B、C 均为 m×n）"})),
    f(CatalogIdentity("linear-network-collapse", label={"en": "stacked linear layers are one layer",
                                                        "zh": "线性层堆叠仍是线性层"})),
))

GRADIENTS = Section("gradients", {"en": "Gradient table (∇ has the variable's shape)", "zh": "梯度表（∇ 与自变量同形）"}, (
    f(Engine("quadratic-form-gradient", "a^T x", "x", "a: n, x: n")),
    f(CatalogPart("quadratic-form-gradient", "gradient")),
    f(Engine("least-squares-gradient", "||x||^2", "x", "x: n")),
    f(CatalogPart("least-squares-gradient", "gradient", lhs=r"\nabla_{x} \lVert A x - b \rVert^{2}")),
    f(CatalogPart("trace-linear-gradient", "gradient")),
    f(Engine("trace-linear-gradient", "tr(X^T A X)", "X", "A: m x m, X: m x n")),
    f(CatalogPart("l2-penalty-gradient", "gradient")),
    f(CatalogPart("logdet-gradient", "gradient", lhs=r"\nabla_{X} \log\det X")),
    f(Engine("logdet-gradient", "tr(A inv(X))", "X", "A: n x n, X: n x n invertible")),
    f(Engine("logdet-gradient", "a^T inv(X) b", "X", "a: n, b: n, X: n x n invertible")),
))

SECTIONS = (CONVENTIONS, DIFFERENTIALS, TRACES, GRADIENTS)
