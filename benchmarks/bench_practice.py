"""Speed of the practice app (issue 15): check latency over HTTP and the page's time to interactive.

Run: python benchmarks/bench_practice.py [--requests N]

Starts `dlprep practice --port 0` as a subprocess (uvicorn, as a student runs it) and measures, over a
bounded loop of keep-alive requests to 127.0.0.1:
* the anchor: GET /api/health (the framework's own floor in this run);
* POST /api/check of a derivation answer (right and wrong alternately), a numeric matrix answer,
  a pasted 3-line derivation, and POST /api/parse (the live preview);
* the page's time to interactive in Debian's headless chromium: navigation start to the moment the
  page has its first question and is ready for keys (``body[data-ready]``), median of 5 fresh loads.
Targets: check median < 50 ms, page interactive < 1 s.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time

import httpx

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def start() -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen([sys.executable, "-m", "dlprep", "practice", "--port", "0", "--lang", "en"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()  # type: ignore[union-attr]
    match = re.search(r"http://127\.0\.0\.1:\d+/", line)
    if not match:
        proc.kill()
        sys.exit(f"the server did not start: {line!r}")
    return proc, match.group(0)


def timed(client: httpx.Client, n: int, method: str, path: str, bodies: list[dict] | None = None) -> list[float]:
    out = []
    for i in range(n):
        body = bodies[i % len(bodies)] if bodies else None
        t0 = time.perf_counter()
        r = client.request(method, path, json=body)
        out.append(1000 * (time.perf_counter() - t0))
        if r.status_code != 200:
            raise SystemExit(f"{method} {path} {body}: {r.status_code} {r.text[:200]}")
    return out


def page_interactive(url: str, qid: str, loads: int = 5) -> list[float]:
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for _ in range(loads):
            page = browser.new_page()
            page.goto(f"{url}?q={qid}")
            page.wait_for_selector("body[data-ready='1']")
            out.append(page.evaluate("performance.now()"))  # ms since navigation start, when ready was seen
            page.close()
        browser.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300, help="requests per measured endpoint (bounded loop)")
    n = parser.parse_args().requests
    proc, url = start()
    try:
        with httpx.Client(base_url=url, timeout=30) as client:
            for _ in range(100):
                try:
                    client.get("/api/health")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            derivation = "derive-least-squares-gradient.0"  # a derivation of a gradient, one part
            right = client.get(f"/api/solution/{derivation}").json()["blanks"][0]["text"]
            kind = client.get(f"/api/question/{derivation}").json()["blanks"][0]["kind"]
            label = {"gradient": "grad", "jacobian": "jac", "differential": "df"}[kind]
            numeric = client.get("/api/solution/softmax.1").json()["blanks"][-1]
            answers = [{"id": derivation, "answer": right}, {"id": derivation, "answer": f"-({right})"}]
            rows = [
                ("anchor: GET /api/health", timed(client, n, "GET", "/api/health")),
                ("POST /api/check derivation answer", timed(client, n, "POST", "/api/check", answers)),
                ("POST /api/check matrix literal", timed(client, n, "POST", "/api/check",
                                                         [{"id": "softmax.1", "blank": numeric["label"], "answer": numeric["text"]}])),
                ("POST /api/check 3-line derivation", timed(client, max(n // 3, 10), "POST", "/api/check",
                                                            [{"id": derivation, "steps": f"{label} = {right}\n{label} = {right}\n{label} = -({right})"}])),
                ("POST /api/parse (live preview)", timed(client, n, "POST", "/api/parse", [{"id": derivation, "text": right}])),
            ]
        page = page_interactive(url, derivation)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    anchor = statistics.median(rows[0][1])
    print(f"dlprep practice on {url} — {n} requests per row, keep-alive, one client\n")
    print(f"{'what':<38} {'median ms':>10} {'p90 ms':>9} {'× anchor':>9}")
    for name, times in rows:
        med = statistics.median(times)
        p90 = statistics.quantiles(times, n=10)[-1]
        print(f"{name:<38} {med:>10.2f} {p90:>9.2f} {med / anchor:>9.1f}")
    print(f"{'page interactive (5 fresh loads)':<38} {statistics.median(page):>10.0f} {max(page):>9.0f}")
    check_median = statistics.median(rows[1][1])
    print(f"\ntargets: check median {check_median:.1f} ms (< 50: {'met' if check_median < 50 else 'MISSED'}), "
          f"page interactive {statistics.median(page):.0f} ms (< 1000: {'met' if statistics.median(page) < 1000 else 'MISSED'})")
    print(json.dumps({"check_median_ms": round(check_median, 2), "health_median_ms": round(anchor, 2),
                      "page_interactive_ms": round(statistics.median(page))}))


if __name__ == "__main__":
    main()
