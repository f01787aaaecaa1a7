"""The exam as a teacher prints it and a student opens it, checked with the real tools.

PDF (xelatex via latexmk, pdfinfo, pdftotext, pdffonts): A4 by default and Letter on request; the header
(course, title, duration, name / student ID / class, instructions, grade table) in both languages and no
seed on the paper; the seed and the regeneration command in the key's footer; a log with no overfull
box, no missing glyph and no substituted font shape; every Chinese glyph drawn from the Simplified
Chinese face; the key of a 5-part numeric question inside the text area, each part named with its
points; a marking scheme printed. HTML (Debian's Chromium through Playwright) at 1280 and 390 px: no
backslash on the page, nothing wider than the page outside a marked scroll container, no choice marked
before the reveal.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
import zlib
from pathlib import Path

import pytest
from conftest import need

from question_bank import generate
from question_bank.export import exporter
from question_bank.export.sheet import Sheet
from question_bank.model import Mark
from question_bank.typeset.cjkfont import sc_faces
from question_bank.typeset.html import math_to_html

FAMILIES = ["derive-mlp-backprop", "mlp-pass", "concepts", "worked-sparsemax-kkt", "derive-conv-residual",
            "conv2d", "identity", "worked-pooling-residual"]
PARTS = [("$a^{(2)}$", "$a^{(2)}$"), ("$\\delta^{(2)}$", "$\\delta^{(2)}$"), ("$\\delta^{(1)}$", "$\\delta^{(1)}$"),
         ("$\\partial J / \\partial W^{(2)}$", "$\\partial J / \\partial W^{(2)}$"),
         ("$\\partial J / \\partial W^{(1)}$", "$\\partial J / \\partial W^{(1)}$")]
MARKS = [({"en": "differential of the loss through softmax", "zh": "经 softmax 写出损失的微分"}, 4),
         ({"en": "trace trick and reading off the gradient", "zh": "迹技巧并读出梯度"}, 4),
         ({"en": "final result $a^{(L)} - y$", "zh": "最终结果 $a^{(L)} - y$"}, 2)]
SEED = 3
COMMAND = "dlprep exam --questions 8"


def questions() -> list:  # type: ignore[type-arg]
    """A mixed exam; the 5-part numeric question and the proof filled by hand with what the producers will
    fill (Blank.what, Blank.points, Question.marking)."""
    out = [generate(name, SEED) for name in FAMILIES]
    out[2] = next(q for q in (generate("concepts", SEED + k) for k in range(200)) if q.choices)  # a choice question
    mlp = out[1]
    blanks = tuple(dataclasses.replace(b, what={"en": en, "zh": zh}, points=2) for b, (en, zh) in zip(mlp.blanks, PARTS))
    out[1] = dataclasses.replace(mlp, blanks=blanks)
    out[0] = dataclasses.replace(out[0], marking=tuple(Mark(text, points) for text, points in MARKS))
    # a matrix wider than the line, inline in the answer and displayed in the prompt: both must shrink to fit
    wide = "\\begin{bmatrix}" + " & ".join(["-0.123456"] * 16) + " \\\\ " + " & ".join(["0.654321"] * 16) + "\\end{bmatrix}"
    conv = out[5]
    out[5] = dataclasses.replace(conv, prompt={k: v + f"\n\n$$W = {wide}$$" for k, v in conv.prompt.items()},
                                 answer={k: v + f"\n\n(9) ${wide}$" for k, v in conv.answer.items()})
    return out


def build(tex: str, where: Path) -> tuple[Path, str]:
    """Compile with latexmk -xelatex as `dlprep exam` does; the PDF and the whole xelatex log."""
    where.mkdir(parents=True, exist_ok=True)
    (where / "exam.tex").write_text(tex, encoding="utf-8")
    for name, data in sc_faces(tex).items():  # what compile_pdf puts beside the source
        (where / name).write_bytes(data)
    (where / "exam.pdf").unlink(missing_ok=True)
    done = subprocess.run(["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error", "exam.tex"], cwd=where,
                          capture_output=True, text=True, timeout=300)
    log = (where / "exam.log").read_text(encoding="utf-8", errors="replace")
    assert done.returncode == 0 and (where / "exam.pdf").is_file(), log[-2000:]
    return where / "exam.pdf", log


def run(*argv: str) -> str:
    return subprocess.run(list(argv), capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[tuple[str, str], tuple[Path, str]]:  # type: ignore[no-untyped-def]
    for tool in ("xelatex", "latexmk", "pdfinfo", "pdftotext", "pdffonts"):
        need(tool)
    root = tmp_path_factory.mktemp("paper")
    sheet = Sheet(seed=SEED, command=COMMAND)
    qs = questions()
    return {(lang, mode): build(exporter("tex")(qs, lang, title, mode, sheet=sheet), root / f"{lang}-{mode}")
            for lang, title in (("zh", "深度学习期中练习"), ("en", "Deep learning midterm practice")) for mode in ("none", "key")}


HEADER = {"zh": ["深度学习", "深度学习期中练习", "考试时间", "分钟", "满分", "姓名", "学号", "班级", "注意事项", "题号", "分值", "得分", "总分"],
          "en": ["Deep Learning", "Deep learning midterm practice", "Time allowed", "min", "Full marks", "Name", "Student ID",
                 "Class", "Instructions", "Question", "Points", "Score", "Total"]}
SEED_WORD = {"zh": "种子", "en": "seed"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_paper_is_a4_with_the_header_and_no_seed(pdfs, lang: str) -> None:  # type: ignore[no-untyped-def]
    pdf, _ = pdfs[(lang, "none")]
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", run("pdfinfo", str(pdf)))
    first = run("pdftotext", "-f", "1", "-l", "1", "-layout", str(pdf), "-")
    missing = [w for w in HEADER[lang] if w not in first]
    assert not missing, first[:1500]
    whole = run("pdftotext", str(pdf), "-")
    assert SEED_WORD[lang] not in whole.lower() and "dlprep exam" not in whole
    title_line = next(line for line in first.splitlines() if HEADER[lang][1] in line)
    assert str(SEED) not in title_line


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_key_footer_carries_the_seed_and_the_command(pdfs, lang: str) -> None:  # type: ignore[no-untyped-def]
    pdf, _ = pdfs[(lang, "key")]
    text = run("pdftotext", "-layout", str(pdf), "-")
    assert f"{SEED_WORD[lang]} {SEED}" in text and f"{COMMAND} --seed {SEED}" in text
    title_line = next(line for line in text.splitlines() if HEADER[lang][1] in line)
    assert SEED_WORD[lang] not in title_line


def test_logs_have_no_overfull_box_no_missing_glyph_no_substituted_font(pdfs) -> None:  # type: ignore[no-untyped-def]
    for (lang, mode), (_, log) in pdfs.items():
        bad = [line for line in log.splitlines() if re.search(r"Overfull \\[hv]box|Missing character|Font shape .* undefined|substituted", line)]
        assert not bad, f"{lang} {mode}: {bad[:5]}"


def _cid_maps(pdf: Path) -> list[dict[int, str]]:
    """The ToUnicode maps of the PDF's fonts (CID → text), read from its deflated streams."""
    out = []
    for m in re.finditer(rb"stream\r?\n(.*?)endstream", pdf.read_bytes(), re.S):
        try:
            data = zlib.decompress(m.group(1))
        except zlib.error:
            continue
        cmap: dict[int, str] = {}
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
            for cid, uni in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                cmap[int(cid, 16)] = bytes.fromhex(uni.decode()).decode("utf-16-be", "replace")
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
            for a, b, u in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                cmap.update({k: chr(int(u, 16) + k - int(a, 16)) for k in range(int(a, 16), int(b, 16) + 1)})
        if cmap:
            out.append(cmap)
    return out


