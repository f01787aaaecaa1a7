"""The practice server one client cannot block (issue 22, item 4): real uvicorn on 127.0.0.1, real
worker processes, bounded loops. Speed figures are in benchmarks/bench_practice_load.py; these tests
assert what happens (who is answered, in which order, which status), not how fast.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn

from question_bank.practice import server
from question_bank.practice.app import create_app

LABEL = {"gradient": "grad", "jacobian": "jac", "differential": "df"}


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    """The app as `dlprep practice` serves it (two workers), with short head, body and work bounds."""
    app = create_app(lang="en", workers=2, seconds=0.2, body_seconds=0.5)
    sock = server.listen("127.0.0.1", 0)
    srv = uvicorn.Server(server.config(app, header_seconds=0.5))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    for _ in range(300):
        if srv.started:
            break
        time.sleep(0.05)
    assert srv.started, "the server did not start"
    yield base
    srv.should_exit = True
    thread.join(timeout=20)
    sock.close()


@pytest.fixture(scope="module")
def question(url: str) -> dict:
    with httpx.Client(base_url=url, timeout=30) as c:
        for seed in range(1, 60):  # a derivation whose first part is a gradient or Jacobian to write as a step
            q = c.get("/api/question", params={"type": "derivation", "seed": seed}).json()
            if q["blanks"] and q["blanks"][0]["kind"] in LABEL:
                break
        qid, kind = q["id"], q["blanks"][0]["kind"]
        right = c.get(f"/api/solution/{qid}").json()["blanks"][0]["text"]
    line = f"{LABEL[kind]} = {right}"
    return {"id": qid, "right": right, "slow": "\n".join([line] * 450)[:19_900].rsplit("\n", 1)[0]}


def test_a_slow_check_does_not_hold_up_other_clients(url: str, question: dict) -> None:
    """While one client loops long derivations, other clients' checks are answered, not queued behind them."""
    slow_done = threading.Event()
    slow_status: list[int] = []

    def slow() -> None:
        with httpx.Client(base_url=url, timeout=60) as c:
            for _ in range(4):
                slow_status.append(c.post("/api/check", json={"id": question["id"], "steps": question["slow"]}).status_code)
        slow_done.set()

    hog = threading.Thread(target=slow)
    hog.start()
    time.sleep(0.2)  # the slow check is in a worker now
    answered_while_slow = 0
    with httpx.Client(base_url=url, timeout=30) as c:
        for i in range(8):
            r = c.post("/api/check", json={"id": question["id"], "answer": question["right"]})
            assert r.status_code == 200 and r.json()["verdict"] == "correct"
            assert c.get("/api/health").status_code == 200
            answered_while_slow += not slow_done.is_set()
    hog.join(timeout=60)
    assert len(slow_status) == 4 and set(slow_status) <= {200, 422}
    assert answered_while_slow >= 6, f"only {answered_while_slow} of 8 answered while the slow checks ran"


def test_the_deadline_ends_a_check_and_the_worker_serves_on(url: str, question: dict) -> None:
    """A pasted derivation past the bound (0.2 s here) is a JSON refusal naming the time limit; the next check works."""
    with httpx.Client(base_url=url, timeout=60) as c:
        results = [c.post("/api/check", json={"id": question["id"], "steps": question["slow"]}) for _ in range(2)]
        after = c.post("/api/check", json={"id": question["id"], "answer": question["right"]})
    assert after.status_code == 200 and after.json()["verdict"] == "correct"
    for r in results:
        assert r.status_code == 422 and r.json()["limit"] is True and "time limit" in r.json()["error"], r.text


def _raw(port: int, data: bytes) -> socket.socket:
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(data)
    return s


def _port(url: str) -> int:
    return int(url.rsplit(":", 1)[1])


def test_seventy_half_open_connections_lock_nobody_out(url: str, question: dict) -> None:
    half_head = b"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
    half_body = half_head + b"Content-Length: 1000\r\n\r\n{\"id\": "
    held = [_raw(_port(url), half_head if i % 2 else half_body) for i in range(70)]
    try:
        statuses = []
        for _ in range(10):
            with httpx.Client(base_url=url, timeout=10) as c:  # a fresh connection each time
                statuses.append(c.post("/api/check", json={"id": question["id"], "answer": question["right"]}).status_code)
        assert statuses == [200] * 10
    finally:
        for s in held:
            s.close()


def test_a_half_sent_head_is_closed(url: str) -> None:
    s = _raw(_port(url), b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    try:
        assert s.recv(100) == b"", "the server kept a half-sent request open"
    finally:
        s.close()


def test_a_body_that_never_arrives_is_a_408(url: str) -> None:
    s = _raw(_port(url), b"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                         b"Content-Length: 500\r\n\r\n{\"id\": ")
    reply = b""
    try:
        while b"did not arrive" not in reply:
            chunk = s.recv(4096)
            if not chunk:
                break
            reply += chunk
    finally:
        s.close()
    assert reply.startswith(b"HTTP/1.1 408") and b"did not arrive" in reply


@pytest.mark.parametrize("origin", ["http://localhost:3000", "http://127.0.0.1:1", "https://127.0.0.1"])
def test_only_the_pages_own_origin(url: str, question: dict, origin: str) -> None:
    with httpx.Client(base_url=url, timeout=10) as c:
        body = {"id": question["id"], "answer": question["right"]}
        assert c.post("/api/check", json=body, headers={"origin": origin}).status_code == 403
        assert c.post("/api/check", json=body, headers={"origin": url}).status_code == 200


def test_a_full_queue_is_busy_at_once_not_a_pile_up() -> None:
    """One worker, no waiting room: while it works, the next request is refused (503 in the app) at once."""
    import asyncio

    from question_bank.practice.pool import Busy, Pool

    async def scenario() -> tuple[object, object]:
        pool = Pool(1, waiting=0)
        await pool.start()
        try:
            return tuple(await asyncio.gather(pool.run("question_by_id", "derive-trace-linear-gradient.11"),
                                              pool.run("health"), return_exceptions=True))  # type: ignore[return-value]
        finally:
            pool.close()

    first, second = asyncio.run(scenario())
    assert isinstance(first, dict) and first["id"] == "derive-trace-linear-gradient.11"
    assert isinstance(second, Busy)
