"""Every sentence and label the checker and the CLI show, in English and Chinese: one keyed table.

Keys: a diagnosis message by its code (``sign``, ``transpose``, …); ``code.<code>`` the words of a
diagnosis code shown to a user; ``verdict.<v>`` a verdict; ``label.*`` the CLI's labels; ``steps.*``
the step checker's summary; ``identity.*`` the identity checker; ``show.*`` `dlprep show`/`list`;
``shape.*`` and ``error.*`` the reader's errors. zh uses the course's terms (雅可比矩阵, 哈达玛积,
残差, 迹, 微分, 梯度, 卷积核翻转, 反向传播) and full-width punctuation; numbers are printed by
:func:`number`, the same in both languages (a count as 24192, never 2.419e+04).

>>> message("scale", factor="2")
'Your answer is 2 times the right one. Check the constants: d(xᵀAx) = xᵀ(A + Aᵀ)dx, d‖r‖² = 2rᵀdr.'
>>> with language("zh"):
...     message("sign")
'符号错了：你的答案是正确答案的相反数。检查每一步微分中的负号（例如 d(X⁻¹) = −X⁻¹ dX X⁻¹）。'
>>> code_name("wrong-entries", "zh"), number(24192.0), number(0.000123456), number(2 / 3)
('部分元素错误', '24192', '0.0001235', '0.6667')
>>> number(1e-8), number(24192.5), number(-2.5), number(1234.56789, 6)
('1e-8', '24192.5', '-2.5', '1234.57')
"""

from __future__ import annotations

import math
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

LANG: ContextVar[str] = ContextVar("dlprep_lang", default="en")
LANGS = ("en", "zh")

