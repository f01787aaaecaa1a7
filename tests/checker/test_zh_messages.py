"""One vocabulary, two languages (issue 19, item 3): the message table's numbers, code words, error
frames and labels, in English and Chinese."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from checker.grading.answer import check_answer
from checker.grading.problem import from_reference
from checker.language.errors import InputError
from checker.language.messages import MESSAGES, code_name, language, message, number
from checker.language.parser import parse
from dlprep.cli import cli


@pytest.mark.parametrize(("x", "shown"), [
    (24192.0, "24192"), (24192.5, "24192.5"), (-3.0, "-3"), (0.5, "0.5"), (1 / 3, "0.3333"), (2 / 3, "0.6667"),
    (0.000123456, "0.0001235"), (1e-8, "1e-8"), (1234567.891, "1234567.9"), (99.999, "100"), (0.0, "0"),
    (3e20, "3e20"), (float("inf"), "inf"),
])
def test_numbers_read_the_same_in_both_languages(x: float, shown: str) -> None:
    assert number(x) == shown
    assert "e+" not in number(x)


def test_numbers_in_messages_are_never_exponents() -> None:
    problem = from_reference("[1, 2; 3, 4]", "")
    with language("zh"):
        scaled = check_answer(problem, "[24192, 48384; 72576, 96768]")
        value = check_answer(from_reference("24192.5", ""), "30000")
    assert scaled.message.startswith("你的答案是正确答案的 24192 倍")
    assert value.message == "数值错了：应为 24192.5，你写的是 30000。"


def test_every_diagnosis_code_has_words_in_both_languages() -> None:
    codes = [k.removeprefix("code.") for k in MESSAGES if k.startswith("code.")]
    assert {"sign", "transpose", "scale", "missing-term", "extra-term", "hadamard-vs-matmul", "kernel-flip", "shape",
            "unknown", "not-finite", "wrong-entries", "jacobian-for-gradient", "gradient-for-jacobian"} <= set(codes)
    for code in codes:
        assert code_name(code, "zh") != code_name(code, "en")
    assert code_name("no-such-code", "zh") == "no-such-code"


def test_errors_speak_the_language_they_were_raised_in() -> None:
    with language("zh"):
        with pytest.raises(InputError) as zh:
            parse("2A^T(Ax-b", names={"A", "x", "b"})
    with pytest.raises(InputError) as en:
        parse("2A^T(Ax-b", names={"A", "x", "b"})
    assert str(zh.value) == "此处不应出现 输入结尾（第 10 列）；应为：与第 5 列的 '(' 配对的 ')'"
    assert str(en.value) == "unexpected end of input at column 10; expected a closing ')' for the '(' at column 5"
    assert zh.value.render().startswith("错误：") and en.value.render().startswith("error: ")
    with language("zh"):
        with pytest.raises(InputError) as unknown:
            from checker.grading.problem import from_expression

            problem, _ = from_expression("x^T A x", "x", "A: n x n, x: n")
            check_answer(problem, "2 B x")
    assert str(unknown.value) == "未声明的符号 'B'（已声明：A, x）；应为：已声明的符号（见 --shapes）"


def test_check_json_and_text_in_chinese() -> None:
    runner = CliRunner()
    out = runner.invoke(cli, ["check", "least-squares-gradient", "--answer", "2(Ax-b)^T A", "--lang", "zh", "--json"])
    data = json.loads(out.stdout)
    assert data["diagnosis"] == ["jacobian-for-gradient"] and data["diagnosis_names"] == ["把雅可比矩阵当成梯度"]
    assert "Jacobian" not in data["message"]
    text = runner.invoke(cli, ["check", "least-squares-gradient", "--answer", "2 A^T A", "--lang", "zh"]).stdout
    assert text.splitlines()[:2] == ["读作：2 Aᵀ A".replace("Aᵀ", "A^T"), "应有形状：n"]
    assert "形状错误" in text and "read as" not in text and "expected shape" not in text
    bad = runner.invoke(cli, ["check", "least-squares-gradient", "--answer", "2A^T(Ax-b", "--lang", "zh", "--json"])
    assert bad.exit_code == 2 and json.loads(bad.stdout)["message"].startswith("此处不应出现 输入结尾（第 10 列）")
    assert "错误：此处不应出现" in bad.stderr


def test_show_and_list_in_chinese() -> None:
    runner = CliRunner()
    shown = runner.invoke(cli, ["show", "conv-residual", "--lang", "zh", "--brief"]).stdout
    assert "- 残差（M×M）：" in shown and "- 偏置的梯度（标量）：" in shown and "约定：" in shown
    assert "数值验证对照：checker.networks.Conv2D 及中心差分" in shown
    listed = runner.invoke(cli, ["list", "--lang", "zh", "--topic", "conv"]).stdout
    assert "卷积神经网络" in listed and "［小题：delta、grad-kernel、grad-bias］" in listed


def test_every_message_has_both_languages() -> None:
    for key, texts in MESSAGES.items():
        assert set(texts) == {"en", "zh"}, key
        assert message(key, "zh", **{f: "x" for f in ("n", "k", "i", "j")} | _fields(texts["zh"])) != ""


def _fields(text: str) -> dict[str, str]:
    import string

    return {name: "x" for _, name, _, _ in string.Formatter().parse(text) if name}
