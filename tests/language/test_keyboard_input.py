"""Input typed with a Chinese input method (issue 19, item 4): full-width punctuation, brackets, digits and
letters and the ideographic space read as ASCII in answers, matrix literals, --shapes, --where and step
files, with the column of an error still pointing at the character the student typed."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from checker.grading.answer import check_answer
from checker.grading.messages import language
from checker.grading.problem import from_expression, from_reference
from checker.language.errors import InputError
from checker.language.keyboard import TABLE, normalize_keyboard
from checker.language.parser import parse
from checker.language.shapes import parse_shapes
from dlprep.cli import cli

IDEOGRAPHIC_SPACE = "\u3000"


def test_every_replacement_is_one_ascii_character() -> None:
    for code, value in TABLE.items():
        out = chr(value) if isinstance(value, int) else value
        assert len(out) == 1 and out.isascii(), (chr(code), out)
    text = "".join(chr(c) for c in TABLE)
    assert len(normalize_keyboard(text)) == len(text)


@pytest.mark.parametrize(("typed", "ascii"), [
    ("２Ａ＾Ｔ（Ａｘ－ｂ）", "2A^T(Ax-b)"),
    ("【１，２；３，４】", "[1, 2; 3, 4]"),
    ("ｘ＾Ｔ　Ａ　ｘ", "x^T A x"),
    ("ｆ＇（ｚ）＊ｘ", "f'(z)*x"),
    ("ｆ’（ｚ）", "f'(z)"),
    ("Ａ／２＋Ｂ", "A/2+B"),
    ("ｔｒ（ＡＢ）＝ｔｒ（ＢＡ）", "tr(AB)=tr(BA)"),
    ("【０。２５，１】", "[0.25, 1]"),
])
def test_full_width_parses_like_ascii(typed: str, ascii: str) -> None:
    names = {"A", "B", "x", "b", "z"}
    assert parse(typed, names=names) == parse(ascii, names=names)


def test_an_error_points_at_the_typed_character() -> None:
    """One char for one: the caret column is the column of the full-width character, and it is shown as typed."""
    typed = "２Ａ＾Ｔ（Ａｘ－ｂ）＃"
    with pytest.raises(InputError) as err:
        parse(typed, names={"A", "x", "b"})
    assert err.value.column == typed.index("＃") + 1
    assert "'＃'" in str(err.value) and err.value.text == typed
    with pytest.raises(InputError) as err:
        parse("ｘ" + IDEOGRAPHIC_SPACE + "＋" + IDEOGRAPHIC_SPACE + "）", names={"x"})
    assert err.value.column == 5


def test_the_column_of_an_error_inside_a_literal_holds() -> None:
    typed = "【１，２；３，ｙ】"
    with pytest.raises(InputError) as err:
        parse(typed)
    assert err.value.column == typed.index("ｙ") + 1


def test_answers_literals_shapes_and_where_from_a_chinese_keyboard() -> None:
    problem, _ = from_expression("ｘ＾Ｔ　Ａ　ｘ", "ｘ", "Ａ：ｎ　ｘ　ｎ，ｘ：ｎ")
    assert check_answer(problem, "（Ａ＋Ａ＾Ｔ）ｘ").verdict == "correct"
    assert check_answer(problem, "（Ａ＋Ａ＾Ｔ）＾Ｔ　ｘ").verdict == "correct"
    assert check_answer(problem, "Ａ　ｘ").verdict == "incorrect"
    assert parse_shapes("Ａ，Ｂ：ｍ　ｘ　ｎ，ｘ：ｎ") == parse_shapes("A, B: m x n, x: n")
    numeric = from_reference("[1, 2; 3, 4]", "")
    with language("zh"):
        verdict = check_answer(numeric, "【１，２；３，５】")
    assert verdict.diagnosis == ["wrong-entries"] and verdict.extra["wrong_entries"] == [[2, 2, 4.0, 5.0]]
    where, _ = from_expression("ｓｕｍ（ａ）", "ｚ", "ｚ：ｎ", where="ａ　＝　ｓｏｆｔｍａｘ（ｚ）；ｂ　＝　ａ")
    assert where.expected_shape is not None


def test_cli_answer_and_step_file_in_chinese_punctuation(tmp_path) -> None:  # type: ignore[no-untyped-def]
    runner = CliRunner()
    ok = runner.invoke(cli, ["check", "least-squares-gradient", "--answer", "２Ａ＾Ｔ（Ａｘ－ｂ）", "--lang", "zh"])
    assert ok.exit_code == 0, ok.output
    steps = tmp_path / "steps.txt"
    steps.write_text("ｆ　＝　（Ａｘ－ｂ）＾Ｔ（Ａｘ－ｂ）\nｄｆ　＝　２（Ａｘ－ｂ）＾Ｔ　Ａ　ｄｘ，\n"
                     "ｇｒａｄ　＝　２Ａ＾Ｔ（Ａｘ－ｂ）。\n", encoding="utf-8")
    result = runner.invoke(cli, ["check", "least-squares-gradient", "--steps", str(steps), "--lang", "zh", "--json"])
    data = json.loads(result.stdout)
    assert result.exit_code == 0 and data["verdict"] == "correct", result.output
    assert [s["verdict"] for s in data["steps"]] == ["correct"] * 3
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("ｄｆ　＝　２（Ａｘ－ｂ）＾Ｔ　Ａ　ｄｘ\nｇｒａｄ　＝　２Ａ（Ａｘ－ｂ）＃\n", encoding="utf-8")
    result = runner.invoke(cli, ["check", "least-squares-gradient", "--steps", str(wrong), "--lang", "zh", "--json"])
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["verdict"] == "invalid" and "第 2 行" in data["message"] and "无法识别的字符 '#'" in data["message"]
    assert "（第 9 列）" in data["message"]  # the column of ＃ in the step's text 2Ａ（Ａｘ－ｂ）＃


def test_the_practice_api_reads_a_chinese_keyboard() -> None:
    from fastapi.testclient import TestClient

    from question_bank.practice.app import create_app

    client = TestClient(create_app(lang="zh"), base_url="http://127.0.0.1")
    typed = client.post("/api/parse", json={"text": "【１，２；３，４】＾Ｔ（ｘ＋ｙ）", "lang": "zh"})
    plain = client.post("/api/parse", json={"text": "[1, 2; 3, 4]^T (x + y)", "lang": "zh"})
    assert typed.status_code == 200 and typed.json() == plain.json()
    bad = client.post("/api/parse", json={"text": "ｘ＋＃", "lang": "zh"})
    assert bad.status_code == 422 and bad.json()["column"] == 3
    assert bad.json()["message"] == "无法识别的字符 '＃'（第 3 列）；应为：名称、数字或运算符"
