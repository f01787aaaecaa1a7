"""Feedback texts, in English and Chinese, keyed by diagnosis code.

Each explains what is wrong, why, and the rule or shape that is right, without giving the answer.

>>> message("scale", factor="2")
'Your answer is 2 times the right one. Check the constants: d(xᵀAx) = xᵀ(A + Aᵀ)dx, d‖r‖² = 2rᵀdr.'
>>> with language("zh"):
...     message("sign")
'符号错了：你的答案是正确答案的相反数。检查每一步微分中的负号（例如 d(X⁻¹) = −X⁻¹ dX X⁻¹）。'
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

LANG: ContextVar[str] = ContextVar("dlprep_lang", default="en")

MESSAGES: dict[str, dict[str, str]] = {
    "correct": {
        "en": "your answer equals the reference on {n} random instances.",
        "zh": "在 {n} 组随机输入上，你的答案与参考答案一致。",
    },
    "sign": {
        "en": "Your answer has the wrong sign: it is the negative of the right one. Check each minus sign (e.g. d(X⁻¹) = −X⁻¹ dX X⁻¹).",
        "zh": "符号错了：你的答案是正确答案的相反数。检查每一步微分中的负号（例如 d(X⁻¹) = −X⁻¹ dX X⁻¹）。",
    },
    "term-sign": {
        "en": "One term has the wrong sign: {term}.",
        "zh": "有一项的符号错了：{term}。",
    },
    "scale": {
        "en": "Your answer is {factor} times the right one. Check the constants: d(xᵀAx) = xᵀ(A + Aᵀ)dx, d‖r‖² = 2rᵀdr.",
        "zh": "你的答案是正确答案的 {factor} 倍。检查常数因子：d(xᵀAx) = xᵀ(A + Aᵀ)dx，d‖r‖² = 2rᵀdr。",
    },
    "transpose": {
        "en": "Your answer is the transpose of the right one. From df = Tr(Gᵀ dX) the gradient is G, with the shape of X.",
        "zh": "你的答案是正确答案的转置。由 df = Tr(Gᵀ dX) 读出的梯度是 G，它与 X 同形。",
    },
    "missing-transpose": {
        "en": "A transpose is missing at {sub}: with it the shapes fit and the answer is right.",
        "zh": "{sub} 处少了一个转置：加上后形状匹配，答案正确。",
    },
    "extra-transpose": {
        "en": "The transpose in {sub} should not be there.",
        "zh": "{sub} 中的转置是多余的。",
    },
    "jacobian-for-gradient": {
        "en": "You gave the Jacobian (a row, 1×n) where the gradient (a column with the shape of x) is asked; the gradient is its transpose.",
        "zh": "题目要的是梯度（与 x 同形的列向量），你给出的是 Jacobian（1×n 的行向量）；梯度是它的转置。",
    },
    "gradient-for-jacobian": {
        "en": "You gave the gradient (a column) where the Jacobian (a row 1×n, entries ∂f/∂xⱼ) is asked; the Jacobian is its transpose.",
        "zh": "题目要的是 Jacobian（1×n 的行向量），你给出的是梯度（列向量）；Jacobian 是它的转置。",
    },
    "missing-term": {
        "en": "A term is missing. The product rule d(XY) = dX·Y + X·dY gives one term for every factor that depends on the variable.",
        "zh": "少了一项。乘积法则 d(XY) = dX·Y + X·dY：每个依赖于变量的因子都贡献一项。",
    },
    "missing-factor": {
        "en": "A factor is missing: the chain rule through an elementwise function multiplies by its derivative (∘ f'(z)).",
        "zh": "少了一个因子：经过逐元素函数时，链式法则要乘以它的导数（∘ f'(z)）。",
    },
    "extra-term": {
        "en": "Your answer has a term too many: {term} should not be there.",
        "zh": "你的答案多了一项：{term} 不应出现。",
    },
    "matmul-for-hadamard": {
        "en": "In {sub} you wrote a matrix product where the elementwise (Hadamard) product ∘ belongs: an elementwise function's derivative enters as f'(z) ∘ ….",
        "zh": "{sub} 处应是逐元素（Hadamard）乘积 ∘，而不是矩阵乘积：逐元素函数的导数以 f'(z) ∘ … 的形式出现。",
    },
    "hadamard-for-matmul": {
        "en": "In {sub} you wrote an elementwise product ∘ where a matrix product belongs.",
        "zh": "{sub} 处应是矩阵乘积，而不是逐元素乘积 ∘。",
    },
    "missing-flip": {
        "en": "The kernel {sub} must be flipped (rot180): passing the residual back through a convolution uses the rotated kernel.",
        "zh": "卷积核 {sub} 需要翻转（rot180）：残差经卷积层回传时要用旋转 180° 的卷积核。",
    },
    "extra-flip": {
        "en": "The flip {sub} is the other convention's: for this layer's convention the kernel is not rotated here.",
        "zh": "{sub} 的翻转属于另一种约定：按本层的约定，这里的卷积核不应旋转。",
    },
    "flipped-result": {
        "en": "Your result is the right one rotated by 180°: it belongs to the other convention (convolution vs cross-correlation). State which one the layer uses and flip accordingly.",
        "zh": "你的结果是正确结果旋转 180° 后的样子：这属于另一种约定（卷积与互相关）。先明确该层采用哪种约定，再决定是否翻转。",
    },
    "shape": {
        "en": "The shapes do not fit: {detail}",
        "zh": "形状不匹配：{detail}",
    },
    "wrong-shape": {
        "en": "Your answer has shape {got}, but the answer must have shape {expected}.",
        "zh": "你的答案形状是 {got}，但答案应为 {expected}。",
    },
    "unknown": {
        "en": "Your answer differs from the right one on random inputs, and it is not one of the usual slips (sign, factor, transpose, missing term).",
        "zh": "在随机输入上你的答案与正确答案不同，且不属于常见错误（符号、系数、转置、漏项）。",
    },
    # multiple-choice answers (a letter): checker/grading/choice.py
    "choice-correct": {
        "en": "{letter} is the right option.",
        "zh": "{letter} 是正确选项。",
    },
    "choice-incorrect": {
        "en": "{letter} is not the right option; read the question and the options again.",
        "zh": "{letter} 不是正确选项，请重新阅读题目和各选项。",
    },
    "choice-reveal": {
        "en": " The right option: {letter}.",
        "zh": "正确选项：{letter}。",
    },
    "choice-invalid": {
        "en": "'{got}' is not an option; expected one letter of {options}",
        "zh": "“{got}”不是选项，应为 {options} 中的一个字母",
    },
    # numeric answers (a literal reference), judged entry by entry: checker/grading/entries.py
    "numeric-correct": {
        "en": "every entry agrees with the reference within a relative tolerance of {rtol}.",
        "zh": "每个元素都在相对误差 {rtol} 以内与参考答案一致。",
    },
    "numeric-sign": {
        "en": "Every entry has the wrong sign: your answer is the negative of the right one.",
        "zh": "每个元素的符号都错了：你的答案是正确答案的相反数。",
    },
    "numeric-transpose": {
        "en": "Your matrix is the transpose of the right one: rows and columns are swapped (entry (i,j) belongs at (j,i)).",
        "zh": "你的矩阵是正确答案的转置：行和列互换了（(i,j) 处的元素应在 (j,i) 处）。",
    },
    "row-for-column": {
        "en": "You gave a row (1×{n}) where a column ({n}×1) is asked; the entries are right: write [a; b; …] or [a, b, …]^T.",
        "zh": "题目要的是列向量（{n}×1），你给的是行向量（1×{n}）；元素都对：请写成 [a; b; …] 或 [a, b, …]^T。",
    },
    "column-for-row": {
        "en": "You gave a column ({n}×1) where a row (1×{n}) is asked; the entries are right: write [a, b, …].",
        "zh": "题目要的是行向量（1×{n}），你给的是列向量（{n}×1）；元素都对：请写成 [a, b, …]。",
    },
    "numeric-scale": {
        "en": "Your answer is {factor} times the right one: every entry is off by the same factor.",
        "zh": "你的答案是正确答案的 {factor} 倍：每个元素都差同一个倍数。",
    },
    "not-finite": {
        "en": "Your answer is not a finite number (an entry divides by 0 or takes the log of 0, or overflows).",
        "zh": "你的答案不是有限数（某个元素除以 0、对 0 取对数或溢出）。",
    },
    "value-wrong": {
        "en": "The value is wrong: expected {expected}, got {got}.",
        "zh": "数值错了：应为 {expected}，你写的是 {got}。",
    },
    "entry-wrong": {
        "en": "Entry {where} is wrong: expected {expected}, got {got}. The other entries are right.",
        "zh": "元素 {where} 错了：应为 {expected}，你写的是 {got}。其余元素都对。",
    },
    "entries-wrong": {
        "en": "Entries {wheres} are wrong: {details}. The other entries are right.",
        "zh": "元素 {wheres} 错了：{details}。其余元素都对。",
    },
    "entries-wrong-many": {
        "en": "{count} of {total} entries are wrong; the first {shown}: {details}.",
        "zh": "{total} 个元素中有 {count} 个错了，前 {shown} 个：{details}。",
    },
    "entry-detail": {
        "en": "{where} expected {expected}, got {got}",
        "zh": "{where} 应为 {expected}，你写的是 {got}",
    },
    "up-to-factor": {
        "en": "Correct (any non-zero multiple is accepted here; yours is {factor} times the reference).",
        "zh": "正确（此处接受任意非零倍数；你的答案是参考答案的 {factor} 倍）。",
    },
}


def message(code: str, lang: str | None = None, **fields: object) -> str:
    """The feedback for ``code`` in the current language, with ``fields`` filled in."""
    texts = MESSAGES[code]
    return texts.get(lang or LANG.get(), texts["en"]).format(**fields)


@contextmanager
def language(lang: str) -> Iterator[None]:
    token = LANG.set(lang)
    try:
        yield
    finally:
        LANG.reset(token)