def test_chinese_is_noto_serif_cjk_sc_in_its_simplified_chinese_forms(pdfs) -> None:  # type: ignore[no-untyped-def]
    """pdffonts lists Noto Serif CJK SC (the build names the SC face it cuts from the collection, whose faces
    share one CFF called …CJKjp…) and no JP face; and the glyphs are the SC ones: every character whose SC
    and JP glyphs differ in the collection is drawn with the SC glyph (CID)."""
    from fontTools.ttLib import TTCollection

    for lang in ("zh", "en"):
        for mode in ("none", "key"):
            names = " ".join(line.split()[0].split("+")[-1] for line in run("pdffonts", str(pdfs[(lang, mode)][0])).splitlines()[2:])
            fonts = names  # font names without their random subset tag (ABCDEF+)
            assert "jp" not in fonts.lower() and "DejaVu" not in fonts and "LMRoman10-Regular" in fonts, fonts
            assert lang == "en" or ("NotoSerifCJKsc-Regular" in fonts and "NotoSerifCJKsc-Bold" in fonts), fonts
    pdf, _ = pdfs[("zh", "key")]
    path = run("fc-match", "-f", "%{file}", "Noto Serif CJK SC")
    assert path.endswith(".ttc")
    ttc = TTCollection(path, lazy=True)
    names = [f["name"].getDebugName(1) for f in ttc.fonts]
    sc = ttc.fonts[names.index("Noto Serif CJK SC")]["cmap"].getBestCmap()
    jp = ttc.fonts[names.index("Noto Serif CJK JP")]["cmap"].getBestCmap()
    used = [(cid, text) for cmap in _cid_maps(pdf) for cid, text in cmap.items() if len(text) == 1 and "\u4e00" <= text <= "\u9fff"]
    telling = [(cid, t) for cid, t in used if sc.get(ord(t)) != jp.get(ord(t))]
    assert len(telling) >= 10
    wrong = [t for cid, t in telling if f"cid{cid:05d}" != sc[ord(t)]]
    assert not wrong, wrong[:10]


