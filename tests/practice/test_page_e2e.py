"""The practice page driven by a real browser (issues 15 and 23): Debian's chromium through Playwright.

`dlprep practice --port 0` runs as a subprocess (as a student starts it: uvicorn and its checking
workers); the tests type right and wrong answers, paste derivations (an aligned block), open a proof in
step mode, click choice options, self-mark a concept question, earn partial credit on a two-part
question, type on the math keyboard of a touch device, and read the per-topic view, at 1280 and 390 px
in English and Chinese, with screenshots in each test's tmp folder.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from playwright.sync_api import expect  # noqa: E402



@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app as a student starts it, in an empty folder that must still be empty at the end (no files written)."""
    cwd = tmp_path_factory.mktemp("practice-cwd")
    proc = subprocess.Popen([sys.executable, "-m", "dlprep", "practice", "--port", "0", "--lang", "en", "--seed", "5"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd)
    try:
        line = proc.stdout.readline()  # type: ignore[union-attr]
        match = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert match, f"no address printed: {line!r} {proc.stderr.read() if proc.poll() is not None else ''}"  # type: ignore[union-attr]
        url = match.group(0)
        for _ in range(100):  # the socket is bound before the address is printed; wait for the app
            try:
                urllib.request.urlopen(url + "api/health", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert list(cwd.iterdir()) == [], "the practice server wrote files"


def api(url: str, path: str) -> dict:
    return json.loads(urllib.request.urlopen(url + path, timeout=10).read())



def open_page(browser, url: str, qid: str, *, width: int = 1280, height: int = 900, lang: str = "en",  # type: ignore[no-untyped-def]
              touch: bool = False):
    page = browser.new_page(viewport={"width": width, "height": height}, has_touch=touch, is_mobile=touch)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: errors.append(f"left the machine: {r.url}") if not r.url.startswith(url) else None)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" and "status of 422" not in m.text else None)
    page.add_init_script(f"if (!localStorage.getItem('dlprep-practice-v1')) localStorage.setItem('dlprep-practice-v1', JSON.stringify({{lang: '{lang}'}}))")
    page.goto(f"{url}?q={qid}")
    page.wait_for_selector("body[data-ready='1']")
    assert page.text_content("#q-id") == qid
    return page, errors


def test_answer_steps_solution_and_screenshots(server: str, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    question = api(server, "api/question/derive-least-squares-gradient.0")  # a derivation of a gradient
    right = api(server, f"api/solution/{question['id']}")["blanks"][0]["text"]
    page, errors = open_page(browser, server, question["id"])
    assert page.locator("#prompt math").count() > 0 and "$" not in page.inner_text("#prompt")

    # live preview while typing (debounced /api/parse), then Enter checks
    page.click("#tab-answer")  # a derivation opens in step mode
    page.fill("#answer-1", f"-({right})")
    page.wait_for_selector("#preview-1 math")
    assert "shape" in page.inner_text("#preview-1")
    page.press("#answer-1", "Enter")
    page.wait_for_selector("#verdict-1.incorrect")
    assert "wrong sign" in page.inner_text("#verdict-1 .diag") and "negative" in page.inner_text("#verdict-1")
    assert page.text_content("#score-tried") == "1" and page.text_content("#score-right") == "0"
    assert page.get_attribute("#missed .retry", "data-id") == question["id"]
    assert "right answer" not in page.inner_text("#verdict-1") and page.locator("#verdict-1 .reveal").count() == 1
    page.press("#answer-1", "Enter")  # the same slip a second time: now the expected value is shown
    expect(page.locator("#verdict-1 .msg")).to_contain_text("The right answer")
    assert page.locator("#verdict-1 .read math").count() == 1

    page.fill("#answer-1", right)
    page.click("#check")
    page.wait_for_selector("#verdict-1.correct")
    assert "Correct" in page.inner_text("#verdict-1")
    page.screenshot(path=str(tmp_path / "answer.png"), full_page=True)

    # step mode: a pasted derivation, one mark per line, the first wrong one explained
    page.click("#tab-steps")
    label = {"gradient": "grad", "jacobian": "jac", "differential": "df"}[question["blanks"][0]["kind"]]
    page.fill("#steps", f"{label} = {right}\n{label} = -({right})")
    page.click("#check")
    page.wait_for_selector(".step.incorrect")
    assert "step 2 (line 2)" in page.inner_text("#verdict-steps")
    marks = page.locator(".steps-report .mark").all_inner_texts()
    assert marks == ["✓", "✗"]
    assert "negative" in page.inner_text(".step.incorrect .why")

    # the solution with its verified steps
    page.keyboard.press("Escape")
    page.keyboard.press("s")
    page.wait_for_selector(".model-steps li")
    assert page.locator(".model-steps li.ok").count() == page.locator(".model-steps li").count() > 0
    page.screenshot(path=str(tmp_path / "desktop.png"), full_page=True)

    # N: the next question; the score survives a reload (local storage)

    page.keyboard.press("n")
    expect(page.locator("#q-id")).not_to_have_text(question["id"])
    page.reload()
    page.wait_for_selector("body[data-ready='1']")
    assert page.text_content("#score-tried") == "1"
    assert not errors, errors
    assert (tmp_path / "desktop.png").stat().st_size > 20_000


def test_phone_width_in_chinese(server: str, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    question = api(server, "api/question/derive-least-squares-gradient.0")  # a derivation of a gradient
    page, errors = open_page(browser, server, question["id"], width=390, height=844, lang="zh")
    assert "检查" in page.inner_text("#check")
    page.click("#tab-answer")
    page.fill("#answer-1", "2*(")
    page.press("#answer-1", "Enter")
    page.wait_for_selector("#verdict-1.invalid")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways at phone width ({width}px)"
    page.screenshot(path=str(tmp_path / "phone.png"), full_page=True)
    assert not errors, errors


def test_matrix_answer_marks_the_wrong_entry(server: str, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A numeric matrix question: one wrong entry is drawn red in the student's matrix."""
    question = api(server, "api/question/softmax.3")
    blank = next(b for b in api(server, "api/solution/softmax.3")["blanks"] if ";" in b["text"] and "," in b["text"])
    numbers = list(re.finditer(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", blank["text"]))
    last = numbers[-1]
    wrong = blank["text"][: last.start()] + repr(float(last.group()) + 1) + blank["text"][last.end():]
    page, errors = open_page(browser, server, question["id"])
    box = f"#answer-{blank['label']}"
    page.fill(box, wrong)
    page.press(box, "Enter")
    page.wait_for_selector(f"#verdict-{blank['label']}.incorrect .grid")
    assert page.locator(".grid td.wrong").count() == 1
    assert page.locator(".grid td").count() == len(numbers)
    page.screenshot(path=str(tmp_path / "matrix.png"), full_page=True)
    assert not errors, errors


def test_api_docs_render_offline(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    """/docs is Swagger UI from the fastapi-offline package: it renders with no request leaving 127.0.0.1."""
    page = browser.new_page()  # type: ignore[attr-defined]
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server) else None)
    page.goto(server + "docs")
    page.wait_for_selector(".opblock")
    assert "/api/check" in page.inner_text("body") and not outside, outside


# ------------------------------------------------------------------ issue 23: the page a student keeps open
VIEWS = [pytest.param(1280, "en", id="desktop-en"), pytest.param(390, "zh", id="phone-zh")]
WORDS = {"en": {"step": "step {n}", "where": "line 1, row 2", "first": "step 2 (line 1, row 2)", "partial": "1 of 2 parts right (40%)"},  # part 1 carries 4 of the 10 points
         "zh": {"step": "第 {n} 步", "where": "第 1 行第 2 式", "first": "第 2 步（第 1 行第 2 式）", "partial": "1 / 2 问正确（40%）"}}
ALIGNED = ("$$\\begin{aligned} df &= 2(Ax-b)^T A\\,dx \\\\ &= -2(Ax-b)^T A\\,dx \\end{aligned}$$\n"
           "$$ jac = -2(Ax-b)^T A $$")


def fits(page, width: int) -> None:  # type: ignore[no-untyped-def]
    """Nothing scrolls sideways (no clipped page at phone width)."""
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width, lang", VIEWS)
def test_aligned_block_rows_counted_one_by_one(server: str, browser, tmp_path: Path, width: int, lang: str) -> None:  # type: ignore[no-untyped-def]
    """Both rows of an aligned block get their own step number (as `dlprep check --steps` counts them),
    typeset, ✓/✗; the first wrong one is row 2 and the summary says so in the page's language."""
    qid = "derive-least-squares-gradient.0"
    page, errors = open_page(browser, server, qid, width=width, height=844 if width < 500 else 900, lang=lang)
    assert page.is_visible("#steps-pane") and not page.is_visible("#answer-pane")  # a derivation opens in step mode
    page.fill("#steps", ALIGNED)
    page.click("#check")
    page.wait_for_selector(".step.incorrect")
    w = WORDS[lang]
    assert page.locator(".steps-report .ln").all_inner_texts() == [w["step"].format(n=n) for n in (1, 2, 3)]
    assert page.locator(".steps-report .mark").all_inner_texts() == ["✓", "✗", "→"]
    assert page.locator(".steps-report .m math").count() == 3 and "\\," not in page.inner_text("#steps-report")
    assert page.inner_text(".step.incorrect .where") == w["where"]
    assert w["first"] in page.inner_text("#verdict-steps")
    assert ("符号" if lang == "zh" else "sign") in page.inner_text("#verdict-steps .diag")
    assert "sign" not in page.inner_text("#verdict-steps .diag") or lang == "en"  # no English code on the zh page
    assert page.text_content("#score-tried") == "1" and page.text_content("#score-right") == "0"  # step attempts count
    retry = page.inner_text("#missed .retry")
    assert page.get_attribute("#missed .retry", "data-id") == qid and qid not in retry and retry.strip()
    fits(page, width)
    page.screenshot(path=str(tmp_path / f"steps-{lang}-{width}.png"), full_page=True)
    assert not errors, errors


def test_proof_opens_in_step_mode_and_the_result_alone_earns_nothing(server: str, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    question = api(server, "api/question?type=proof&seed=3")
    right = api(server, f"api/solution/{question['id']}")["blanks"][0]["text"]
    page, errors = open_page(browser, server, question["id"])
    assert question["mode"] == "steps" and page.is_visible("#steps-pane") and "on" in page.get_attribute("#tab-steps", "class")
    page.click("#tab-answer")
    page.fill("#answer-1", right)
    page.press("#answer-1", "Enter")
    page.wait_for_selector("#verdict-1.incomplete")
    assert "proof" in page.inner_text("#verdict-1") and page.text_content("#score-right") == "0"
    page.screenshot(path=str(tmp_path / "proof.png"), full_page=True)
    assert not errors, errors


def _choice_question(server: str) -> tuple[dict, str]:
    for seed in range(40):
        q = api(server, f"api/question?type=concept&seed={seed}")
        if q["choices"]:
            return q, api(server, f"api/solution/{q['id']}")["choice"]
    raise AssertionError("no choice question among 40 draws")


@pytest.mark.parametrize("width, lang", VIEWS)
def test_choice_clicked_wrong_then_right(server: str, browser, tmp_path: Path, width: int, lang: str) -> None:  # type: ignore[no-untyped-def]
    question, right = _choice_question(server)
    wrong = next(c["letter"] for c in question["choices"] if c["letter"] != right)
    page, errors = open_page(browser, server, question["id"], width=width, height=844 if width < 500 else 900, lang=lang, touch=width < 500)
    assert page.locator(".choice").count() == len(question["choices"]) >= 2 and not page.is_visible("#check")
    page.click(f".choice[data-letter='{wrong}']")
    page.wait_for_selector("#verdict-choice.incorrect")
    assert page.locator(".choice.right").count() == 0, "the right option shown on the first wrong try"
    assert "wrong" in page.get_attribute(f".choice[data-letter='{wrong}']", "class")
    page.screenshot(path=str(tmp_path / f"choice-{lang}-{width}.png"), full_page=True)
    page.click(f".choice[data-letter='{wrong}']")  # the same wrong option again: now the right one is shown
    page.wait_for_selector(f".choice.right[data-letter='{right}']")
    page.click(f".choice[data-letter='{right}']")
    page.wait_for_selector("#verdict-choice.correct")
    assert page.text_content("#score-right") == "0" and page.text_content("#score-tried") == "1"  # the first try counts
    assert not page.is_visible(".keys-help") if width < 500 else page.is_visible(".keys-help")  # no key help on touch
    fits(page, width)
    assert not errors, errors


def test_open_concept_question_self_marked(server: str, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    question = next(q for q in (api(server, f"api/question?type=concept&seed={s}") for s in range(40)) if not q["checkable"])
    page, errors = open_page(browser, server, question["id"], lang="zh")
    assert page.is_visible("#draft")
    page.fill("#draft", "df = Tr(G^T dX) 给出梯度 G")
    page.click("#show")
    page.wait_for_selector(".key-points.tick input")
    boxes = page.locator(".key-points.tick input")
    assert boxes.count() >= 2
    boxes.nth(0).check()
    n = boxes.count()
    got = round(question["points"] / n * 2) / 2
    shown = f"{got:g} / {question['points']}"
    assert shown in page.inner_text("#self-mark")
    page.click("#self-mark button")
    assert page.text_content("#score-tried") == "1" and float(page.text_content("#score-right")) == pytest.approx(1 / n, abs=0.05)
    page.screenshot(path=str(tmp_path / "concept.png"), full_page=True)
    assert not errors, errors


@pytest.mark.parametrize("width, lang", VIEWS)
def test_two_parts_one_wrong_partial_credit_and_hidden_expected(server: str, browser, tmp_path: Path, width: int, lang: str) -> None:  # type: ignore[no-untyped-def]
    solution = api(server, "api/solution/softmax.3")
    first, second = solution["blanks"][:2]
    numbers = re.findall(r"-?\d+\.\d+", second["text"])
    wrong = second["text"].replace(numbers[-1], repr(float(numbers[-1]) + 1), 1) if second["text"].count(numbers[-1]) == 1 \
        else second["text"][: second["text"].rfind(numbers[-1])] + repr(float(numbers[-1]) + 1) + "]"
    page, errors = open_page(browser, server, "softmax.3", width=width, height=844 if width < 500 else 900, lang=lang)
    page.fill("#answer-1", first["text"])
    page.fill("#answer-2", wrong)
    page.click("#check")
    page.wait_for_selector("#verdict-2.incorrect .grid")
    page.wait_for_selector("#partial:not([hidden])")
    assert WORDS[lang]["partial"] in page.inner_text("#partial")
    assert page.text_content("#score-right") == "0.4" and page.text_content("#score-tried") == "1"
    text = page.inner_text("#verdict-2")
    expected = numbers[-1]
    assert expected not in text and page.get_attribute(".grid td.wrong", "title") is None, "expected value shown on the first try"
    page.screenshot(path=str(tmp_path / f"parts-{lang}-{width}.png"), full_page=True)
    page.click("#verdict-2 .reveal")  # on request
    expect(page.locator("#verdict-2 .msg")).to_contain_text(expected)
    fits(page, width)
    assert not errors, errors


def test_math_keyboard_on_a_phone(server: str, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """MathLive (vendored) beside the text box on a touch device: its virtual keys type an answer that checks."""
    answer = api(server, "api/solution/conv-size.2")["blanks"][0]["text"]
    page, errors = open_page(browser, server, "conv-size.2", width=390, height=844, lang="en", touch=True)
    page.click("#mathkeys-1")
    page.wait_for_selector("math-field")
    page.focus("math-field")
    page.evaluate("window.mathVirtualKeyboard.show()")
    page.wait_for_selector(".MLK__keycap")
    for digit in answer:
        page.locator(f".MLK__keycap[aria-label='{digit}']:visible").first.click()
    expect(page.locator("#answer-1")).to_have_value(answer)
    page.wait_for_selector("#preview-1 math")
    page.screenshot(path=str(tmp_path / "mathkeys.png"), full_page=True)
    page.evaluate("window.mathVirtualKeyboard.hide()")
    page.click("#check")
    page.wait_for_selector("#verdict-1.correct")
    assert not errors, errors


def test_weak_topics_view(server: str, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Right on a B question, wrong on an A question: the per-topic view says so, and the weak-topic
    button draws the next question from A."""
    solution = api(server, "api/solution/softmax.3")
    page, errors = open_page(browser, server, "softmax.3", lang="zh")
    for b in solution["blanks"]:
        page.fill(f"#answer-{b['label']}", b["text"])
    page.click("#check")
    page.wait_for_selector("#verdict-2.correct")
    page.evaluate("next('derive-least-squares-gradient.0')")
    expect(page.locator("#q-id")).to_have_text("derive-least-squares-gradient.0")
    page.fill("#steps", ALIGNED)
    page.click("#check")
    page.wait_for_selector(".step.incorrect")
    rows = {r.get_attribute("data-topic"): r.inner_text() for r in page.locator(".topics-table tr").all()}
    assert "0 / 1" in rows["A"] and "1 / 1" in rows["B"] and "/" not in rows["C"]
    page.screenshot(path=str(tmp_path / "topics.png"), full_page=True)
    page.click("#weak")
    expect(page.locator("#q-id")).not_to_have_text("derive-least-squares-gradient.0")
    expect(page.locator("#q-topic")).to_have_text(re.compile("^A "))
    assert page.locator(".chip.on").all_inner_texts()[0].startswith("A ")
    assert not errors, errors


def test_every_step_toggle_shows_the_trace_beside_the_model_lines(server: str, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Where a question carries the engine's full trace (Question.trace), "every step" shows it beside the
    model answer's lines; the bank fills the trace, so the test hands the page a solution that has one."""
    qid = "derive-least-squares-gradient.0"
    solution = api(server, f"api/solution/{qid}")
    trace = solution["steps"] + solution["steps"][:3]
    page, errors = open_page(browser, server, qid)
    page.route(f"**/api/solution/{qid}", lambda route: route.fulfill(json={**solution, "trace": trace}))
    page.click("#show")
    page.wait_for_selector("#every-step")
    assert not page.is_visible("#trace")
    page.check("#every-step")
    assert page.is_visible("#trace") and page.locator("#trace li").count() == len(trace)
    box, model = page.locator("#trace").bounding_box(), page.locator(".model-cols > .model-steps").bounding_box()
    assert box["x"] > model["x"] + model["width"] - 1, "the trace is not beside the model lines"
    page.screenshot(path=str(tmp_path / "every-step.png"), full_page=True)
    assert not errors, errors
