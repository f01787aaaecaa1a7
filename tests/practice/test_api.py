"""The practice app's JSON API (issue 15): every endpoint, and every refusal a 4xx with a JSON message.

Questions are taken from the API itself (``GET /api/question``) and their right answer from
``GET /api/solution``, so these tests hold for whatever the bank's families are.
"""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from question_bank.practice import app as app_module
from question_bank.practice import grading
from question_bank.practice.app import create_app
from question_bank.practice.safety import MAX_BODY

LABEL = {"gradient": "grad", "jacobian": "jac", "differential": "df"}  # step labels of checker.grading.steps


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(lang="en"), base_url="http://127.0.0.1:8765", raise_server_exceptions=False)


@pytest.fixture(scope="module")
def derivation(client: TestClient) -> dict:
    """A checkable derivation question with a matrix-calculus answer, and its model answer."""
    for seed in range(1, 40):  # the first derivation with a checkable result (a worked proof may have none)
        question = client.get("/api/question", params={"type": "derivation", "seed": seed}).json()
        solution = client.get(f"/api/solution/{question['id']}").json()
        if solution["blanks"] and question["id"].startswith("derive-"):
            break
    return {"question": question, "id": question["id"], "right": solution["blanks"][0]["text"], "solution": solution}


def refused(response, status: int) -> dict:
    """A refusal: the status, a JSON body with a one-line message, no traceback."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert isinstance(body["error"], str) and body["error"] and "\n" not in body["error"]
    assert "Traceback" not in response.text and 'File "' not in response.text
    return body


# ------------------------------------------------------------------ endpoints
def test_health(client: TestClient) -> None:
    r = client.get("/api/health")
    assert r.status_code == 200 and r.json()["status"] == "ok"


def test_question_is_repeatable_with_a_seed_and_filtered(client: TestClient) -> None:
    a = client.get("/api/question", params={"seed": 7}).json()
    b = client.get("/api/question", params={"seed": 7}).json()
    assert a["id"] == b["id"] and a["prompt_html"] == b["prompt_html"]
    assert set(a["prompt_html"]) == {"en", "zh"}
    for seed in range(5):
        q = client.get("/api/question", params={"type": "numeric", "seed": seed}).json()
        assert q["type"] == "numeric"
    q = client.get("/api/question", params={"topic": "A", "seed": 2}).json()
    assert q["topic"] == "A"


def test_question_prompt_is_typeset_offline(client: TestClient, derivation: dict) -> None:
    html = derivation["question"]["prompt_html"]["en"]
    assert "<math" in html and "$" not in html and "\\frac" not in html and "http" not in html.replace("http://www.w3.org/1998/Math/MathML", "")


def test_question_by_id(client: TestClient, derivation: dict) -> None:
    r = client.get(f"/api/question/{derivation['id']}")
    assert r.status_code == 200 and r.json() == derivation["question"]


def test_check_right_and_wrong_answers(client: TestClient, derivation: dict) -> None:
    right = client.post("/api/check", json={"id": derivation["id"], "answer": derivation["right"]}).json()
    assert right["verdict"] == "correct", right
    wrong = client.post("/api/check", json={"id": derivation["id"], "answer": f"-({derivation['right']})"}).json()
    assert wrong["verdict"] == "incorrect" and wrong["diagnosis"] == ["sign"] and wrong["message"]
    assert "<math" in wrong["read_as_html"]


def test_check_feedback_in_chinese(client: TestClient, derivation: dict) -> None:
    wrong = client.post("/api/check", json={"id": derivation["id"], "answer": f"-({derivation['right']})", "lang": "zh"}).json()
    assert "符号" in wrong["message"]


def test_matrix_answer_names_its_wrong_entries(client: TestClient) -> None:
    """A numeric question with a matrix answer: the wrong entry (1-based) and the student's matrix to draw."""
    solution = client.get("/api/solution/softmax.3").json()  # the variant asking the Jacobian (a matrix)
    blank = next(b for b in solution["blanks"] if ";" in b["text"] and "," in b["text"])
    rows = [row.split(",") for row in blank["text"].strip("[]").split(";")]
    rows[1][1] = repr(float(rows[1][1]) + 1)
    answer = "[" + "; ".join(", ".join(row) for row in rows) + "]"
    body = client.post("/api/check", json={"id": "softmax.3", "blank": blank["label"], "answer": answer}).json()
    assert body["verdict"] == "incorrect" and [e[:2] for e in body["wrong_entries"]] == [[2, 2]]
    assert body["answer_values"][1][1] == pytest.approx(float(rows[1][1]))