def _words(pdf: Path) -> list[tuple[int, float, float, float, float, str]]:
    """Every word of the PDF with its page and box (pdftotext -bbox)."""
    html = run("pdftotext", "-bbox", str(pdf), "-")
    out = []
    for page, body in enumerate(html.split("<page ")[1:], 1):
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', body):
            out.append((page, *map(float, m.groups()[:4]), m.group(5)))
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_key_of_the_five_part_numeric_question_fits_and_names_its_parts(pdfs, lang: str) -> None:  # type: ignore[no-untyped-def]
    pdf, _ = pdfs[(lang, "key")]
    width, height, margin, bottom = 595.28, 841.89, 2.2 / 2.54 * 72, 2.6 / 2.54 * 72
    text_bottom = height - bottom
    footers: dict[int, str] = {}
    for page, x0, y0, x1, y1, word in _words(pdf):
        # a full-width stop ending a line has its blank right part past the margin (xeCJK kerns it back, as
        # Chinese typesetting hangs punctuation): its ink is the left 30 % of its box
        right = x0 + 0.3 * (x1 - x0) if word[-1] in "。，；：？！、）" else x1
        assert right <= width - margin + 2 and x0 >= margin - 40, (page, word, x0, x1)  # 40 pt: the question numbers
        assert not text_bottom + 2 < y1 < text_bottom + 18, (page, word, y1)  # nothing hangs out of the text area
        if y0 >= text_bottom + 18:
            footers[page] = footers.get(page, "") + word
    assert all(("页" if lang == "zh" else "Page") in f and "dlprep" in f for f in footers.values()) and len(footers) >= 3
    text = run("pdftotext", "-layout", str(pdf), "-")
    part = "各小问答案" if lang == "zh" else "Parts"
    assert part in text
    block = text[text.index("q:mlp-pass.3"):]
    for label in range(1, 6):
        assert re.search(rf"\({label}\)\s+\S.*[(（]2\s*{'分' if lang == 'zh' else 'points'}[)）]", block), label
        # each result printed once; read in reading order (-raw), where a superscript such as a^(1) stays
        # after its base instead of on a line of its own
        raw = run("pdftotext", "-raw", str(pdf), "-")
        raw_block = raw[raw.index("q:mlp-pass.3"):]
        raw_solution = raw_block[raw_block.index("答案：" if lang == "zh" else "Answer:"):raw_block.index("q:", 5)]
        labelled = re.findall(rf"^\s*[(（]{label}[)）]", raw_solution, re.M)
        assert len(labelled) == 1, raw_solution
    assert "δ" in block and "∂J" in block.replace(" ", "")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_marking_scheme_in_the_key_and_not_on_the_paper(pdfs, lang: str) -> None:  # type: ignore[no-untyped-def]
    key = run("pdftotext", "-layout", str(pdfs[(lang, "key")][0]), "-")
    paper = run("pdftotext", "-layout", str(pdfs[(lang, "none")][0]), "-")
    head, line = ("评分标准", "迹技巧并读出梯度") if lang == "zh" else ("Marking scheme", "trace trick and reading off the gradient")
    assert head in key and line in key and head not in paper and line not in paper
    assert re.search(rf"{line}[\s.]*4\s*{'分' if lang == 'zh' else 'points'}", key)


