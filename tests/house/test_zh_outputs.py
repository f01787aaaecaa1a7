"""The zh sweep (issue 19): every Chinese output read as a student reads it, with no English left.

Renders `dlprep exam --lang zh` for 20 seeds (md, html, tex, with keys), the zh cheat sheet (md, html),
`dlprep check --lang zh --json` on a corpus of wrong answers that covers every diagnosis, `dlprep show
--lang zh` for every catalog id and the practice API in zh, and asserts that the prose (math, code,
markup and ids stripped: :mod:`tests.house.latin`) holds no Latin word besides the names the course
writes in Latin, and no ASCII , : ; ( ) inside a Chinese sentence nor a space between two Chinese
characters. A failure lists each string with the area (and file) whose source holds it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.language.messages import MESSAGES
from dlprep.cli import cli
from tests.house.latin import Finding, latin_words, report, zh_punctuation

SEEDS = 20


def _clean(findings: dict[str, list[Finding]], what: str) -> None:
    bad = {source: found for source, found in findings.items() if found}
    assert not bad, f"{what} left in zh output (each with the area that fixes it):\n" + report(bad)


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout


# ------------------------------------------------------------------ exams, 20 seeds, md / html / tex with keys
@pytest.fixture(scope="module")
def exam_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("zh-exam")
    code, text = _invoke("exam", "--seed", "1", "--copies", str(SEEDS), "--lang", "zh", "--format", "md,html,tex",
                         "--answers", "separate", "--out", str(out), "--force")
    assert code == 0, text
    files = sorted(p for p in out.rglob("*") if p.suffix in (".md", ".html", ".tex"))
    assert len(files) == SEEDS * 3 * 2, [p.name for p in files]
    return files


@pytest.mark.parametrize("fmt", ["md", "html", "tex"])
def test_exams_in_zh_have_no_english(exam_files: list[Path], fmt: str) -> None:
    _clean({p.name: latin_words(p.read_text(encoding="utf-8"), fmt) for p in exam_files if p.suffix == f".{fmt}"},
           "Latin words")


@pytest.mark.parametrize("fmt", ["md", "html", "tex"])
def test_exams_in_zh_use_chinese_punctuation(exam_files: list[Path], fmt: str) -> None:
    _clean({p.name: zh_punctuation(p.read_text(encoding="utf-8"), fmt) for p in exam_files if p.suffix == f".{fmt}"},
           "ASCII punctuation or spaces inside Chinese")


# ------------------------------------------------------------------ the cheat sheet
@pytest.fixture(scope="module")
def sheet_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("zh-sheet")
    result = CliRunner().invoke(cli, ["cheatsheet", "--lang", "zh", "--format", "md,html", "--out", str(out), "--force"])
    assert result.exit_code == 0, result.output
    files = sorted(p for p in out.iterdir() if p.suffix in (".md", ".html"))
    assert {p.suffix for p in files} == {".md", ".html"}
    return files


def test_cheatsheet_in_zh_has_no_english(sheet_files: list[Path]) -> None:
    _clean({p.name: latin_words(p.read_text(encoding="utf-8"), p.suffix[1:]) for p in sheet_files}, "Latin words")


def test_cheatsheet_in_zh_uses_chinese_punctuation(sheet_files: list[Path]) -> None:
    _clean({p.name: zh_punctuation(p.read_text(encoding="utf-8"), p.suffix[1:]) for p in sheet_files},
           "ASCII punctuation or spaces inside Chinese")


# ------------------------------------------------------------------ dlprep check --lang zh --json, every diagnosis
LS = "least-squares-gradient"
WRONG = [  # (arguments of dlprep check, the diagnosis code it must give)
    (["q:concepts.0", "--answer", "B"], "choice"),  # a choice question answered with a wrong option
    ([LS, "--answer", "-2A^T(Ax-b)"], "sign"),
    ([LS, "--answer", "2A^T(Ax+b)"], "sign"),  # one term's sign
    ([LS, "--answer", "2(Ax-b)^T A"], "jacobian-for-gradient"),
    ([LS, "--part", "jacobian", "--answer", "2A^T(Ax-b)"], "gradient-for-jacobian"),
    ([LS, "--answer", "4A^T(Ax-b)"], "scale"),
    ([LS, "--answer", "2A^T A x"], "missing-term"),
    ([LS, "--answer", "2A(Ax-b)"], "transpose"),
    ([LS, "--answer", "2A^T(Ax-b) + x"], "extra-term"),
    ([LS, "--answer", "A^T A x"], "unknown"),
    ([LS, "--answer", "2 A^T A"], "shape"),
    (["--expr", "tr(A X B)", "--wrt", "X", "--shapes", "A: p x m, X: m x n, B: n x p", "--answer", "B A"], "transpose"),
    (["--expr", "tr(X^T A X)", "--wrt", "X", "--shapes", "X: m x n, A: m x m", "--answer", "(A + A^T) X^T"], "transpose"),
    (["mlp-backprop", "--answer", "f'(z^(l)) W^(l+1)^T delta^(l+1)"], "hadamard-vs-matmul"),
    (["mlp-backprop", "--answer", "W^(l+1)^T delta^(l+1)"], "missing-term"),
    (["mlp-backprop", "--part", "grad-W", "--answer", "delta^(l) a^(l-1)"], "transpose"),
    (["softmax-jacobian", "--answer", "diag(a)"], "missing-term"),
    (["conv-residual", "--answer", "conv2(delta_{l+1}, omega, 'full') .* f'(z_l)"], "kernel-flip"),
    (["conv-residual", "--part", "grad-kernel", "--answer", "rot180(conv2(rot180(a_l), delta_{l+1}, 'valid'))"], "kernel-flip"),
    (["--reference", "[1, 2; 3, 4]", "--answer", "[1, 2; 3, 5]"], "wrong-entries"),
    (["--reference", "[1, 2; 3, 4]", "--answer", "[1, 0; 3, 5]"], "wrong-entries"),
    (["--reference", "[1, 2, 3; 4, 5, 6; 7, 8, 9]", "--answer", "[0, 0, 0; 0, 0, 0; 0, 0, 1]"], "wrong-entries"),
    (["--reference", "24192.5", "--answer", "30000"], "wrong-entries"),
    (["--reference", "[1, 2; 3, 4]", "--answer", "[1, 3; 2, 4]"], "transpose"),
    (["--reference", "[1; 2]", "--answer", "[1, 2]"], "transpose"),
    (["--reference", "[1, 2]", "--answer", "[1; 2]"], "transpose"),
    (["--reference", "[1, 2; 3, 4]", "--answer", "-[1, 2; 3, 4]"], "sign"),
    (["--reference", "[1, 2; 3, 4]", "--answer", "[24192, 48384; 72576, 96768]"], "scale"),
    (["--reference", "[1; 2]", "--answer", "[1; log(0)]"], "not-finite"),
    (["--reference", "[1; 2; 3]", "--answer", "[1; 2]"], "shape"),
    (["--identity", "tr(A B C) = tr(B A C)", "--shapes", "A: m x m, B: m x m, C: m x m"], None),
]
STEPS = [  # (step file, the verdict) — the step checker's own sentences
    ("f = (Ax-b)^T(Ax-b)\ndf = 2(Ax-b)^T A dx\ngrad = 2A(Ax-b)\n", "incorrect"),
    ("f = (Ax-b)^T(Ax-b)\ndf = 2(Ax-b)^T A dx\ndf = 3(Ax-b)^T A dx\ngrad = 2A^T(Ax-b)\n", "incorrect"),
    ("df = 2(Ax-b)^T A dx\ngrad = 2A^T(Ax-b)\n", "correct"),
]


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    out = []
    for args, code in WRONG:
        exit_code, text = _invoke("check", *args, "--lang", "zh", "--json")
        verdict = json.loads(text)
        assert exit_code == 1 and verdict["verdict"] == "incorrect", (args, text)
        assert code is None or verdict["diagnosis"] == [code], (args, verdict["diagnosis"], verdict["message"])
        out.append(verdict)
    folder = tmp_path_factory.mktemp("zh-steps")
    for k, (content, expected) in enumerate(STEPS):
        path = folder / f"steps{k}.txt"
        path.write_text(content, encoding="utf-8")
        exit_code, text = _invoke("check", LS, "--steps", str(path), "--lang", "zh", "--json")
        verdict = json.loads(text)
        assert verdict["verdict"] == expected, text
        out.append(verdict)
    return out


def test_the_corpus_covers_every_diagnosis(verdicts: list[dict]) -> None:
    shown = {code for v in verdicts for code in v["diagnosis"]}
    codes = {key.removeprefix("code.") for key in MESSAGES if key.startswith("code.")}
    course_only = {"dropped-transpose", "symmetric-only", "missing-transpose", "follows"}  # mal-rule codes of single entries
    assert codes - course_only <= shown, codes - course_only - shown


def _verdict_texts(v: dict) -> list[str]:
    steps = [t for s in v["steps"] for t in (s["message"], *s["diagnosis_names"])]
    return [v["message"], *v["diagnosis_names"], *steps]


def test_check_in_zh_has_no_english(verdicts: list[dict]) -> None:
    _clean({f"check #{k}": [f for t in _verdict_texts(v) for f in latin_words(t)] for k, v in enumerate(verdicts)}, "Latin words")
    _clean({f"check #{k}": [f for t in _verdict_texts(v) for f in zh_punctuation(t)] for k, v in enumerate(verdicts)},
           "ASCII punctuation or spaces inside Chinese")


def test_check_text_output_in_zh() -> None:
    """The CLI's labels: 读作, 应有形状, the verdict word and the codes as words; numbers as people write them."""
    code, text = _invoke("check", "--reference", "[1, 2; 3, 4]", "--answer", "[1, 2; 3, 24192.5]", "--lang", "zh")
    assert code == 1
    assert text.splitlines() == ["读作：[1, 2; 3, 24192.5]", "应有形状：2×2",
                                 "✗ 错误（部分元素错误）：元素 (2,2) 错了：应为 4，你写的是 24192.5。其余元素都对。"]
    code, text = _invoke("check", "--reference", "[1, 2; 3, 4]", "--answer", "[24192, 48384; 72576, 96768]", "--lang", "zh")
    assert "24192 倍" in text and "e+" not in text
    code, text = _invoke("check", "--identity", "tr(A B C) = tr(B A C)", "--shapes", "A: m x m, B: m x m, C: m x m", "--lang", "zh")
    assert code == 1 and "反例：" in text and "左边 = " in text and "右边 = " in text and "e+" not in text
    code, text = _invoke("check", LS, "--answer", "2A^T(Ax-b)", "--lang", "zh")
    assert code == 0 and text.startswith("读作：") and "✓ 正确：在 5 组随机输入上" in text
    assert _invoke("check", LS, "--answer", "2A^T(Ax-b)")[1].splitlines()[-1].startswith("✓ correct: ")


