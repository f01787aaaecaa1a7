"""What a derivation step does, named as the course names it: one line per idea, read by the model
answers (``derivations.model_answer``) to merge mechanical steps and to write each line's note.

A step's rule text (the engine's, or a catalog proof's) is split at "; " and each piece is matched here
by its first pattern that fits. ``kind`` says how the piece counts when lines are merged:

* ``silent``: mechanical (take the differential, linearity, a scalar is its own trace): merged into the
  next line and named only when a line has nothing else;
* ``named``: mechanical but worth a word (product rule): merged, and named in the note;
* ``idea``: one line of the model answer (chain rule, elementwise differential, …);
* ``trace``: the trace manipulations; consecutive ones make one line;
* ``collect``: the form Tr(Gᵀ dX) or J dx, reached; ``result``: the answer read off;
* ``setup``: f restated (norms as inner products, abbreviations); ``definition``: stated, not derived.

Notes are zh/en markup (prose and ``$…$``), ready for the one message table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

Text = dict[str, str]
KINDS = ("silent", "named", "idea", "trace", "collect", "result", "setup", "definition")


@dataclass(frozen=True)
class Idea:
    key: str
    pattern: str  # a regular expression searched in one piece of a rule text
    kind: str
    note: Text  # the idea's name
    formula: str = ""  # the identity it uses, LaTeX (shown when a line names this idea alone)


def _i(key: str, pattern: str, kind: str, en: str, zh: str, formula: str = "") -> Idea:
    return Idea(key, pattern, kind, {"en": en, "zh": zh}, formula)


TR_HAD = r"\operatorname{Tr}(A^{\top}(B \circ C)) = \operatorname{Tr}((A \circ B)^{\top} C)"
IDEAS: tuple[Idea, ...] = (
    _i("differential", r"^take the differential", "silent", "take the differential", "两边取微分"),
    _i("linearity", r"^d\((X|u) \+ (Y|v)\)|^linearity of Tr|^d Tr\(X\)|^sum\(δ∘\(c·11ᵀ\)\)", "silent",
       "linearity of the differential and the trace", "微分与迹的线性性"),
    _i("transpose", r"^d\(Xᵀ\)", "silent", "the differential of a transpose", "转置的微分"),
    _i("product-transpose", r"^\(e_\{k\*\}ᵀW\)ᵀ", "silent", "the transpose of a product", "乘积的转置", r"(A B)^{\top} = B^{\top} A^{\top}"),
    _i("scalar-trace", r"^a scalar is its own trace", "silent", "a scalar is its own trace", "标量等于其迹"),
    _i("product", r"^d\((XY|uv)\)", "named", "product rule", "乘积法则"),
    _i("power", r"^d\(uᵖ\)", "idea", "power rule", "幂函数的微分"),
    _i("elementwise", r"^d f\((X|u|z)\) = f′|^the indicators are constant|^d\(α\(e\^z", "idea",
       "differential of an elementwise function", "逐元素函数的微分", r"\mathrm{d} f(X) = f'(X) \circ \mathrm{d}X"),
    _i("softmax", r"^d softmax", "idea", "chain rule through Softmax", "链式法则（Softmax 的微分）",
       r"\mathrm{d}a = (\operatorname{diag}(a) - a a^{\top}) \mathrm{d}z"),
    _i("logdet", r"^d log det", "idea", "differential of the log-determinant", "对数行列式的微分",
       r"\mathrm{d} \log\det X = \operatorname{Tr}(X^{-1} \mathrm{d}X)"),
    _i("hadamard-trace", r"^Tr\(Aᵀ\(B∘C\)\)|^sum\(A∘B\)|^sum\(u ∘ v\)|^sum\(A∘\(PXPᵀ\)\)", "trace", "Hadamard product and trace",
       "哈达玛积与迹", TR_HAD),
    _i("cyclic", r"^cyclic shift", "trace", "cyclic property of the trace", "迹的循环性质",
       r"\operatorname{Tr}(ABC) = \operatorname{Tr}(CAB)"),
    _i("trace-transpose", r"^Tr\(Aᵀ\) = Tr\(A\)", "trace", "the trace of a transpose", "转置不改变迹"),
    _i("collect-trace", r"^collect: df = Tr|^collect$", "collect", "collect terms", "合并同类项",
       r"\mathrm{d}f = \operatorname{Tr}(G^{\top} \mathrm{d}X)"),
    _i("collect-jacobian", r"^collect: df = J|^associativity", "collect", "collect terms", "合并同类项", r"\mathrm{d}f = J \mathrm{d}x"),
    _i("read-gradient", r"^read off (G|δ)", "result", "read off the gradient", "读出梯度"),
    _i("read-jacobian", r"^read off J|^the Jacobian row", "result", "read off the Jacobian", "读出雅可比矩阵"),
    _i("read-derivative", r"^read off the derivative|^df = \(df/d", "result", "read off the derivative", "读出导数"),
    _i("independent", r"does not depend on", "result", "the function does not depend on the variable", "函数与该变量无关"),
    _i("norm", r"^‖u‖² = uᵀu", "setup", "a squared norm is an inner product", "范数的平方写成内积",
       r"\lVert u \rVert^{2} = u^{\top} u"),
    _i("frobenius", r"^‖X‖_F² = Tr\(XᵀX\)", "setup", "the Frobenius norm as a trace", "F 范数写成迹",
       r"\lVert X \rVert_{F}^{2} = \operatorname{Tr}(X^{\top} X)"),
    _i("abbreviation", r"^write with", "setup", "abbreviations", "引入记号"),
    _i("reorder", r"^the same f", "setup", "the function rearranged", "整理函数"),
    _i("residual", r"^definition of the residual|^J's change through|^L's change through", "idea", "chain rule, the residual's definition",
       "链式法则（残差的定义）", r"\mathrm{d}J = \operatorname{Tr}(\delta^{\top} \mathrm{d}z)"),
    _i("chain", r"chain rule", "idea", "chain rule", "链式法则"),
    _i("diag", r"diag\(u\) v|1ᵀdiag\(a\) = aᵀ|diag\(u\)/c|s ∘ v = diag", "idea", "properties of diagonal matrices",
       "对角矩阵的性质"),
    _i("quotient", r"^quotient rule|^d\(1/u\)", "idea", "quotient rule", "商的微分法则"),
    _i("split", r"^split the fraction|^divide both terms", "idea", "split the fraction", "拆分分式"),
    _i("sigma", r"^e\^\{−z\}/\(1 \+ e\^\{−z\}\)", "idea", r"write it with $\sigma(z)$", "用 $\sigma(z)$ 表示"),
    _i("gradient-of-sum", r"elementwise derivative is the gradient", "idea",
       "an elementwise derivative is the gradient of the sum", "逐元素导数即求和后的梯度"),
    _i("definition", r"^definition|^the definition of", "definition", "definition", "定义"),
    _i("constant", r"are not the variable", "silent", "the other parameters are constants here", "其余参数视为常数"),
    _i("pool-linear", r"^down is linear", "idea", "pooling is linear", "池化是线性运算"),
    _i("upsample", r"^Pᵀ δ P = kron", "idea", "each residual spread over its pooling block", "残差均分到对应的池化块"),
    _i("centering", r"^dx_c = ", "idea", "differential of the centring", "中心化的微分", r"\mathrm{d}x_c = (I - \mathbf{1}\mathbf{1}^{\top}/m) \mathrm{d}x"),
    _i("normalised", r"= x̂$", "idea", r"write it with $\hat{x}$", r"用 $\hat{x}$ 表示"),
    _i("normalise", r"^x̂ = x_c", "idea", r"chain rule through $\hat{x}$ and $\sigma_B^2$", r"经 $\hat{x}$ 与 $\sigma_B^2$ 的链式法则"),
    _i("conv-linear", r"^conv2 is linear", "idea", "the convolution is linear", "卷积的线性性"),
    _i("conv-adjoint", r"^adjoint of a valid convolution|swap the roles", "idea",
       "adjoint of the convolution: the kernel flipped, a full convolution", "卷积的伴随（卷积核翻转）"),
    _i("bias", r"^only the bias term", "idea", "only the bias term depends on $b$", "只有偏置项依赖于 $b$"),
    _i("piecewise", r"^away from 0", "idea", "piecewise, away from the kink", "分段讨论（避开不可导点）"),
    _i("maxout", r"^h is the largest", "definition", "definition of maxout", "Maxout 的定义"),
    _i("argmax", r"^away from ties one piece", "idea", "away from ties only the largest piece moves the max",
       "无并列时只有最大的一项影响最大值"),
    _i("kkt", r"^the KKT solution", "idea", "the KKT solution on the support", "KKT 条件的解（支撑集上）"),
    _i("support", r"^away from ties the support", "idea", "the support is fixed away from ties", "无并列时支撑集不变"),
)

_COMPILED = tuple((re.compile(i.pattern), i) for i in IDEAS)
UNKNOWN = "idea"


def pieces(rule: str) -> list[str]:
    """The rule pieces of one step ("d(XY) = …; d f(X) = …" → two)."""
    return [p.strip() for p in rule.split("; ") if p.strip()]


def idea(piece: str) -> Idea | None:
    """The idea a rule piece names, or None when no pattern fits (a new rule: add a line above)."""
    for pattern, found in _COMPILED:
        if pattern.search(piece):
            return found
    return None


def ideas(rule: str) -> list[Idea]:
    """Every idea of a rule text, in order, each once; an unknown piece is an idea named by itself (en only)."""
    out: dict[str, Idea] = {}
    for piece in pieces(rule):
        found = idea(piece) or Idea("?" + piece, "", UNKNOWN, {"en": piece, "zh": ""})
        out.setdefault(found.key, found)
    return list(out.values())
