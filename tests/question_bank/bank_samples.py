"""Questions built by hand for the exporter tests: one of every shape an exporter must handle."""

from __future__ import annotations

from question_bank.model import Blank, Check, Choice, Question, Step

NASTY = "a < b & c > d, \"quoted\" ]]> and ]]]]> 中文"


def t(en: str, zh: str) -> dict[str, str]:
    return {"en": en, "zh": zh}


def samples() -> list[Question]:
    concept_mc = Question(
        id="concepts.0", family="concepts", topic="D", type="concept",
        prompt=t(f"Why scale by $1-p$? {NASTY}", f"为什么乘以 $1-p$？{NASTY}"),
        answer=t("Because $E[m \\circ a] = (1-p)a$.", "因为 $E[m \\circ a] = (1-p)a$。"), seed=0,
        key_points=(t("expectation", "期望"), t("test time", "测试时")),
        choices=(Choice(t("wrong $p$", "错 $p$"), False), Choice(t("right $1-p$", "对 $1-p$"), True),
                 Choice(t("wrong $2$", "错 $2$"), False), Choice(t("wrong none", "错 无"), False)),
        params={"key": "dropout-test-time"})
    concept_essay = Question(
        id="concepts.1", family="concepts", topic="C", type="concept",
        prompt=t("State the basic idea.", "简述基本思想。"), answer=t("Layers ]]> layers.", "分层 ]]> 分层。"),
        seed=1, key_points=(t("layers", "分层"), t("features", "特征")), params={"key": "deep-learning-idea"})
    proof = Question(
        id="derive-softmax-jacobian.2", family="derive-softmax-jacobian", topic="B", type="proof",
        prompt=t("Prove that $$\\frac{\\partial a}{\\partial z} = \\mathrm{diag}(a) - aa^T$$",
                 "证明 $$\\frac{\\partial a}{\\partial z} = \\mathrm{diag}(a) - aa^T$$"),
        answer=t("Steps below.", "步骤如下。"), seed=2,
        blanks=(Blank("1", Check("diag(a) - a a'", "z: K", "jacobian"), "diag(a) - a a'", "\\mathrm{diag}(a) - aa^T"),),
        steps=(Step("da = \\mathrm{diag}(a)\\,dz - a a^T dz", t("product rule", "乘积法则"), True),
               Step("J = \\mathrm{diag}(a) - aa^T", t("read off", "读出"), True)),
        points=10, params={"entry": "softmax-jacobian", "part": "jacobian", "proof": True})
    numeric = Question(
        id="sigmoid-value.3", family="sigmoid-value", topic="B", type="numeric",
        prompt=t("Compute $\\sigma'(0.5)$ to 4 decimals.", "计算 $\\sigma'(0.5)$，保留 4 位小数。"),
        answer=t("$\\sigma(1-\\sigma) = 0.2350$", "$\\sigma(1-\\sigma) = 0.2350$"), seed=3,
        blanks=(Blank("1", Check("0.235004", rtol=1e-3), "0.2350", "0.2350"),), params={"z": 0.5})
    fill_in = Question(
        id="conv-size.4", family="conv-size", topic="F", type="fill-in",
        prompt=t("A narrow convolution gives size (1).", "窄卷积的输出长度为 (1)。"),
        answer=t("$M - K + 1$", "$M - K + 1$"), seed=4,
        blanks=(Blank("1", Check("M - K + 1", "M: scalar, K: scalar"), "M - K + 1", "M - K + 1"),), params={"kind": "narrow"})
    matrix = Question(
        id="softmax-jac.5", family="softmax-jac", topic="B", type="numeric",
        prompt=t("Give the Jacobian at $z = (0, 1)^T$.", "求 $z = (0, 1)^T$ 处的 Jacobian。"),
        answer=t("$\\mathrm{diag}(a) - aa^T$", "$\\mathrm{diag}(a) - aa^T$"), seed=5,
        blanks=(Blank("1", Check("[0.196612, -0.196612; -0.196612, 0.196612]", rtol=1e-3),
                      "[0.1966, -0.1966; -0.1966, 0.1966]", "\\begin{bmatrix}0.1966 & -0.1966 \\\\ -0.1966 & 0.1966\\end{bmatrix}"),),
        params={"z": (0.0, 1.0)})
    two_blanks = Question(
        id="conv-size.6", family="conv-size", topic="F", type="fill-in",
        prompt=t("Wide: (1); same with $M = 7$: (2).", "宽卷积：(1)；$M = 7$ 的等宽卷积：(2)。"),
        answer=t("$M + K - 1$; $7$", "$M + K - 1$；$7$"), seed=6,
        blanks=(Blank("1", Check("M + K - 1", "M: scalar, K: scalar"), "M + K - 1", "M + K - 1"),
                Blank("2", Check("7"), "7", "7")), params={"kind": "wide-same", "M": 7})
    return [concept_mc, concept_essay, proof, numeric, fill_in, matrix, two_blanks]