def test_check_steps_marks_each_line(client: TestClient, derivation: dict) -> None:
    right = derivation["right"]
    label = LABEL[derivation["question"]["blanks"][0]["kind"]]
    steps = f"{label} = {right}\n{label} = -({right})"
    r = client.post("/api/check", json={"id": derivation["id"], "steps": steps, "lang": "zh"})
    body = r.json()
    assert r.status_code == 200 and body["verdict"] == "incorrect"
    assert [s["verdict"] for s in body["steps"]] == ["correct", "incorrect"]
    assert body["steps"][1]["diagnosis"] == ["sign"] and "第 2 行" in body["message"]


def test_check_unreadable_answer_is_an_invalid_verdict(client: TestClient, derivation: dict) -> None:
    body = refused(client.post("/api/check", json={"id": derivation["id"], "answer": "2*(x"}), 422)
    assert body["verdict"] == "invalid" and body["column"] is not None


def test_parse_preview(client: TestClient, derivation: dict) -> None:
    r = client.post("/api/parse", json={"id": derivation["id"], "text": derivation["right"]})
    body = r.json()
    assert r.status_code == 200 and "<math" in body["html"] and body["shape"] == body["expected_shape"]
    plain = client.post("/api/parse", json={"text": "\\frac{a}{b} + x^T y"}).json()
    assert plain["plain"] and plain["shape"] is None
    refused(client.post("/api/parse", json={"text": "(a + "}), 422)


def test_solution_has_verified_steps(client: TestClient, derivation: dict) -> None:
    solution = derivation["solution"]
    assert solution["steps"] and all(s["verified"] for s in solution["steps"]) and solution["verified"] is True
    assert all("<math" in s["html"] for s in solution["steps"])


def test_docs_and_openapi_work_offline(client: TestClient) -> None:
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static-offline-docs/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text.lower()
    assert client.get("/static-offline-docs/swagger-ui-bundle.js").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/question", "/api/check", "/api/parse", "/api/solution/{qid}", "/api/health"} <= set(paths)


