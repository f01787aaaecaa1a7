"""The practice page driven by a real browser (issue 15): Debian's chromium through Playwright.

`dlprep practice --port 0` runs as a subprocess (as a student starts it: uvicorn on the main thread,
so the checker's deadline is live); the test types a right and a wrong answer, pastes a derivation,
reveals the solution, uses the keyboard, and takes screenshots at desktop and phone width.
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

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]


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


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    from conftest import need

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=need("chromium"), args=ARGS)
        yield b
        b.close()


def open_page(browser, url: str, qid: str, *, width: int = 1280, height: int = 900, lang: str = "en"):  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": width, "height": height})
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
    question = api(server, "api/question?type=derivation&seed=1")
    right = api(server, f"api/solution/{question['id']}")["blanks"][0]["text"]
    page, errors = open_page(browser, server, question["id"])
    assert page.locator("#prompt math").count() > 0 and "$" not in page.inner_text("#prompt")

    # live preview while typing (debounced /api/parse), then Enter checks
    page.fill("#answer-1", f"-({right})")
    page.wait_for_selector("#preview-1 math")
    assert "shape" in page.inner_text("#preview-1")
    page.press("#answer-1", "Enter")
    page.wait_for_selector("#verdict-1.incorrect")
    assert "sign" in page.inner_text("#verdict-1") and "negative" in page.inner_text("#verdict-1")
    assert page.text_content("#score-tried") == "1" and page.text_content("#score-right") == "0"
    assert question["id"] in page.inner_text("#missed")

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
    assert "line 2" in page.inner_text("#verdict-steps")
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
    from playwright.sync_api import expect

    page.keyboard.press("n")
    expect(page.locator("#q-id")).not_to_have_text(question["id"])
    page.reload()
    page.wait_for_selector("body[data-ready='1']")
    assert page.text_content("#score-tried") == "1"
    assert not errors, errors
    assert (tmp_path / "desktop.png").stat().st_size > 20_000


def test_phone_width_in_chinese(server: str, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    question = api(server, "api/question?type=derivation&seed=1")
    page, errors = open_page(browser, server, question["id"], width=390, height=844, lang="zh")
    assert "检查" in page.inner_text("#check")
    page.fill("#answer-1", "2*(")
    page.press("#answer-1", "Enter")
    page.wait_for_selector("#verdict-1.invalid")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways at phone width ({width}px)"
    page.screenshot(path=str(tmp_path / "phone.png"), full_page=True)
    assert not errors, errors


def test_matrix_answer_marks_the_wrong_entry(server: str, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A numeric matrix question: one wrong entry is drawn red in the student's matrix."""
    question = api(server, "api/question/softmax.1")
    blank = next(b for b in api(server, "api/solution/softmax.1")["blanks"] if ";" in b["text"] and "," in b["text"])
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
    page = browser.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server) else None)
    page.goto(server + "docs")
    page.wait_for_selector(".opblock")
    assert "/api/check" in page.inner_text("body") and not outside, outside