def test_paper_option_letter_and_space_option(tmp_path) -> None:  # type: ignore[no-untyped-def]
    for tool in ("xelatex", "latexmk", "pdfinfo"):
        need(tool)
    out = tmp_path / "o"
    subprocess.run(["python", "-m", "dlprep", "exam", "--questions", "3", "--format", "tex,pdf", "--answers", "none",
                    "--paper", "letter", "--space", "compact", "--lang", "zh", "--out", str(out)], check=True, capture_output=True)
    assert re.search(r"Page size:\s+612 x 792 pts \(letter\)", run("pdfinfo", str(out / "exam-s1.pdf")))
    qs = questions()[:3]
    tex = {space: exporter("tex")(qs, "en", "t", "none", sheet=Sheet(space=space)) for space in ("none", "compact", "full")}
    boxes = {space: [float(x) for x in re.findall(r"\\measured\{([\d.]+)cm\}", t)] for space, t in tex.items()}
    assert boxes["none"] == [0.0, 0.0, 0.0] and "\n\\answerbox" not in tex["none"] and tex["full"].count("\n\\answerbox") == 3
    assert all(c < f for c, f in zip(boxes["compact"], boxes["full"]))
    assert boxes["full"][0] / qs[0].points == pytest.approx(boxes["full"][1] / qs[1].points)  # proportional to points
    assert "a4paper" in tex["full"] and "--seed" not in tex["full"]


def test_html_math_has_no_raw_commands() -> None:
    for latex in (r"p^\star = \arg\min_{p \in \Delta} \frac{1}{2}\lVert p - z \rVert^2", r"\operatorname{conv2}(a, \omega)",
                  r"\operatorname*{arg\,max}_i z_i", r"\unknowncommand{x} + \min_x f"):
        out = math_to_html(latex)
        assert "\\" not in re.sub(r"<[^>]+>", "", out) and "<code" not in out, latex
    assert '<mi mathvariant="normal">conv2</mi>' in math_to_html(r"\operatorname{conv2}(a)")


WIDE = """(vw) => [...document.querySelectorAll('body *')].filter(el => !el.closest('.scroll')).map(el => [el, el.getBoundingClientRect()])
  .filter(([el, r]) => r.width > 0 && (r.right > vw + 1 || r.left < -1)).map(([el, r]) => el.tagName + ' ' + (el.textContent || '').slice(0, 40))"""
