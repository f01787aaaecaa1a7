"""The practice server under a hostile neighbour (issue 22, item 4): can one client block the others?

Run: python benchmarks/bench_practice_load.py [--seconds 6] [--compare /work/main]

Starts `dlprep practice --port 0` from this tree (and, with --compare, from another tree: today's
figures) and measures, with bounded loops on 127.0.0.1 only:
1. a plain check over HTTP, one client, keep-alive: the median (target < 50 ms);
2. one client looping slow checks (a pasted derivation of ~450 lines) while three other clients
   check plain answers and ask for questions: the others' median and p90 (target median < 100 ms);
3. 70 half-open connections (35 stopped half-way through the headers, 35 that declare a body and
   never send it) held open while another client connects afresh for each request: how many of its
   requests succeed and their median (target: all succeed).
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
LABEL = {"gradient": "grad", "jacobian": "jac", "differential": "df"}


def start(tree: Path) -> tuple[subprocess.Popen[str], str]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    proc = subprocess.Popen([sys.executable, "-m", "dlprep", "practice", "--port", "0", "--lang", "en"], cwd=tree,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    match = re.search(r"http://127\.0\.0\.1:\d+/", proc.stdout.readline())  # type: ignore[union-attr]
    if not match:
        proc.kill()
        sys.exit("the server did not start")
    url = match.group(0)
    for _ in range(200):
        try:
            httpx.get(url + "api/health", timeout=2)
            break
        except httpx.TransportError:
            time.sleep(0.1)
    return proc, url


def material(url: str) -> dict:
    with httpx.Client(base_url=url, timeout=30) as c:
        qid = "derive-least-squares-gradient.0"  # a derivation of a gradient, one part
        right = c.get(f"/api/solution/{qid}").json()["blanks"][0]["text"]
        kind = c.get(f"/api/question/{qid}").json()["blanks"][0]["kind"]
    line = f"{LABEL[kind]} = {right}"
    slow = "\n".join([line] * 450)[:19_900].rsplit("\n", 1)[0]
    return {"id": qid, "right": right, "slow": slow, "lines": slow.count("\n") + 1}


def ms(t0: float) -> float:
    return 1000 * (time.perf_counter() - t0)


def plain_checks(url: str, m: dict, n: int) -> list[float]:
    out = []
    with httpx.Client(base_url=url, timeout=30) as c:
        for i in range(n):
            t0 = time.perf_counter()
            c.post("/api/check", json={"id": m["id"], "answer": m["right"] if i % 2 else f"-({m['right']})"})
            out.append(ms(t0))
    return out


def neighbour(url: str, m: dict, seconds: float) -> dict:
    stop = time.monotonic() + seconds
    slow_done: list[float] = []

    def hog() -> None:
        with httpx.Client(base_url=url, timeout=60) as c:
            while time.monotonic() < stop:
                t0 = time.perf_counter()
                c.post("/api/check", json={"id": m["id"], "steps": m["slow"]})
                slow_done.append(ms(t0))

    others: list[float] = []
    failures = [0]

    def other(k: int) -> None:
        with httpx.Client(base_url=url, timeout=60) as c:
            i = 0
            while time.monotonic() < stop and i < 2000:
                i += 1
                t0 = time.perf_counter()
                r = (c.post("/api/check", json={"id": m["id"], "answer": m["right"]}) if (i + k) % 2
                     else c.get("/api/health"))
                others.append(ms(t0))
                failures[0] += r.status_code != 200
                time.sleep(0.02)

    threads = [threading.Thread(target=hog)] + [threading.Thread(target=other, args=(k,)) for k in range(3)]
    threads[0].start()
    time.sleep(0.3)
    for t in threads[1:]:
        t.start()
    for t in threads:
        t.join()
    return {"others": others, "slow": slow_done, "failures": failures[0]}


def half_open(url: str, m: dict, hold: float) -> dict:
    port = int(url.rsplit(":", 1)[1].strip("/"))
    socks = []
    for i in range(70):
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        if i % 2:
            s.sendall(b"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n")
        else:
            s.sendall(b"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                      b"Content-Length: 1000\r\n\r\n{\"id\": ")
        socks.append(s)
    time.sleep(0.3)
    times, ok = [], 0
    stop = time.monotonic() + hold
    tries = 0
    while time.monotonic() < stop and tries < 200:
        tries += 1
        t0 = time.perf_counter()
        try:
            with httpx.Client(base_url=url, timeout=5) as c:  # a fresh connection each time
                r = c.post("/api/check", json={"id": m["id"], "answer": m["right"]})
            ok += r.status_code == 200
        except httpx.HTTPError:
            pass
        times.append(ms(t0))
        time.sleep(0.05)
    for s in socks:
        s.close()
    return {"ok": ok, "tries": tries, "times": times}


def measure(tree: Path, seconds: float) -> dict:
    proc, url = start(tree)
    try:
        m = material(url)
        plain = plain_checks(url, m, 200)
        busy = neighbour(url, m, seconds)
        held = half_open(url, m, seconds / 2)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
    return {"plain": plain, "busy": busy, "held": held, "lines": m["lines"]}


def row(name: str, figures: list[dict], fn) -> None:  # type: ignore[no-untyped-def]
    print(f"{name:<52}" + "".join(f"{fn(f):>22}" for f in figures))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=6.0, help="length of the neighbour run (bounded)")
    parser.add_argument("--compare", type=Path, help="another tree to measure first (today's code, e.g. /work/main)")
    args = parser.parse_args()
    trees = ([args.compare] if args.compare else []) + [ROOT]
    figures = [measure(tree, args.seconds) for tree in trees]
    med = lambda xs: f"{statistics.median(xs):.1f} ms" if xs else "none"  # noqa: E731
    p90 = lambda xs: f"{statistics.quantiles(xs, n=10)[-1]:.1f} ms" if len(xs) > 1 else "n/a"  # noqa: E731
    print(f"dlprep practice under load, 127.0.0.1, {args.seconds:g} s neighbour run\n")
    row("", [{"name": str(t)} for t in trees], lambda f: f["name"][-20:])
    row("plain check, one client: median", figures, lambda f: med(f["plain"]))
    row(f"slow check ({figures[-1]['lines']} lines) per request: median", figures, lambda f: med(f["busy"]["slow"]))
    row("others beside the slow client: median", figures, lambda f: med(f["busy"]["others"]))
    row("others beside the slow client: p90", figures, lambda f: p90(f["busy"]["others"]))
    row("others beside the slow client: requests (non-200)", figures,
        lambda f: f"{len(f['busy']['others'])} ({f['busy']['failures']})")
    row("70 half-open connections: fresh requests answered", figures, lambda f: f"{f['held']['ok']} / {f['held']['tries']}")
    row("70 half-open connections: median", figures, lambda f: med(f["held"]["times"]))
    new = figures[-1]
    print(f"\ntargets: plain check median < 50 ms: {'met' if statistics.median(new['plain']) < 50 else 'MISSED'}; "
          f"others' median < 100 ms: {'met' if new['busy']['others'] and statistics.median(new['busy']['others']) < 100 else 'MISSED'}; "
          f"half-open connections lock nobody out: {'met' if new['held']['ok'] == new['held']['tries'] else 'MISSED'}")


if __name__ == "__main__":
    main()