def test_page_is_self_contained(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "default-src 'self'" in page.headers["content-security-policy"]
    for asset in ("/", "/static/app.js", "/static/style.css"):
        text = client.get(asset).text
        assert "https://" not in text and "//cdn" not in text


# ------------------------------------------------------------------ refusals
def test_bad_json(client: TestClient) -> None:
    refused(client.post("/api/check", content=b'{"id": ', headers={"content-type": "application/json"}), 400)


@pytest.mark.parametrize("body, status", [
    ({}, 422),
    ({"answer": "x"}, 422),
    ({"id": "anything.1"}, 422),
    ({"id": "x.1", "answer": "a", "steps": "b"}, 422),
    ({"id": "x.1", "answer": 3}, 422),
    ({"id": "x.1", "answer": "a", "surprise": 1}, 422),
], ids=["empty", "no-id", "no-answer", "both", "wrong-type", "unknown-field"])
def test_missing_or_wrong_fields(client: TestClient, derivation: dict, body: dict, status: int) -> None:
    if "id" in body:
        body = {**body, "id": derivation["id"]}
    refused(client.post("/api/check", json=body), status)


@pytest.mark.parametrize("call", [
    lambda c: c.get("/api/question/no-such-family.3"),
    lambda c: c.get("/api/question/nonsense"),
    lambda c: c.get("/api/solution/no-such-family.3"),
    lambda c: c.post("/api/check", json={"id": "no-such-family.3", "answer": "1"}),
    lambda c: c.post("/api/parse", json={"id": "no-such-family.3", "text": "1"}),
], ids=["question", "malformed", "solution", "check", "parse"])
def test_unknown_ids(client: TestClient, call) -> None:  # type: ignore[no-untyped-def]
    assert "unknown question" in refused(call(client), 404)["error"]


def test_unknown_filter(client: TestClient) -> None:
    assert "one of" in refused(client.get("/api/question", params={"topic": "Z"}), 422)["error"]


def test_two_megabyte_body(client: TestClient) -> None:
    big = json.dumps({"id": "x.1", "answer": "x" * 2_000_000}).encode()
    refused(client.post("/api/check", content=big, headers={"content-type": "application/json"}), 413)


def test_chunked_body_without_length_is_cut_off_too(client: TestClient) -> None:
    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(2 * MAX_BODY // 1024):
            yield b" " * 1024

    r = client.post("/api/check", content=chunks(), headers={"content-type": "application/json"})
    assert "content-length" not in r.request.headers
    refused(r, 413)


def test_deep_nesting(client: TestClient) -> None:
    deep = b'{"id": ' + b"[" * 20_000 + b"]" * 20_000 + b"}"
    refused(client.post("/api/check", content=deep, headers={"content-type": "application/json"}), 400)
    nested_text = "(" * 500 + "x" + ")" * 500  # deep inside the answer text: the parser's own depth bound
    body = refused(client.post("/api/parse", json={"text": nested_text}), 422)
    assert body["verdict"] == "invalid"


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8765", "127.0.0.1.evil.example", "localhost.evil"])
def test_wrong_host_header(client: TestClient, host: str) -> None:
    assert "not allowed" in refused(client.get("/api/health", headers={"host": host}), 400)["error"]


@pytest.mark.parametrize("host", ["127.0.0.1:8765", "localhost:8765", "[::1]:8765", "localhost"])
def test_local_host_headers_pass(client: TestClient, host: str) -> None:
    assert client.get("/api/health", headers={"host": host}).status_code == 200


def test_given_host_is_allowed() -> None:
    c = TestClient(create_app(host="192.168.1.20"), base_url="http://192.168.1.20:8765")
    assert c.get("/api/health").status_code == 200


@pytest.mark.parametrize("origin", ["https://evil.example", "http://127.0.0.1.evil.example:8765", "null",
                                    "http://localhost:3000", "http://127.0.0.1:3000", "https://127.0.0.1:8765"])
def test_cross_site_origin(client: TestClient, derivation: dict, origin: str) -> None:
    r = client.post("/api/check", json={"id": derivation["id"], "answer": "1"}, headers={"origin": origin})
    refused(r, 403)


def test_same_origin_passes(client: TestClient, derivation: dict) -> None:
    r = client.post("/api/check", json={"id": derivation["id"], "answer": derivation["right"]},
                    headers={"origin": "http://127.0.0.1:8765"})
    assert r.status_code == 200 and r.json()["verdict"] == "correct"


def test_body_must_be_json(client: TestClient) -> None:
    refused(client.post("/api/check", content=b'{"id": "x.1", "answer": "1"}', headers={"content-type": "text/plain"}), 415)


def test_unknown_route_and_method(client: TestClient) -> None:
    refused(client.get("/api/nothing"), 404)
    refused(client.put("/api/check", json={}), 405)


def test_time_limit_is_a_json_refusal(client: TestClient, derivation: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.language.errors import LimitExceeded

    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise LimitExceeded("the check took longer than 5 s")

    monkeypatch.setattr(grading, "check", slow)
    body = refused(client.post("/api/check", json={"id": derivation["id"], "answer": "1"}), 422)
    assert body["limit"] is True and "longer than" in body["error"]


def test_bug_of_ours_is_a_500_without_traceback(client: TestClient, derivation: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise ZeroDivisionError("secret internals")

    monkeypatch.setattr(grading, "check", broken)
    body = refused(client.post("/api/check", json={"id": derivation["id"], "answer": "1"}), 500)
    assert "secret" not in body["error"]


def test_a_long_pasted_derivation_hits_the_deadline(derivation: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    """On the main thread (where uvicorn runs the app) a check is bounded by the checker's deadline, even
    though the step checker absorbs a LimitExceeded raised inside one step (the alarm repeats)."""
    from checker.language.errors import DlprepError

    label = LABEL[derivation["question"]["blanks"][0]["kind"]]
    steps = "\n".join([f"{label} = {derivation['right']}"] * 800)[: app_module.MAX_STEPS]
    monkeypatch.setattr(grading, "SECONDS", 0.3)
    # the deadline fired (how soon is a benchmark's business); where the alarm lands inside a step, the step
    # reader reports it as that line's error, still naming the time limit
    with pytest.raises(DlprepError, match="time limit"):
        grading.check(derivation["id"], None, "en", steps=steps)


def test_the_bound_survives_an_absorbed_alarm() -> None:
    """The step checker absorbs a DlprepError inside one step; the next alarm must still end the check."""
    import time

    from checker.language.errors import DlprepError, LimitExceeded
    from checker.language.limits import deadline

    def busy(until: float) -> None:
        while time.perf_counter() < until:
            pass

    start = time.perf_counter()
    absorbed = []
    with pytest.raises(LimitExceeded, match="time limit"):  # without the repeat, busy() ends quietly: no raise
        with deadline(0.1):
            try:
                busy(start + 0.5)  # the first alarm lands here and is absorbed, as in checker.grading.steps
            except DlprepError as exc:
                absorbed.append(exc)
            busy(start + 3)
    assert absorbed, "the first alarm did not fire"


# ------------------------------------------------------------------ issue 23: what the page needs
ALIGNED = ("$$\\begin{aligned} df &= 2(Ax-b)^T A\\,dx \\\\ &= -2(Ax-b)^T A\\,dx \\end{aligned}$$\n"
           "$$ jac = -2(Ax-b)^T A $$")


@pytest.mark.parametrize("lang, first", [("en", "step 2 (line 1, row 2)"), ("zh", "第 2 步（第 1 行第 2 式）")])
def test_steps_numbered_one_by_one_located_and_typeset(client: TestClient, lang: str, first: str) -> None:
    body = client.post("/api/check", json={"id": "derive-least-squares-gradient.3", "steps": ALIGNED, "lang": lang}).json()
    assert [s["n"] for s in body["steps"]] == [1, 2, 3]
    assert [s["verdict"] for s in body["steps"]] == ["correct", "incorrect", "follows"]
    assert all("<math" in s["html"] for s in body["steps"])
    assert first in body["message"]


def test_sizes_are_named_as_the_problem_names_them(client: TestClient) -> None:
    body = client.post("/api/check", json={"id": "derive-least-squares-gradient.3", "steps": "grad = A"}).json()
    assert "m×n" in body["message"] and not re.search(r"\d+×\d+", body["message"]), body["message"]


def _vector_blank(client: TestClient) -> tuple[str, str, list[str]]:
    """A softmax question whose blank is a column of at least three numbers: (id, label, entries)."""
    for seed in range(60):
        qid = f"softmax.{seed}"
        for blank in client.get(f"/api/solution/{qid}").json()["blanks"]:
            values = blank["text"].strip("[]").split("; ")
            if len(values) >= 3 and all(v.replace(".", "").replace("-", "").isdigit() for v in values):
                return qid, blank["label"], values
    raise AssertionError("no softmax question with a vector answer in 60 seeds")


def test_expected_values_only_when_revealed(client: TestClient) -> None:
    qid, label, values = _vector_blank(client)
    wrong = "[" + "; ".join([*values[:2], repr(float(values[2]) + 1), *values[3:]]) + "]"
    hidden = client.post("/api/check", json={"id": qid, "blank": label, "answer": wrong}).json()
    assert hidden["verdict"] == "incorrect" and values[2] not in hidden["message"] and "Entry 3 is wrong" in hidden["message"]
    assert hidden["wrong_entries"][0][2] is None and hidden["revealed"] is False
    shown = client.post("/api/check", json={"id": qid, "blank": label, "answer": wrong, "reveal": True}).json()
    assert values[2] in shown["message"] and shown["wrong_entries"][0][2] == pytest.approx(float(values[2]), rel=1e-3)


def test_choice_question_is_checked(client: TestClient) -> None:
    question = next(q for q in (client.get("/api/question", params={"type": "concept", "seed": s}).json() for s in range(40))
                    if q["choices"])
    assert question["checkable"] and all("correct" not in c for c in question["choices"])  # the page is not told
    right = client.get(f"/api/solution/{question['id']}").json()["choice"]
    wrong = next(c["letter"] for c in question["choices"] if c["letter"] != right)
    label = next((b["label"] for b in question["blanks"] if b["kind"] == "choice"), None)
    ok = client.post("/api/check", json={"id": question["id"], "blank": label, "answer": right, "lang": "zh"}).json()
    assert ok["verdict"] == "correct"
    bad = client.post("/api/check", json={"id": question["id"], "blank": label, "answer": wrong}).json()
    assert bad["verdict"] == "incorrect" and f"{right}." not in bad["message"]


def test_a_proofs_result_alone_is_not_its_proof(client: TestClient) -> None:
    question = client.get("/api/question", params={"type": "proof", "seed": 3}).json()
    assert question["mode"] == "steps"
    right = client.get(f"/api/solution/{question['id']}").json()["blanks"][0]["text"]
    body = client.post("/api/check", json={"id": question["id"], "answer": right}).json()
    assert body["verdict"] == "correct" and body["proof_incomplete"] is True and "proof" in body["message"]


def test_question_has_a_title_and_parts(client: TestClient) -> None:
    q = client.get("/api/question/mlp-pass.1").json()
    assert q["title_html"]["en"].startswith("<p>") and len(q["blanks"]) == 5 and q["mode"] == "answer"
    assert all("what_html" in b and "points" in b for b in q["blanks"])
    solution = client.get("/api/solution/softmax.1").json()
    assert "bmatrix" not in solution["answer_html"]["en"] and solution["answer_html"]["en"].count("<mtable") == 0  # each matrix once


def test_expected_answer_on_request_in_the_pages_language(client: TestClient, derivation: dict) -> None:
    wrong = {"id": derivation["id"], "answer": f"-({derivation['right']})", "lang": "zh"}
    first = client.post("/api/check", json=wrong).json()
    assert "正确答案：" not in first["message"] and "expected_html" not in first
    second = client.post("/api/check", json={**wrong, "reveal": True}).json()
    assert "正确答案：" in second["message"] and "right answer" not in second["message"] and "<math" in second["expected_html"]


def test_arg_min_is_typeset() -> None:
    from question_bank.practice.render import math

    out = math(r"\arg\min_{p \ge 0} \|p - z\|^2")
    assert "\\arg" not in out and ">arg<" in out and ">min<" in out


def test_a_proof_of_one_line_is_not_a_proof(client: TestClient) -> None:
    question = client.get("/api/question", params={"type": "proof", "seed": 3}).json()
    right = client.get(f"/api/solution/{question['id']}").json()["blanks"][0]["text"]
    label = LABEL.get(question["blanks"][0]["kind"], "grad")
    body = client.post("/api/check", json={"id": question["id"], "steps": f"{label} = {right}", "lang": "zh"}).json()
    assert body["proof_incomplete"] is True and "证明题" in body["message"]
