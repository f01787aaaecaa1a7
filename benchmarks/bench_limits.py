"""What the limits cost and what they save (issue 13).

Run: python benchmarks/bench_limits.py

Prints, measured in the same run:
* the anchor: one ordinary `dlprep check --expr` call (wall time, a subprocess), then the wall time
  of the hostile inputs the issue timed before the fix (a 100000 × 100000 declaration, 20000 × 20000,
  `derive` on 3000 × 3000, `derive "x' x * 2^(10^10)"`) — each now refused or shrunk;
* the worker's overhead: one identity check in process vs through `run_bounded` (fork + pickle);
* a 1,000-line batch in process (`grade_lines`) vs in one isolated worker (`grade_lines_isolated`).
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time

from checker.grading.batch import grade_lines, grade_lines_isolated
from checker.grading.identity import check_identity
from checker.language.worker import run_bounded

LSQ = ["--expr", "||A x - b||^2", "--wrt", "x"]
CASES = [
    ("anchor: check --expr (ordinary)", ["check", *LSQ, "--shapes", "A: m x n, x: n, b: m", "--answer", "2A'(Ax-b)"]),
    ("check, A: 100000 x 100000 (was MemoryError)", ["check", *LSQ, "--shapes", "A: 100000 x 100000, x: 100000, b: 100000", "--answer", "2A'(Ax-b)"]),
    ("check, A: 1000 x 999 (shrunk)", ["check", *LSQ, "--shapes", "A: 1000 x 999, x: 999, b: 1000", "--answer", "2A'(Ax-b)"]),
    ("derive, A: 1000 x 999 (was 24 s at 3000)", ["derive", "||A x - b||^2", "--wrt", "x", "--shapes", "A: 1000 x 999, x: 999, b: 1000"]),
    ("derive x' x * 2^(10^10) (was 30 s, 2.8 GB)", ["derive", "x' x * 2^(10^10)", "--wrt", "x", "--shapes", "x: n"]),
]


def wall(args: list[str]) -> tuple[float, float, int]:
    """Wall time, CPU time (user + system, the process and its workers) and exit code of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "dlprep", *args], capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return time.perf_counter() - start, cpu, done.returncode


def median_seconds(fn, repeat: int = 7) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    print(f"{'what':<48} {'wall':>8} {'cpu':>8}  exit")
    for label, args in CASES:
        seconds, cpu, code = wall(args)
        print(f"{label:<48} {seconds:7.2f}s {cpu:7.2f}s  {code}")
    identity = ("tr(A B) = tr(B A)", "A: m x n, B: n x m")
    inline = median_seconds(lambda: check_identity(*identity))
    forked = median_seconds(lambda: run_bounded(check_identity, *identity))
    print(f"{'identity check in process (median)':<48} {inline * 1000:7.1f}ms")
    print(f"{'identity check via run_bounded (median)':<48} {forked * 1000:7.1f}ms  (+{(forked - inline) * 1000:.1f} ms fork)")
    answers = ["2A^T(Ax-b)", "A^T(Ax-b)", "2 A^T A x - 2 A^T b", "-2A^T(Ax-b)"]
    lines = [json.dumps({"expr": "||A x - b||^2", "wrt": "x", "shapes": "A: m x n, x: n, b: m", "answer": answers[i % 4]})
             for i in range(1000)]
    for label, grade in (("1,000-line batch in process", grade_lines), ("1,000-line batch, isolated worker", grade_lines_isolated)):
        start = time.perf_counter()
        results = list(grade(lines, None))
        print(f"{label:<48} {time.perf_counter() - start:7.2f}s  ({len(results)} results)")


if __name__ == "__main__":
    main()
