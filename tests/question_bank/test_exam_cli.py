"""`dlprep exam`: defaults, determinism, copies, --force, spec refusals, --json, escaping of user text."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from dlprep.cli import main


def run(argv: list[str], capsys) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exc:
        main(["exam", *argv])
    out = capsys.readouterr()
    return int(exc.value.code or 0), out.out, out.err


def test_no_options_writes_a_10_question_practice_exam_with_key_to_exam(tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    code, out, _ = run([], capsys)
    assert code == 0 and "exam/" in out
    names = sorted(p.name for p in (tmp_path / "exam").iterdir())
    assert names == ["exam-s1-key.html", "exam-s1-key.md", "exam-s1.html", "exam-s1.md"]
    exam = (tmp_path / "exam" / "exam-s1.md").read_text(encoding="utf-8")
    key = (tmp_path / "exam" / "exam-s1-key.md").read_text(encoding="utf-8")
    assert exam.count("\n## ") == 10 and "**Answer.**" not in exam and key.count("**Answer.**") == 10
    assert "seed 1" in exam
    # a second run refuses to overwrite, in one line
    code, _, err = run([], capsys)
    assert code == 2 and "--force" in err and len(err.strip().splitlines()) == 1
    assert run(["--force"], capsys)[0] == 0


FORMATS = "md,tex,html,moodle,anki"


def _write(out: Path, seed: int, capsys, *extra: str) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    code, _, err = run(["--seed", str(seed), "--questions", "12", "--format", FORMATS, "--lang", "both", "--out", str(out), *extra], capsys)
    assert code == 0, err
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def _guids(apkg: bytes, where: Path) -> list[tuple[str, str]]:
    where.mkdir()
    path = where / "deck.apkg"
    path.write_bytes(apkg)
    with zipfile.ZipFile(path) as z:
        z.extract("collection.anki2", where)
    with sqlite3.connect(where / "collection.anki2") as db:
        return sorted(db.execute("select guid, flds from notes").fetchall())


def test_same_seed_byte_identical_other_seed_other_exam(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    first, second, other = (_write(tmp_path / name, seed, capsys) for name, seed in (("a", 4), ("b", 4), ("c", 5)))
    assert set(first) == set(second)
    for name in first:
        if name.endswith(".apkg"):
            assert _guids(first[name], tmp_path / "ga") == _guids(second[name], tmp_path / "gb")
        else:
            assert first[name] == second[name], name
    assert first["exam-s4.md"] != other["exam-s5.md"]


def test_copies_have_their_own_seed_and_key(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(["--copies", "3", "--seed", "10", "--format", "md", "--out", str(tmp_path / "o"), "--json"], capsys)
    data = json.loads(out)
    assert code == 0 and [c["seed"] for c in data["copies"]] == [10, 11, 12]
    ids = [tuple(q["id"] for q in c["questions"]) for c in data["copies"]]
    assert len(set(ids)) == 3
    for c in data["copies"]:
        assert any(f.endswith(f"exam-s{c['seed']}-key.md") for f in c["files"])
        assert f"seed {c['seed']}" in (tmp_path / "o" / f"exam-s{c['seed']}.md").read_text(encoding="utf-8")


def test_topics_types_and_answers_inline(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    # topic F has three catalog results (conv-residual, pooling-residual, conv-output-size): three questions at most
    code, out, _ = run(["--topics", "F", "--types", "numeric,fill-in", "--questions", "3", "--answers", "inline",
                        "--format", "md", "--out", str(tmp_path / "o"), "--json"], capsys)
    questions = json.loads(out)["copies"][0]["questions"]
    assert code == 0 and len(questions) == 3
    assert all(q["topic"] == "F" and q["type"] in ("numeric", "fill-in") for q in questions)
    assert [p.name for p in (tmp_path / "o").iterdir()] == ["exam-s1.md"]


SPEC = """title = "Midterm & 50% <practice>"
duration = "90 min"
[[questions]]
count = 2
types = ["derivation", "proof"]
points = 12
[[questions]]
count = 3
types = ["numeric"]
topics = ["B"]
"""


def test_spec_file(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    spec = tmp_path / "exam.toml"
    spec.write_text(SPEC, encoding="utf-8")
    code, out, _ = run(["--spec", str(spec), "--format", "md,tex,html", "--out", str(tmp_path / "o"), "--json"], capsys)
    questions = json.loads(out)["copies"][0]["questions"]
    assert code == 0 and len(questions) == 5
    assert [q["points"] for q in questions[:2]] == [12, 12] and all(q["type"] in ("derivation", "proof") for q in questions[:2])
    assert all(q["type"] == "numeric" and q["topic"] == "B" for q in questions[2:])
    tex = (tmp_path / "o" / "exam-s1.tex").read_text(encoding="utf-8")
    html = (tmp_path / "o" / "exam-s1.html").read_text(encoding="utf-8")
    md = (tmp_path / "o" / "exam-s1.md").read_text(encoding="utf-8")
    assert "Midterm \\& 50\\% <practice>" in tex and "90 min" in tex
    assert "Midterm &amp; 50% &lt;practice&gt;" in html and "<practice>" not in html
    assert "\\<practice\\>" in md


@pytest.mark.parametrize("text, words", [
    ("colour = 1\n[[questions]]\ncount = 1\n", ["unknown key 'colour'", "title, duration, questions"]),
    ("[[questions]]\ncount = 1\ntopics = ['Z']\n", ["unknown topic 'Z'", "A, B, C, D, E, F, G"]),
    ("[[questions]]\ncount = 1\ntypes = ['essay']\n", ["unknown question type 'essay'", "concept, fill-in, proof, derivation, numeric"]),
    ("[[questions]]\ncount = 1\nweight = 2\n", ["unknown key 'weight'", "count, type, types"]),
    ("[[questions]\n", ["cannot read the spec file"]),
])
def test_bad_spec_is_refused_in_one_line(tmp_path, capsys, text: str, words: list[str]) -> None:  # type: ignore[no-untyped-def]
    spec = tmp_path / "bad.toml"
    spec.write_text(text, encoding="utf-8")
    code, _, err = run(["--spec", str(spec), "--out", str(tmp_path / "o")], capsys)
    assert code == 2 and len(err.strip().splitlines()) == 1
    for word in words:
        assert word in err
    assert not (tmp_path / "o").exists()


def test_bad_options_are_refused(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    for argv, word in ((["--format", "docx"], "unknown format 'docx'"), (["--topics", "Q"], "unknown topic 'Q'"),
                       (["--types", "essay"], "unknown question type")):
        code, _, err = run([*argv, "--out", str(tmp_path / "o")], capsys)
        assert code == 2 and word in err


def test_missing_tex_is_one_line_naming_the_packages(tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    import shutil

    real = shutil.which
    monkeypatch.setattr(shutil, "which", lambda tool, *a, **k: None if tool in ("latexmk", "xelatex") else real(tool, *a, **k))
    code, _, err = run(["--format", "md,pdf", "--out", str(tmp_path / "o")], capsys)
    assert code == 2 and len(err.strip().splitlines()) == 1 and not (tmp_path / "o").exists()
    assert "texlive-xetex texlive-lang-chinese latexmk" in err


def test_an_exam_never_asks_the_same_draw_twice() -> None:
    import json as _json

    from question_bank.exam import assemble
    from question_bank.spec import from_options

    for seed in range(5):
        qs = assemble(from_options(40, None, None), seed)
        draws = [(q.family, _json.dumps(q.params, sort_keys=True)) for q in qs]
        assert len(set(draws)) == len(draws) == 40