MARKED = """() => [...document.querySelectorAll('ol.choices li')].filter(li => Number(getComputedStyle(li).fontWeight) >= 600
  || li.querySelector('b, strong') || /✓|✔/.test(li.textContent)).length"""



@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [1280, 390])
def test_html_exam_no_leak_no_backslash_no_overflow(tmp_path, browser, lang: str, width: int) -> None:  # type: ignore[no-untyped-def]
    page_file = tmp_path / "exam.html"
    page_file.write_text(exporter("html")(questions(), lang, "Exam", "inline", sheet=Sheet(seed=SEED)), encoding="utf-8")
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(page_file.as_uri())
    assert page.locator("ol.choices li").count() >= 3
    assert page.evaluate(MARKED) == 0  # nothing marked as right before the reveal
    assert "\\" not in page.inner_text("body")
    assert page.evaluate(WIDE, width) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    for details in page.locator("details.answer").all():
        details.locator("summary").click()
    text = page.inner_text("body")
    assert "\\" not in text and ("正确选项" if lang == "zh" else "Correct choice") in text
    assert page.evaluate(WIDE, width) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    assert page.locator(".scroll math").count() > 10  # display math and derivation lines in marked scroll containers
    page.close()


def test_spec_title_per_language_and_duration_in_the_papers_language(tmp_path) -> None:  # type: ignore[no-untyped-def]
    spec = tmp_path / "midterm.toml"
    spec.write_text('title = { zh = "期中练习", en = "Midterm practice" }\nduration = "90 min"\n[[questions]]\ncount = 2\n'
                    'types = ["numeric"]\n', encoding="utf-8")
    for lang, title, minutes in (("zh", "期中练习", "90 分钟"), ("en", "Midterm practice", "90 min")):
        out = tmp_path / lang
        subprocess.run(["python", "-m", "dlprep", "exam", "--spec", str(spec), "--lang", lang, "--format", "tex,html",
                        "--out", str(out)], check=True, capture_output=True)
        tex = (out / "exam-s1.tex").read_text(encoding="utf-8")
        key = (out / "exam-s1-key.html").read_text(encoding="utf-8")
        assert "{\\LARGE\\bfseries " + title + "}" in tex and minutes in tex
        assert ("期中练习" in tex) == (lang == "zh") and ("Midterm" in tex) == (lang == "en")
        assert f"dlprep exam --spec {spec}{' --lang zh' if lang == 'zh' else ''} --seed 1</code>" in key  # the key's footer
        assert "--seed" not in tex
    bad = tmp_path / "bad.toml"
    bad.write_text('title = { fr = "x" }\n[[questions]]\ncount = 1\n', encoding="utf-8")
    done = subprocess.run(["python", "-m", "dlprep", "exam", "--spec", str(bad), "--out", str(tmp_path / "b")], capture_output=True, text=True)
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1 and "'fr'" in done.stderr


def test_every_command_the_bank_uses_becomes_mathml() -> None:
    """Every formula of every family (prompt, answer, choices, parts, marking, model lines) converts to MathML
    with no raw \\command left as text and no fallback to source code."""
    from question_bank.markup import segments
    from question_bank.registry import families

    raw: dict[str, str] = {}
    for name in families():
        q = generate(name, 2)
        texts = [t for field in (q.prompt, q.answer, *q.key_points, *(c.text for c in q.choices), *(b.what for b in q.blanks),
                                 *(m.text for m in q.marking)) for t in field.values()]
        formulas = [m for t in texts for kind, m in segments(t) if kind in ("math", "display")]
        formulas += [b.answer_latex for b in q.blanks] + [s.latex for s in q.steps]
        for latex in formulas:
            out = math_to_html(latex)
            if "\\" in re.sub(r"<[^>]+>", "", out) or "<code" in out:
                raw.setdefault(name, latex)
    assert not raw, raw
