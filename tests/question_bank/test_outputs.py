"""Real tools on real outputs: the exam's LaTeX compiled by xelatex (latexmk) and read by pdfinfo and
pdftotext; the HTML exam opened in Debian's headless Chromium (Playwright): math typeset as MathML
boxes, no raw ``$`` or ``\\frac`` on the page, answers hidden until the reveal is clicked."""

from __future__ import annotations

import re
import subprocess

import pytest
from conftest import need

from question_bank import generate
from question_bank.export import exporter
from question_bank.typeset import compile_pdf

# one question of every type and kind of content (numeric matrices, catalog fill-in, derivation, worked proof, concept)
MIX = ["softmax", "mlp-pass", "conv2d", "sparsemax", "identity", "derive-mlp-backprop", "derive-conv-residual",
       "worked-sparsemax-kkt", "worked-batchnorm-backward", "concepts", "glorot", "derive-tied-autoencoder-gradient"]


def questions() -> list:  # type: ignore[type-arg]
    return [generate(name, 3) for name in MIX]


def test_latex_exam_compiles_with_xelatex_in_both_languages(tmp_path) -> None:  # type: ignore[no-untyped-def]
    for tool in ("xelatex", "latexmk", "pdfinfo", "pdftotext"):
        need(tool)
    tex = exporter("tex")(questions(), "both", "Practice & test 100% {ok}", "key")
    assert "\\documentclass" in tex and "{exam}" in tex and "\\printanswers" in tex and "\\begin{solution}" in tex
    pdf = compile_pdf(tex, tmp_path / "exam.pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 3
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "q:softmax.3" in text and "推导" in text and "Practice & test 100% {ok}" in text


def test_exam_without_key_has_no_solutions() -> None:
    tex = exporter("tex")(questions(), "en", "t", "none")
    assert "\\printanswers" not in tex and "\\begin{solution}" not in tex



@pytest.mark.parametrize("lang", ["en", "zh"])
def test_html_exam_shows_typeset_math_and_the_reveal_works(tmp_path, browser, lang: str) -> None:  # type: ignore[no-untyped-def]
    page_file = tmp_path / "exam.html"
    page_file.write_text(exporter("html")(questions(), lang, "Practice <exam>", "inline"), encoding="utf-8")
    assert "http://" not in page_file.read_text(encoding="utf-8").replace("http://www.w3.org/1998/Math/MathML", "")
    page = browser.new_page(viewport={"width": 390, "height": 800})  # a phone
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(page_file.as_uri())
    maths = page.locator("section.question .body math")
    assert maths.count() > 20
    boxes = [maths.nth(i).bounding_box() for i in range(0, maths.count(), 5)]
    assert all(b and b["width"] > 2 and b["height"] > 5 for b in boxes)
    text = page.inner_text("body")
    assert "$" not in text and "\\frac" not in text and "\\begin" not in text
    assert page.title() == "Practice <exam>" or page.title().startswith("Practice <exam>")
    answer = page.locator("details.answer").first
    inside = answer.locator("math").last
    assert not inside.is_visible()
    answer.locator("summary").click()
    assert inside.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1  # no sideways scrolling on a phone
    assert all(r.startswith("file://") for r in requests)
    page.close()