# ------------------------------------------------------------------ dlprep show --lang zh, every catalog id
def test_show_in_zh_has_no_english() -> None:
    from derivations.catalog import ids

    outputs = {}
    for entry_id in ids():
        code, text = _invoke("show", entry_id, "--lang", "zh")
        assert code == 0, (entry_id, text)
        outputs[f"show {entry_id}"] = text.replace(entry_id, " ")
    _clean({k: latin_words(v) for k, v in outputs.items()}, "Latin words")
    _clean({k: zh_punctuation(v) for k, v in outputs.items()}, "ASCII punctuation or spaces inside Chinese")


# ------------------------------------------------------------------ the practice API in zh
def test_practice_api_in_zh_has_no_english() -> None:
    from fastapi.testclient import TestClient

    from question_bank.practice.app import create_app

    client = TestClient(create_app(lang="zh", seed=0), base_url="http://127.0.0.1")
    texts: dict[str, list[str]] = {}
    filters = client.get("/api/filters").json()
    texts["filters"] = [names["zh"] for group in ("topics", "types") for names in filters[group].values()]
    for seed in range(SEEDS):
        q = client.get("/api/question", params={"seed": seed}).json()
        s = client.get(f"/api/solution/{q['id']}").json()
        found = [q["prompt_html"]["zh"], q["type_name"]["zh"], s["answer_html"]["zh"], *(p["zh"] for p in s["key_points"])]
        found += [st["rule"]["zh"] if isinstance(st["rule"], dict) else st["rule"] for st in s["steps"] if st["rule"]]
        for blank in q["blanks"][:1] if q["checkable"] else []:
            r = client.post("/api/check", json={"id": q["id"], "blank": blank["label"], "answer": "1", "lang": "zh"})
            found += [r.json().get("message", "")] + r.json().get("diagnosis_names", [])
        texts[q["id"]] = found
    _clean({k: [f for t in v for f in latin_words(t, "html")] for k, v in texts.items()}, "Latin words")
    _clean({k: [f for t in v for f in zh_punctuation(t, "html")] for k, v in texts.items()}, "ASCII punctuation or spaces inside Chinese")


# ------------------------------------------------------------------ the message table itself
def test_the_message_table_is_chinese_in_zh() -> None:
    """Every zh text of the one table: no English word, full-width punctuation, both languages, same fields."""
    import string

    for key, texts in MESSAGES.items():
        assert set(texts) == {"en", "zh"}, key
        fields = {name for _, name, _, _ in string.Formatter().parse(texts["en"]) if name}
        assert fields == {name for _, name, _, _ in string.Formatter().parse(texts["zh"]) if name}, key
        prose = re.sub(r"\{\w+\}", "x", texts["zh"])
        assert not latin_words(prose), (key, texts["zh"])
        assert not zh_punctuation(prose), (key, texts["zh"])
