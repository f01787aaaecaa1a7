"""Moodle XML: parsed with xml.etree; every question has a name, a text and the answer fields of its type."""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from bank_samples import NASTY, samples  # noqa: E402

from question_bank.export import exporter  # noqa: E402
from question_bank.export.moodle import _fmt, cdata, export, matrix, moodle_type, number, tolerance  # noqa: E402
from question_bank.families import concepts  # noqa: E402
from question_bank.families.concept_files import concepts as concept_files  # noqa: E402

TITLE = "Midterm <A&B> ]]> 期中/2"


def parse(text: str) -> ET.Element:
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>')
    return ET.fromstring(text.encode("utf-8"))


def real_questions(root: ET.Element) -> list[ET.Element]:
    return [q for q in root.findall("question") if q.get("type") != "category"]


@pytest.fixture(scope="module", params=["en", "zh", "both"])
def exported(request):
    return request.param, parse(export(samples(), request.param, TITLE, "inline"))


def test_types_chosen_by_shape():
    kinds = [moodle_type(q) for q in samples()]
    assert kinds == ["multichoice", "essay", "essay", "numerical", "shortanswer", "cloze", "cloze"]


def test_every_question_has_name_text_and_answer_fields(exported):
    lang, root = exported
    questions = real_questions(root)
    assert len(questions) == len(samples())
    for q in questions:
        assert q.findtext("name/text").strip()
        assert q.findtext("questiontext/text").strip()
        assert q.find("questiontext").get("format") == "html"
        assert q.findtext("idnumber")
        kind = q.get("type")
        answers = q.findall("answer")
        if kind == "numerical":
            (a,) = answers
            assert a.get("fraction") == "100"
            value, tol = float(a.findtext("text")), float(a.findtext("tolerance"))
            assert value == pytest.approx(0.235004) and tol == pytest.approx(0.235004e-3)
        elif kind == "shortanswer":
            assert {a.findtext("text") for a in answers} == {"M - K + 1", "M-K+1"}
            assert all(a.get("fraction") == "100" for a in answers)
        elif kind == "essay":
            info = q.findtext("graderinfo/text")
            assert info and q.find("graderinfo").get("format") == "html"
            assert ("Model answer" in info) == (lang != "zh") and ("参考答案" in info) == (lang != "en")
        elif kind == "multichoice":
            assert len(answers) == 4 and [a.get("fraction") for a in answers].count("100") == 1
            correct = next(a for a in answers if a.get("fraction") == "100").findtext("text")
            assert "1-p" in correct
            assert q.findtext("single") == "true"
        elif kind == "cloze":
            text = q.findtext("questiontext/text")
            assert re.search(r"\{1:(NUMERICAL|SHORTANSWER):=", text)
        else:
            pytest.fail(f"unexpected type {kind}")


def test_cloze_matrix_has_one_numerical_field_per_entry(exported):
    _, root = exported
    q = next(q for q in real_questions(root) if q.findtext("idnumber") == "softmax-jac.5")
    fields = re.findall(r"\{1:NUMERICAL:=([-0-9.e]+):([0-9.e-]+)\}", q.findtext("questiontext/text"))
    assert [float(v) for v, _ in fields] == pytest.approx([0.196612, -0.196612, -0.196612, 0.196612])
    assert all(float(t) == pytest.approx(0.196612e-3) for _, t in fields)
    two = next(q for q in real_questions(root) if q.findtext("idnumber") == "conv-size.6")
    text = two.findtext("questiontext/text")
    assert "{1:SHORTANSWER:=M + K - 1}" in text and "{1:NUMERICAL:=7:" in text


def test_proof_grader_info_holds_the_verified_steps(exported):
    _, root = exported
    q = next(q for q in real_questions(root) if q.findtext("idnumber") == "derive-softmax-jacobian.2")
    info = q.findtext("graderinfo/text")
    assert info.count("<li>\\[") == 2 and "\\mathrm{diag}(a) - aa^T" in info
    assert "\\[\\frac{\\partial a}{\\partial z}" in q.findtext("questiontext/text")


def test_cdata_end_marker_and_specials_survive(exported):
    lang, root = exported
    q = next(q for q in real_questions(root) if q.findtext("idnumber") == "concepts.0")
    text = q.findtext("questiontext/text")
    assert "]]&gt; and ]]]]&gt;" in text  # prose is HTML-escaped, so the marker is text the browser shows
    assert "a &lt; b &amp; c &gt; d" in text and "<div" in text  # prose escaped as HTML, markup real
    essay = next(q for q in real_questions(root) if q.findtext("idnumber") == "concepts.1")
    assert "]]&gt;" in essay.findtext("graderinfo/text")
    assert cdata("x]]>y").count("<![CDATA[") == 2
    for raw in ("x]]>y", "]]>", "a]]]]>b]]>"):  # raw HTML with the end marker survives the round trip
        assert ET.fromstring("<t>" + cdata(raw) + "</t>").text == raw


def test_math_is_mathjax_and_no_dollar_left(exported):
    lang, root = exported
    for q in real_questions(root):
        for el in q.iter("text"):
            assert "$" not in (el.text or "").replace("$course$", "")
    first = real_questions(root)[0].findtext("questiontext/text")
    assert "\\(" in first or "\\[" in first


def test_a_category_per_topic_before_its_questions(exported):
    lang, root = exported
    current = None
    seen = []
    for q in root.findall("question"):
        if q.get("type") == "category":
            path = q.findtext("category/text")
            assert path.startswith("$course$/top/Midterm <A&B> ]]> 期中//2/")  # '/' in a name doubled
            current = path.rsplit("/", 1)[1][0]
            seen.append(current)
        else:
            assert current is not None and q.find("tags/tag/text").text == f"topic-{current}"
    assert seen == sorted({q.topic for q in samples()})


def test_languages(exported):
    lang, root = exported
    text = ET.tostring(root, encoding="unicode")
    assert ("为什么" in text) == (lang != "en")
    assert ("Why scale" in text) == (lang != "zh")


def test_exporter_registry_and_whole_concept_bank():
    out = exporter("moodle")([concepts.make(np.random.default_rng(s), s) for s in range(len(concept_files()))],
                             "both", "概念题", "inline")
    root = parse(out)
    qs = real_questions(root)
    assert len(qs) == len(concept_files())
    assert sum(q.get("type") == "multichoice" for q in qs) == sum(c.type == "choice" for c in concept_files())
    assert all(q.get("type") in ("multichoice", "essay") for q in qs)


def test_number_helpers():
    assert number("1/3") == pytest.approx(1 / 3) and number("-2.5e-3") == -0.0025 and number("M-1") is None
    assert matrix("[1, 2; 3, 1/2]") == [[1, 2], [3, 0.5]] and matrix("[a, 1]") is None and matrix("7") is None
    assert tolerance(-200.0, 1e-3) == pytest.approx(0.2) and tolerance(0.0, 1e-3) == 1e-3
    assert [_fmt(v) for v in (9.17341e-05, 10.0, -0.5)] == ["0.0000917341", "10", "-0.5"]  # no exponent