MESSAGES: dict[str, dict[str, str]] = {
    # ---------------------------------------------------------------- diagnoses (checker/grading/diagnosis.py)
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
        "zh": "题目要的是梯度（与 x 同形的列向量），你给出的是雅可比矩阵（1×n 的行向量）；梯度是它的转置。",
    },
    "gradient-for-jacobian": {
        "en": "You gave the gradient (a column) where the Jacobian (a row 1×n, entries ∂f/∂xⱼ) is asked; the Jacobian is its transpose.",
        "zh": "题目要的是雅可比矩阵（1×n 的行向量，元素为 ∂f/∂xⱼ），你给出的是梯度（列向量）；雅可比矩阵是它的转置。",
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
        "zh": "{sub} 处应是哈达玛积（逐元素乘积）∘，而不是矩阵乘积：逐元素函数的导数以 f'(z) ∘ … 的形式出现。",
    },
    "hadamard-for-matmul": {
        "en": "In {sub} you wrote an elementwise product ∘ where a matrix product belongs.",
        "zh": "{sub} 处应是矩阵乘积，而不是哈达玛积 ∘。",
    },
    "missing-flip": {
        "en": "The kernel {sub} must be flipped (rot180): passing the residual back through a convolution uses the rotated kernel.",
        "zh": "卷积核 {sub} 需要翻转（旋转 180°）：残差经卷积层回传时要用翻转后的卷积核。",
    },
    "extra-flip": {
        "en": "The flip {sub} is the other convention's: for this layer's convention the kernel is not rotated here.",
        "zh": "{sub} 的翻转属于另一种约定：按本层的约定，这里的卷积核不应翻转。",
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
        "zh": "你的答案形状为{got}，但答案应为{expected}。",
    },
    "unknown": {
        "en": "Your answer differs from the right one on random inputs, and it is not one of the usual slips (sign, factor, transpose, missing term).",
        "zh": "在随机输入上你的答案与正确答案不同，且不属于常见错误（符号、系数、转置、漏项）。",
    },
    "reveal": {
        "en": " The right answer: {answer}",
        "zh": "正确答案：{answer}",
    },
    # ---------------------------------------------------------------- the step reader's own sentences (checker/grading/steps.py)
    "steps.jacobian-for-gradient": {"en": "this is the Jacobian (the transposed gradient); a gradient has the shape of {x}",
                                    "zh": "这是雅可比矩阵（梯度的转置）；梯度应与 {x} 同形"},
    "steps.gradient-for-jacobian": {"en": "this is the gradient; D[J; {x}] and the Jacobian are its transpose",
                                    "zh": "这是梯度；D[J; {x}] 与雅可比矩阵是它的转置"},
    "steps.definition": {"en": "a definition, read and not judged", "zh": "定义式，只读入，不评判"},
    # ---------------------------------------------------------------- the practice page (question_bank/practice/grading.py)
    "practice.where": {"en": 'line {line}', "zh": '第 {line} 行'},
    "practice.where_row": {"en": 'line {line}, row {row}', "zh": '第 {line} 行第 {row} 式'},
    "practice.correct": {"en": 'All {n} steps check out.', "zh": '全部 {n} 步都正确。'},
    "practice.incorrect": {"en": 'The first wrong step is step {n} ({where}): {message}', "zh": '第一处错误是第 {n} 步（{where}）：{message}'},
    "practice.entry": {"en": 'Entry {wheres} is wrong; the other entries are right. Recompute it (check again to see the expected value).', "zh": '元素 {wheres} 错了，其余元素都对。请重新计算这个元素（再检查一次可看应为的值）。'},
    "practice.entries": {"en": 'Entries {wheres} are wrong; the other entries are right. Recompute them (check again to see the expected values).', "zh": '元素 {wheres} 错了，其余元素都对。请重新计算这些元素（再检查一次可看应为的值）。'},
    "practice.entries_many": {"en": '{count} entries are wrong, first {wheres}. Recompute them (check again to see the expected values).', "zh": '有 {count} 个元素错了，前几个是 {wheres}。请重新计算（再检查一次可看应为的值）。'},
    "practice.value": {"en": 'The value is not right. Recompute it (check again to see the expected value).', "zh": '数值不对。请重新计算（再检查一次可看应为的值）。'},
    "practice.proof_result": {"en": 'The result is right, but a proof earns its marks with the steps that lead to it: write them in step mode.', "zh": '结果正确，但证明题的分数在推导过程：请在“逐步推导”中写出每一步。'},
    "practice.proof_short": {"en": 'Only the result: a proof earns its marks with the steps that lead to it. Add the steps before it.', "zh": '只写了结果：证明题的分数在推导过程，请写出得到它的每一步。'},
    "practice.choice_right": {"en": 'Right: option {letter}.', "zh": '正确：选 {letter}。'},
    "practice.choice_wrong": {"en": 'Option {letter} is not right. Read the options again: which statement follows from the definitions?', "zh": '选项 {letter} 不对。再读一遍各选项：哪一条能由定义推出？'},
    "practice.choice_reveal": {"en": ' The right option is {letter}.', "zh": '正确答案是 {letter}。'},
    "practice.choice_invalid": {"en": 'choose one of the options {options}', "zh": '请从选项 {options} 中选一个'},
    # ---------------------------------------------------------------- multiple-choice answers (checker/grading/choice.py)
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
    # ---------------------------------------------------------------- numeric answers (checker/grading/entries.py)
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
    "list-and": {"en": " and ", "zh": "、"},
    "list-sep": {"en": ", ", "zh": "、"},
    "detail-sep": {"en": "; ", "zh": "；"},
    # ---------------------------------------------------------------- diagnosis codes, as words a student reads
    "code.sign": {"en": "sign", "zh": "符号错误"},
    "code.choice": {"en": "wrong option", "zh": "选项错误"},
    "code.transpose": {"en": "transpose", "zh": "转置错误"},
    "code.scale": {"en": "constant factor", "zh": "系数错误"},
    "code.missing-term": {"en": "missing term", "zh": "漏项"},
    "code.extra-term": {"en": "extra term", "zh": "多余项"},
    "code.hadamard-vs-matmul": {"en": "Hadamard vs matrix product", "zh": "哈达玛积与矩阵乘积混淆"},
    "code.kernel-flip": {"en": "kernel flip", "zh": "卷积核翻转"},
    "code.jacobian-for-gradient": {"en": "Jacobian for gradient", "zh": "把雅可比矩阵当成梯度"},
    "code.gradient-for-jacobian": {"en": "gradient for Jacobian", "zh": "把梯度当成雅可比矩阵"},
    "code.shape": {"en": "shape", "zh": "形状错误"},
    "code.not-finite": {"en": "not a finite number", "zh": "非有限数"},
    "code.wrong-entries": {"en": "wrong entries", "zh": "部分元素错误"},
    "code.unknown": {"en": "other mistake", "zh": "其他错误"},
    "code.missing-transpose": {"en": "missing transpose", "zh": "漏了转置"},
    "code.dropped-transpose": {"en": "dropped transpose", "zh": "漏了转置"},
    "code.symmetric-only": {"en": "holds only for symmetric A", "zh": "只对对称矩阵成立"},
    "code.follows": {"en": "follows", "zh": "由上一步推出"},
    # ---------------------------------------------------------------- verdicts and the CLI's labels
    "verdict.correct": {"en": "correct", "zh": "正确"},
    "verdict.incorrect": {"en": "incorrect", "zh": "错误"},
    "verdict.invalid": {"en": "invalid", "zh": "无法读取"},
    "verdict.follows": {"en": "follows", "zh": "由上一步推出"},
    "label.read-as": {"en": "read as: {text}", "zh": "读作：{text}"},
    "label.expected-shape": {"en": "expected shape: {shape}", "zh": "应有形状：{shape}"},
    "label.verdict": {"en": "{mark} {verdict}{codes}: {message}", "zh": "{mark} {verdict}{codes}：{message}"},
    "label.codes": {"en": " [{codes}]", "zh": "（{codes}）"},
    "label.step": {"en": "line {line}{row}: {text}", "zh": "第 {line} 行{row}：{text}"},
    "label.row": {"en": " (row {row})", "zh": "（第 {row} 式）"},
    "label.step-note": {"en": "  ({codes}) {message}", "zh": "  （{codes}）{message}"},
    "label.follows": {"en": "  follows correctly from the last valid step", "zh": "  由上一个正确步骤正确推出"},
    "label.where": {"en": "{where}: {message}", "zh": "{where}：{message}"},
    "label.counterexample": {"en": "counterexample:", "zh": "反例："},
    "label.sizes": {"en": "sizes: {sizes}", "zh": "尺寸：{sizes}"},
    "label.left-side": {"en": "left side", "zh": "左边"},
    "label.right-side": {"en": "right side", "zh": "右边"},
    "label.graded": {"en": "graded {n} requests — {summary}", "zh": "共批改 {n} 条请求：{summary}"},
    "label.count": {"en": "{what}: {n}", "zh": "{what}：{n}"},
    # ---------------------------------------------------------------- step files (checker/grading/steps.py)
    "steps.correct": {"en": "all {n} steps check out", "zh": "全部 {n} 步都正确"},
    "steps.first-wrong": {"en": "the first wrong step is on {where}: {message}", "zh": "第一处错误在{where}：{message}"},
    "steps.where": {"en": "line {line}", "zh": "第 {line} 行"},
    "steps.where-row": {"en": "line {line} (row {row})", "zh": "第 {line} 行（第 {row} 式）"},
    "steps.not-following": {"en": "this step does not follow from the previous one", "zh": "这一步不能由上一步推出"},
    "steps.kind-mismatch": {"en": "this {cur} does not match the previous {prev}", "zh": "这一步的{cur}与上一步的{prev}不一致"},
    "steps.needs-wrt": {"en": "a step changes from a {prev} to a {cur}; name the variable with --wrt",
                        "zh": "这一步从{prev}变成了{cur}；请用 --wrt 指明变量"},
    "steps.gradient-shape": {"en": "a gradient has the shape of {wrt}; this step's value is {shape}",
                             "zh": "梯度与 {wrt} 同形；这一步的值是 {shape}"},
    "steps.jacobian-columns": {"en": "a Jacobian has one column per entry of {wrt}; this step's value has {n}",
                               "zh": "雅可比矩阵的每一列对应 {wrt} 的一个元素；这一步的值有 {n} 列"},
    "kind.gradient": {"en": "gradient", "zh": "梯度"},
    "kind.jacobian": {"en": "Jacobian", "zh": "雅可比矩阵"},
    "kind.differential": {"en": "differential", "zh": "微分"},
    "kind.function": {"en": "function", "zh": "函数"},
    "kind.value": {"en": "value", "zh": "值"},
    "steps.last-not-answer": {"en": "the last step is not the answer: {message}", "zh": "最后一步不是答案：{message}"},
    # ---------------------------------------------------------------- identities (checker/grading/identity.py)
    "identity.holds": {"en": "holds on {n} random instances (relative tolerance {rtol})",
                       "zh": "在 {n} 组随机输入上成立（相对误差 {rtol}）"},
    "identity.differs": {"en": "side {k} differs from side 1: they differ by a relative error of {error} on a random instance",
                         "zh": "第 {k} 个表达式与第 1 个不相等：在一组随机输入上相对误差为 {error}"},
    "identity.symmetric-only": {"en": "; it holds only when {name} is symmetric", "zh": "；仅当 {name} 对称时成立"},
    # ---------------------------------------------------------------- `dlprep show` and `dlprep list`
    "show.convention": {"en": "Convention: {text}", "zh": "约定：{text}"},
    "show.and-central-differences": {"en": " and central differences", "zh": " 及中心差分"},
    "show.verified-against": {"en": "Verified against: {text}", "zh": "数值验证对照：{text}"},
    "show.part": {"en": "- {name} ({shape}): {answer}{where}", "zh": "- {name}（{shape}）：{answer}{where}"},
    "show.where": {"en": "  (where {where})", "zh": "（其中 {where}）"},
    "show.heading": {"en": "    {how}, {status}:", "zh": "    {how}，{status}："},
    "show.how.proof": {"en": "proof from the definitions", "zh": "从定义出发的证明"},
    "show.how.engine": {"en": "derived by the engine", "zh": "由推导引擎给出"},
    "show.how.hand-written": {"en": "hand-written steps", "zh": "手写步骤"},
    "show.verified": {"en": "every step checked numerically", "zh": "每一步均已数值验证"},
    "show.not-verified": {"en": "NOT VERIFIED", "zh": "未通过验证"},
    "show.how.model": {"en": "model answer", "zh": "参考解答"},
    "show.model-verified": {"en": "every line checked numerically", "zh": "每一行均已数值验证"},
    "show.model-heading": {"en": "    {how}, {status} (`--steps all` shows every step):",
                           "zh": "    {how}，{status}（`--steps all` 显示全部步骤）："},
    "show.note": {"en": "  ({note})", "zh": "（{note}）"},
    "show.parts": {"en": "[parts: {parts}]", "zh": "［小题：{parts}］"},
    # ---------------------------------------------------------------- catalog parts and topics, as words (`dlprep show`, `list`)
    "part.gradient": {"en": "gradient", "zh": "梯度"},
    "part.jacobian": {"en": "Jacobian", "zh": "雅可比矩阵"},
    "part.derivative": {"en": "derivative", "zh": "导数"},
    "part.delta": {"en": "residual", "zh": "残差"},
    "part.equal": {"en": "equality", "zh": "等式"},
    "part.grad-W": {"en": "gradient of W", "zh": "权重的梯度"},
    "part.grad-b": {"en": "gradient of b", "zh": "偏置的梯度"},
    "part.output-delta-mse": {"en": "output residual, squared error", "zh": "均方误差下的输出层残差"},
    "part.output-delta-ce": {"en": "output residual, cross-entropy", "zh": "交叉熵下的输出层残差"},
    "part.update-W": {"en": "update of W", "zh": "权重的更新"},
    "part.grad-kernel": {"en": "gradient of the kernel", "zh": "卷积核的梯度"},
    "part.grad-bias": {"en": "gradient of the bias", "zh": "偏置的梯度"},
    "part.variance": {"en": "variance", "zh": "方差"},
    "part.differential": {"en": "differential", "zh": "微分"},
    "part.stationarity": {"en": "stationarity", "zh": "驻点条件"},
    "part.tau": {"en": "threshold τ", "zh": "阈值 τ"},
    "part.solution": {"en": "solution", "zh": "解"},
    "part.collapsed": {"en": "collapsed form", "zh": "合并后的形式"},
    "part.narrow": {"en": "narrow convolution", "zh": "窄卷积"},
    "part.wide": {"en": "wide convolution", "zh": "宽卷积"},
    "part.same": {"en": "same-size convolution", "zh": "等宽卷积"},
    "part.general": {"en": "general case", "zh": "一般情形"},
    "part.count": {"en": "parameter count", "zh": "参数个数"},
    "part.expectation": {"en": "expectation", "zh": "期望"},
    "topic.activations": {"en": "activations", "zh": "激活函数"},
    "topic.attention": {"en": "attention", "zh": "注意力机制"},
    "topic.autoencoder": {"en": "autoencoder", "zh": "自编码器"},
    "topic.batchnorm": {"en": "batch normalization", "zh": "批归一化"},
    "topic.conv": {"en": "convolution", "zh": "卷积神经网络"},
    "topic.least squares": {"en": "least squares", "zh": "最小二乘"},
    "topic.lstm": {"en": "LSTM", "zh": "LSTM"},
    "topic.mlp": {"en": "MLP", "zh": "多层感知机"},
    "topic.output units": {"en": "output units", "zh": "输出单元"},
    "topic.pooling": {"en": "pooling", "zh": "池化"},
    "topic.rbm": {"en": "RBM", "zh": "受限玻尔兹曼机"},
    "topic.regularization": {"en": "regularization", "zh": "正则化"},
    "topic.rnn": {"en": "RNN", "zh": "循环神经网络"},
    "topic.sparsemax": {"en": "Sparsemax", "zh": "Sparsemax"},
    "topic.traces": {"en": "traces", "zh": "迹"},
    "topic.training": {"en": "training", "zh": "训练"},
    "shape.scalar-word": {"en": "scalar", "zh": "标量"},
    "shape.any-vector": {"en": "a vector of any length", "zh": "任意长度的向量"},
    "shape.any": {"en": "any", "zh": "任意"},
    # ---------------------------------------------------------------- errors (checker/language/errors.py)
    "error.line": {"en": "error: {text}", "zh": "错误：{text}"},
    "error.at": {"en": "{message} at column {column}", "zh": "{message}（第 {column} 列）"},
    "error.expected": {"en": "{text}; expected {expected}", "zh": "{text}；应为：{expected}"},
    "error.unexpected": {"en": "unexpected {found}", "zh": "此处不应出现 {found}"},
    "error.end-of-input": {"en": "end of input", "zh": "输入结尾"},
    "error.empty": {"en": "the expression is empty", "zh": "表达式为空"},
    "error.never-closed": {"en": "this {bracket} is never closed", "zh": "这个 {bracket} 没有闭合"},
    "error.unknown-symbol": {"en": "unknown symbol '{name}' (declared: {known})", "zh": "未声明的符号 '{name}'（已声明：{known}）"},
    "error.none": {"en": "none", "zh": "无"},
    "error.want.example": {"en": "an expression such as 2A^T(Ax-b)", "zh": "表达式，例如 2A^T(Ax-b)"},
    "error.want.operator-or-end": {"en": "an operator or the end of the expression", "zh": "运算符或表达式结尾"},
    "error.want.expression": {"en": "an expression", "zh": "表达式"},
    "error.want.matching": {"en": "a matching {bracket}", "zh": "与之配对的 {bracket}"},
    "error.want.closing": {"en": "a closing {close} for the {open} at column {col}", "zh": "与第 {col} 列的 {open} 配对的 {close}"},
    "error.want.closing-bracket": {"en": "a closing bracket", "zh": "右括号"},
    "error.want.declared": {"en": "a declared symbol (see --shapes)", "zh": "已声明的符号（见 --shapes）"},
    "error.unexpected-character": {"en": "unexpected character {char}", "zh": "无法识别的字符 {char}"},
    "error.a-name-number-operator": {"en": "a name, a number or an operator", "zh": "名称、数字或运算符"},
    # ---------------------------------------------------------------- shapes (checker/language/shapes.py)
    "shape.should-be": {"en": "{node} should be {want}, but is {got}", "zh": "{node} 应为 {want}，实际是 {got}"},
    "shape.kron-sizes": {"en": "the sizes in {node} do not fit together (the sizes of 1 and I in a Kronecker product)",
                         "zh": "{node} 中的尺寸无法相容（克罗内克积中 1 与 I 的尺寸）"},
    "shape.cannot.add": {"en": "cannot add {a} ({sa}) and {b} ({sb})", "zh": "无法将 {a}（{sa}）与 {b}（{sb}）相加"},
    "shape.cannot.multiply": {"en": "cannot multiply {a} ({sa}) by {b} ({sb})", "zh": "无法将 {a}（{sa}）与 {b}（{sb}）相乘"},
    "shape.cannot.hadamard": {"en": "cannot multiply elementwise {a} ({sa}) and {b} ({sb})",
                              "zh": "无法对 {a}（{sa}）与 {b}（{sb}）作哈达玛积"},
    "shape.cannot.divide": {"en": "cannot divide elementwise {a} ({sa}) and {b} ({sb})",
                            "zh": "无法将 {a}（{sa}）与 {b}（{sb}）逐元素相除"},
    "shape.cannot.elementwise-extreme": {"en": "cannot take the elementwise max or min of {a} ({sa}) and {b} ({sb})",
                                         "zh": "无法对 {a}（{sa}）与 {b}（{sb}）逐元素取最大或最小值"},
    "shape.cannot.compare": {"en": "cannot compare {a} ({sa}) with {b} ({sb})", "zh": "无法比较 {a}（{sa}）与 {b}（{sb}）"},
    "shape.cannot.equate": {"en": "cannot equate {a} ({sa}) with {b} ({sb})", "zh": "{a}（{sa}）与 {b}（{sb}）形状不同，不能相等"},
    "shape.square": {"en": "{what} needs a square matrix, but {node} is {shape}", "zh": "{what}需要方阵，但 {node} 是 {shape}"},
    "shape.scalar": {"en": "{what} must be a scalar, but {node} is {shape}", "zh": "{what}必须是标量，但 {node} 是 {shape}"},
    "shape.whole-exponent": {"en": "a matrix power needs a whole-number exponent; use .^ for elementwise powers",
                             "zh": "矩阵的幂需要整数指数；逐元素的幂请用 .^"},
    "shape.valid-conv": {"en": "a 'valid' convolution needs the kernel to fit inside the map",
                         "zh": "窄卷积（'valid'）要求卷积核不大于特征图"},
    "shape.what.inverse": {"en": "the inverse", "zh": "求逆"},
    "shape.what.matrix-power": {"en": "a matrix power", "zh": "矩阵的幂"},
    "shape.what.exponent": {"en": "an exponent", "zh": "指数"},
    "shape.what.diag": {"en": "diag of a matrix", "zh": "对矩阵取 diag"},
    "shape.what.entry": {"en": "the entry ({i},{j}) of a matrix", "zh": "矩阵的元素 ({i},{j})"},
}


def message(code: str, lang: str | None = None, **fields: object) -> str:
    """The text of ``code`` in ``lang`` (default: the current language), with ``fields`` filled in."""
    texts = MESSAGES[code]
    return texts.get(lang or LANG.get(), texts["en"]).format(**fields)


def code_name(code: str, lang: str | None = None) -> str:
    """The words of a diagnosis code a student reads (``wrong-entries`` → 部分元素错误); an unlisted code as is."""
    key = f"code.{code}"
    return message(key, lang) if key in MESSAGES else code


def word(kind: str, name: str, lang: str | None = None) -> str:
    """A catalog name as words (``word("part", "delta", "zh")`` → 残差); a name without words as is."""
    key = f"{kind}.{name}"
    return message(key, lang) if key in MESSAGES else name


def shape_words(text: str, lang: str | None = None) -> str:
    """A printed shape in the current language: ``scalar`` → 标量, "any" sizes → 任意; m×n as is."""
    if text == "scalar":
        return message("shape.scalar-word", lang)
    if text == "a vector of any length":
        return message("shape.any-vector", lang)
    return text.replace("any", message("shape.any", lang)) if "any" in text else text


def number(x: float, digits: int = 4) -> str:
    """A number as a person reads it, the same in every language: whole numbers in full (24192), others
    with ``digits`` significant digits and no exponent between 1e-4 and 1e15 (0.0001235, 1234.5);
    beyond, a short exponent (1e-8)."""
    if not math.isfinite(x):
        return str(x)
    if abs(x) >= 1e15 or (x != 0 and abs(x) < 1e-4):
        mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
        mantissa = mantissa.rstrip("0").rstrip(".") if "." in mantissa else mantissa
        return f"{mantissa}e{int(exponent)}"
    if x == int(x):
        return str(int(x))
    magnitude = math.floor(math.log10(abs(x)))
    scale = max(digits - 1, magnitude + 1) - magnitude  # a non-whole number keeps a decimal: 24192.5
    text = f"{round(x, scale):.{scale}f}"
    return text.rstrip("0").rstrip(".")


@contextmanager
def language(lang: str) -> Iterator[None]:
    """Messages inside the block are in ``lang``."""
    token = LANG.set(lang)
    try:
        yield
    finally:
        LANG.reset(token)
